import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { AppConfig } from '../config/app-config.js';
import { createRedis } from './redis.module.js';

/**
 * GraphQL subscriptions over Redis pub/sub, so an event published by any worker reaches the API
 * instance holding the subscriber's websocket. Channel names carry the deployment's prefix.
 */
@Injectable()
export class PubSub implements OnApplicationShutdown {
  readonly engine: RedisPubSub;
  private readonly prefix: string;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.prefix = `${config.queuePrefix}:events:`;
    // Publishing fails fast while Redis is away (the caller retries); subscribing waits for it.
    const publisher = createRedis(config, { connectionName: 'concordia-publisher' });
    const subscriber = createRedis(config, { enableOfflineQueue: true, maxRetriesPerRequest: null, connectionName: 'concordia-subscriber' });
    publisher.on('error', () => undefined);
    subscriber.on('error', () => undefined);
    this.engine = new RedisPubSub({ publisher, subscriber });
  }

  publish<T>(channel: string, payload: T): Promise<void> {
    return this.engine.publish(this.prefix + channel, payload);
  }

  asyncIterator<T>(channel: string): AsyncIterableIterator<T> {
    return this.engine.asyncIterableIterator<T>(this.prefix + channel) as AsyncIterableIterator<T>;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.engine.close().catch(() => undefined);
  }
}

@Global()
@Module({ providers: [PubSub], exports: [PubSub] })
export class PubSubModule {}
