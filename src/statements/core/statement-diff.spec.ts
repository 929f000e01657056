import { describe, expect, it } from '@jest/globals';
import { type Paragraph } from './paragraphs.js';
import { DiffBounds, diffParagraphs, wordDiff } from './statement-diff.js';
import { ParagraphChangeType, ParagraphKind, WordOp } from './statement.enums.js';
import { TextMax } from './text-limits.js';

const p = (key: string, text: string, kind = ParagraphKind.OPERATIVE): Paragraph => ({ key, kind, text });

describe('diffParagraphs', () => {
  it('reports the one changed paragraph and exactly its word changes', async () => {
    const v1 = [
      p('p1', 'We, the Ministers,'),
      p('g3', 'Enhance efforts to investigate cases of child sexual abuse online.', ParagraphKind.GOAL),
      p('p3', 'Partners are invited to join.'),
    ];
    const v2 = [
      p('p1', 'We, the Ministers,'),
      p('g3', 'Enhance joint efforts to investigate and prosecute cases of child sexual abuse online.', ParagraphKind.GOAL),
      p('p3', 'Partners are invited to join.'),
    ];
    const changes = await diffParagraphs(v1, v2);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      key: 'g3',
      type: ParagraphChangeType.CHANGED,
      fromPosition: 2,
      toPosition: 2,
      moved: false,
      kindChanged: false,
      coarse: false,
    });
    expect(changes[0].words.filter((w) => w.op !== WordOp.EQUAL)).toEqual([
      { op: WordOp.INSERT, text: 'joint ' },
      { op: WordOp.INSERT, text: 'and prosecute ' },
    ]);
    // The parts rebuild both texts.
    expect(
      changes[0].words
        .filter((w) => w.op !== WordOp.INSERT)
        .map((w) => w.text)
        .join(''),
    ).toBe(v1[1].text);
    expect(
      changes[0].words
        .filter((w) => w.op !== WordOp.DELETE)
        .map((w) => w.text)
        .join(''),
    ).toBe(v2[1].text);
  });

  it('reports a replaced word as a delete and an insert', () => {
    expect(wordDiff('reduce the availability', 'reduce the accessibility')?.words).toEqual([
      { op: WordOp.EQUAL, text: 'reduce the ' },
      { op: WordOp.DELETE, text: 'availability' },
      { op: WordOp.INSERT, text: 'accessibility' },
    ]);
  });

  it('reports added, removed and moved paragraphs; an insertion moves nothing', async () => {
    const v1 = [p('a', 'A'), p('b', 'B'), p('c', 'C'), p('d', 'D')];
    const v2 = [p('a', 'A'), p('x', 'X'), p('d', 'D'), p('b', 'B')];
    const changes = await diffParagraphs(v1, v2);
    expect(changes.map((c) => [c.key, c.type, c.fromPosition, c.toPosition])).toEqual([
      ['x', ParagraphChangeType.ADDED, null, 2],
      ['c', ParagraphChangeType.REMOVED, 3, null],
      ['b', ParagraphChangeType.MOVED, 2, 4],
    ]);
  });

  it('marks a paragraph changed and moved, and a change of kind', async () => {
    const v1 = [p('a', 'A'), p('b', 'B text'), p('c', 'C'), p('d', 'D')];
    const v2 = [p('a', 'A'), p('c', 'C'), p('d', 'D'), p('b', 'B new text', ParagraphKind.GOAL)];
    const [change] = await diffParagraphs(v1, v2);
    expect(change).toMatchObject({ key: 'b', type: ParagraphChangeType.CHANGED, moved: true, kindChanged: true });
    expect(await diffParagraphs(v1, v2)).toHaveLength(1);
  });

  it('is empty between equal versions', async () => {
    const v = [p('a', 'A'), p('b', 'B')];
    expect(
      await diffParagraphs(
        v,
        v.map((x) => ({ ...x })),
      ),
    ).toEqual([]);
  });
});

/** Words of a text that reads like a statement, different for each seed (a rewrite shares few runs). */
const WORDS =
  'victims protection offenders investigation prosecution awareness children parents educators images online availability cooperation partners alliance ministers'.split(
    ' ',
  );
function prose(seed: number, length: number): string {
  let out = '';
  for (let i = seed; out.length < length; i = (i * 1103515245 + 12345) % 2 ** 31) out += `${WORDS[(i >>> 16) % WORDS.length]} `;
  return out.slice(0, length).trim();
}
const rebuilds = (words: { op: WordOp; text: string }[], keep: WordOp) =>
  words
    .filter((w) => w.op !== keep)
    .map((w) => w.text)
    .join('');

describe('diffParagraphs within its bounds', () => {
  it('gives up on the word diff of a rewritten 19,000-character paragraph: coarse, the whole old text deleted and the new inserted', async () => {
    const [before, after] = [prose(1, 19_000), prose(2, 19_000)];
    const [change] = await diffParagraphs([p('g1', before)], [p('g1', after)]);
    expect(change).toMatchObject({ key: 'g1', type: ParagraphChangeType.CHANGED, coarse: true, oldText: before, newText: after });
    expect(change.words).toEqual([
      { op: WordOp.DELETE, text: before },
      { op: WordOp.INSERT, text: after },
    ]);
    expect(wordDiff(before, after)).toBeNull();
  });

  it('still compares a long paragraph with a few changed words word by word', async () => {
    const before = prose(3, 19_000);
    const after = before.replace(/^\S+/, 'survivors').replace(/\S+$/, 'worldwide');
    const [change] = await diffParagraphs([p('g1', before)], [p('g1', after)]);
    expect(change.coarse).toBe(false);
    expect(change.words.filter((w) => w.op !== WordOp.EQUAL).map((w) => w.text)).toContain('survivors');
    expect(rebuilds(change.words, WordOp.INSERT)).toBe(before);
    expect(rebuilds(change.words, WordOp.DELETE)).toBe(after);
  });

  it('spends one budget of edits on all paragraphs of a diff; the rest are coarse', async () => {
    const older = [1, 2, 3, 4].map((i) => p(`k${i}`, prose(i, 300)));
    const newer = [1, 2, 3, 4].map((i) => p(`k${i}`, prose(i + 10, 300)));
    const unbounded = await diffParagraphs(older, newer, { ...DiffBounds, WORD_EDITS_PER_PARAGRAPH: 10_000, WORD_EDITS_PER_DIFF: 10_000 });
    expect(unbounded.map((c) => c.coarse)).toEqual([false, false, false, false]);
    const edits = wordDiff(older[0].text, newer[0].text, 10_000)!.edits;
    const budgeted = await diffParagraphs(older, newer, { ...DiffBounds, WORD_EDITS_PER_PARAGRAPH: 10_000, WORD_EDITS_PER_DIFF: edits });
    expect(budgeted.map((c) => c.coarse)).toEqual([false, true, true, true]);
    expect(budgeted[0].words).toEqual(unbounded[0].words);
  });

  it('does not compare paragraphs longer than a paragraph may be (rows written before the limit)', async () => {
    const before = prose(5, TextMax.PARAGRAPH_CHARS + 1);
    const [change] = await diffParagraphs([p('g1', before)], [p('g1', `${before} more`)]);
    expect(change.coarse).toBe(true);
  });

  it('gives the event loop a turn between paragraphs', async () => {
    let turns = 0;
    let timer: NodeJS.Immediate;
    const tick = () => {
      turns++;
      timer = setImmediate(tick);
    };
    timer = setImmediate(tick);
    const older = [1, 2, 3, 4, 5, 6].map((i) => p(`k${i}`, prose(i, 19_000)));
    const newer = [1, 2, 3, 4, 5, 6].map((i) => p(`k${i}`, prose(i + 10, 19_000)));
    const changes = await diffParagraphs(older, newer);
    clearImmediate(timer!);
    expect(changes.every((c) => c.coarse)).toBe(true);
    expect(turns).toBeGreaterThanOrEqual(5);
  });
});
