import { describe, expect, it } from '@jest/globals';
import { describeOffset, plannedReminders, reminderJobId } from './meeting-reminders.js';

const H = 3_600_000;

describe('meeting reminders', () => {
  const now = new Date('2026-11-29T12:00:00Z');

  it('plans one reminder per offset with a deterministic job id', () => {
    const start = new Date('2026-12-02T09:00:00Z');
    const planned = plannedReminders('m1', start, [24 * H, H], now);
    expect(planned).toEqual([
      { offsetMs: 24 * H, runAt: new Date('2026-12-01T09:00:00Z'), jobId: `reminder-m1-${24 * H}-${start.getTime()}` },
      { offsetMs: H, runAt: new Date('2026-12-02T08:00:00Z'), jobId: `reminder-m1-${H}-${start.getTime()}` },
    ]);
    expect(plannedReminders('m1', start, [24 * H, H], now)).toEqual(planned);
  });

  it('never plans a reminder for a time already past', () => {
    const soon = new Date('2026-11-30T06:00:00Z'); // 18 h away
    expect(plannedReminders('m1', soon, [24 * H, H], now).map((r) => r.offsetMs)).toEqual([H]);
  });

  it('gives a moved meeting different reminder ids', () => {
    expect(reminderJobId('m1', H, 1)).not.toBe(reminderJobId('m1', H, 2));
  });

  it('describes offsets for people', () => {
    expect(describeOffset(24 * H)).toBe('1 day');
    expect(describeOffset(H)).toBe('1 hour');
  });
});
