import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { AppConfig, type RedisSettings } from '../config/app-config.js';

/** Where a process's Redis connections go: the config's RedisSettings (REDIS_URL, or Sentinel). */
export type RedisTarget = Pick<AppConfig, 'redis'>;

/**
 * The ioredis options that reach the configured Redis: the URL's server, or under Sentinel the
 * master the sentinels name (asked again on every reconnection, so a promoted replica is found).
 * The URL's user, password, database and rediss:// (TLS) apply in both forms.
 */
export function redisConnectionOptions(settings: RedisSettings): RedisOptions {
  const url = new URL(settings.url);
  const tls = url.protocol === 'rediss:' ? {} : undefined;
  const common: RedisOptions = {
    username: decodeURIComponent(url.username) || undefined,
    password: decodeURIComponent(url.password) || undefined,
    db: Number(url.pathname.slice(1)) || 0,
  };
  if (settings.sentinels.length === 0) {
    return { ...common, host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1', port: Number(url.port) || 6379, ...(tls ? { tls } : {}) };
  }
  return {
    ...common,
    sentinels: settings.sentinels.map((s) => ({ ...s })),
    name: settings.sentinelName ?? undefined,
    sentinelPassword: settings.sentinelPassword ?? undefined,
    ...(tls ? { tls, enableTLSForSentinelMode: true, sentinelTLS: tls } : {}),
    // Sentinels reply within this or the next one is asked.
    sentinelCommandTimeout: 2000,
    // Keep asking the sentinels, at most every 2 s, for as long as the process lives.
    sentinelRetryStrategy: (attempt) => Math.min(100 * attempt, 2000),
    // No failoverDetector: its sentinel subscriptions outlive quit() (BullMQ's close). A dead master
    // closes the connection, which asks the sentinels again; a demoted one answers READONLY (below).
  };
}

/**
 * Every Redis connection of the process is made here, so each one follows REDIS_URL or Sentinel
 * alike. By default it fails fast instead of queueing commands while Redis is away (callers that
 * must wait, like BullMQ workers and subscribers, pass `maxRetriesPerRequest: null` and
 * `enableOfflineQueue: true`).
 */
export function createRedis(target: RedisTarget, options: RedisOptions = {}): Redis {
  return new Redis({
    ...redisConnectionOptions(target.redis),
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Keep trying to reconnect, at most every 2 s, for as long as the process lives.
    retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
    // A connection still on a demoted master (it came back as a replica) is refused writes: reconnect
    // (to whatever Sentinel names now) and resend the command.
    reconnectOnError: (error) => (error.message.startsWith('READONLY') ? 2 : false),
    ...options,
  });
}

/** Whether the process reaches Redis through Sentinel (and so may lose unreplicated writes on a failover). */
export function usesSentinel(target: RedisTarget): boolean {
  return target.redis.sentinels.length > 0;
}

/** Where Redis is, for messages: `host:port/db`, or the sentinels and master name; never a password. */
export function describeRedis(target: RedisTarget): string {
  const { sentinels, sentinelName, url } = target.redis;
  if (sentinels.length === 0) {
    try {
      const u = new URL(url);
      return `${u.hostname}:${u.port || '6379'}${u.pathname.length > 1 ? u.pathname : ''}`;
    } catch {
      return '(unparseable URL)';
    }
  }
  return `master "${sentinelName}" of Sentinel ${sentinels.map((s) => `${s.host.includes(':') ? `[${s.host}]` : s.host}:${s.port}`).join(',')}`;
}

/** The process's general-purpose Redis connection (health, login throttling, auth cache). */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.client = createRedis(config, { connectionName: 'concordia' });
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
