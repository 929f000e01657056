import { DateTime } from 'luxon';
import { create } from 'xmlbuilder2';
import { type XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { alpha3Of } from '../../common/languages.js';
import { type Paragraph } from '../core/paragraphs.js';
import { ParagraphKind } from '../core/statement.enums.js';

export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

/** What the export needs of an adopted statement, its version's text in one language, and where it was adopted. */
export interface AknStatement {
  reference: string;
  pressReference: string | null;
  title: string;
  /** BCP 47 tag of the text below. */
  language: string;
  paragraphs: readonly Paragraph[];
  adoptedAt: Date;
  /** IANA zone in which the adoption date is told (the meeting's venue; UTC without a meeting). */
  timezone: string;
  /** Where it was adopted (the meeting's location), if known. */
  place: string | null;
  /** The body that adopted it: the FRBR author. */
  author: { name: string };
  /** FRBRcountry: `eu` for the Union's bodies. */
  country: string;
}

/** An NCName-safe, lower-case token for URIs and eIds: `JHA 2012/004` → `jha-2012-004`. */
export function aknToken(text: string): string {
  const token = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(token) ? token : `x-${token}`;
}

/** The FRBR URIs, after the Akoma Ntoso naming convention: /akn/<country>/statement/jointStatement/<date>/<number>[/<lang>@][/!main…]. */
export function aknUris(s: Pick<AknStatement, 'reference' | 'language' | 'adoptedAt' | 'timezone' | 'country'>) {
  const date = adoptionDate(s);
  // A language stored before tags were checked (checkLanguage) has no code: ISO 639-2's "und"
  // (undetermined) keeps the export answering instead of failing.
  const language = alpha3Of(s.language) ?? 'und';
  const work = `/akn/${s.country}/statement/jointStatement/${date}/${aknToken(s.reference)}`;
  const expression = `${work}/${language}@`;
  return { date, language, work, expression, manifestation: `${expression}/!main.xml` };
}

/** The locale the date is written in: the text's language; plain English as the EU writes it (21 June 2012). */
function dateLocale(language: string): string {
  if (language === 'en') return 'en-GB';
  try {
    return Intl.getCanonicalLocales(language)[0];
  } catch {
    return 'en-GB'; // a malformed tag stored before tags were checked (checkLanguage) would make Intl throw
  }
}

function adoptionDate(s: Pick<AknStatement, 'adoptedAt' | 'timezone'>): string {
  return DateTime.fromJSDate(s.adoptedAt, { zone: s.timezone }).toISODate()!;
}

/**
 * The Akoma Ntoso 3.0 document of an adopted statement in one language: `<statement
 * name="jointStatement">` with FRBR identification, the title and references in the preface, the
 * PREAMBLE paragraphs as recitals, OPERATIVE and GOAL paragraphs as numbered `paragraph`s of the
 * main body (`class` says which; `wId` is the paragraph key, the same in every version and
 * language), and the place and date of adoption in the conclusions. Built node by node with
 * xmlbuilder2, which escapes every text and attribute.
 */
export function buildAkomaNtoso(s: AknStatement): string {
  const uris = aknUris(s);
  const author = `body-${aknToken(s.author.name)}`;
  const place = s.place ? `place-${aknToken(s.place)}` : null;

  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele(AKN_NAMESPACE, 'akomaNtoso');
  const statement = doc.ele('statement', { name: 'jointStatement' });

  const meta = statement.ele('meta');
  const identification = meta.ele('identification', { source: '#concordia' });
  const frbr = (parent: XMLBuilder, name: string, self: string, uri: string, fill: (e: XMLBuilder) => void) => {
    const e = parent.ele(name);
    e.ele('FRBRthis', { value: self });
    e.ele('FRBRuri', { value: uri });
    e.ele('FRBRdate', { date: uris.date, name: 'adoption' });
    e.ele('FRBRauthor', { href: `#${author}`, as: '#author' });
    fill(e);
  };
  frbr(identification, 'FRBRWork', `${uris.work}/!main`, uris.work, (e) => {
    e.ele('FRBRcountry', { value: s.country });
    e.ele('FRBRnumber', { value: s.reference });
    e.ele('FRBRname', { value: 'jointStatement' });
  });
  frbr(identification, 'FRBRExpression', `${uris.expression}/!main`, uris.expression, (e) => {
    e.ele('FRBRlanguage', { language: uris.language });
  });
  frbr(identification, 'FRBRManifestation', uris.manifestation, `${uris.expression}.akn`, (e) => {
    e.ele('FRBRformat', { value: 'application/akn+xml' });
  });

  const references = meta.ele('references', { source: '#concordia' });
  references.ele('TLCOrganization', { eId: 'concordia', href: '/akn/ontology/organizations/concordia', showAs: 'Concordia' });
  references.ele('TLCOrganization', { eId: author, href: `/akn/ontology/organizations/${s.country}/${aknToken(s.author.name)}`, showAs: s.author.name });
  if (place && s.place) references.ele('TLCLocation', { eId: place, href: `/akn/ontology/locations/${aknToken(s.place)}`, showAs: s.place });
  references.ele('TLCRole', { eId: 'author', href: '/akn/ontology/roles/author', showAs: 'Author' });

  const preface = statement.ele('preface');
  preface.ele('p', { class: 'title' }).ele('docTitle').txt(s.title);
  preface.ele('p', { class: 'reference' }).ele('docNumber').txt(s.reference);
  if (s.pressReference) preface.ele('p', { class: 'pressReference' }).ele('docNumber', { refersTo: '#pressReference' }).txt(s.pressReference);

  const preamble = s.paragraphs.filter((p) => p.kind === ParagraphKind.PREAMBLE);
  if (preamble.length > 0) {
    const recitals = statement.ele('preamble').ele('recitals', { eId: 'recs' });
    preamble.forEach((p, i) =>
      recitals
        .ele('recital', { eId: `recs__rec_${i + 1}`, wId: `recs__${aknToken(p.key)}` })
        .ele('p')
        .txt(p.text),
    );
  }

  // The schema wants a non-empty mainBody; a statement of preamble only still gets one (empty) paragraph container.
  const main = s.paragraphs.filter((p) => p.kind !== ParagraphKind.PREAMBLE);
  const mainBody = statement.ele('mainBody');
  main.forEach((p, i) => {
    const isGoal = p.kind === ParagraphKind.GOAL;
    const para = mainBody.ele('paragraph', { eId: `para_${i + 1}`, wId: `para__${aknToken(p.key)}`, class: isGoal ? 'goal' : 'operative' });
    para.ele('num').txt(`${i + 1}.`);
    para.ele('content').ele('p').txt(p.text);
  });
  if (main.length === 0) mainBody.ele('p');

  const conclusions = statement.ele('conclusions').ele('p', { class: 'placeAndDate' });
  if (place && s.place)
    conclusions
      .ele('location', { refersTo: `#${place}` })
      .txt(s.place)
      .up()
      .txt(', ');
  conclusions
    .ele('date', { date: uris.date, refersTo: '#adoption' })
    .txt(new Intl.DateTimeFormat(dateLocale(s.language), { dateStyle: 'long', timeZone: s.timezone }).format(s.adoptedAt));

  // Not pretty-printed: indentation would add whitespace inside the mixed content of the conclusions.
  return doc.end({ prettyPrint: false });
}
