import { describeUrl, InfrastructureError } from '../database/infrastructure-error.js';
import { createRedis } from './redis.module.js';

/** Fails with an operator-readable InfrastructureError when Redis does not answer a PING. */
export async function checkRedis(url: string, timeoutMs = 5000): Promise<void> {
  const redis = createRedis(url, { retryStrategy: () => null, connectTimeout: timeoutMs, lazyConnect: true });
  let lastError: unknown;
  redis.on('error', (e) => (lastError = e));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new InfrastructureError('Redis', describeUrl(url), lastError ?? error, 'REDIS_URL');
  } finally {
    redis.disconnect();
  }
}
