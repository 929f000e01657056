import { AppError } from '../../common/errors/app-error.js';
import { StatementStatus as S } from './statement.enums.js';

/**
 * The one table of a statement's lifecycle: DRAFTING → CIRCULATED → SILENCE_PROCEDURE → ADOPTED →
 * PUBLISHED; an objection breaks silence (back to CIRCULATED); consensus adopts a circulated text
 * directly; WITHDRAWN from any state before PUBLISHED. PUBLISHED and WITHDRAWN are final.
 */
export const STATEMENT_TRANSITIONS: Readonly<Record<S, readonly S[]>> = {
  [S.DRAFTING]: [S.CIRCULATED, S.SILENCE_PROCEDURE, S.WITHDRAWN],
  [S.CIRCULATED]: [S.SILENCE_PROCEDURE, S.ADOPTED, S.WITHDRAWN],
  [S.SILENCE_PROCEDURE]: [S.CIRCULATED, S.ADOPTED, S.WITHDRAWN],
  [S.ADOPTED]: [S.PUBLISHED, S.WITHDRAWN],
  [S.PUBLISHED]: [],
  [S.WITHDRAWN]: [],
};

export function canTransition(from: S, to: S): boolean {
  return STATEMENT_TRANSITIONS[from].includes(to);
}

/** CONFLICT for a move the lifecycle does not allow (including staying where it is). */
export function assertTransition(from: S, to: S): void {
  if (!canTransition(from, to)) throw AppError.illegalTransition('Statement', from, to);
}
