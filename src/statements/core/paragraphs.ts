import { createHash } from 'node:crypto';
import { AppError } from '../../common/errors/app-error.js';
import { AmendmentAction, ParagraphKind } from './statement.enums.js';

/** One paragraph of a version; `key` stays the same across versions so diffs and amendments can follow it. */
export interface Paragraph {
  key: string;
  kind: ParagraphKind;
  text: string;
}

export interface ParagraphDraft {
  key?: string | null;
  kind: ParagraphKind;
  text: string;
}

export const PARAGRAPH_KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

/** Text as stored and hashed: Unicode NFC, no stray whitespace at the ends, single spaces kept as typed inside. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').trim();
}

/**
 * Turns drafted paragraphs into stored ones: texts normalised, missing keys allocated from the
 * statement's sequence (`p<n>`, never reused), duplicate or malformed keys refused.
 */
export function assignKeys(drafts: ParagraphDraft[], nextSeq: number, field = 'paragraphs'): { paragraphs: Paragraph[]; nextSeq: number } {
  if (drafts.length === 0) throw AppError.badInput(field, 'A statement needs at least one paragraph');
  const seen = new Set<string>();
  const taken = new Set(drafts.map((d) => d.key).filter((k): k is string => Boolean(k)));
  let seq = nextSeq;
  const paragraphs = drafts.map((d, i) => {
    const text = normaliseText(d.text);
    if (!text) throw AppError.badInput(`${field}.${i}.text`, 'A paragraph needs text');
    let key = d.key ?? null;
    if (key !== null && !PARAGRAPH_KEY.test(key)) throw AppError.badInput(`${field}.${i}.key`, 'A paragraph key is 1 to 32 letters, digits, ".", "_" or "-"');
    if (key === null) {
      do key = `p${seq++}`;
      while (taken.has(key));
    }
    if (seen.has(key)) throw AppError.badInput(`${field}.${i}.key`, `Paragraph key ${key} is used twice`);
    seen.add(key);
    return { key, kind: d.kind, text };
  });
  return { paragraphs, nextSeq: seq };
}

/** SHA-256 over the ordered (key, kind, text) triples: equal texts hash equal, any change changes it. */
export function contentHash(paragraphs: Paragraph[]): string {
  return createHash('sha256')
    .update(JSON.stringify(paragraphs.map((p) => [p.key, p.kind, p.text])))
    .digest('hex');
}

export interface AmendmentToApply {
  id: string;
  paragraphKey: string;
  action: AmendmentAction;
  text: string | null;
}

/**
 * Applies accepted amendments in order: REPLACE swaps the text, DELETE drops the paragraph,
 * INSERT_AFTER adds a paragraph of the anchor's kind with a new key. An amendment whose paragraph is
 * no longer there cannot be applied.
 */
export function applyAmendments(paragraphs: Paragraph[], amendments: AmendmentToApply[], nextSeq: number): { paragraphs: Paragraph[]; nextSeq: number } {
  const out = paragraphs.map((p) => ({ ...p }));
  const keys = new Set(out.map((p) => p.key));
  let seq = nextSeq;
  for (const a of amendments) {
    const index = out.findIndex((p) => p.key === a.paragraphKey);
    if (index < 0) throw AppError.badInput('applyAmendmentIds', `Amendment ${a.id} concerns paragraph ${a.paragraphKey}, which this version no longer has`);
    if (a.action === AmendmentAction.REPLACE) out[index] = { ...out[index], text: normaliseText(a.text ?? '') };
    else if (a.action === AmendmentAction.DELETE) out.splice(index, 1);
    else {
      let key: string;
      do key = `p${seq++}`;
      while (keys.has(key));
      keys.add(key);
      out.splice(index + 1, 0, { key, kind: out[index].kind, text: normaliseText(a.text ?? '') });
    }
  }
  if (out.length === 0) throw AppError.badInput('applyAmendmentIds', 'The amendments would leave no paragraph');
  return { paragraphs: out, nextSeq: seq };
}
