import { diffArrays, diffWordsWithSpace } from 'diff';
import { nextTurn } from '../../common/event-loop.js';
import { type Paragraph } from './paragraphs.js';
import { ParagraphChangeType, WordOp } from './statement.enums.js';
import { TextMax } from './text-limits.js';

/**
 * What one diff may cost. The word diff (Myers, in the `diff` library) costs about the square of
 * the words and spaces it adds and removes: a rewritten paragraph of 19,000 characters took 1.7 s
 * of one core, and the event loop with it. So:
 *  - a paragraph's word diff gives up past WORD_EDITS_PER_PARAGRAPH words and spaces added and
 *    removed (the library's `maxEditLength`; deterministic; some 60 words replaced; measured 3–15 ms
 *    of one core, 25 on a loaded one), or past TIMEOUT_MS (its `timeout`: a belt for pathological
 *    texts on a loaded machine);
 *  - all paragraphs of one diff together get WORD_EDITS_PER_DIFF edits; once spent, the remaining
 *    changed paragraphs are not compared word by word;
 *  - paragraphs longer than a paragraph may be (rows from before TextMax) are not compared either;
 *  - each paragraph's word diff runs in a turn of the event loop of its own (`nextTurn`), so no
 *    request, nor several at once, holds it for longer than one bounded paragraph.
 * A paragraph not compared word by word is `coarse`: its whole old text deleted, its whole new
 * text inserted. The cost model charges a diff for this work (FIELD_WORK_COST in query-limits.ts).
 */
export const DiffBounds = {
  WORD_EDITS_PER_PARAGRAPH: 250,
  WORD_EDITS_PER_DIFF: 2_500,
  TIMEOUT_MS: 50,
} as const;

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
  /** The text changed too much (or is too long) to be compared word by word: `words` deletes it all and inserts the new. */
  coarse: boolean;
}

/**
 * The changes from `older` to `newer` with word-level detail within DiffBounds, computed a paragraph
 * per turn of the event loop.
 */
export async function diffParagraphs(
  older: Paragraph[],
  newer: Paragraph[],
  bounds: { [K in keyof typeof DiffBounds]: number } = DiffBounds,
): Promise<ParagraphChange[]> {
  const changes = paragraphChanges(older, newer);
  let budget = bounds.WORD_EDITS_PER_DIFF;
  for (const change of changes) {
    if (change.type !== ParagraphChangeType.CHANGED || change.oldText === change.newText) continue;
    const [oldText, newText] = [change.oldText!, change.newText!];
    const maxEdits = Math.min(bounds.WORD_EDITS_PER_PARAGRAPH, budget);
    const comparable = maxEdits > 0 && oldText.length <= TextMax.PARAGRAPH_CHARS && newText.length <= TextMax.PARAGRAPH_CHARS;
    if (comparable) await nextTurn();
    const detail = comparable ? wordDiff(oldText, newText, maxEdits, bounds.TIMEOUT_MS) : null;
    if (comparable) budget -= detail ? detail.edits : maxEdits;
    change.words = detail?.words ?? [
      { op: WordOp.DELETE, text: oldText },
      { op: WordOp.INSERT, text: newText },
    ];
    change.coarse = !detail;
  }
  return changes;
}

/**
 * Paragraph-level changes from `older` to `newer` (no word detail), matched by key: ADDED, REMOVED, CHANGED (text or
 * kind; `moved` if it also changed place) and MOVED. A paragraph is moved when it is not in the
 * longest common order of the paragraphs both versions share (an insertion elsewhere moves nothing).
 * Unchanged paragraphs are not listed. Order: as in the newer version, removed ones where they were.
 */
export function paragraphChanges(older: Paragraph[], newer: Paragraph[]): ParagraphChange[] {
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
      });
    } else if (moved.has(p.key)) {
      changes.push(base(p.key, ParagraphChangeType.MOVED, p, old.pos, i + 1, old.p.text, p.text));
    }
  }
  emitRemovedUpTo(older.length);
  return changes;
}

function base(
  key: string,
  type: ParagraphChangeType,
  p: Paragraph,
  from: number | null,
  to: number | null,
  oldText: string | null,
  newText: string | null,
): ParagraphChange {
  return {
    key,
    type,
    kind: p.kind,
    fromPosition: from,
    toPosition: to,
    moved: type === ParagraphChangeType.MOVED,
    kindChanged: false,
    oldText,
    newText,
    words: [],
    coarse: false,
  };
}

/**
 * Word-level changes (whitespace kept, so the parts concatenate back to either text) and how many
 * words and spaces they add and remove; null past `maxEdits` edits or `timeoutMs`.
 */
export function wordDiff(
  oldText: string,
  newText: string,
  maxEdits: number = DiffBounds.WORD_EDITS_PER_PARAGRAPH,
  timeoutMs: number = DiffBounds.TIMEOUT_MS,
): { words: WordChange[]; edits: number } | null {
  const parts = diffWordsWithSpace(oldText, newText, { maxEditLength: maxEdits, timeout: timeoutMs });
  if (!parts) return null;
  const words = parts.map((c) => ({ op: c.added ? WordOp.INSERT : c.removed ? WordOp.DELETE : WordOp.EQUAL, text: c.value }));
  return { words, edits: parts.reduce((sum, c) => sum + (c.added || c.removed ? c.count : 0), 0) };
}
