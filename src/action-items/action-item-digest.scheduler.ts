import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { Jobs } from '../queues/jobs.js';
import { QueueRegistry } from '../queues/queue-registry.js';

export const DIGEST_SCHEDULER_ID = 'action-item-digest';

/**
 * Registers the digest's BullMQ job scheduler when a worker starts. The scheduler has a fixed id,
 * so every worker and every restart upserts the same one: one per deployment, never duplicated.
 */
@Injectable()
export class ActionItemDigestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('ActionItemDigest');
  private retry: NodeJS.Timeout | null = null;
  private first: Promise<boolean> | null = null;

  constructor(
    private readonly queues: QueueRegistry,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.first = this.register();
  }

  /** The first registration's outcome (npm run reconcile waits for it before it exits). */
  registered(): Promise<boolean> {
    return this.first ?? this.register();
  }

  onApplicationShutdown(): void {
    if (this.retry) clearTimeout(this.retry);
  }

  async register(): Promise<boolean> {
    try {
      await this.queues
        .get(Jobs.actionItemDigest.queue)
        .upsertJobScheduler(DIGEST_SCHEDULER_ID, { pattern: this.config.actionItems.digestPattern, tz: 'UTC' }, { name: Jobs.actionItemDigest.name, data: {} });
      return true;
    } catch (error) {
      // Redis away at start: try again, the worker keeps running meanwhile.
      this.log.warn(`Cannot register the digest scheduler yet: ${(error as Error).message}`);
      this.retry = setTimeout(() => void this.register(), 5000);
      this.retry.unref();
      return false;
    }
  }
}
