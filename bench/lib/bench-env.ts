import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
 * The node flags an npm script starts its process with (`node <flags> dist/…` in package.json), read
 * from there so the benches run the API and the worker exactly as `npm run start:api` and
 * `start:worker` do. Why those flags: docs/deploying.md, Memory.
 */
function scriptNodeFlags(script: 'start:api' | 'start:worker'): string[] {
  // This file runs as dist/bench/lib/bench-env.js: package.json is three folders up.
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
  const flags = /\bnode((?: --[\w-]+(?:=\S+)?)*) dist\//.exec(pkg.scripts[script] ?? '')?.[1];
  if (flags === undefined) throw new Error(`package.json's "${script}" does not start node dist/…`);
  return flags.split(' ').filter(Boolean);
}

/** The worker's flags (`npm run start:worker`): its young generation fixed at 8 MB semi-spaces. */
export const WORKER_NODE_FLAGS = scriptNodeFlags('start:worker');

/** The API's flags (`npm run start:api`): 32 MB semi-spaces, the old generation grown to 1.5× what a major collection kept. */
export const API_NODE_FLAGS = scriptNodeFlags('start:api');

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
