import ms from 'ms';

export interface PlannedReminder {
  offsetMs: number;
  runAt: Date;
  jobId: string;
}

/** Deterministic per meeting, offset and start time: re-scheduling the same reminder is a no-op. */
export function reminderJobId(meetingId: string, offsetMs: number, startsAtEpochMs: number): string {
  return `reminder-${meetingId}-${offsetMs}-${startsAtEpochMs}`;
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
