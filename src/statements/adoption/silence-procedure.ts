import { AdoptionMethod, CirculationStatus, StatementStatus } from '../core/statement.enums.js';

/**
 * The pure rules of the silence procedure (Council Rules of Procedure art. 12(2) practice): a
 * version circulated under SILENCE is adopted at the deadline unless a member delegation objects
 * before it.
 */

/**
 * Deterministic id of the deadline job. It names the deadline, so extending the deadline gives the
 * new job a new id while the old one (if it still runs) finds another deadline and does nothing.
 */
export const silenceJobId = (circulationId: string, deadline: Date) => `silence-${circulationId}-${deadline.getTime()}`;

export enum SilenceStatus {
  /** Running: objections are accepted until the deadline. */
  OPEN = 'OPEN',
  /** A delegation objected before the deadline; the statement went back to CIRCULATED. */
  BROKEN = 'BROKEN',
  /** The deadline passed without objection: the statement was adopted at the deadline. */
  CONCLUDED = 'CONCLUDED',
  /** The statement was withdrawn while silence ran. */
  WITHDRAWN = 'WITHDRAWN',
}

/**
 * What became of a silence circulation, from its own status and its statement's: CLOSED means
 * concluded when the statement was adopted by silence with that version, else (withdrawal closes
 * open circulations) withdrawn.
 */
export function silenceStatusOf(
  circulation: { status: CirculationStatus; versionId: string },
  statement: { status: StatementStatus; adoptionMethod: AdoptionMethod | null; adoptedVersionId: string | null },
): SilenceStatus {
  if (circulation.status === CirculationStatus.BROKEN) return SilenceStatus.BROKEN;
  if (circulation.status === CirculationStatus.CLOSED) {
    return statement.adoptionMethod === AdoptionMethod.SILENCE && statement.adoptedVersionId === circulation.versionId
      ? SilenceStatus.CONCLUDED
      : SilenceStatus.WITHDRAWN;
  }
  return statement.status === StatementStatus.WITHDRAWN ? SilenceStatus.WITHDRAWN : SilenceStatus.OPEN;
}

/** How long a deadline job that woke early must still wait (never negative). */
export function remainingMs(deadlineEpochMs: number, nowEpochMs: number): number {
  return Math.max(0, deadlineEpochMs - nowEpochMs);
}
