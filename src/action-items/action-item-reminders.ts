import { compactReminder, compactReminderJobId, type CompactReminder, decodeReminder, type ReminderRef } from '../queues/compact-reminder.js';

/** A delayed job to add for an item: a due-soon reminder (offset before) or the escalation (after). */
export interface PlannedActionItemJob {
  job: 'actionItemReminder' | 'actionItemEscalation';
  jobId: string;
  data: CompactReminder;
  runAt: Date;
  offsetMs: number;
}

/**
 * Both jobs are compact reminders (src/queues/compact-reminder.ts): `ar`/`ae` and a hash of the
 * item, offset and due time. The id carries the due time, so moving `dueAt` yields new ids (the old
 * ones are removed) and re-adding the same plan is a no-op.
 */
const REMINDER = 'ar';
const ESCALATION = 'ae';

const reminderRef = (actionItemId: string, offsetMs: number, dueAtEpochMs: number): ReminderRef => ({
  subjectId: actionItemId,
  offsetMs,
  atEpochMs: dueAtEpochMs,
});
/** The escalation's id and data leave out the grace: changing ACTION_ITEM_ESCALATION_AFTER still finds the pending one. */
const escalationRef = (actionItemId: string, dueAtEpochMs: number): ReminderRef => ({ subjectId: actionItemId, offsetMs: 0, atEpochMs: dueAtEpochMs });

export function actionItemReminderJobId(actionItemId: string, offsetMs: number, dueAtEpochMs: number): string {
  return compactReminderJobId(REMINDER, reminderRef(actionItemId, offsetMs, dueAtEpochMs));
}

export function actionItemEscalationJobId(actionItemId: string, dueAtEpochMs: number): string {
  return compactReminderJobId(ESCALATION, escalationRef(actionItemId, dueAtEpochMs));
}

/** What a reminder or escalation job identifies. */
export interface ActionItemJobRef {
  actionItemId: string;
  offsetMs: number;
  dueAtEpochMs: number;
}

/** Also reads the object payloads of jobs queued by the first version of action items. */
export function decodeActionItemJob(data: CompactReminder | { actionItemId: string; offsetMs?: number; dueAtEpochMs: number }): ActionItemJobRef {
  if (!Array.isArray(data)) return { actionItemId: data.actionItemId, offsetMs: data.offsetMs ?? 0, dueAtEpochMs: data.dueAtEpochMs };
  const { subjectId, offsetMs, atEpochMs } = decodeReminder(data);
  return { actionItemId: subjectId, offsetMs, dueAtEpochMs: atEpochMs };
}

/**
 * The jobs for an item due at `dueAt`: one reminder per offset still ahead of `now`, and the
 * escalation at due + grace — scheduled even when that moment has passed (it then runs at once).
 */
export function plannedActionItemJobs(
  actionItemId: string,
  dueAt: Date,
  offsetsMs: readonly number[],
  escalationAfterMs: number,
  now: Date,
): PlannedActionItemJob[] {
  const due = dueAt.getTime();
  const reminders = offsetsMs
    .map((offsetMs) => ({
      job: 'actionItemReminder' as const,
      offsetMs,
      runAt: new Date(due - offsetMs),
      ...compactReminder(REMINDER, reminderRef(actionItemId, offsetMs, due)),
    }))
    .filter((r) => r.runAt > now);
  const escalationAt = new Date(due + escalationAfterMs);
  return [
    ...reminders,
    {
      job: 'actionItemEscalation',
      offsetMs: -escalationAfterMs,
      runAt: escalationAt > now ? escalationAt : now,
      ...compactReminder(ESCALATION, escalationRef(actionItemId, due)),
    },
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

/** The occurrence an escalation writes (its notifications' event key): the reconciler looks for it. */
export const overdueEventKey = (actionItemId: string, dueAtEpochMs: number) => `action-item-overdue:${actionItemId}:${dueAtEpochMs}`;
