import { describe, expect, it } from '@jest/globals';
import { akn, aknSchemaAvailable, parseXml, validateAkn } from '../../../test/support/akn-schema.js';
import { AKN_NAMESPACE, aknToken, aknUris, buildAkomaNtoso, type AknStatement } from './akoma-ntoso.js';
import { alpha3Of, canonicalLanguage } from '../../common/languages.js';
import { ParagraphKind } from '../core/statement.enums.js';

const GLOBAL_ALLIANCE: AknStatement = {
  reference: 'JHA 2012/004',
  pressReference: '12-784',
  title: 'Global Alliance against Child Sexual Abuse Online',
  language: 'en',
  paragraphs: [
    { key: 'pre1', kind: ParagraphKind.PREAMBLE, text: 'We, the Ministers of Justice and Home Affairs of the European Union and the United States,' },
    { key: 'g1', kind: ParagraphKind.GOAL, text: 'Identify victims and ensure that they receive assistance, support and protection.' },
    { key: 'g2', kind: ParagraphKind.GOAL, text: 'Investigate cases and prosecute offenders.' },
    { key: 'g3', kind: ParagraphKind.GOAL, text: 'Increase awareness.' },
    { key: 'g4', kind: ParagraphKind.GOAL, text: 'Reduce the availability of abuse material online.' },
    { key: 'op1', kind: ParagraphKind.OPERATIVE, text: 'We invite partners worldwide to join this Global Alliance.' },
  ],
  adoptedAt: new Date('2012-06-20T22:00:00Z'), // midnight in Copenhagen: 21 June there
  timezone: 'Europe/Copenhagen',
  place: 'Copenhagen',
  author: { name: 'EU-US JHA Ministerial' },
  country: 'eu',
};

const attr = (e: Element | undefined, name: string) => e?.getAttribute(name);
const text = (e: Element | undefined) => e?.textContent;

describe('Akoma Ntoso export (pure builder)', () => {
  it('names languages with ISO 639-2 terminologic codes and refuses tags that are not BCP 47 languages', () => {
    expect(['en', 'fr', 'de', 'el', 'nl', 'pt-BR', 'FR', 'fre', 'ger'].map(alpha3Of)).toEqual(['eng', 'fra', 'deu', 'ell', 'nld', 'por', 'fra', 'fra', 'deu']);
    expect(alpha3Of('zz')).toBeNull();
    expect(canonicalLanguage('FR-be')).toBe('fr-BE');
    expect(() => canonicalLanguage('en_US')).toThrow(/BCP 47/);
    expect(() => canonicalLanguage('zz')).toThrow(/ISO 639/);
  });

  it('builds FRBR URIs after the naming convention, dated in the venue’s zone', () => {
    expect(aknToken('JHA 2012/004')).toBe('jha-2012-004');
    expect(aknUris(GLOBAL_ALLIANCE)).toEqual({
      date: '2012-06-21',
      language: 'eng',
      work: '/akn/eu/statement/jointStatement/2012-06-21/jha-2012-004',
      expression: '/akn/eu/statement/jointStatement/2012-06-21/jha-2012-004/eng@',
      manifestation: '/akn/eu/statement/jointStatement/2012-06-21/jha-2012-004/eng@/!main.xml',
    });
  });

  it('writes identification, preface, recitals, goals with eIds and the place and date', () => {
    const doc = parseXml(buildAkomaNtoso(GLOBAL_ALLIANCE));
    expect(doc.documentElement.namespaceURI).toBe(AKN_NAMESPACE);
    expect(doc.documentElement.localName).toBe('akomaNtoso');
    expect(attr(akn(doc, 'statement')[0], 'name')).toBe('jointStatement');
    expect(attr(akn(doc, 'identification')[0], 'source')).toBe('#concordia');
    const [work, expression, manifestation] = ['FRBRWork', 'FRBRExpression', 'FRBRManifestation'].map((n) => akn(doc, n)[0]);
    expect(attr(akn(work, 'FRBRcountry')[0], 'value')).toBe('eu');
    expect(attr(akn(expression, 'FRBRlanguage')[0], 'language')).toBe('eng');
    expect(attr(akn(manifestation, 'FRBRthis')[0], 'value')).toMatch(/eng@\/!main\.xml$/);
    for (const part of [work, expression, manifestation]) {
      expect([attr(akn(part, 'FRBRdate')[0], 'date'), attr(akn(part, 'FRBRdate')[0], 'name')]).toEqual(['2012-06-21', 'adoption']);
      expect(attr(akn(part, 'FRBRauthor')[0], 'href')).toBe('#body-eu-us-jha-ministerial');
    }
    expect(akn(doc, 'TLCOrganization').map((o) => attr(o, 'eId'))).toEqual(['concordia', 'body-eu-us-jha-ministerial']);
    expect(text(akn(doc, 'docTitle')[0])).toBe(GLOBAL_ALLIANCE.title);
    expect(akn(doc, 'docNumber').map(text)).toEqual(['JHA 2012/004', '12-784']);
    expect(akn(akn(doc, 'preamble')[0], 'recital').map(text)).toEqual([GLOBAL_ALLIANCE.paragraphs[0].text]);
    const paras = akn(akn(doc, 'mainBody')[0], 'paragraph');
    expect(paras.filter((p) => attr(p, 'class') === 'goal').map((p) => [attr(p, 'eId'), text(akn(p, 'p')[0])])).toEqual([
      ['para_1', GLOBAL_ALLIANCE.paragraphs[1].text],
      ['para_2', GLOBAL_ALLIANCE.paragraphs[2].text],
      ['para_3', GLOBAL_ALLIANCE.paragraphs[3].text],
      ['para_4', GLOBAL_ALLIANCE.paragraphs[4].text],
    ]);
    expect(paras.map((p) => attr(p, 'wId'))).toEqual(['para__g1', 'para__g2', 'para__g3', 'para__g4', 'para__op1']);
    const conclusions = akn(doc, 'conclusions')[0];
    expect(text(conclusions)).toBe('Copenhagen, 21 June 2012');
    expect(attr(akn(conclusions, 'date')[0], 'date')).toBe('2012-06-21');
  });

  it('escapes markup in texts and attributes and round-trips &, <, é and ø intact', () => {
    const title = 'Rock & <Roll> "quoted" — café, Søren';
    const xml = buildAkomaNtoso({
      ...GLOBAL_ALLIANCE,
      title,
      place: 'Brussels & <Luxembourg>',
      paragraphs: [{ key: 'g1', kind: ParagraphKind.GOAL, text: '</p><evil/> & ø' }],
    });
    expect(xml).not.toContain('<Roll>');
    expect(xml).not.toContain('<evil/>');
    expect(xml).toContain('Rock &amp; &lt;Roll&gt;');
    const doc = parseXml(xml);
    expect(text(akn(doc, 'docTitle')[0])).toBe(title);
    expect(text(akn(akn(doc, 'mainBody')[0], 'p')[0])).toBe('</p><evil/> & ø');
    expect(akn(doc, 'evil')).toEqual([]);
    expect(text(akn(doc, 'location')[0])).toBe('Brussels & <Luxembourg>');
    expect(attr(akn(doc, 'TLCLocation')[0], 'showAs')).toBe('Brussels & <Luxembourg>');
  });

  it('states the language of a translation in the expression and manifestation and dates it in that language', () => {
    const xml = buildAkomaNtoso({ ...GLOBAL_ALLIANCE, language: 'fr', title: 'Alliance mondiale contre les abus sexuels commis contre des enfants en ligne' });
    const doc = parseXml(xml);
    expect(attr(akn(akn(doc, 'FRBRExpression')[0], 'FRBRlanguage')[0], 'language')).toBe('fra');
    expect(attr(akn(akn(doc, 'FRBRExpression')[0], 'FRBRthis')[0], 'value')).toContain('/fra@/');
    expect(attr(akn(akn(doc, 'FRBRManifestation')[0], 'FRBRthis')[0], 'value')).toContain('/fra@/!main.xml');
    expect(attr(akn(akn(doc, 'FRBRWork')[0], 'FRBRthis')[0], 'value')).not.toContain('fra');
    expect(xml).toContain('21 juin 2012');
  });

  const withSchema = aknSchemaAvailable() ? it : it.skip;
  withSchema('validates against the OASIS Akoma Ntoso 3.0 schema, and a misspelt element does not', async () => {
    const good = await validateAkn(buildAkomaNtoso(GLOBAL_ALLIANCE));
    expect(good.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(good.valid).toBe(true);
    const noPlace = await validateAkn(
      buildAkomaNtoso({ ...GLOBAL_ALLIANCE, place: null, pressReference: null, paragraphs: GLOBAL_ALLIANCE.paragraphs.slice(1, 2) }),
    );
    expect(noPlace.errors.map((e) => e.rawMessage)).toEqual([]);
    const bad = await validateAkn(
      buildAkomaNtoso(GLOBAL_ALLIANCE)
        .replace(/<mainBody>/, '<mainBodi>')
        .replace(/<\/mainBody>/, '</mainBodi>'),
    );
    expect(bad.valid).toBe(false);
  });
});
