import { randomBytes } from 'node:crypto';

/**
 * The environment of the processes under test in a benchmark: production mode (graphql-js drops
 * its development checks, Express its debug paths), a database and queue prefix of the run's own.
 */
export function benchEnv(id: string, redisUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:5432/concordia_bench_${id}`,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `bench-${id}`,
    LOG_LEVEL: 'silent',
    PORT: '0',
    OUTBOX_POLL_MS: '1000',
    PUBLIC_URL: 'http://bench.concordia',
    ...extra,
  };
}
