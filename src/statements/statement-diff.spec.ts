import { describe, expect, it } from '@jest/globals';
import { type Paragraph } from './paragraphs.js';
import { diffParagraphs, wordDiff } from './statement-diff.js';
import { ParagraphChangeType, ParagraphKind, WordOp } from './statement.enums.js';

const p = (key: string, text: string, kind = ParagraphKind.OPERATIVE): Paragraph => ({ key, kind, text });

describe('diffParagraphs', () => {
  it('reports the one changed paragraph and exactly its word changes', () => {
    const v1 = [p('p1', 'We, the Ministers,'), p('g3', 'Enhance efforts to investigate cases of child sexual abuse online.', ParagraphKind.GOAL), p('p3', 'Partners are invited to join.')];
    const v2 = [p('p1', 'We, the Ministers,'), p('g3', 'Enhance joint efforts to investigate and prosecute cases of child sexual abuse online.', ParagraphKind.GOAL), p('p3', 'Partners are invited to join.')];
    const changes = diffParagraphs(v1, v2);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ key: 'g3', type: ParagraphChangeType.CHANGED, fromPosition: 2, toPosition: 2, moved: false, kindChanged: false });
    expect(changes[0].words.filter((w) => w.op !== WordOp.EQUAL)).toEqual([
      { op: WordOp.INSERT, text: 'joint ' },
      { op: WordOp.INSERT, text: 'and prosecute ' },
    ]);
    // The parts rebuild both texts.
    expect(changes[0].words.filter((w) => w.op !== WordOp.INSERT).map((w) => w.text).join('')).toBe(v1[1].text);
    expect(changes[0].words.filter((w) => w.op !== WordOp.DELETE).map((w) => w.text).join('')).toBe(v2[1].text);
  });

  it('reports a replaced word as a delete and an insert', () => {
    expect(wordDiff('reduce the availability', 'reduce the accessibility')).toEqual([
      { op: WordOp.EQUAL, text: 'reduce the ' },
      { op: WordOp.DELETE, text: 'availability' },
      { op: WordOp.INSERT, text: 'accessibility' },
    ]);
  });

  it('reports added, removed and moved paragraphs; an insertion moves nothing', () => {
    const v1 = [p('a', 'A'), p('b', 'B'), p('c', 'C'), p('d', 'D')];
    const v2 = [p('a', 'A'), p('x', 'X'), p('d', 'D'), p('b', 'B')];
    const changes = diffParagraphs(v1, v2);
    expect(changes.map((c) => [c.key, c.type, c.fromPosition, c.toPosition])).toEqual([
      ['x', ParagraphChangeType.ADDED, null, 2],
      ['c', ParagraphChangeType.REMOVED, 3, null],
      ['b', ParagraphChangeType.MOVED, 2, 4],
    ]);
  });

  it('marks a paragraph changed and moved, and a change of kind', () => {
    const v1 = [p('a', 'A'), p('b', 'B text'), p('c', 'C'), p('d', 'D')];
    const v2 = [p('a', 'A'), p('c', 'C'), p('d', 'D'), p('b', 'B new text', ParagraphKind.GOAL)];
    const [change] = diffParagraphs(v1, v2);
    expect(change).toMatchObject({ key: 'b', type: ParagraphChangeType.CHANGED, moved: true, kindChanged: true });
    expect(diffParagraphs(v1, v2)).toHaveLength(1);
  });

  it('is empty between equal versions', () => {
    const v = [p('a', 'A'), p('b', 'B')];
    expect(diffParagraphs(v, v.map((x) => ({ ...x })))).toEqual([]);
  });
});
