import { createHash } from 'node:crypto';
import ms from 'ms';
import { type JobPayloads } from '../queues/jobs.js';

export interface PlannedReminder {
  offsetMs: number;
  runAt: Date;
  jobId: string;
}

/**
 * Deterministic per meeting, offset and start time: re-scheduling the same reminder is a no-op.
 * Hashed to 18 characters because BullMQ repeats the id in each job's options, which must stay within
 * 64 bytes for Redis to keep the pending job compact (see QUEUE_POLICIES).
 */
export function reminderJobId(meetingId: string, offsetMs: number, startsAtEpochMs: number): string {
  return `mr${createHash('sha256').update(`${meetingId}|${offsetMs}|${startsAtEpochMs}`).digest('base64url').slice(0, 16)}`;
}

/** What a reminder job identifies: the meeting, the offset and the start it was planned for. */
export interface ReminderRef {
  meetingId: string;
  offsetMs: number;
  startsAtEpochMs: number;
}

export function encodeReminder(r: ReminderRef): JobPayloads['meetingReminder'] {
  return [r.meetingId, Math.round(r.offsetMs / 1000), r.startsAtEpochMs];
}

/** Also reads the object payload that reminders queued by earlier versions carry. */
export function decodeReminder(data: JobPayloads['meetingReminder'] | ReminderRef): ReminderRef {
  if (!Array.isArray(data)) return data;
  const [meetingId, offsetS, startsAtEpochMs] = data;
  return { meetingId, offsetMs: offsetS * 1000, startsAtEpochMs };
}

/** The reminders of a meeting starting at `startsAt`, leaving out those whose time has passed. */
export function plannedReminders(meetingId: string, startsAt: Date, offsetsMs: readonly number[], now: Date): PlannedReminder[] {
  return offsetsMs
    .map((offsetMs) => ({ offsetMs, runAt: new Date(startsAt.getTime() - offsetMs), jobId: reminderJobId(meetingId, offsetMs, startsAt.getTime()) }))
    .filter((r) => r.runAt > now);
}

/** "24 hours", "1 hour", "15 minutes" for reminder texts. */
export function describeOffset(offsetMs: number): string {
  return ms(offsetMs, { long: true });
}
