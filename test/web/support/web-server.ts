import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import pg from 'pg';
import { Redis } from 'ioredis';
import { freePort } from '../../support/free-port.js';

export interface WebServer {
  url: string;
  databaseUrl: string;
  /** Stops the server and drops its database and Redis keys. */
  stop: () => Promise<void>;
}

/**
 * The built API (dist/src/main.js --with-worker) serving the built client (web/dist), on a free port
 * (or `port`), against a fresh database with the demo data and its own Redis prefix; `env` adds to
 * (or overrides) its environment.
 */
export async function startWebServer(options: { port?: number; env?: Record<string, string> } = {}): Promise<WebServer> {
  for (const built of ['dist/src/main.js', 'web/dist/index.html']) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first (npm test does)`);
  }
  if (statSync('web/dist/index.html').mtimeMs < statSync('schema.gql').mtimeMs) throw new Error('web/dist is older than schema.gql: run `npm run build`');
  const id = randomBytes(5).toString('hex');
  const port = options.port ?? (await freePort());
  const base = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres');
  const databaseUrl = Object.assign(new URL(base), { pathname: `/concordia_test_web_${id}` }).toString();
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `test-web-${id}`;
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    DEMO_DATA: 'true',
    OUTBOX_POLL_MS: '200',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    ...options.env,
  };
  const child = spawn(process.execPath, ['dist/src/main.js', '--with-worker'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    const admin = new pg.Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "concordia_test_web_${id}" WITH (FORCE)`);
    await admin.end();
    const redis = new Redis(redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  };

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the server exited during start-up:\n${output}`);
    }
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not become healthy within 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, databaseUrl, stop };
}

export { freePort };
