import { afterAll, describe, expect, it } from '@jest/globals';
import { MIGRATIONS } from '../migrations/index.js';
import { dropDatabase } from '../src/database/prepare-database.js';
import { freePort, runEntry, type Spawned } from './support/processes.js';
import { removeRedisKeys, testEnv, waitFor } from './support/test-app.js';

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
  const prefixes: Array<{ redisUrl: string; prefix: string }> = [];
  const running: Spawned[] = [];

  afterAll(async () => {
    for (const p of running) p.child.kill('SIGKILL');
    await Promise.all(running.map((p) => p.exited));
    for (const db of databases) await dropDatabase(db);
    for (const { redisUrl, prefix } of prefixes) await removeRedisKeys(redisUrl, prefix);
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

  it('brings up two instances together on a new database (migrations under a lock, demo data once), ready only with their workers, then stops on SIGTERM', async () => {
    const env = testEnv({ DEMO_DATA: 'true', NODE_ENV: 'development', LOG_LEVEL: 'warn' });
    databases.push(env.DATABASE_URL);
    prefixes.push({ redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX });
    const [portA, portB] = [await freePort(), await freePort()];
    const a = runEntry('main', { ...env, PORT: String(portA) }, ['--with-worker']);
    const b = runEntry('main', { ...env, PORT: String(portB) }, ['--with-worker']);
    running.push(a, b);
    await waitFor(async () => (await healthy(portA)) && (await healthy(portB)), 60_000, `both instances healthy\n${a.output()}\n${b.output()}`);
    // Ready means the in-process worker runs too, not just that HTTP listens.
    for (const port of [portA, portB]) {
      const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { details: { startup: { parts: string[] } } };
      expect(health.details.startup.parts).toEqual(['api', 'worker']);
    }
    await waitFor(
      async () => a.output().includes('with the worker in-process') && b.output().includes('with the worker in-process'),
      10_000,
      'both start-up lines',
    );

    const pg = await import('pg');
    const query = async (sql: string, params: unknown[] = []) => {
      const client = new pg.default.Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows;
      } finally {
        await client.end();
      }
    };
    // Either instance may have won the lock; exactly one of them loaded the demo data.
    expect(await query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'demo.loaded'`)).toEqual([{ n: 1 }]);
    const [counts] = await query(
      `SELECT (SELECT count(*) FROM delegations)::int AS delegations, (SELECT count(*) FROM users)::int AS users,
              (SELECT count(*) FROM bodies)::int AS bodies, (SELECT count(*) FROM meetings)::int AS meetings,
              (SELECT count(*) FROM migrations)::int AS migrations`,
    );
    expect(counts).toMatchObject({ delegations: 37, users: 6, bodies: 2, meetings: 3 }); // 31 at the Ministerial, 6 partners that joined later
    expect(counts.migrations).toBe(MIGRATIONS.length);

    // The US delegate's first look: both meetings the US is invited to, one of them ahead with an
    // open invitation, its notice in the inbox, its reminders queued.
    const gql = async (query: string, token?: string) => {
      const res = await fetch(`http://127.0.0.1:${portB}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      });
      return (await res.json()) as { data: any; errors?: unknown[] };
    };
    const login = await gql(LOGIN.replace('delegate.dk', 'delegate.us'));
    expect(login.data.login.user.role).toBe('DELEGATE');
    const token = login.data.login.accessToken as string;
    const meetings = await gql(
      '{ meetings(first: 10) { totalCount edges { node { id title status startsAt participants { delegation { code } rsvp } } } } }',
      token,
    );
    expect(meetings.data.meetings.totalCount).toBe(2);
    const upcoming = meetings.data.meetings.edges.map((e: any) => e.node).find((m: any) => m.status === 'PLANNED');
    expect(new Date(upcoming.startsAt).getTime()).toBeGreaterThan(Date.now());
    expect(upcoming.participants.find((p: any) => p.delegation.code === 'US').rsvp).toBe('INVITED');
    await waitFor(
      async () =>
        (await gql('{ notifications(first: 5) { edges { node { kind entity { id } } } } }', token)).data.notifications.edges.some(
          (e: any) => e.node.kind === 'MEETING_INVITATION' && e.node.entity.id === upcoming.id,
        ),
      30_000,
      'the invitation notice',
    );
    await waitFor(
      async () => (await query(`SELECT count(*)::int AS n FROM outbox_events WHERE job_name = 'meeting-reminder' AND sent_at IS NOT NULL`))[0].n === 2,
      30_000,
      'reminders queued',
    );

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
    const [after] = await query(
      `SELECT (SELECT count(*) FROM delegations)::int AS delegations, (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM meetings)::int AS meetings,
              (SELECT count(*) FROM agenda_items)::int AS items, (SELECT count(*) FROM audit_events WHERE action = 'demo.loaded')::int AS loads`,
    );
    expect(after).toEqual({ delegations: 37, users: 6, meetings: 3, items: 11, loads: 1 });
  });
});
