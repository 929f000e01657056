import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, type Job, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { type Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { createRedis } from '../redis/redis.module.js';
import { Jobs, JOB_NAMES_BY_QUEUE, QUEUES, queuePolicy, type QueueName } from './jobs.js';
import { QUEUE_PROCESSORS, type JobResult, type QueueProcessor } from './queue-processor.js';

type Handler = (data: unknown, job: Job) => Promise<JobResult>;

/** A job that failed while PostgreSQL was unreachable runs again this much later, without spending an attempt. */
export const DATABASE_AWAY_RETRY_MS = 5000;
const PROBE_TIMEOUT_MS = 2000;

/**
 * How long shutdown waits for running jobs to finish. Past it the workers close without them: their
 * locks lapse (WORKER_LOCK_MS) and BullMQ hands them to another worker as stalled. Below the entry
 * point's own 25 s limit and an orchestrator's usual 30 s grace period.
 */
export const JOB_SHUTDOWN_GRACE_MS = 15_000;

/** Every job name must have exactly one handler, and every handler a job: checked before any work starts. */
export function buildHandlerTable(processors: QueueProcessor[]): Map<QueueName, Map<string, Handler>> {
  const table = new Map<QueueName, Map<string, Handler>>(QUEUES.map((q) => [q, new Map()]));
  const nameOf = new Map(Object.entries(Jobs).map(([key, def]) => [key, def]));
  for (const p of processors) {
    for (const [key, handler] of Object.entries(p.handlers as Record<string, Handler>)) {
      const def = nameOf.get(key);
      if (!def || def.queue !== p.queue) throw new Error(`Processor for ${p.queue} handles unknown job "${key}"`);
      const forQueue = table.get(p.queue)!;
      if (forQueue.has(def.name)) throw new Error(`Job ${p.queue}/${def.name} has two handlers`);
      forQueue.set(def.name, handler);
    }
  }
  for (const q of QUEUES) {
    for (const name of JOB_NAMES_BY_QUEUE[q]) {
      if (!table.get(q)!.has(name)) throw new Error(`Job ${q}/${name} has no handler`);
    }
  }
  return table;
}

/** Runs one BullMQ Worker per queue and dispatches each job to its handler. */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly log = new Logger('Worker');
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];
  private readonly table: Map<QueueName, Map<string, Handler>>;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(QUEUE_PROCESSORS) processors: QueueProcessor[],
    private readonly dataSource: DataSource,
  ) {
    this.table = buildHandlerTable(processors);
  }

  onApplicationBootstrap(): void {
    for (const queue of QUEUES) {
      const handlers = this.table.get(queue)!;
      // Workers block on Redis; their connection must retry commands forever rather than fail.
      const connection = createRedis(this.config, {
        maxRetriesPerRequest: null,
        enableOfflineQueue: true,
        connectionName: `concordia-worker-${queue}`,
      });
      connection.on('error', () => undefined);
      this.connections.push(connection);
      const worker = new Worker(
        queue,
        async (job: Job, token?: string) => {
          const handler = handlers.get(job.name);
          if (!handler) throw new Error(`No handler for ${queue}/${job.name}`);
          try {
            return await handler(job.data, job);
          } catch (error) {
            if (error instanceof DelayedError || !token || (await this.databaseAnswers())) throw error;
            // PostgreSQL is away (a cut, a failover): not the job's fault. Reminders retry at once and
            // would spend their few attempts within the outage; wait for it instead.
            this.log.warn(`${queue}/${job.name} ${job.id}: PostgreSQL unreachable (${(error as Error).message}); again in ${DATABASE_AWAY_RETRY_MS} ms`);
            await job.moveToDelayed(Date.now() + DATABASE_AWAY_RETRY_MS, token);
            throw new DelayedError();
          }
        },
        {
          connection,
          prefix: this.config.queuePrefix,
          concurrency: 5,
          lockDuration: this.config.workerLockMs,
          stalledInterval: this.config.workerLockMs,
          maxStalledCount: 3,
          removeOnComplete: queuePolicy(queue).removeOnComplete,
          removeOnFail: queuePolicy(queue).removeOnFail,
        },
      );
      worker.on('failed', (job, err) => this.log.warn(`${queue}/${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`));
      worker.on('error', (err) => this.log.debug(`${queue} worker: ${err.message}`));
      this.workers.push(worker);
    }
    this.log.log(`Processing queues ${QUEUES.join(', ')}`);
  }

  /** Whether PostgreSQL answers a trivial query now (asked after a job failed). */
  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS)));
    const probe = this.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    return Promise.race([probe, timeout]).finally(() => clearTimeout(timer));
  }

  /** Every queue has a worker that is running (for readiness). */
  isRunning(): boolean {
    return this.workers.length === QUEUES.length && this.workers.every((w) => w.isRunning());
  }

  /**
   * Graceful, and before any other shutdown hook (the database must outlive the jobs): takes no
   * new job, lets running ones finish within JOB_SHUTDOWN_GRACE_MS, then closes regardless; what
   * was not started stays queued for the next worker, what was cut short is retried as stalled.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const workers = this.workers.splice(0);
    let timer: NodeJS.Timeout | undefined;
    const graceful = Promise.all(workers.map((w) => w.close().catch(() => undefined))).then(() => true);
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), JOB_SHUTDOWN_GRACE_MS)));
    const finished = await Promise.race([graceful, late]);
    clearTimeout(timer);
    if (!finished) {
      this.log.warn(`Jobs still running after ${JOB_SHUTDOWN_GRACE_MS} ms; closing without them (another worker takes them over once their locks lapse)`);
      await Promise.all(workers.map((w) => w.close(true).catch(() => undefined)));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.beforeApplicationShutdown();
    for (const c of this.connections) c.disconnect();
  }
}
