import { describe, expect, it } from '@jest/globals';
import { compactReminder, compactReminderJobId, decodeReminder, encodeReminder } from './compact-reminder.js';

const UUID = '2c084ac3-d2ef-471e-837d-81dd097717ad';
const DAY = 24 * 3600_000;
const FAR = Date.UTC(2099, 11, 31, 23, 59, 59, 999);

describe('compact reminder jobs', () => {
  it('are deterministic, differ by tag, offset and time, and are short', () => {
    const ref = { subjectId: UUID, offsetMs: DAY, atEpochMs: FAR };
    expect(compactReminderJobId('ar', ref)).toBe(compactReminderJobId('ar', { ...ref }));
    expect(compactReminderJobId('ar', ref)).toMatch(/^ar[\w-]{16}$/);
    const others = [
      compactReminderJobId('ae', ref),
      compactReminderJobId('ar', { ...ref, offsetMs: 2 * DAY }),
      compactReminderJobId('ar', { ...ref, atEpochMs: FAR - 1 }),
    ];
    expect(new Set([compactReminderJobId('ar', ref), ...others]).size).toBe(4);
  });

  it('keep every value Redis stores for them within 64 bytes, for offsets up to a year', () => {
    for (const offsetMs of [0, 1500, DAY, 7 * DAY, 365 * DAY]) {
      const { jobId, data } = compactReminder('mr', { subjectId: UUID, offsetMs, atEpochMs: FAR });
      expect(JSON.stringify(data).length).toBeLessThanOrEqual(64);
      // BullMQ stores the options as JSON with the id and a delay of up to 11 digits (three years).
      expect(JSON.stringify({ jobId, delay: 99_999_999_999, attempts: 3 }).length).toBeLessThanOrEqual(64);
    }
  });

  it('decode to what they encode, sub-second offsets included', () => {
    for (const offsetMs of [0, 1500, 7 * DAY]) {
      const ref = { subjectId: UUID, offsetMs, atEpochMs: FAR };
      expect(decodeReminder(encodeReminder(ref))).toEqual(ref);
    }
    expect(encodeReminder({ subjectId: UUID, offsetMs: DAY, atEpochMs: 1 })).toEqual([UUID, 86_400, 1]);
  });
});
