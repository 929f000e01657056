import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Jobs, type JobKey, type JobPayloads, type QueueName } from './jobs.js';
import { QueueRegistry } from './queue-registry.js';

/** A job that PostgreSQL says should be waiting in Redis: the same id and data its mutation enqueued. */
export interface PendingJob<K extends JobKey = JobKey> {
  job: K;
  jobId: string;
  data: JobPayloads[K];
  /** When it runs; a moment already past runs at once. */
  runAt: Date;
}

/**
 * A feature's delayed jobs as its tables imply them (reminders, deadlines). Redis only holds a copy:
 * after Redis is lost (a new Sentinel pair, a FLUSHALL by mistake) the reconciler re-creates them
 * from these. A source lists what the feature's own mutation would schedule now, leaving out what
 * has already happened (a reminder whose notifications exist), since BullMQ may have removed the
 * finished job.
 */
export interface JobSource {
  readonly name: string;
  pendingJobs(now: Date): Promise<PendingJob[]>;
}

export const JOB_SOURCES = Symbol('JOB_SOURCES');

export interface ReconcileReport {
  /** Jobs the sources say should be pending, per source. */
  planned: Record<string, number>;
  /** Of those, how many were missing in Redis and were added. */
  added: Record<string, number>;
}

const CHUNK = 500;

/**
 * Re-creates from PostgreSQL every delayed job that should be pending, with its deterministic id.
 * A job whose key is in Redis (waiting, delayed, active, completed or failed) is left alone, so a
 * run on a healthy Redis, or a second run, adds nothing; and a due reminder is not fired twice.
 */
@Injectable()
export class JobReconciler {
  private readonly log = new Logger('Reconcile');

  constructor(
    private readonly queues: QueueRegistry,
    @Optional() @Inject(JOB_SOURCES) private readonly sources: JobSource[] = [],
  ) {}

  async reconcile(now = new Date()): Promise<ReconcileReport> {
    const report: ReconcileReport = { planned: {}, added: {} };
    for (const source of this.sources) {
      const jobs = await source.pendingJobs(now);
      report.planned[source.name] = jobs.length;
      let added = 0;
      for (let i = 0; i < jobs.length; i += CHUNK) added += await this.addMissing(jobs.slice(i, i + CHUNK), now);
      report.added[source.name] = added;
    }
    const total = Object.values(report.added).reduce((a, b) => a + b, 0);
    if (total > 0) this.log.warn(`Re-created ${total} job(s) missing in Redis: ${JSON.stringify(report.added)}`);
    else this.log.log(`Every pending job is in Redis (${JSON.stringify(report.planned)})`);
    return report;
  }

  /** Adds the jobs whose key Redis does not have; returns how many. */
  private async addMissing(jobs: PendingJob[], now: Date): Promise<number> {
    const byQueue = new Map<QueueName, PendingJob[]>();
    for (const j of jobs) {
      const queue = Jobs[j.job].queue;
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), j]);
    }
    let added = 0;
    for (const [name, list] of byQueue) {
      const queue = this.queues.get(name);
      const exists = await this.queues.redis.pipeline(list.map((j) => ['exists', queue.toKey(j.jobId)])).exec();
      const missing = list.filter((_, i) => {
        const [error, found] = exists![i];
        if (error) throw error;
        return found === 0;
      });
      if (missing.length === 0) continue;
      // addBulk with a job id that appeared meanwhile (a relay, another worker reconciling) is a no-op.
      await queue.addBulk(
        missing.map((j) => ({
          name: Jobs[j.job].name,
          data: j.data,
          opts: { jobId: j.jobId, delay: Math.max(0, j.runAt.getTime() - now.getTime()) },
        })),
      );
      added += missing.length;
    }
    return added;
  }
}
