import { type JobsOptions } from 'bullmq';
import { type NotificationEvent } from '../notifications/notification-event.js';

/** BullMQ queues of the service (the relay itself is a loop in the worker, not a queue). */
export const QUEUES = ['notifications', 'reminders'] as const;
export type QueueName = (typeof QUEUES)[number];

/** Every job the service knows: its queue and name. Processors must handle each exactly once. */
export const Jobs = {
  /** Turn a domain event into notifications for its recipients. */
  notify: { queue: 'notifications', name: 'notify' },
  /** Send one delivery (in-app push, e-mail or webhook). */
  deliver: { queue: 'notifications', name: 'deliver' },
  /** Remind a meeting's participants ahead of its start. */
  meetingReminder: { queue: 'reminders', name: 'meeting-reminder' },
  /** Remind whoever holds an action item that it falls due soon. */
  actionItemReminder: { queue: 'reminders', name: 'action-item-reminder' },
  /** Tell the owner delegation's head and the creator that an item is overdue. */
  actionItemEscalation: { queue: 'reminders', name: 'action-item-escalation' },
  /** Weekly digest of open action items (a job scheduler fires it; see action-item-digest.scheduler.ts). */
  actionItemDigest: { queue: 'reminders', name: 'action-item-digest' },
} as const satisfies Record<string, { queue: QueueName; name: string }>;
export type JobKey = keyof typeof Jobs;

/** What each job carries: ids and the facts that identify the moment, never copies of state. */
export interface JobPayloads {
  notify: NotificationEvent;
  deliver: { deliveryId: string };
  meetingReminder: { meetingId: string; offsetMs: number; startsAtEpochMs: number };
  actionItemReminder: { actionItemId: string; offsetMs: number; dueAtEpochMs: number };
  actionItemEscalation: { actionItemId: string; dueAtEpochMs: number };
  actionItemDigest: Record<string, never>;
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
