import { describe, expect, it } from '@jest/globals';
import { RecipientStatus } from '../core/statement.enums.js';
import { circulationReminderJobId, RECIPIENTS_PER_JOB, recipientBatches, reminderTimes } from './circulation-reminders.js';

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

  it('cuts the recipients into the same batches on every run, each with the ids still QUEUED, none without', () => {
    const n = RECIPIENTS_PER_JOB * 2 + 3;
    const all = Array.from({ length: n }, (_, i) => ({ id: `r${String(i).padStart(3, '0')}`, status: RecipientStatus.QUEUED }));
    const first = recipientBatches(all);
    expect(first.map((b) => b.firstId)).toEqual([
      'r000',
      `r${String(RECIPIENTS_PER_JOB).padStart(3, '0')}`,
      `r${String(2 * RECIPIENTS_PER_JOB).padStart(3, '0')}`,
    ]);
    expect(first.flatMap((b) => b.queued)).toEqual(all.map((r) => r.id));
    // A re-run after the first batch was delivered and one of the second: same first ids (same job ids), fewer ids carried.
    const later = all.map((r, i) => (i < RECIPIENTS_PER_JOB || i === RECIPIENTS_PER_JOB + 1 ? { ...r, status: RecipientStatus.DELIVERED } : r));
    const again = recipientBatches(later);
    expect(again.map((b) => b.firstId)).toEqual(first.slice(1).map((b) => b.firstId));
    expect(again[0].queued).toHaveLength(RECIPIENTS_PER_JOB - 1);
  });
});
