import { createHash } from 'node:crypto';

/**
 * Reminder jobs wait in Redis for weeks, one hash each. Redis keeps a hash compact (listpack, about a
 * third of the memory) only while every value is at most 64 bytes, so every delayed reminder of
 * every feature (meetings, action items) is made here: a short deterministic id and a tuple of
 * ids and times as its data; its options come from the queue policy (QUEUE_POLICIES).
 */

/** What a reminder job identifies: its subject, the offset before the subject's time, and that time. */
export interface ReminderRef {
  subjectId: string;
  /** Before `atEpochMs` (an escalation after it has 0: its id and data need no grace). */
  offsetMs: number;
  atEpochMs: number;
}

/** `[subject id, offset in s, time in epoch ms]`: at most 64 bytes as JSON for a UUID and any offset up to years. */
export type CompactReminder = [subjectId: string, offsetS: number, atEpochMs: number];

/**
 * `<tag><16 characters of SHA-256>`: deterministic per tag (kind of reminder), subject, offset and
 * time, so re-adding the same plan is a no-op and a moved time gives new ids. Hashed because BullMQ
 * repeats the id inside each job's options, which must stay within 64 bytes too.
 */
export function compactReminderJobId(tag: string, ref: ReminderRef): string {
  return `${tag}${createHash('sha256').update(`${ref.subjectId}|${ref.offsetMs}|${ref.atEpochMs}`).digest('base64url').slice(0, 16)}`;
}

export function encodeReminder(ref: ReminderRef): CompactReminder {
  return [ref.subjectId, ref.offsetMs / 1000, ref.atEpochMs];
}

export function decodeReminder([subjectId, offsetS, atEpochMs]: CompactReminder): ReminderRef {
  return { subjectId, offsetMs: Math.round(offsetS * 1000), atEpochMs };
}

/** A reminder job to add: its id and its data (the caller knows when it runs). */
export function compactReminder(tag: string, ref: ReminderRef): { jobId: string; data: CompactReminder } {
  return { jobId: compactReminderJobId(tag, ref), data: encodeReminder(ref) };
}
