import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { JobReconciler } from './job-reconciler.js';

const RETRY_MS = 5000;

/**
 * Every worker reconciles when it starts (several at once are harmless: a job id already there is
 * left alone). Redis or PostgreSQL away at start: it tries again until it has run once.
 */
@Injectable()
export class ReconcileAtStart implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Reconcile');
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Settles when the first successful run has ended (tests wait on it). */
  readonly done: Promise<void>;
  private resolve!: () => void;

  constructor(private readonly reconciler: JobReconciler) {
    this.done = new Promise((resolve) => (this.resolve = resolve));
  }

  onApplicationBootstrap(): void {
    void this.run();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
  }

  private async run(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.reconciler.reconcile();
      this.resolve();
    } catch (error) {
      if (this.stopped) return; // the connections closed under it
      this.log.warn(`Cannot reconcile the queues yet: ${(error as Error).message}`);
      this.retry = setTimeout(() => void this.run(), RETRY_MS);
      this.retry.unref();
    }
  }
}
