import { randomBytes } from 'node:crypto';
import { env } from 'node:process';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';
import { privateRedis } from './private-redis.js';

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
    // BENCH_LOG_LEVEL=warn shows why a request failed (a dependency unavailable, say) without the cost of request logs.
    LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'silent',
    PORT: '0',
    OUTBOX_POLL_MS: '1000',
    PUBLIC_URL: 'http://bench.concordia',
    ...extra,
  };
}

/**
 * Node flags of a separate worker process, as `npm run start:worker` starts it (package.json): its
 * young generation fixed at 8 MB semi-spaces. Batch jobs allocate in bursts, and V8 otherwise grew
 * the worker's nursery from ≈ 6 to ≈ 110 MB over its first minutes; capped but not fixed, it still
 * grew 2 → 15 MB after the first minute, +11 % of the worker's RSS (docs/deploying.md, Memory).
 */
export const WORKER_NODE_FLAGS = ['--min-semi-space-size=8', '--max-semi-space-size=8'];

/**
 * Node flags of the API, as `npm run start:api` starts it: 32 MB semi-spaces instead of V8's 64 MB
 * here, and an old generation let grow to 1.5× what a major collection left instead of up to 4×.
 * The API's RSS follows its heap's high-water mark; both lowered it at the same throughput
 * (docs/deploying.md, Memory).
 */
export const API_NODE_FLAGS = ['--max-semi-space-size=32', '--heap-growing-percent=50'];

/** `given` split into flags when the variable is set (even to nothing), else the production flags. */
export function nodeFlags(given: string | undefined, production: string[]): string[] {
  return given === undefined ? production : given.split(' ').filter(Boolean);
}

/** What every benchmark run starts from: its Redis (a private server when it can), its processes' environment and config. */
export async function startBenchRun(): Promise<{ redis: Awaited<ReturnType<typeof privateRedis>>; childEnv: Record<string, string>; config: AppConfig }> {
  const redis = await privateRedis(env.BENCH_REDIS_URL ?? env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const childEnv = benchEnv(randomBytes(4).toString('hex'), redis.url);
  return { redis, childEnv, config: loadConfig(childEnv) };
}
