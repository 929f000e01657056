import { describe, expect, it } from '@jest/globals';
import { decodeReminder, encodeReminder, plannedReminders, reminderJobId } from './meeting-reminders.js';

const H = 3_600_000;

describe('meeting reminders', () => {
  const now = new Date('2026-11-29T12:00:00Z');

  it('plans one reminder per offset with a deterministic job id', () => {
    const start = new Date('2026-12-02T09:00:00Z');
    const planned = plannedReminders('m1', start, [24 * H, H], now);
    expect(planned).toEqual([
      { offsetMs: 24 * H, runAt: new Date('2026-12-01T09:00:00Z'), jobId: reminderJobId('m1', 24 * H, start.getTime()) },
      { offsetMs: H, runAt: new Date('2026-12-02T08:00:00Z'), jobId: reminderJobId('m1', H, start.getTime()) },
    ]);
    expect(planned[0].jobId).not.toBe(planned[1].jobId);
    expect(plannedReminders('m1', start, [24 * H, H], now)).toEqual(planned);
  });

  it('never plans a reminder for a time already past', () => {
    const soon = new Date('2026-11-30T06:00:00Z'); // 18 h away
    expect(plannedReminders('m1', soon, [24 * H, H], now).map((r) => r.offsetMs)).toEqual([H]);
  });

  it('gives a moved meeting different reminder ids', () => {
    expect(reminderJobId('m1', H, 1)).not.toBe(reminderJobId('m1', H, 2));
  });

  it('keeps the job small enough for Redis to store it compactly: every hash value within 64 bytes', () => {
    const id = reminderJobId('2c084ac3-d2ef-471e-837d-81dd097717ad', 7 * 24 * H, Date.UTC(2099, 11, 31));
    expect(id).toMatch(/^mr[\w-]{16}$/);
    // BullMQ stores the options as JSON with the id and a delay of up to 11 digits (three years).
    expect(JSON.stringify({ jobId: id, delay: 99_999_999_999, attempts: 3 }).length).toBeLessThanOrEqual(64);
    const data = encodeReminder({ meetingId: '2c084ac3-d2ef-471e-837d-81dd097717ad', offsetMs: 7 * 24 * H, startsAtEpochMs: Date.UTC(2099, 11, 31) });
    expect(JSON.stringify(data).length).toBeLessThanOrEqual(64);
    expect(decodeReminder(data)).toEqual({ meetingId: '2c084ac3-d2ef-471e-837d-81dd097717ad', offsetMs: 7 * 24 * H, startsAtEpochMs: Date.UTC(2099, 11, 31) });
    expect(decodeReminder({ meetingId: 'm1', offsetMs: H, startsAtEpochMs: 1 })).toEqual({ meetingId: 'm1', offsetMs: H, startsAtEpochMs: 1 });
  });
});
