import { describe, expect, it } from '@jest/globals';
import { DelegationKind } from '../../delegations/delegation-kind.enum.js';
import { PRESS_REFERENCE } from './publication.inputs.js';
import { renderPublicText } from './public-statements.service.js';
import { SignatoryKind } from '../core/signatories.js';
import { ParagraphKind } from '../core/statement.enums.js';

describe('press references', () => {
  it('takes press release numbers and document numbers', () => {
    for (const ok of ['12-784', 'ST 11234/12', 'IP/12/784', 'A', 'x'.repeat(40), 'MEMO.12.5']) expect(PRESS_REFERENCE.test(ok)).toBe(true);
  });

  it('refuses empty, overlong, punctuated or dangling references', () => {
    for (const bad of ['', ' 12', '12 ', 'x'.repeat(41), '12-784!', '-12', '12/', '12\n784', '<b>']) expect(PRESS_REFERENCE.test(bad)).toBe(false);
  });
});

describe('the plain-text rendering of a published statement', () => {
  const text = renderPublicText({
    reference: 'JHA 2012/004',
    label: 'JHA 2012/004 REV 1',
    title: 'Global Alliance against Child Sexual Abuse Online',
    pressReference: '12-784',
    adoptedAt: new Date('2012-06-20T22:00:00Z'),
    publishedAt: new Date('2012-06-21T10:00:00Z'),
    language: 'en',
    contentHash: 'x',
    paragraphs: [
      { key: 'pre1', kind: ParagraphKind.PREAMBLE, text: 'We, the Ministers,' },
      { key: 'g1', kind: ParagraphKind.GOAL, text: 'Identify victims.' },
      { key: 'g2', kind: ParagraphKind.GOAL, text: 'Prosecute offenders & protect children <online>.' },
      { key: 'op1', kind: ParagraphKind.OPERATIVE, text: 'We invite partners to join.' },
    ],
    signatories: [
      { delegation: { code: 'DK', name: 'Denmark', kind: DelegationKind.MEMBER_STATE }, kind: SignatoryKind.ADOPTED, since: new Date('2012-06-20T22:00:00Z') },
      { delegation: { code: 'NO', name: 'Norway', kind: DelegationKind.THIRD_COUNTRY }, kind: SignatoryKind.ENDORSED, since: new Date('2012-12-05T09:00:00Z') },
    ],
    endorsements: [],
  });

  it('gives title, references and dates, numbers the goals, and lists the signatories with their dates', () => {
    expect(text.split('\n')).toEqual([
      'Global Alliance against Child Sexual Abuse Online',
      '',
      'JHA 2012/004 REV 1 · Press reference 12-784',
      'Adopted 2012-06-20 · Published 2012-06-21 · Language en',
      '',
      'We, the Ministers,',
      '',
      '1. Identify victims.',
      '',
      '2. Prosecute offenders & protect children <online>.',
      '',
      'We invite partners to join.',
      '',
      'Signatories',
      '- Denmark (DK), adopted 2012-06-20',
      '- Norway (NO), endorsed 2012-12-05',
      '',
    ]);
  });
});
