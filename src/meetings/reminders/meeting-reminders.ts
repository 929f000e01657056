import { compactReminderJobId, decodeReminder as decodeCompact, encodeReminder as encodeCompact } from '../../queues/compact-reminder.js';
import { type JobPayloads } from '../../queues/jobs.js';

export interface PlannedReminder {
  offsetMs: number;
  runAt: Date;
  jobId: string;
}

/** Meeting reminders are compact reminder jobs (src/queues/compact-reminder.ts) tagged `mr`. */
const TAG = 'mr';

/** Deterministic per meeting, offset and start time: re-scheduling the same reminder is a no-op. */
export function reminderJobId(meetingId: string, offsetMs: number, startsAtEpochMs: number): string {
  return compactReminderJobId(TAG, { subjectId: meetingId, offsetMs, atEpochMs: startsAtEpochMs });
}

/** What a reminder job identifies: the meeting, the offset and the start it was planned for. */
export interface ReminderRef {
  meetingId: string;
  offsetMs: number;
  startsAtEpochMs: number;
}

export function encodeReminder(r: ReminderRef): JobPayloads['meetingReminder'] {
  return encodeCompact({ subjectId: r.meetingId, offsetMs: r.offsetMs, atEpochMs: r.startsAtEpochMs });
}

/** Also reads the object payload that reminders queued by earlier versions carry. */
export function decodeReminder(data: JobPayloads['meetingReminder'] | ReminderRef): ReminderRef {
  if (!Array.isArray(data)) return data;
  const { subjectId, offsetMs, atEpochMs } = decodeCompact(data);
  return { meetingId: subjectId, offsetMs, startsAtEpochMs: atEpochMs };
}

/** The reminders of a meeting starting at `startsAt`, leaving out those whose time has passed. */
export function plannedReminders(meetingId: string, startsAt: Date, offsetsMs: readonly number[], now: Date): PlannedReminder[] {
  return offsetsMs
    .map((offsetMs) => ({ offsetMs, runAt: new Date(startsAt.getTime() - offsetMs), jobId: reminderJobId(meetingId, offsetMs, startsAt.getTime()) }))
    .filter((r) => r.runAt > now);
}
