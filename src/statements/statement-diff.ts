import { diffArrays, diffWordsWithSpace } from 'diff';
import { type Paragraph } from './paragraphs.js';
import { ParagraphChangeType, WordOp } from './statement.enums.js';

export interface WordChange {
  op: WordOp;
  text: string;
}

export interface ParagraphChange {
  key: string;
  type: ParagraphChangeType;
  kind: Paragraph['kind'];
  /** 1-based positions in the older and newer version (null where the paragraph is absent). */
  fromPosition: number | null;
  toPosition: number | null;
  /** For CHANGED: whether its place among the common paragraphs changed too. */
  moved: boolean;
  kindChanged: boolean;
  oldText: string | null;
  newText: string | null;
  /** Word-level detail of a CHANGED paragraph. */
  words: WordChange[];
}

/**
 * Paragraph-level changes from `older` to `newer`, matched by key: ADDED, REMOVED, CHANGED (text or
 * kind; `moved` if it also changed place) and MOVED. A paragraph is moved when it is not in the
 * longest common order of the paragraphs both versions share (an insertion elsewhere moves nothing).
 * Unchanged paragraphs are not listed. Order: as in the newer version, removed ones where they were.
 */
export function diffParagraphs(older: Paragraph[], newer: Paragraph[]): ParagraphChange[] {
  const oldByKey = new Map(older.map((p, i) => [p.key, { p, pos: i + 1 }]));
  const newByKey = new Map(newer.map((p, i) => [p.key, { p, pos: i + 1 }]));
  const commonOld = older.filter((p) => newByKey.has(p.key)).map((p) => p.key);
  const commonNew = newer.filter((p) => oldByKey.has(p.key)).map((p) => p.key);
  const moved = new Set<string>();
  for (const part of diffArrays(commonOld, commonNew)) if (part.added) for (const k of part.value) moved.add(k);

  const changes: ParagraphChange[] = [];
  const removedBefore = (pos: number) => older.filter((p, i) => i + 1 <= pos && !newByKey.has(p.key));
  const emitted = new Set<string>();
  const emitRemovedUpTo = (oldPos: number) => {
    for (const p of removedBefore(oldPos)) {
      if (emitted.has(p.key)) continue;
      emitted.add(p.key);
      changes.push(base(p.key, ParagraphChangeType.REMOVED, p, oldByKey.get(p.key)!.pos, null, p.text, null));
    }
  };

  for (const [i, p] of newer.entries()) {
    const old = oldByKey.get(p.key);
    if (old) emitRemovedUpTo(old.pos);
    if (!old) {
      changes.push(base(p.key, ParagraphChangeType.ADDED, p, null, i + 1, null, p.text));
      continue;
    }
    const textChanged = old.p.text !== p.text;
    const kindChanged = old.p.kind !== p.kind;
    if (textChanged || kindChanged) {
      changes.push({
        ...base(p.key, ParagraphChangeType.CHANGED, p, old.pos, i + 1, old.p.text, p.text),
        moved: moved.has(p.key),
        kindChanged,
        words: textChanged ? wordDiff(old.p.text, p.text) : [],
      });
    } else if (moved.has(p.key)) {
      changes.push(base(p.key, ParagraphChangeType.MOVED, p, old.pos, i + 1, old.p.text, p.text));
    }
  }
  emitRemovedUpTo(older.length);
  return changes;
}

function base(key: string, type: ParagraphChangeType, p: Paragraph, from: number | null, to: number | null, oldText: string | null, newText: string | null): ParagraphChange {
  return { key, type, kind: p.kind, fromPosition: from, toPosition: to, moved: type === ParagraphChangeType.MOVED, kindChanged: false, oldText, newText, words: [] };
}

/** Word-level changes (whitespace kept, so the parts concatenate back to either text). */
export function wordDiff(oldText: string, newText: string): WordChange[] {
  return diffWordsWithSpace(oldText, newText).map((c) => ({ op: c.added ? WordOp.INSERT : c.removed ? WordOp.DELETE : WordOp.EQUAL, text: c.value }));
}
