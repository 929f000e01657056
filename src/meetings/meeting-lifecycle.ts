import { AppError } from '../common/errors/app-error.js';
import { MeetingStatus } from './meeting.enums.js';

const { PLANNED, CONVENED, IN_SESSION, CONCLUDED, POSTPONED, CANCELLED } = MeetingStatus;

/** The meeting lifecycle (DESIGN): the one place that says which status may follow which. */
export const MEETING_TRANSITIONS: Record<MeetingStatus, readonly MeetingStatus[]> = {
  [PLANNED]: [CONVENED, POSTPONED, CANCELLED],
  [CONVENED]: [IN_SESSION, POSTPONED, CANCELLED],
  [IN_SESSION]: [CONCLUDED],
  [POSTPONED]: [PLANNED, CANCELLED],
  [CONCLUDED]: [],
  [CANCELLED]: [],
};

export function canTransition(from: MeetingStatus, to: MeetingStatus): boolean {
  return MEETING_TRANSITIONS[from].includes(to);
}

/** Throws CONFLICT naming both states when `to` may not follow `from`. */
export function assertTransition(from: MeetingStatus, to: MeetingStatus): void {
  if (!canTransition(from, to)) throw AppError.illegalTransition('Meeting', from, to);
}

/** Meetings still ahead: reminders run and participants may change their answer. */
export function isUpcoming(status: MeetingStatus): boolean {
  return status === PLANNED || status === CONVENED;
}

/** Time, place and agenda can still change. */
export function isEditable(status: MeetingStatus): boolean {
  return status === PLANNED || status === CONVENED || status === POSTPONED;
}
