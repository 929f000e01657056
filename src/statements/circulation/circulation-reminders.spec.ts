import { describe, expect, it } from '@jest/globals';
import { circulationReminderJobId, reminderTimes } from './circulation-reminders.js';

describe('circulation reminders', () => {
  const deadline = new Date('2012-06-11T16:00:00Z');
  const H = 3600_000;

  it('plans one reminder per offset before the deadline, skipping those already past', () => {
    expect(reminderTimes(deadline, [48 * H, 4 * H], new Date('2012-06-04T10:00:00Z'))).toEqual([
      { offsetMs: 48 * H, at: new Date('2012-06-09T16:00:00Z') },
      { offsetMs: 4 * H, at: new Date('2012-06-11T12:00:00Z') },
    ]);
    expect(reminderTimes(deadline, [48 * H, 4 * H], new Date('2012-06-10T10:00:00Z'))).toEqual([{ offsetMs: 4 * H, at: new Date('2012-06-11T12:00:00Z') }]);
    expect(reminderTimes(deadline, [48 * H], new Date('2012-06-11T15:00:00Z'))).toEqual([]);
  });

  it('names the job after the circulation, offset and deadline, so a re-add is a no-op and a moved deadline is another job', () => {
    expect(circulationReminderJobId('c1', 4 * H, deadline)).toBe(circulationReminderJobId('c1', 4 * H, new Date(deadline)));
    expect(circulationReminderJobId('c1', 4 * H, deadline)).not.toBe(circulationReminderJobId('c1', 4 * H, new Date(deadline.getTime() + 1)));
  });
});
