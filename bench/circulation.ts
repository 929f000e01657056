import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { prepareInfrastructure } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/app-config.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { dropDatabase } from '../src/database/prepare-database.js';
import { QUEUES } from '../src/queues/jobs.js';
import { benchEnv } from './lib/bench-env.js';
import { Child } from './lib/child.js';
import { privateRedis } from './lib/private-redis.js';
import { median, ratio, summary } from './lib/stats.js';
import { runMain } from './lib/run-main.js';
import { smtpSink } from './lib/smtp-sink.js';

/**
 * `npm run bench:circulation`: one version circulated to 60 delegations × 5 members (300 in-app
 * notifications, 300 e-mails to an SMTP sink in this process), from the circulateStatement call until
 * every recipient is DELIVERED and every e-mail accepted; the jobs it ran and their rate; and, in the
 * same run, interleaved, on the same Redis, the bare BullMQ no-op worker of `npm run bench` (same
 * concurrency and job options) running as many jobs — the ratio is the figure. The API, the worker
 * and the baseline each run in a process of their own (bench/servers/). BENCH_REPS repetitions
 * (default 3) after a warm-up. Prints figures; asserts nothing about time.
 *
 * Since issue 17 a recipient's job sends its members' e-mails itself, so the circulation runs fewer
 * jobs (1 fan-out + 1 per delegation) than units of work. Two ratios are printed: per unit of work
 * (the bare worker runs one no-op job per unit the one-job-per-e-mail design ran: 1 + delegations +
 * e-mails; the issue's figure, comparable with 0.082× before), and per job actually run.
 * BENCH_PROFILE_DIR=dir writes the worker's CPU profile there (`--cpu-prof`, whole run) for
 * `node dist/bench/profile-summary.js dir/<file>.cpuprofile`.
 */
const env = process.env;
const DELEGATIONS = Number(env.BENCH_DELEGATIONS ?? 60);
const MEMBERS = Number(env.BENCH_MEMBERS ?? 5);
const REPS = Number(env.BENCH_REPS ?? 3);
const PROFILE_DIR = env.BENCH_PROFILE_DIR;

const log = (s = '') => process.stdout.write(`${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const id = randomBytes(4).toString('hex');
  const redis = await privateRedis(env.BENCH_REDIS_URL ?? env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const smtp = await smtpSink();
  const childEnv = benchEnv(id, redis.url, { SMTP_URL: smtp.url });
  const config = loadConfig(childEnv);
  const recipients = DELEGATIONS * MEMBERS;
  log(
    `Circulation fan-out: ${DELEGATIONS} delegations × ${MEMBERS} members = ${recipients} in-app + ${recipients} e-mail deliveries (e-mail on: SMTP_URL=${smtp.url}, a sink in this process), ${REPS} interleaved repetitions after a warm-up, median (min–max).`,
  );
  log(
    `Redis: ${redis.privateServer ? `a private redis-server (${redis.url})` : redis.url}. Load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  await prepareInfrastructure(config);
  const ds = await new DataSource(dataSourceOptions(config.databaseUrl)).initialize();
  const servers = {
    api: await Child.start<{ port: number }>('api', new URL('./servers/api-server.js', import.meta.url), childEnv),
    worker: await Child.start(
      'worker',
      new URL('./servers/worker-server.js', import.meta.url),
      childEnv,
      PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
    ),
    bare: await Child.start('bare BullMQ', new URL('./servers/bare-bullmq.js', import.meta.url), childEnv),
  };
  const queues = QUEUES.map((q) => new Queue(q, { connection: { url: redis.url }, prefix: config.queuePrefix }));
  try {
    // Seed with SQL: delegations with MEMBERS active members each, a body of all of them, a clerk.
    const [clerk] = await ds.query(
      `INSERT INTO users (email, name, password_hash, role, timezone) VALUES ('clerk@bench.concordia', 'Bench Clerk', 'x', 'CLERK', 'Europe/Brussels') RETURNING id, role`,
    );
    const delegations: { id: string }[] = await ds.query(
      `INSERT INTO delegations (code, name, kind, timezone) SELECT 'Z' || lpad(g::text, 3, '0'), 'Bench delegation ' || g, 'MEMBER_STATE', 'Europe/Brussels' FROM generate_series(1, $1) g RETURNING id`,
      [DELEGATIONS],
    );
    const users: { id: string }[] = await ds.query(
      `INSERT INTO users (email, name, password_hash, role, timezone) SELECT 'member' || g || '@bench.concordia', 'Member ' || g, 'x', 'DELEGATE', 'Europe/Brussels' FROM generate_series(1, $1) g RETURNING id`,
      [recipients],
    );
    await ds.query(
      `INSERT INTO delegation_memberships (user_id, delegation_id, delegate_role) SELECT u, d, 'DELEGATE' FROM unnest($1::uuid[], $2::uuid[]) AS t(u, d)`,
      [users.map((u) => u.id), users.map((_, i) => delegations[Math.floor(i / MEMBERS)].id)],
    );
    const [body] = await ds.query(`INSERT INTO bodies (kind, name, jha) VALUES ('MINISTERIAL', 'Bench Ministerial', true) RETURNING id`);
    await ds.query(`INSERT INTO body_members (body_id, delegation_id) SELECT $1, unnest($2::uuid[])`, [body.id, delegations.map((d) => d.id)]);
    const token = await servers.api.call<string>('token', clerk);
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const res = await fetch(`http://127.0.0.1:${servers.api.ready.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const out = (await res.json()) as { data: any; errors?: unknown[] };
      if (out.errors) throw new Error(JSON.stringify(out.errors));
      return out.data;
    };
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
    // One no-op job per unit of work of the one-job-per-e-mail design: fan-out, recipients, e-mails.
    const units = 1 + DELEGATIONS + recipients;
    const unitMs: number[] = [];
    const unitRates: number[] = [];
    const bareUnitRates: number[] = [];
    // CPU the worker spent per circulation: less sensitive to the other helpers' load than wall time.
    const workerCpu: number[] = [];
    let jobs = 0;
    let sql = 0;
    for (let rep = -1; rep < REPS; rep++) {
      const { draftStatement: s } = await gql('mutation($i: DraftStatementInput!) { draftStatement(input: $i) { id currentVersion { id } } }', {
        i: { bodyId: body.id, title: `Global Alliance ${rep}`, paragraphs: [{ kind: 'GOAL', text: 'Identify and protect victims.' }] },
      });
      while (!(await idle())) await sleep(10);
      const mailsBefore = smtp.count();
      const sqlBefore = await servers.worker.call<number>('sql');
      const cpuBefore = await servers.worker.cpuMs();
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
      // Jobs this circulation ran: every job handed to BullMQ since it started.
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox_events WHERE created_at >= $1`, [dbStart]);
      jobs = n;
      sql = (await servers.worker.call<number>('sql')) - sqlBefore;
      const cpu = (await servers.worker.cpuMs()) - cpuBefore;
      const [{ notes }] = await ds.query(`SELECT count(*)::int AS notes FROM notifications WHERE event_key LIKE $1`, [`circulation:${c.id}:%`]);
      if (notes !== recipients) throw new Error(`expected ${recipients} notifications, found ${notes}`);
      const b = await servers.bare.call<number>('run', jobs);
      const bu = await servers.bare.call<number>('run', units);
      if (rep < 0) continue; // warm-up
      concordia.push(ms);
      workerCpu.push(cpu);
      rates.push(jobs / (ms / 1000));
      bareMs.push(b);
      bareRates.push(jobs / (b / 1000));
      unitMs.push(bu);
      unitRates.push(units / (ms / 1000));
      bareUnitRates.push(units / (bu / 1000));
    }
    log(`  Concordia, circulateStatement → all ${DELEGATIONS} recipients DELIVERED and ${recipients} e-mails accepted: ${summary(concordia, 0)} ms`);
    log(
      `    ${jobs} jobs (1 fan-out, then per recipient delegation one job that also sends its e-mails; a job per e-mail before issue 17) → ${summary(rates, 0)} jobs/s, ${summary(
        concordia.map((m) => recipients / (m / 1000)),
        0,
      )} members/s; ${sql} SQL statements in the worker (last repetition)`,
    );
    log(`    worker CPU (user + system) per circulation: ${summary(workerCpu, 0)} ms`);
    log(`  bare BullMQ no-op worker, same Redis, same concurrency, ${jobs} jobs: ${summary(bareMs, 0)} ms → ${summary(bareRates, 0)} jobs/s`);
    log(
      `  ratio Concordia jobs/s ÷ bare BullMQ jobs/s, per job actually run: ${ratio(median(rates), median(bareRates), 3)} (per repetition: ${rates.map((r, i) => (r / bareRates[i]).toFixed(3)).join(', ')})`,
    );
    log(
      `  bare BullMQ no-op worker, ${units} jobs (one per unit of work: 1 fan-out + ${DELEGATIONS} recipients + ${recipients} e-mails): ${summary(unitMs, 0)} ms`,
    );
    log(
      `  ratio per unit of work, Concordia ${units} units/s ÷ bare ${units} jobs/s (the issue's figure): ${ratio(median(unitRates), median(bareUnitRates), 3)} (per repetition: ${unitRates.map((r, i) => (r / bareUnitRates[i]).toFixed(3)).join(', ')})`,
    );
    log(
      `Load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (2 shared cores: absolute figures are noisy, the ratio less so).`,
    );
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    for (const c of Object.values(servers)) await c.stop().catch(() => undefined);
    await ds.destroy();
    await smtp.stop();
    await dropDatabase(config.databaseUrl).catch(() => undefined);
    redis.stop();
  }
}

runMain(main);
