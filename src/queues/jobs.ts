import { type JobsOptions, type KeepJobs } from 'bullmq';
import { type NotificationEvent } from '../notifications/notification-event.js';
import { type CompactReminder } from './compact-reminder.js';

/** BullMQ queues of the service (the relay itself is a loop in the worker, not a queue). */
export const QUEUES = ['notifications', 'reminders', 'circulation', 'procedures'] as const;
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
  /** Fan a circulation out: one delivery job per batch of recipient delegations. */
  circulate: { queue: 'circulation', name: 'circulate' },
  /** Deliver a circulated version to a batch of recipient delegations: their notifications, their members' e-mails sent by this job, a `deliver` job per webhook call. */
  deliverCirculation: { queue: 'circulation', name: 'deliver-circulation' },
  /** Remind the recipients that have not answered, ahead of the deadline. */
  circulationReminder: { queue: 'circulation', name: 'circulation-reminder' },
  /** Close a circulation at its deadline. */
  closeCirculation: { queue: 'circulation', name: 'close-circulation' },
  /** At a silence procedure's deadline: adopt the statement unless silence was broken (or the deadline moved). */
  concludeSilence: { queue: 'procedures', name: 'conclude-silence' },
} as const satisfies Record<string, { queue: QueueName; name: string }>;
export type JobKey = keyof typeof Jobs;

/** What each job carries: ids and the facts that identify the moment, never copies of state. */
export interface JobPayloads {
  notify: NotificationEvent;
  deliver: { deliveryId: string };
  /**
   * Reminders are compact tuples, `[subject id, offset in s, its time in epoch ms]`, so the job stays
   * within Redis's compact hash encoding (values of 64 bytes at most); see src/queues/compact-reminder.ts.
   */
  meetingReminder: CompactReminder; // [meetingId, offset before the start, start]
  actionItemReminder: CompactReminder; // [actionItemId, offset before the due time, due time]
  actionItemEscalation: CompactReminder; // [actionItemId, 0, due time]
  actionItemDigest: Record<string, never>;
  circulate: { circulationId: string };
  /** A batch of recipient delegations of one circulation; `recipientId` is the one-recipient form of jobs queued before batching. */
  deliverCirculation: { recipientIds: string[] } | { recipientId: string };
  circulationReminder: { circulationId: string; offsetMs: number; deadlineEpochMs: number };
  closeCirculation: { circulationId: string; deadlineEpochMs: number };
  /** The deadline it was scheduled for: a moved deadline makes this job a no-op (its replacement has the new one). */
  concludeSilence: { statementId: string; circulationId: string; deadlineEpochMs: number };
}

export const JOB_NAMES_BY_QUEUE: Record<QueueName, string[]> = Object.fromEntries(
  QUEUES.map((q) => [
    q,
    Object.values(Jobs)
      .filter((j) => j.queue === q)
      .map((j) => j.name),
  ]),
) as Record<QueueName, string[]>;

/** Retries with exponential backoff (the worker keeps completed jobs a while, so a re-add with the same id is a no-op). */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 1000 },
};

export interface QueuePolicy {
  /** Queue defaults. BullMQ copies them into every job's hash, so only what the job itself needs. */
  jobOptions: JobsOptions;
  /** Applied by the worker when a job ends, stored nowhere per job. */
  removeOnComplete: KeepJobs;
  removeOnFail: KeepJobs;
  /** Cap of the queue's event stream (nothing here reads it; BullMQ's default is 10,000). */
  eventsMaxLen: number;
}

const DEFAULT_POLICY: QueuePolicy = {
  jobOptions: DEFAULT_JOB_OPTIONS,
  removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
  eventsMaxLen: 1000,
};

/**
 * Reminders wait in Redis for weeks, one hash each: Redis keeps a hash compact (listpack, ~300 B
 * instead of ~900 B) only while every value is at most 64 bytes, hence short job ids, tuple data and
 * no backoff object in the job options (a failed reminder is retried at once, up to 3 times; its
 * handler is idempotent). A completed reminder needs no keeping: a re-added one finds the
 * notifications already written and does nothing.
 */
export const QUEUE_POLICIES: Partial<Record<QueueName, QueuePolicy>> = {
  notifications: DEFAULT_POLICY,
  reminders: { jobOptions: { attempts: 3 }, removeOnComplete: { count: 1000 }, removeOnFail: { age: 30 * 24 * 3600 }, eventsMaxLen: 1000 },
};

export function queuePolicy(queue: QueueName): QueuePolicy {
  return QUEUE_POLICIES[queue] ?? DEFAULT_POLICY;
}
