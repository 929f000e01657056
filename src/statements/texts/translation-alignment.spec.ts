import { describe, expect, it } from '@jest/globals';
import { AppError } from '../../common/errors/app-error.js';
import { ParagraphKind } from '../core/statement.enums.js';
import { textIn } from './statement-texts.js';
import { alignTranslation } from './translation-alignment.js';

const ORIGINAL = [
  { key: 'pre1', kind: ParagraphKind.PREAMBLE, text: 'We, the Ministers,' },
  { key: 'g1', kind: ParagraphKind.GOAL, text: 'Identify victims.' },
  { key: 'op1', kind: ParagraphKind.OPERATIVE, text: 'We invite partners to join.' },
];

function thrown(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('did not throw');
}

describe('translations aligned with their version', () => {
  it('follows the original’s order and kinds whatever the input order, texts normalised', () => {
    const aligned = alignTranslation(ORIGINAL, [
      { key: 'op1', text: ' Nous invitons nos partenaires. ' },
      { key: 'pre1', text: 'Nous, ministres,' },
      { key: 'g1', text: 'Identifier les victimes.' },
    ]);
    expect(aligned).toEqual([
      { key: 'pre1', kind: 'PREAMBLE', text: 'Nous, ministres,' },
      { key: 'g1', kind: 'GOAL', text: 'Identifier les victimes.' },
      { key: 'op1', kind: 'OPERATIVE', text: 'Nous invitons nos partenaires.' },
    ]);
  });

  it('names missing, extra and duplicate keys', () => {
    const e = thrown(() =>
      alignTranslation(ORIGINAL, [
        { key: 'g1', text: 'a' },
        { key: 'g1', text: 'b' },
        { key: 'g9', text: 'c' },
      ]),
    );
    expect(e).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'paragraphs',
      details: { missingKeys: ['pre1', 'op1'], extraKeys: ['g9'], duplicateKeys: ['g1'] },
    });
    expect(e.message).toMatch(/missing pre1, op1; not in the version g9; given twice g1/);
    expect(thrown(() => alignTranslation(ORIGINAL, [{ key: 'pre1', text: ' ' }]))).toMatchObject({ field: 'paragraphs.0.text' });
  });

  it('serves the original for no language or the statement’s own, a translation by language, null otherwise', () => {
    const version = { id: 'v2', paragraphs: ORIGINAL };
    const fr = { language: 'fr', title: null, paragraphs: [{ ...ORIGINAL[1], text: 'Identifier les victimes.' }] };
    expect(textIn(version, { language: 'en', currentVersionId: 'v2', title: 'T' }, [fr], null)).toMatchObject({
      language: 'en',
      original: true,
      paragraphs: ORIGINAL,
    });
    expect(textIn(version, { language: 'en', currentVersionId: 'v2', title: 'T' }, [fr], 'EN')).toMatchObject({ original: true });
    expect(textIn(version, { language: 'en', currentVersionId: 'v2', title: 'T' }, [fr], 'fr')).toMatchObject({
      language: 'fr',
      original: false,
      outdated: false,
    });
    expect(textIn(version, { language: 'en', currentVersionId: 'v3', title: 'T' }, [fr], 'fr')).toMatchObject({ outdated: true });
    expect(textIn(version, { language: 'en', currentVersionId: 'v2', title: 'T' }, [fr], 'de')).toBeNull();
  });
});
