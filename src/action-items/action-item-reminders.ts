import { formatForPeople } from '../common/time/zoned-time.js';

/** A delayed job to add for an item: a due-soon reminder (offset before) or the escalation (after). */
export interface PlannedActionItemJob {
  job: 'actionItemReminder' | 'actionItemEscalation';
  jobId: string;
  runAt: Date;
  offsetMs: number;
}

/**
 * `reminder-<actionItemId>-<kind>-<dueEpochMs>` (DESIGN "Jobs"): the id carries the due time, so
 * moving `dueAt` yields new ids (the old ones are removed) and re-adding the same plan is a no-op.
 */
export function actionItemReminderJobId(actionItemId: string, offsetMs: number, dueAtEpochMs: number): string {
  return `reminder-${actionItemId}-due${offsetMs}-${dueAtEpochMs}`;
}

export function actionItemEscalationJobId(actionItemId: string, dueAtEpochMs: number): string {
  return `reminder-${actionItemId}-overdue-${dueAtEpochMs}`;
}

/**
 * The jobs for an item due at `dueAt`: one reminder per offset still ahead of `now`, and the
 * escalation at due + grace — scheduled even when that moment has passed (it then runs at once).
 */
export function plannedActionItemJobs(actionItemId: string, dueAt: Date, offsetsMs: readonly number[], escalationAfterMs: number, now: Date): PlannedActionItemJob[] {
  const due = dueAt.getTime();
  const reminders = offsetsMs
    .map((offsetMs) => ({ job: 'actionItemReminder' as const, offsetMs, runAt: new Date(due - offsetMs), jobId: actionItemReminderJobId(actionItemId, offsetMs, due) }))
    .filter((r) => r.runAt > now);
  const escalationAt = new Date(due + escalationAfterMs);
  return [
    ...reminders,
    { job: 'actionItemEscalation', offsetMs: -escalationAfterMs, runAt: escalationAt > now ? escalationAt : now, jobId: actionItemEscalationJobId(actionItemId, due) },
  ];
}

/** Every job id a plan for this due time may have created (for removal, whatever `now` was then). */
export function allActionItemJobIds(actionItemId: string, dueAt: Date, offsetsMs: readonly number[]): { job: PlannedActionItemJob['job']; jobId: string }[] {
  const due = dueAt.getTime();
  return [
    ...offsetsMs.map((o) => ({ job: 'actionItemReminder' as const, jobId: actionItemReminderJobId(actionItemId, o, due) })),
    { job: 'actionItemEscalation' as const, jobId: actionItemEscalationJobId(actionItemId, due) },
  ];
}

/** "Mon 25 Jun 2012, 17:00 CEST (Europe/Copenhagen)": a due time as its reader reads it. */
export function describeDue(dueAt: Date, readerZone: string): string {
  return `${formatForPeople(dueAt, readerZone)} (${readerZone})`;
}
