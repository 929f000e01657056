import { type Job } from 'bullmq';
import { Jobs, type JobKey, type JobPayloads, type QueueName } from './jobs.js';

/** What a handler reports: it did the work, or the state had moved on and there was nothing to do. */
export type JobResult = 'done' | 'skipped' | (string & {});

export type KeysOf<Q extends QueueName> = { [K in JobKey]: (typeof Jobs)[K]['queue'] extends Q ? K : never }[JobKey];

/**
 * A thin processor: one handler per job of its queue (the type demands them all), each calling a
 * service with the ids the job carries.
 */
export interface QueueProcessor<Q extends QueueName = QueueName> {
  readonly queue: Q;
  readonly handlers: { [K in KeysOf<Q>]: (data: JobPayloads[K], job: Job) => Promise<JobResult> };
}

/**
 * A processor for some jobs of a queue that several features share (e.g. `reminders`); the
 * start-up check (buildHandlerTable) still demands exactly one handler per job across processors.
 */
export interface PartialQueueProcessor<Q extends QueueName, K extends KeysOf<Q>> {
  readonly queue: Q;
  readonly handlers: Pick<QueueProcessor<Q>['handlers'], K>;
}

export const QUEUE_PROCESSORS = Symbol('QUEUE_PROCESSORS');
