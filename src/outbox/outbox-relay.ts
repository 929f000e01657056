import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { OUTBOX_CHANNEL } from '../database/transaction.service.js';
import { type QueueName } from '../queues/jobs.js';
import { QueueRegistry } from '../queues/queue-registry.js';
import { type OutboxOperation } from './outbox-event.entity.js';
import { transaction } from '../database/transaction-scope.js';

interface OutboxRow {
  id: string;
  operation: OutboxOperation;
  queue: QueueName;
  job_name: string;
  job_id: string;
  payload: Record<string, unknown>;
  run_at: Date | null;
}

const BATCH_SIZE = 200;
const QUEUE_TIMEOUT_MS = 5000;
/** Sent rows are kept a week for inspection, then deleted (hourly). */
const KEEP_SENT_DAYS = 7;
const PURGE_EVERY_MS = 3600_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`queue did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Moves committed outbox rows to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED (several
 * relays can run), added with their job id (so a re-add after a crash is a no-op) and marked sent
 * only after the queue accepted them. While Redis is away rows simply wait.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('OutboxRelay');
  private listener: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;
  private again = false;
  private purgeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.listen();
    this.schedule(0);
    this.purgeTimer = setInterval(() => void this.purgeSent().catch((e: Error) => this.log.warn(`Purge failed: ${e.message}`)), PURGE_EVERY_MS);
    this.purgeTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    await this.running?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
  }

  /** Relays until no row is left (or the queue refuses); returns how many rows were sent. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.relayBatch();
      total += sent.count;
      if (sent.count < BATCH_SIZE || sent.failed) return total;
    }
  }

  /** Deletes rows handed to BullMQ more than a week ago; returns how many. */
  async purgeSent(): Promise<number> {
    const [, affected] = await this.dataSource.query<[unknown, number | null]>(`DELETE FROM outbox_events WHERE sent_at < now() - make_interval(days => $1)`, [
      KEEP_SENT_DAYS,
    ]);
    return Number(affected ?? 0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delayMs);
  }

  /** One pass; a wake-up arriving meanwhile triggers another pass right after. */
  private tick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((error: Error) => this.log.warn(`Relay pass failed: ${error.message}`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.schedule(0);
        } else {
          this.schedule(this.config.outboxPollMs);
        }
      });
  }

  /** LISTEN makes committed rows go out at once; polling remains the safety net. */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.config.databaseUrl });
    client.on('error', () => undefined);
    client.on('end', () => {
      if (!this.stopped) setTimeout(() => void this.listen(), 1000);
    });
    client.on('notification', () => this.tick());
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.log.warn(`Cannot LISTEN for outbox rows, polling only: ${(error as Error).message}`);
      await client.end().catch(() => undefined);
    }
  }

  private async relayBatch(): Promise<{ count: number; failed: boolean }> {
    return transaction(this.dataSource, async (em) => {
      const rows: OutboxRow[] = await em.query(
        `SELECT id, operation, queue, job_name, job_id, payload, run_at FROM outbox_events
          WHERE sent_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      const sent: string[] = [];
      let failed = false;
      const pending: OutboxRow[] = [];
      for (const group of runs(rows)) {
        try {
          await withTimeout(this.dispatch(group), QUEUE_TIMEOUT_MS);
          pending.push(...group);
        } catch (error) {
          failed = true;
          const row = group[0];
          await em.query('UPDATE outbox_events SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [
            row.id,
            String((error as Error).message).slice(0, 1000),
          ]);
          this.log.warn(`Outbox row ${row.id} (${row.queue}/${row.job_name}) not relayed: ${(error as Error).message}`);
          break; // keep order; the queue is probably unreachable
        }
      }
      // Marked sent only once Redis has them for good: under Sentinel, once a replica holds them too,
      // so a master lost right after takes no job with it. Unconfirmed rows are sent again (same job ids).
      if (pending.length > 0) {
        try {
          await this.queues.confirmReplicated(QUEUE_TIMEOUT_MS);
          sent.push(...pending.map((r) => r.id));
        } catch (error) {
          failed = true;
          this.log.warn(`${pending.length} outbox rows not confirmed by a Redis replica, to be sent again: ${(error as Error).message}`);
        }
      }
      if (sent.length > 0) await em.query('UPDATE outbox_events SET sent_at = now() WHERE id = ANY($1)', [sent]);
      return { count: sent.length, failed };
    });
  }

  /** One REMOVE, or consecutive ADDs to one queue in one round trip (addBulk; a job id already there is left alone). */
  private async dispatch(group: OutboxRow[]): Promise<void> {
    const queue = this.queues.get(group[0].queue);
    if (group[0].operation === 'REMOVE') {
      const job = await queue.getJob(group[0].job_id);
      // A job already running or done stays; its handler re-checks state and skips if stale.
      if (job && ((await job.isDelayed()) || (await job.isWaiting()))) await job.remove().catch(() => undefined);
      return;
    }
    const now = Date.now();
    await queue.addBulk(
      group.map((row) => ({
        name: row.job_name,
        data: row.payload,
        opts: { jobId: row.job_id, delay: row.run_at ? Math.max(0, new Date(row.run_at).getTime() - now) : 0 },
      })),
    );
  }
}

/** Rows in order, cut into runs: each REMOVE alone, consecutive ADDs to the same queue together. */
function runs(rows: OutboxRow[]): OutboxRow[][] {
  const out: OutboxRow[][] = [];
  for (const row of rows) {
    const last = out.at(-1);
    if (last && row.operation === 'ADD' && last[0].operation === 'ADD' && last[0].queue === row.queue) last.push(row);
    else out.push([row]);
  }
  return out;
}
