import { afterAll, describe, expect, it } from '@jest/globals';
import { dropDatabase } from '../src/database/prepare-database.js';
import { freePort, runEntry, type Spawned } from './support/processes.js';
import { testEnv, waitFor } from './support/test-app.js';
import { MIGRATIONS } from '../migrations/index.js';

const LOGIN = 'mutation { login(input: { email: "delegate.dk@concordia.test", password: "concordia" }) { accessToken user { role } } }';

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`)).status === 200;
  } catch {
    return false;
  }
}

describe('starting the service', () => {
  const databases: string[] = [];
  const running: Spawned[] = [];

  afterAll(async () => {
    for (const p of running) p.child.kill('SIGKILL');
    for (const db of databases) await dropDatabase(db);
  });

  it('explains in one line which variable is wrong, and exits 1', async () => {
    const p = runEntry('main', { ...testEnv(), PORT: 'eighty' });
    expect(await p.exited).toBe(1);
    expect(p.output().trim()).toMatch(/^Invalid configuration: PORT .*\(got "eighty"\)$/);
  });

  it('requires a JWT secret in production', async () => {
    const p = runEntry('main', { ...testEnv(), NODE_ENV: 'production' });
    expect(await p.exited).toBe(1);
    expect(p.output().trim()).toBe('Invalid configuration: JWT_SECRET is required when NODE_ENV=production');
  });

  it('says PostgreSQL is unreachable, where, and how to start it — without a stack trace', async () => {
    const port = await freePort();
    const p = runEntry('main', { ...testEnv(), DATABASE_URL: `postgres://postgres:secret@127.0.0.1:${port}/concordia` });
    expect(await p.exited).toBe(1);
    const out = p.output().trim();
    expect(out).toBe(
      `PostgreSQL is not reachable at 127.0.0.1:${port}/concordia (ECONNREFUSED). Start it (e.g. \`docker compose up -d\` in the repository) or point DATABASE_URL at a running server.`,
    );
    expect(out).not.toContain('secret');
  });

  it('says Redis is unreachable, where, and how to start it', async () => {
    const port = await freePort();
    const p = runEntry('worker', { ...testEnv(), REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(await p.exited).toBe(1);
    expect(p.output().trim()).toBe(
      `Redis is not reachable at 127.0.0.1:${port} (ECONNREFUSED). Start it (e.g. \`docker compose up -d\` in the repository) or point REDIS_URL at a running server.`,
    );
  });

  it('brings up two instances together on a new database (migrations under a lock, demo data once), then stops on SIGTERM', async () => {
    const env = testEnv({ DEMO_DATA: 'true', NODE_ENV: 'development', LOG_LEVEL: 'warn' });
    databases.push(env.DATABASE_URL);
    const [portA, portB] = [await freePort(), await freePort()];
    const a = runEntry('main', { ...env, PORT: String(portA) }, ['--with-worker']);
    const b = runEntry('main', { ...env, PORT: String(portB) }, ['--with-worker']);
    running.push(a, b);
    await waitFor(async () => (await healthy(portA)) && (await healthy(portB)), 45_000, `both instances healthy\n${a.output()}\n${b.output()}`);
    expect(a.output()).toContain('demo data loaded');

    const res = await fetch(`http://127.0.0.1:${portB}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: LOGIN }) });
    const body = (await res.json()) as { data: { login: { user: { role: string } } } };
    expect(body.data.login.user.role).toBe('DELEGATE');

    // The landing page of /graphql answers browsers (GraphiQL in development).
    const page = await fetch(`http://127.0.0.1:${portA}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/graphiql/i);

    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    const counts = await client.query(
      `SELECT (SELECT count(*) FROM delegations)::int AS delegations, (SELECT count(*) FROM users)::int AS users,
              (SELECT count(*) FROM bodies)::int AS bodies, (SELECT count(*) FROM meetings)::int AS meetings,
              (SELECT count(*) FROM migrations)::int AS migrations`,
    );
    await client.end();
    expect(counts.rows[0]).toEqual({ delegations: 31, users: 6, bodies: 2, meetings: 2, migrations: MIGRATIONS.length });

    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);

    // Loading the demo data again (a restart) changes nothing.
    const again = runEntry('main', { ...env, PORT: String(portA) }, []);
    running.push(again);
    await waitFor(() => healthy(portA), 30_000, 'restart');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    const client2 = new pg.default.Client({ connectionString: env.DATABASE_URL });
    await client2.connect();
    const after = await client2.query(`SELECT (SELECT count(*) FROM delegations)::int AS delegations, (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM meetings)::int AS meetings, (SELECT count(*) FROM agenda_items)::int AS items`);
    await client2.end();
    expect(after.rows[0]).toEqual({ delegations: 31, users: 6, meetings: 2, items: 8 });
  });
});
