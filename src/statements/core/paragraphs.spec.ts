import { describe, expect, it } from '@jest/globals';
import { AppError } from '../../common/errors/app-error.js';
import { consensusOf } from './consensus.js';
import { applyAmendments, assignKeys, contentHash } from './paragraphs.js';
import { formatReference, referencePrefix, revisionLabel } from './statement-reference.js';
import { AmendmentAction, ParagraphKind, Stance } from './statement.enums.js';

const field = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as AppError).field;
  }
  return 'no error';
};

describe('paragraph keys and hashes', () => {
  it('allocates missing keys from the sequence, keeps given ones, normalises text', () => {
    const { paragraphs, nextSeq } = assignKeys(
      [
        { kind: ParagraphKind.PREAMBLE, text: '  We, the Ministers, ' },
        { key: 'g1', kind: ParagraphKind.GOAL, text: 'Cafe\u0301' },
        { kind: ParagraphKind.OPERATIVE, text: 'Join us.' },
      ],
      1,
    );
    expect(paragraphs).toEqual([
      { key: 'p1', kind: 'PREAMBLE', text: 'We, the Ministers,' },
      { key: 'g1', kind: 'GOAL', text: 'Café' },
      { key: 'p2', kind: 'OPERATIVE', text: 'Join us.' },
    ]);
    expect(nextSeq).toBe(3);
  });

  it('refuses duplicate keys, empty texts and no paragraphs, naming the field', () => {
    expect(
      field(() =>
        assignKeys(
          [
            { key: 'a', kind: ParagraphKind.GOAL, text: 'x' },
            { key: 'a', kind: ParagraphKind.GOAL, text: 'y' },
          ],
          1,
        ),
      ),
    ).toBe('paragraphs.1.key');
    expect(field(() => assignKeys([{ kind: ParagraphKind.GOAL, text: '   ' }], 1))).toBe('paragraphs.0.text');
    expect(field(() => assignKeys([], 1))).toBe('paragraphs');
  });

  it('hashes content: equal paragraphs equal hash, any change of text, kind, key or order another', () => {
    const a = [
      { key: 'p1', kind: ParagraphKind.GOAL, text: 'One' },
      { key: 'p2', kind: ParagraphKind.GOAL, text: 'Two' },
    ];
    const h = contentHash(a);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash(a.map((x) => ({ ...x })))).toBe(h);
    expect(contentHash([a[0], { ...a[1], text: 'Two.' }])).not.toBe(h);
    expect(contentHash([a[0], { ...a[1], kind: ParagraphKind.OPERATIVE }])).not.toBe(h);
    expect(contentHash([a[1], a[0]])).not.toBe(h);
  });

  it('applies amendments: replace, delete, insert after (new key, kind of the anchor)', () => {
    const base = [
      { key: 'p1', kind: ParagraphKind.PREAMBLE, text: 'Pre' },
      { key: 'p2', kind: ParagraphKind.GOAL, text: 'Goal' },
      { key: 'p3', kind: ParagraphKind.OPERATIVE, text: 'Op' },
    ];
    const { paragraphs, nextSeq } = applyAmendments(
      base,
      [
        { id: 'a', paragraphKey: 'p2', action: AmendmentAction.REPLACE, text: 'Better goal' },
        { id: 'b', paragraphKey: 'p2', action: AmendmentAction.INSERT_AFTER, text: 'Another goal' },
        { id: 'c', paragraphKey: 'p3', action: AmendmentAction.DELETE, text: null },
      ],
      4,
    );
    expect(paragraphs).toEqual([base[0], { key: 'p2', kind: 'GOAL', text: 'Better goal' }, { key: 'p4', kind: 'GOAL', text: 'Another goal' }]);
    expect(nextSeq).toBe(5);
    expect(field(() => applyAmendments(base, [{ id: 'x', paragraphKey: 'zz', action: AmendmentAction.DELETE, text: null }], 4))).toBe('applyAmendmentIds');
  });
});

describe('references', () => {
  it('formats per body and year, with REV n for revisions', () => {
    expect(referencePrefix({ name: 'EU-US JHA Ministerial', jha: true })).toBe('JHA');
    expect(referencePrefix({ name: 'Working Party on Cooperation in Criminal Matters', jha: false })).toBe('WPOCICM');
    expect(formatReference('JHA', 2012, 4)).toBe('JHA 2012/004');
    expect(revisionLabel('JHA 2012/004', 1)).toBe('JHA 2012/004');
    expect(revisionLabel('JHA 2012/004', 3)).toBe('JHA 2012/004 REV 2');
  });
});

describe('consensus', () => {
  it('holds only when every member supports or abstains', () => {
    const members = ['dk', 'us', 'cy'];
    expect(
      consensusOf(
        members,
        new Map([
          ['dk', Stance.SUPPORT],
          ['us', Stance.ABSTAIN],
          ['cy', Stance.SUPPORT],
        ]),
      ).holds,
    ).toBe(true);
    const partial = consensusOf(
      members,
      new Map([
        ['dk', Stance.SUPPORT],
        ['us', Stance.SCRUTINY_RESERVATION],
      ]),
    );
    expect(partial.holds).toBe(false);
    expect(partial.outstanding).toEqual(['us', 'cy']);
    expect(partial.entries).toEqual([
      { delegationId: 'dk', stance: 'SUPPORT' },
      { delegationId: 'us', stance: 'SCRUTINY_RESERVATION' },
      { delegationId: 'cy', stance: null },
    ]);
    expect(consensusOf([], new Map()).holds).toBe(false);
  });
});
