import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { type AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { AuthService } from '../src/auth/auth.service.js';
import { Role } from '../src/auth/role.enum.js';
import { createApi, createWorker, prepareInfrastructure } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/app-config.js';
import { dropDatabase } from '../src/database/prepare-database.js';
import { DEFAULT_JOB_OPTIONS } from '../src/queues/jobs.js';
import { QueueRegistry } from '../src/queues/queue-registry.js';

/**
 * `npm run bench:circulation`: one version circulated to 60 delegations × 5 members (300 in-app
 * notifications and 300 e-mails to an in-process SMTP sink), from the circulateStatement call until
 * every recipient is DELIVERED and every e-mail accepted; the jobs it ran and their rate; and, in the
 * same run and on the same Redis, a bare BullMQ worker (same concurrency, same job options) running
 * as many no-op jobs — the ratio is the figure. BENCH_REPS repetitions (default 3), interleaved.
 * Prints figures; asserts nothing about time.
 */
const DELEGATIONS = Number(process.env.BENCH_DELEGATIONS ?? 60);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 5);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const CONCURRENCY = 5; // the service's worker concurrency (src/queues/queue-workers.ts)

const log = (s = '') => process.stdout.write(`${s}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (xs: number[], digits = 0) => `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Accepts every message at once and counts it. */
async function smtpSink(): Promise<{ url: string; count: () => number; stop: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _session, callback) => {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, count: () => received, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Bare BullMQ on the same Redis: `n` no-op jobs carrying one id each; ms from the first add to the n-th completion. */
async function bareBullmq(redisUrl: string, prefix: string): Promise<{ run: (n: number) => Promise<number>; close: () => Promise<void> }> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('bare', { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  let onCompleted: (() => void) | null = null;
  const worker = new Worker('bare', async () => 'done', { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix, concurrency: CONCURRENCY });
  worker.on('completed', () => onCompleted?.());
  await worker.waitUntilReady();
  return {
    run: async (n) => {
      let done = 0;
      const all = new Promise<void>((resolve) => (onCompleted = () => ++done === n && resolve()));
      const t = performance.now();
      await queue.addBulk(Array.from({ length: n }, () => ({ name: 'deliver-circulation', data: { recipientId: randomUUID() } })));
      await all;
      return performance.now() - t;
    },
    close: async () => {
      await worker.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      connection.disconnect();
    },
  };
}

async function main(): Promise<void> {
  const id = randomBytes(4).toString('hex');
  const smtp = await smtpSink();
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:5432/concordia_bench_${id}`,
    QUEUE_PREFIX: `bench-${id}`,
    LOG_LEVEL: 'silent',
    PORT: '0',
    OUTBOX_POLL_MS: '1000',
    SMTP_URL: smtp.url,
    DEMO_DATA: 'false',
  });
  await prepareInfrastructure(config);
  const api = await createApi(config);
  await api.listen(0, '127.0.0.1');
  const worker = await createWorker(config);
  const bare = await bareBullmq(config.redisUrl, `${config.queuePrefix}-bare`);
  const ds = api.get(DataSource);
  const url = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}/graphql`;
  const recipients = DELEGATIONS * MEMBERS;
  log(`Circulation fan-out: ${DELEGATIONS} delegations × ${MEMBERS} members = ${recipients} in-app + ${recipients} e-mail deliveries (in-process SMTP sink), ${REPS} repetitions, median (min–max).`);
  log(`API and worker in this process (worker concurrency ${CONCURRENCY}); Redis ${config.redisUrl}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}.`);

  try {
    // Seed with SQL: delegations with five active members each, a body of all of them, a clerk.
    const [clerk] = await ds.query(`INSERT INTO users (email, name, password_hash, role, timezone) VALUES ($1, 'Bench Clerk', 'x', 'CLERK', 'Europe/Brussels') RETURNING id, role`, [`clerk-${id}@bench.concordia`]);
    const delegations: { id: string }[] = await ds.query(
      `INSERT INTO delegations (code, name, kind, timezone) SELECT 'Z' || lpad(g::text, 3, '0'), 'Bench delegation ' || g, 'MEMBER_STATE', 'Europe/Brussels' FROM generate_series(1, $1) g RETURNING id`,
      [DELEGATIONS],
    );
    const users: { id: string }[] = await ds.query(
      `INSERT INTO users (email, name, password_hash, role, timezone) SELECT 'member' || g || '-${id}@bench.concordia', 'Member ' || g, 'x', 'DELEGATE', 'Europe/Brussels' FROM generate_series(1, $1) g RETURNING id`,
      [recipients],
    );
    await ds.query(
      `INSERT INTO delegation_memberships (user_id, delegation_id, delegate_role) SELECT u, d, 'DELEGATE' FROM unnest($1::uuid[], $2::uuid[]) AS t(u, d)`,
      [users.map((u) => u.id), users.map((_, i) => delegations[Math.floor(i / MEMBERS)].id)],
    );
    const [body] = await ds.query(`INSERT INTO bodies (kind, name, jha) VALUES ('MINISTERIAL', 'Bench Ministerial ${id}', true) RETURNING id`);
    await ds.query(`INSERT INTO body_members (body_id, delegation_id) SELECT $1, unnest($2::uuid[])`, [body.id, delegations.map((d) => d.id)]);
    const token = await api.get(AuthService).issueToken({ id: clerk.id, role: Role.CLERK } as never);
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      const out = (await res.json()) as { data: any; errors?: unknown[] };
      if (out.errors) throw new Error(JSON.stringify(out.errors));
      return out.data;
    };
    const queues = worker.get(QueueRegistry).all();
    const idle = async () => {
      const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM outbox_events WHERE sent_at IS NULL');
      if (n > 0) return false;
      for (const q of queues) {
        const c = await q.getJobCounts('waiting', 'active', 'prioritized');
        if (c.waiting + c.active + c.prioritized > 0) return false;
      }
      return true;
    };

    const concordia: number[] = [];
    const rates: number[] = [];
    const bareMs: number[] = [];
    const bareRates: number[] = [];
    let jobs = 0;
    for (let rep = -1; rep < REPS; rep++) {
      const { draftStatement: s } = await gql('mutation($i: DraftStatementInput!) { draftStatement(input: $i) { id currentVersion { id } } }', {
        i: { bodyId: body.id, title: `Global Alliance ${rep}`, paragraphs: [{ kind: 'GOAL', text: 'Identify and protect victims.' }] },
      });
      while (!(await idle())) await sleep(10);
      const mailsBefore = smtp.count();
      const [{ now: dbStart }] = await ds.query('SELECT now()');
      const t = performance.now();
      const { circulateStatement: c } = await gql('mutation($i: CirculateStatementInput!) { circulateStatement(input: $i) { id } }', {
        i: { statementId: s.id, versionId: s.currentVersion.id, purpose: 'COMMENTS' },
      });
      for (;;) {
        const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM circulation_recipients WHERE circulation_id = $1 AND status = 'DELIVERED'`, [c.id]);
        if (n === DELEGATIONS && smtp.count() - mailsBefore === recipients) break;
        await sleep(5);
      }
      const ms = performance.now() - t;
      while (!(await idle())) await sleep(10);
      // Jobs this circulation ran: every job handed to BullMQ since it started (fan-out, per recipient, per e-mail).
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox_events WHERE created_at >= $1`, [dbStart]);
      jobs = n;
      const [{ notes }] = await ds.query(`SELECT count(*)::int AS notes FROM notifications WHERE event_key LIKE $1`, [`circulation:${c.id}:%`]);
      if (notes !== recipients) throw new Error(`expected ${recipients} notifications, found ${notes}`);
      const b = await bare.run(jobs);
      if (rep < 0) continue; // warm-up
      concordia.push(ms);
      rates.push(jobs / (ms / 1000));
      bareMs.push(b);
      bareRates.push(jobs / (b / 1000));
    }
    log(`  Concordia: mutation → all ${DELEGATIONS} recipients DELIVERED and ${recipients} e-mails accepted: ${summary(concordia)} ms; ${jobs} jobs (1 fan-out + ${DELEGATIONS} recipient deliveries + e-mail deliver jobs) → ${summary(rates)} jobs/s, ${summary(concordia.map((m) => recipients / (m / 1000)))} members/s`);
    log(`  bare BullMQ no-op worker, same Redis, same concurrency, ${jobs} jobs: ${summary(bareMs)} ms → ${summary(bareRates)} jobs/s`);
    log(`  ratio Concordia jobs/s ÷ bare BullMQ jobs/s: ${(median(rates) / median(bareRates)).toFixed(3)} (per repetition: ${rates.map((r, i) => (r / bareRates[i]).toFixed(3)).join(', ')})`);
    log(`  load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (2 shared cores: absolute figures are noisy, the ratio less so)`);
  } finally {
    await bare.close();
    await Promise.all(worker.get(QueueRegistry).all().map((q) => q.obliterate({ force: true }).catch(() => undefined)));
    await worker.close();
    await api.close();
    await smtp.stop();
    await dropDatabase(config.databaseUrl).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
