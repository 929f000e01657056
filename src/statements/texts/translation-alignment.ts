import { AppError } from '../../common/errors/app-error.js';
import { normaliseText, type Paragraph } from '../core/paragraphs.js';

export interface TranslatedParagraph {
  key: string;
  text: string;
}

/**
 * A translation's paragraphs aligned one to one with the original's: every key of the original
 * exactly once, no other key. The result follows the original's order and kinds (a translation
 * cannot move or re-kind a paragraph), with the translated texts normalised as versions' are.
 * A mismatch is BAD_USER_INPUT on `paragraphs` naming the missing, extra and duplicate keys.
 */
export function alignTranslation(original: readonly Paragraph[], translated: readonly TranslatedParagraph[], field = 'paragraphs'): Paragraph[] {
  const originalKeys = new Set(original.map((p) => p.key));
  const byKey = new Map<string, string>();
  const duplicate = new Set<string>();
  const extra: string[] = [];
  translated.forEach((p, i) => {
    if (byKey.has(p.key)) duplicate.add(p.key);
    else if (!originalKeys.has(p.key)) extra.push(p.key);
    const text = normaliseText(p.text);
    if (!text) throw AppError.badInput(`${field}.${i}.text`, 'A paragraph needs text');
    byKey.set(p.key, text);
  });
  const missing = original.filter((p) => !byKey.has(p.key)).map((p) => p.key);
  const duplicateKeys = [...duplicate];
  if (missing.length || extra.length || duplicateKeys.length) {
    const parts = [
      missing.length ? `missing ${missing.join(', ')}` : '',
      extra.length ? `not in the version ${extra.join(', ')}` : '',
      duplicateKeys.length ? `given twice ${duplicateKeys.join(', ')}` : '',
    ].filter(Boolean);
    throw new AppError('BAD_USER_INPUT', `The translation's paragraph keys must be the version's, each once: ${parts.join('; ')}`, field, {
      missingKeys: missing,
      extraKeys: extra,
      duplicateKeys,
    });
  }
  return original.map((p) => ({ key: p.key, kind: p.kind, text: byKey.get(p.key)! }));
}
