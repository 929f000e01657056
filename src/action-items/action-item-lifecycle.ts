import { AppError } from '../common/errors/app-error.js';
import { ActionItemStatus as S } from './action-item.enums.js';

/**
 * The one state machine of action items. Work goes OPEN → IN_PROGRESS → DONE; BLOCKED is entered
 * from OPEN or IN_PROGRESS and left back to either; DONE can be reopened (→ IN_PROGRESS);
 * CANCELLED ends an unfinished item. Everything else is a CONFLICT naming both states.
 */
const NEXT: Record<S, readonly S[]> = {
  [S.OPEN]: [S.IN_PROGRESS, S.BLOCKED, S.CANCELLED],
  [S.IN_PROGRESS]: [S.DONE, S.BLOCKED, S.CANCELLED],
  [S.BLOCKED]: [S.OPEN, S.IN_PROGRESS, S.CANCELLED],
  [S.DONE]: [S.IN_PROGRESS],
  [S.CANCELLED]: [],
};

export function canTransition(from: S, to: S): boolean {
  return NEXT[from].includes(to);
}

export function assertTransition(from: S, to: S): void {
  if (!canTransition(from, to)) throw AppError.illegalTransition('Action item', from, to);
}

/** Blocking and cancelling must say why. */
export function requiresNote(to: S): boolean {
  return to === S.BLOCKED || to === S.CANCELLED;
}
