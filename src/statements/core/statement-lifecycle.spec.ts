import { describe, expect, it } from '@jest/globals';
import { AppError } from '../../common/errors/app-error.js';
import { assertTransition, canTransition } from './statement-lifecycle.js';
import { StatementStatus as S } from './statement.enums.js';

const ALLOWED = new Set([
  'DRAFTING>CIRCULATED',
  'DRAFTING>SILENCE_PROCEDURE',
  'DRAFTING>WITHDRAWN',
  'CIRCULATED>SILENCE_PROCEDURE',
  'CIRCULATED>ADOPTED',
  'CIRCULATED>WITHDRAWN',
  'SILENCE_PROCEDURE>CIRCULATED',
  'SILENCE_PROCEDURE>ADOPTED',
  'SILENCE_PROCEDURE>WITHDRAWN',
  'ADOPTED>PUBLISHED',
  'ADOPTED>WITHDRAWN',
]);

describe('statement lifecycle', () => {
  const statuses = Object.values(S);
  it.each(statuses.flatMap((from) => statuses.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    const allowed = ALLOWED.has(`${from}>${to}`);
    expect(canTransition(from, to)).toBe(allowed);
    if (allowed) expect(() => assertTransition(from, to)).not.toThrow();
    else expect(() => assertTransition(from, to)).toThrow(AppError);
  });

  it('ends at PUBLISHED and WITHDRAWN, and nothing leaves PUBLISHED for WITHDRAWN', () => {
    expect(statuses.filter((to) => canTransition(S.PUBLISHED, to))).toEqual([]);
    expect(statuses.filter((to) => canTransition(S.WITHDRAWN, to))).toEqual([]);
  });
});
