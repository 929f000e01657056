import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { type Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { createRedis } from '../redis/redis.module.js';
import { QUEUES, queuePolicy, type QueueName } from './jobs.js';

/**
 * Producer-side handles on every queue: the outbox relay adds jobs through them and /metrics reads
 * their counts. Their connection fails fast while Redis is away instead of queueing commands.
 */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private readonly connection: Redis;
  private readonly queues: Map<QueueName, Queue>;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.connection = createRedis(config.redisUrl, { connectionName: 'concordia-producer' });
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

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.all().map((q) => q.close().catch(() => undefined)));
    this.connection.disconnect();
  }
}
