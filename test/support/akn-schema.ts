import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { validateXML, type XMLValidationResult } from 'xmllint-wasm';

/**
 * The OASIS Akoma Ntoso 3.0 schema, kept outside the repository in the shared fixtures
 * (`../shared/fixtures/akn` from the project root, where Jest runs, or AKN_SCHEMA_DIR). Null when it is absent:
 * tests then skip only the schema validation, and say so.
 */
export const AKN_SCHEMA_DIR = resolve(process.env.AKN_SCHEMA_DIR ?? join(process.cwd(), '..', 'shared', 'fixtures', 'akn'));

export function aknSchemaAvailable(): boolean {
  const there = existsSync(join(AKN_SCHEMA_DIR, 'akomantoso30.xsd')) && existsSync(join(AKN_SCHEMA_DIR, 'xml.xsd'));

  if (!there) console.warn(`Akoma Ntoso schema not found in ${AKN_SCHEMA_DIR} (set AKN_SCHEMA_DIR): XSD validation skipped, the other checks still run`);
  return there;
}

/** Validates with libxml2 (xmllint compiled to WebAssembly) against akomantoso30.xsd, which imports ./xml.xsd. */
export function validateAkn(xml: string): Promise<XMLValidationResult> {
  return validateXML({
    xml: { fileName: 'statement.xml', contents: xml },
    schema: { fileName: 'akomantoso30.xsd', contents: readFileSync(join(AKN_SCHEMA_DIR, 'akomantoso30.xsd'), 'utf8') },
    preload: { fileName: 'xml.xsd', contents: readFileSync(join(AKN_SCHEMA_DIR, 'xml.xsd'), 'utf8') },
  });
}

/** Parses with jsdom's DOMParser (a real XML parser); throws unless the document is well-formed. */
export function parseXml(xml: string): Document {
  const doc = new new JSDOM('').window.DOMParser().parseFromString(xml, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`not well-formed: ${error.textContent}`);
  return doc;
}

/** Elements of the Akoma Ntoso namespace by local name, in document order. */
export function akn(root: Document | Element, name: string): Element[] {
  return [...root.getElementsByTagNameNS('http://docs.oasis-open.org/legaldocml/ns/akn/3.0', name)];
}
