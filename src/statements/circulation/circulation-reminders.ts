import { RecipientStatus } from '../core/statement.enums.js';

/**
 * Reminder times of a circulation's deadline: each configured offset before it that is still ahead
 * at circulation time (a reminder due in the past is pointless).
 */
export function reminderTimes(deadline: Date, offsetsMs: number[], now: Date): { offsetMs: number; at: Date }[] {
  return offsetsMs.map((offsetMs) => ({ offsetMs, at: new Date(deadline.getTime() - offsetMs) })).filter((r) => r.at.getTime() > now.getTime());
}

/** Deterministic job ids: one reminder per circulation, offset and deadline; one close per deadline. */
export const circulationReminderJobId = (circulationId: string, offsetMs: number, deadline: Date) =>
  `circ-rem-${circulationId}-${offsetMs}-${deadline.getTime()}`;
export const circulationCloseJobId = (circulationId: string, deadline: Date) => `circ-close-${circulationId}-${deadline.getTime()}`;
/** A batch of a circulation's recipients, named by its first (recipients are batched in id order). */
export const recipientBatchJobId = (circulationId: string, firstRecipientId: string) => `circ-rcpts-${circulationId}-${firstRecipientId}`;

/**
 * Recipient delegations per delivery job: their notifications in one transaction, their e-mails
 * under one claim, the audience read once. 30 since e-mails became cheap (was 10): a job's fixed
 * cost (about 16 statements, two transactions, the audience query) now outweighed what smaller jobs
 * overlapped (measured in docs/design.md, "Circulation, fourth round"). Changing it changes batch
 * job ids; a circulation in flight then gets its remaining recipients' jobs again, which find their
 * deliveries claimed or done.
 */
export const RECIPIENTS_PER_JOB = 30;

/**
 * A circulation's recipients (all of them, in id order) cut into batches of RECIPIENTS_PER_JOB, so a
 * batch is the same on every run; those with a recipient still QUEUED, with the ids of those.
 */
export function recipientBatches(all: readonly { id: string; status: RecipientStatus }[]): { firstId: string; queued: string[] }[] {
  const out: { firstId: string; queued: string[] }[] = [];
  for (let i = 0; i < all.length; i += RECIPIENTS_PER_JOB) {
    const batch = all.slice(i, i + RECIPIENTS_PER_JOB);
    const queued = batch.filter((r) => r.status === RecipientStatus.QUEUED).map((r) => r.id);
    if (queued.length > 0) out.push({ firstId: batch[0].id, queued });
  }
  return out;
}

/**
 * The delivery job of each batch (recipientBatches): its deterministic id and its payload. The one
 * mapping for every place that queues them (the circulation, the fan-out, the reconciler), so the
 * ids always meet.
 */
export function recipientBatchJobs(
  circulationId: string,
  all: readonly { id: string; status: RecipientStatus }[],
): { jobId: string; data: { recipientIds: string[] } }[] {
  return recipientBatches(all).map((b) => ({ jobId: recipientBatchJobId(circulationId, b.firstId), data: { recipientIds: b.queued } }));
}
