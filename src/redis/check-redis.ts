import { InfrastructureError } from '../database/infrastructure-error.js';
import { createRedis, describeRedis, type RedisTarget, usesSentinel } from './redis.module.js';

/** Fails with an operator-readable InfrastructureError when Redis (through Sentinel, if configured) does not answer a PING. */
export async function checkRedis(target: RedisTarget, timeoutMs = 5000): Promise<void> {
  const redis = createRedis(target, {
    retryStrategy: () => null,
    sentinelRetryStrategy: () => null,
    connectTimeout: timeoutMs,
    lazyConnect: true,
  });
  let lastError: unknown;
  redis.on('error', (e) => (lastError = e));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new InfrastructureError('Redis', describeRedis(target), lastError ?? error, usesSentinel(target) ? 'REDIS_SENTINELS' : 'REDIS_URL');
  } finally {
    redis.disconnect();
  }
}
