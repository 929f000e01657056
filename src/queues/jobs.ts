import { type JobsOptions } from 'bullmq';
import { type NotificationEvent } from '../notifications/notification-event.js';

/** BullMQ queues of the service (the relay itself is a loop in the worker, not a queue). */
export const QUEUES = ['notifications', 'reminders', 'circulation'] as const;
export type QueueName = (typeof QUEUES)[number];

/** Every job the service knows: its queue and name. Processors must handle each exactly once. */
export const Jobs = {
  /** Turn a domain event into notifications for its recipients. */
  notify: { queue: 'notifications', name: 'notify' },
  /** Send one delivery (in-app push, e-mail or webhook). */
  deliver: { queue: 'notifications', name: 'deliver' },
  /** Remind a meeting's participants ahead of its start. */
  meetingReminder: { queue: 'reminders', name: 'meeting-reminder' },
  /** Fan a circulation out: one delivery job per recipient delegation. */
  circulate: { queue: 'circulation', name: 'circulate' },
  /** Deliver a circulated version to one recipient delegation (notifications, e-mail, webhook). */
  deliverCirculation: { queue: 'circulation', name: 'deliver-circulation' },
  /** Remind the recipients that have not answered, ahead of the deadline. */
  circulationReminder: { queue: 'circulation', name: 'circulation-reminder' },
  /** Close a circulation at its deadline. */
  closeCirculation: { queue: 'circulation', name: 'close-circulation' },
} as const satisfies Record<string, { queue: QueueName; name: string }>;
export type JobKey = keyof typeof Jobs;

/** What each job carries: ids and the facts that identify the moment, never copies of state. */
export interface JobPayloads {
  notify: NotificationEvent;
  deliver: { deliveryId: string };
  meetingReminder: { meetingId: string; offsetMs: number; startsAtEpochMs: number };
  circulate: { circulationId: string };
  deliverCirculation: { recipientId: string };
  circulationReminder: { circulationId: string; offsetMs: number; deadlineEpochMs: number };
  closeCirculation: { circulationId: string; deadlineEpochMs: number };
}

export const JOB_NAMES_BY_QUEUE: Record<QueueName, string[]> = Object.fromEntries(
  QUEUES.map((q) => [q, Object.values(Jobs).filter((j) => j.queue === q).map((j) => j.name)]),
) as Record<QueueName, string[]>;

/** Retries with exponential backoff; completed jobs are kept a while so a re-add with the same id is a no-op. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};
