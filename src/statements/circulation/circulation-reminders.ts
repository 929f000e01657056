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
export const circulationFanOutJobId = (circulationId: string) => `circ-${circulationId}`;
/** A batch of a circulation's recipients, named by its first (recipients are batched in id order). */
export const recipientBatchJobId = (circulationId: string, firstRecipientId: string) => `circ-rcpts-${circulationId}-${firstRecipientId}`;
