import { describe, expect, it } from '@jest/globals';
import { AppError } from '../common/errors/app-error.js';
import { assertTransition, canTransition, requiresNote } from './action-item-lifecycle.js';
import { ActionItemStatus as S } from './action-item.enums.js';

const ALL = Object.values(S);
const ALLOWED = new Set([
  'OPEN>IN_PROGRESS',
  'OPEN>BLOCKED',
  'OPEN>CANCELLED',
  'IN_PROGRESS>DONE',
  'IN_PROGRESS>BLOCKED',
  'IN_PROGRESS>CANCELLED',
  'BLOCKED>OPEN',
  'BLOCKED>IN_PROGRESS',
  'BLOCKED>CANCELLED',
  'DONE>IN_PROGRESS',
]);

describe('action item lifecycle', () => {
  it.each(ALL.flatMap((from) => ALL.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    const allowed = ALLOWED.has(`${from}>${to}`);
    expect(canTransition(from, to)).toBe(allowed);
    if (allowed) return;
    try {
      assertTransition(from, to);
      throw new Error('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('CONFLICT');
      expect((e as AppError).message).toBe(`Action item cannot go from ${from} to ${to}`);
      expect((e as AppError).details).toEqual({ from, to });
    }
  });

  it('wants a note for BLOCKED and CANCELLED only', () => {
    expect(ALL.filter(requiresNote)).toEqual([S.BLOCKED, S.CANCELLED]);
  });
});
