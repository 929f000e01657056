import { describe, expect, it } from '@jest/globals';
import { AppError } from '../common/errors/app-error.js';
import { assertTransition, canTransition, isUpcoming, MEETING_TRANSITIONS } from './meeting-lifecycle.js';
import { MeetingStatus } from './meeting.enums.js';

const ALL = Object.values(MeetingStatus);

describe('meeting lifecycle', () => {
  it('follows PLANNED → CONVENED → IN_SESSION → CONCLUDED', () => {
    expect(canTransition(MeetingStatus.PLANNED, MeetingStatus.CONVENED)).toBe(true);
    expect(canTransition(MeetingStatus.CONVENED, MeetingStatus.IN_SESSION)).toBe(true);
    expect(canTransition(MeetingStatus.IN_SESSION, MeetingStatus.CONCLUDED)).toBe(true);
  });

  it('lets a postponed meeting be planned again or cancelled', () => {
    expect(MEETING_TRANSITIONS[MeetingStatus.POSTPONED]).toEqual([MeetingStatus.PLANNED, MeetingStatus.CANCELLED]);
  });

  it('treats CONCLUDED and CANCELLED as final', () => {
    for (const to of ALL) {
      expect(canTransition(MeetingStatus.CONCLUDED, to)).toBe(false);
      expect(canTransition(MeetingStatus.CANCELLED, to)).toBe(false);
    }
  });

  it('never allows staying in the same status', () => {
    for (const s of ALL) expect(canTransition(s, s)).toBe(false);
  });

  it('reports an illegal transition as CONFLICT naming both states', () => {
    let error: unknown;
    try {
      assertTransition(MeetingStatus.CONCLUDED, MeetingStatus.IN_SESSION);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CONFLICT');
    expect((error as AppError).message).toContain('CONCLUDED');
    expect((error as AppError).message).toContain('IN_SESSION');
    expect((error as AppError).details).toEqual({ from: 'CONCLUDED', to: 'IN_SESSION' });
  });

  it('keeps reminders only for meetings still ahead', () => {
    expect(ALL.filter(isUpcoming)).toEqual([MeetingStatus.PLANNED, MeetingStatus.CONVENED]);
  });
});
