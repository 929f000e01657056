import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { AppConfig } from '../config/app-config.js';

/** A Redis connection that fails fast instead of queueing commands while Redis is away. */
export function createRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Keep trying to reconnect, at most every 2 s, for as long as the process lives.
    retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
    ...options,
  });
}

/** The process's general-purpose Redis connection (health, login throttling, pub/sub publishing). */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.client = createRedis(config.redisUrl, { connectionName: 'concordia' });
    // Errors surface through commands and /health; without a listener ioredis logs each retry.
    this.client.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}

@Global()
@Module({ providers: [RedisConnection], exports: [RedisConnection] })
export class RedisModule {}
