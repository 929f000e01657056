import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { type Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { createRedis, usesSentinel } from '../redis/redis.module.js';
import { QUEUES, queuePolicy, type QueueName } from './jobs.js';

/**
 * Producer-side handles on every queue: the outbox relay adds jobs through them and /metrics reads
 * their counts. Their connection fails fast while Redis is away instead of queueing commands.
 */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private readonly connection: Redis;
  private readonly queues: Map<QueueName, Queue>;
  private readonly replicated: boolean;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.replicated = usesSentinel(config);
    this.connection = createRedis(config, { connectionName: 'concordia-producer' });
    this.connection.on('error', () => undefined);
    this.queues = new Map(
      QUEUES.map((name) => {
        const policy = queuePolicy(name);
        const options = {
          connection: this.connection,
          prefix: config.queuePrefix,
          defaultJobOptions: policy.jobOptions,
          streams: { events: { maxLen: policy.eventsMaxLen } },
        };
        return [name, new Queue(name, options)];
      }),
    );
    for (const q of this.queues.values()) q.on('error', () => undefined);
  }

  get(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`Unknown queue ${name}`);
    return queue;
  }

  /** The producers' connection (the reconciler checks job keys through it). */
  get redis(): Redis {
    return this.connection;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  /**
   * Under Sentinel: resolves once a replica holds every write made through these queues so far,
   * so a failover right after cannot lose them (replication is asynchronous: the master answers
   * before its replicas have the write). Throws when replicas are attached and none confirmed
   * within `timeoutMs`; with none attached there is nothing to wait for. A single server: no-op.
   */
  async confirmReplicated(timeoutMs: number): Promise<void> {
    if (!this.replicated) return;
    const acknowledged = await this.connection.wait(1, timeoutMs);
    if (acknowledged >= 1) return;
    const info = await this.connection.info('replication');
    const attached = Number(/^connected_slaves:(\d+)/m.exec(info)?.[1] ?? 0);
    if (attached > 0) throw new Error(`no replica confirmed the jobs within ${timeoutMs} ms`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.all().map((q) => q.close().catch(() => undefined)));
    this.connection.disconnect();
  }
}
