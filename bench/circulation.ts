import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { prepareInfrastructure } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/app-config.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { dropDatabase } from '../src/database/prepare-database.js';
import { QUEUES } from '../src/queues/jobs.js';
import { API_NODE_FLAGS, benchEnv, nodeFlags, WORKER_NODE_FLAGS } from './lib/bench-env.js';
import { Child } from './lib/child.js';
import { privateRedis } from './lib/private-redis.js';
import { servicesCpuMs } from './lib/services-cpu.js';
import { median, summary } from './lib/stats.js';
import { runMain } from './lib/run-main.js';
import { smtpSink } from './lib/smtp-sink.js';

/**
 * `npm run bench:circulation`: one version circulated to 60 delegations × 5 members (300 in-app
 * notifications, 300 e-mails to an SMTP sink in this process), from the circulateStatement call until
 * every recipient is DELIVERED and every e-mail accepted; the jobs it ran and their rate; and, in the
 * same run, interleaved, on the same Redis, the bare BullMQ no-op worker of `npm run bench` (same
 * concurrency and job options) running as many jobs — the ratio is the figure. The API, the worker
 * and the baseline each run in a process of their own (bench/servers/). BENCH_REPS repetitions
 * (default 3), each after BENCH_WARMUP warm-up circulations (default 3) when its worker has just started. Prints figures;
 * asserts nothing about time.
 *
 * The ratio is per unit of work: the bare worker runs one no-op job per unit the one-job-per-e-mail
 * design ran (1 fan-out + delegations + e-mails; the issue's figure, comparable with 0.082× then), so
 * the ratio is bare time ÷ Concordia time for the same work, however Concordia groups it into jobs.
 * The ratio per job actually run is printed too. The bare time of a repetition is the median of
 * BENCH_BARE_ROUNDS runs (default 3), measured right after that repetition's circulation. So are
 * the circulation's e-mails alone (bench/servers/email-only.ts: the worker's EmailChannel to the same
 * sink, no database, no queue), the ceiling of the ratio with this SMTP client and server here.
 *
 * BENCH_BEFORE_WORKER=<another build>/dist/bench/servers/worker-server.js measures that build (its worker
 * and the API beside it) in the same run, alternating with this one (one worker process at a time;
 * the database, Redis, the sink and the baseline shared): before/after figures from one run. BENCH_PROFILE_DIR=dir writes the
 * worker's CPU profile there (`--cpu-prof`, whole run) for `node dist/bench/profile-summary.js
 * dir/<file>.cpuprofile`.
 */
const env = process.env;
const DELEGATIONS = Number(env.BENCH_DELEGATIONS ?? 60);
const MEMBERS = Number(env.BENCH_MEMBERS ?? 5);
const REPS = Number(env.BENCH_REPS ?? 3);
const PROFILE_DIR = env.BENCH_PROFILE_DIR;
/**
 * Circulations each worker runs when it has just started, before it is measured: a long-running
 * worker's code is compiled and optimised, and the first circulations of a fresh one still pay for
 * that (the JIT kept improving for about three).
 */
const WARMUP = Number(env.BENCH_WARMUP ?? 3);
/** Runs of the bare baseline per repetition, of which the median counts. */
const BARE_ROUNDS = Number(env.BENCH_BARE_ROUNDS ?? 3);
/** Another build's dist/bench/servers/worker-server.js (say, main's): measured in the same run, alternating with this one. */
const BEFORE_WORKER = env.BENCH_BEFORE_WORKER;
/**
 * Levers side by side in one run: BENCH_VARIANTS='[{"name":"…","script":"<a worker-server.js; default this build>","env":{…},"flags":"<node flags; default the worker's production ones>"}, …]',
 * each worker started with its env on top, one at a time, their order alternating.
 */
const VARIANTS = env.BENCH_VARIANTS
  ? (JSON.parse(env.BENCH_VARIANTS) as { name: string; script?: string; env?: Record<string, string>; flags?: string }[])
  : null;

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
    `Circulation fan-out: ${DELEGATIONS} delegations × ${MEMBERS} members = ${recipients} in-app + ${recipients} e-mail deliveries (e-mail on: SMTP_URL=${smtp.url}, a sink in this process), ${REPS} interleaved repetitions after ${WARMUP} warm-up circulations per worker start, median (min–max).`,
  );
  log(
    `Redis: ${redis.privateServer ? `a private redis-server (${redis.url})` : redis.url}. Load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  await prepareInfrastructure(config);
  const ds = await new DataSource(dataSourceOptions(config.databaseUrl)).initialize();
  const servers = {
    api: await Child.start<{ port: number }>('api', new URL('./servers/api-server.js', import.meta.url), childEnv, API_NODE_FLAGS),
    // Started in the loop below: with two builds to compare, one at a time.
    worker: null as Child | null,
    bare: await Child.start('bare BullMQ', new URL('./servers/bare-bullmq.js', import.meta.url), childEnv),
    emailOnly: await Child.start('e-mails alone', new URL('./servers/email-only.js', import.meta.url), childEnv),
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

    // One no-op job per unit of work of the one-job-per-e-mail design: fan-out, recipients, e-mails.
    const units = 1 + DELEGATIONS + recipients;
    /**
     * The bare worker's time for n no-op jobs: the median of BARE_ROUNDS runs back to back (one run
     * alone varied 2× with the other processes of this shared machine: a stable baseline, not a
     * flattering one).
     */
    const bareMedian = async (n: number) => {
      const runs: number[] = [];
      for (let i = 0; i < BARE_ROUNDS; i++) runs.push(await servers.bare.call<number>('run', n));
      return median(runs);
    };
    /** The circulation's e-mails alone (bench/servers/email-only.ts), the same number, measured as the bare worker is. */
    const emailOnlyMedian = async () => {
      const runs: number[] = [];
      for (let i = 0; i < BARE_ROUNDS; i++) {
        const cpuBefore = await servers.emailOnly.cpuMs();
        const sinkBefore = process.cpuUsage();
        runs.push(await servers.emailOnly.call<number>('run', recipients));
        const sink = process.cpuUsage(sinkBefore);
        emailOnly.cpu.push((await servers.emailOnly.cpuMs()) - cpuBefore);
        emailOnly.sinkCpu.push((sink.user + sink.system) / 1000);
      }
      return median(runs);
    };
    const emailOnly = { ms: [] as number[], bareUnitMs: [] as number[], cpu: [] as number[], sinkCpu: [] as number[] };

    /** One circulation with the worker running now, timed until every recipient is DELIVERED and every e-mail accepted. */
    const circulateOnce = async (worker: Child, label: string) => {
      const { draftStatement: s } = await gql('mutation($i: DraftStatementInput!) { draftStatement(input: $i) { id currentVersion { id } } }', {
        i: { bodyId: body.id, title: `Global Alliance ${label}`, paragraphs: [{ kind: 'GOAL', text: 'Identify and protect victims.' }] },
      });
      while (!(await idle())) await sleep(10);
      const mailsBefore = smtp.count();
      const sqlBefore = await worker.call<number>('sql');
      const cpuBefore = await worker.cpuMs();
      const apiCpuBefore = await servers.api.cpuMs();
      const sinkCpuBefore = process.cpuUsage();
      const servicesCpuBefore = servicesCpuMs();
      const [{ now: dbStart }] = await ds.query('SELECT now()');
      const t = performance.now();
      const { circulateStatement: c } = await gql('mutation($i: CirculateStatementInput!) { circulateStatement(input: $i) { id } }', {
        i: { statementId: s.id, versionId: s.currentVersion.id, purpose: 'COMMENTS' },
      });
      // The sink's count first (in this process, free); the database only once every e-mail is in, so
      // the waiting loop does not load the shared cores with a query every few ms.
      for (;;) {
        if (smtp.count() - mailsBefore === recipients) {
          const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM circulation_recipients WHERE circulation_id = $1 AND status = 'DELIVERED'`, [c.id]);
          if (n === DELEGATIONS) break;
        }
        await sleep(2);
      }
      const ms = performance.now() - t;
      while (!(await idle())) await sleep(10);
      // Jobs this circulation ran: every job handed to BullMQ since it started.
      const [{ n: jobs }] = await ds.query(`SELECT count(*)::int AS n FROM outbox_events WHERE created_at >= $1`, [dbStart]);
      const sql = (await worker.call<number>('sql')) - sqlBefore;
      const cpu = (await worker.cpuMs()) - cpuBefore;
      const sinkCpu = process.cpuUsage(sinkCpuBefore);
      const servicesCpu = servicesCpuMs() - servicesCpuBefore;
      const apiCpu = (await servers.api.cpuMs()) - apiCpuBefore;
      const [{ notes }] = await ds.query(`SELECT count(*)::int AS notes FROM notifications WHERE event_key LIKE $1`, [`circulation:${c.id}:%`]);
      if (env.BENCH_TIMELINE) await timeline(c.id, dbStart);
      if (notes !== recipients) throw new Error(`expected ${recipients} notifications, found ${notes}`);
      if (smtp.count() - mailsBefore !== recipients) throw new Error(`expected ${recipients} e-mails, the sink accepted ${smtp.count() - mailsBefore}`);
      return { ms, jobs: jobs as number, sql, cpu, apiCpu, sinkCpu: (sinkCpu.user + sinkCpu.system) / 1000, servicesCpu };
    };

    /** Where a circulation's time went (BENCH_TIMELINE=1): ms after the mutation was sent, from the rows' own timestamps. */
    const timeline = async (circulationId: string, start: Date) => {
      const ms = (col: string) => `round(extract(epoch FROM (${col} - $2::timestamptz)) * 1000)::int`;
      const rows: { what: string; first: number; last: number; n: number }[] = await ds.query(
        `SELECT 'circulation committed' AS what, ${ms('c.created_at')} AS first, ${ms('c.created_at')} AS last, 1 AS n FROM circulations c WHERE c.id = $1
         UNION ALL SELECT 'outbox ' || o.job_name || ' written / sent', ${ms('min(o.created_at)')}, ${ms('max(o.sent_at)')}, count(*)::int FROM outbox_events o
                    WHERE o.created_at >= $2 AND o.job_name IN ('circulate', 'deliver-circulation') GROUP BY o.job_name
         UNION ALL SELECT 'notifications written (tx start)', ${ms('min(n.created_at)')}, ${ms('max(n.created_at)')}, count(DISTINCT n.created_at)::int FROM notifications n WHERE n.event_key LIKE 'circulation:' || $1 || ':%'
         UNION ALL SELECT 'e-mails claimed (tx start)', ${ms('min(d.updated_at)')}, ${ms('max(d.updated_at)')}, count(DISTINCT d.updated_at)::int FROM notification_deliveries d WHERE d.event_key LIKE 'circulation:' || $1 || ':%' AND d.channel = 'EMAIL'
         UNION ALL SELECT 'e-mails accepted', ${ms('min(d.sent_at)')}, ${ms('max(d.sent_at)')}, count(*)::int FROM notification_deliveries d WHERE d.event_key LIKE 'circulation:' || $1 || ':%' AND d.channel = 'EMAIL'
         UNION ALL SELECT 'recipients DELIVERED', ${ms('min(r.delivered_at)')}, ${ms('max(r.delivered_at)')}, count(*)::int FROM circulation_recipients r WHERE r.circulation_id = $1`,
        [circulationId, start],
      );
      for (const r of rows) log(`      ${r.what.padEnd(45)} ${String(r.first).padStart(5)} → ${String(r.last).padStart(5)} ms  (${r.n})`);
    };

    interface Figures {
      ms: number[];
      cpu: number[];
      apiCpu: number[];
      sinkCpu: number[];
      servicesCpu: number[];
      bareUnitMs: number[];
      bareJobMs: number[];
      jobs: number;
      sql: number;
    }
    const thisBuild = new URL('./servers/worker-server.js', import.meta.url);
    const thisApi = new URL('./servers/api-server.js', import.meta.url);
    /** A build's API beside its worker (both from one dist/bench/servers/), so a before/after compares whole builds. */
    const apiBeside = (worker: URL) => new URL('./api-server.js', worker);
    const variants: { name: string; script: URL; api: URL; env: Record<string, string>; flags?: string; figures: Figures }[] = VARIANTS
      ? VARIANTS.map((v) => {
          const script = v.script ? pathToFileURL(v.script) : thisBuild;
          return { name: v.name, script, api: v.script ? apiBeside(script) : thisApi, env: v.env ?? {}, flags: v.flags, figures: figuresOf() };
        })
      : [
          { name: BEFORE_WORKER ? 'after (this build)' : 'Concordia', script: thisBuild, api: thisApi, env: {}, figures: figuresOf() },
          ...(BEFORE_WORKER
            ? [
                {
                  name: `before (${BEFORE_WORKER})`,
                  script: pathToFileURL(BEFORE_WORKER),
                  api: apiBeside(pathToFileURL(BEFORE_WORKER)),
                  env: {},
                  figures: figuresOf(),
                },
              ]
            : []),
        ];
    function figuresOf(): Figures {
      return { ms: [], cpu: [], apiCpu: [], sinkCpu: [], servicesCpu: [], bareUnitMs: [], bareJobMs: [], jobs: 0, sql: 0 };
    }
    // Warm-up: the bare worker, and (single variant) the worker, whose first circulation compiles everything.
    await bareMedian(units);
    await emailOnlyMedian();
    emailOnly.cpu.length = emailOnly.sinkCpu.length = 0;
    for (let rep = 0; rep < REPS; rep++) {
      // With several workers, their order rotates so none always runs first after a quiet pause.
      const order = variants.map((_, i) => variants[(i + rep) % variants.length]);
      for (const v of order) {
        if (variants.length > 1 || rep === 0) {
          // One worker process at a time: each build runs alone, after its warm-up circulations.
          if (servers.worker) await servers.worker.stop();
          // The variant's own API too when it is another build's (the mutation enqueues part of the work).
          if (servers.api.script.href !== v.api.href) {
            await servers.api.stop();
            servers.api = await Child.start<{ port: number }>('api', v.api, { ...childEnv, ...v.env }, API_NODE_FLAGS);
          }
          servers.worker = await Child.start('worker', v.script, { ...childEnv, ...v.env }, [
            ...nodeFlags(v.flags, WORKER_NODE_FLAGS),
            ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
          ]);
          for (let w = 0; w < WARMUP; w++) await circulateOnce(servers.worker, `${v.name} warm-up ${rep}.${w}`);
        }
        // Statistics as a running system's autovacuum keeps them (it analyzes a table once a tenth of its
        // rows changed, within a minute): this database is younger than that, and without them the
        // planner took the notification tables for the empty ones it last saw: the e-mail claim looped
        // over every delivery row, slower with every repetition (5.8 ms at 6,600 rows; 2.7 ms analyzed).
        await ds.query('ANALYZE');
        const run = await circulateOnce(servers.worker!, `${v.name} ${rep}`);
        const f = v.figures;
        f.ms.push(run.ms);
        f.cpu.push(run.cpu);
        f.apiCpu.push(run.apiCpu);
        f.sinkCpu.push(run.sinkCpu);
        f.servicesCpu.push(run.servicesCpu);
        f.jobs = run.jobs;
        f.sql = run.sql;
        f.bareUnitMs.push(await bareMedian(units));
        f.bareJobMs.push(await bareMedian(run.jobs));
        emailOnly.ms.push(await emailOnlyMedian());
        emailOnly.bareUnitMs.push(f.bareUnitMs.at(-1)!);
      }
      log(`  repetition ${rep + 1}/${REPS} done, load average ${loadavg()[0].toFixed(2)}`);
    }
    for (const { name, figures: f } of variants) {
      const unitRatios = f.ms.map((ms, i) => f.bareUnitMs[i] / ms);
      const jobRatios = f.ms.map((ms, i) => f.bareJobMs[i] / ms);
      log(`${name}:`);
      log(`  circulateStatement → all ${DELEGATIONS} recipients DELIVERED and ${recipients} e-mails accepted: ${summary(f.ms, 0)} ms`);
      log(
        `    ${f.jobs} jobs → ${summary(
          f.ms.map((ms) => f.jobs / (ms / 1000)),
          0,
        )} jobs/s, ${summary(
          f.ms.map((ms) => recipients / (ms / 1000)),
          0,
        )} members/s; ${f.sql} SQL statements in the worker (last repetition)`,
      );
      log(`    worker CPU (user + system) per circulation: ${summary(f.cpu, 0)} ms`);
      log(
        `    elsewhere on the 2 cores: API ${summary(f.apiCpu, 0)} ms; this process (the SMTP sink, counting) ${summary(f.sinkCpu, 0)} ms; PostgreSQL and Redis (every process of theirs here, 10 ms ticks) ${summary(f.servicesCpu, 0)} ms`,
      );
      log(
        `  bare BullMQ no-op worker, same Redis, same concurrency, ${f.jobs} jobs (median of ${BARE_ROUNDS} runs per repetition): ${summary(f.bareJobMs, 0)} ms`,
      );
      log(
        `  ratio Concordia jobs/s ÷ bare BullMQ jobs/s, per job actually run: ${median(jobRatios).toFixed(3)}× (per repetition: ${jobRatios.map((r) => r.toFixed(3)).join(', ')})`,
      );
      log(
        `  bare BullMQ no-op worker, ${units} jobs (one per unit of work: 1 fan-out + ${DELEGATIONS} recipients + ${recipients} e-mails; median of ${BARE_ROUNDS} runs per repetition): ${summary(f.bareUnitMs, 0)} ms`,
      );
      log(
        `  ratio per unit of work, Concordia ${units} units/s ÷ bare ${units} jobs/s (the issue's figure): ${median(unitRatios).toFixed(3)}× (per repetition: ${unitRatios.map((r) => r.toFixed(3)).join(', ')})`,
      );
    }
    const floorRatios = emailOnly.ms.map((ms, i) => emailOnly.bareUnitMs[i] / ms);
    log(
      `The ${recipients} e-mails alone (the worker's EmailChannel.sendMany, its SMTP pool, the same sink; no database, no queue; median of ${BARE_ROUNDS} runs per repetition):`,
    );
    log(`  ${summary(emailOnly.ms, 0)} ms; its CPU ${summary(emailOnly.cpu, 0)} ms, the sink's ${summary(emailOnly.sinkCpu, 0)} ms`);
    log(
      `  bare ${units} jobs ÷ that: ${median(floorRatios).toFixed(3)}× (per repetition: ${floorRatios.map((r) => r.toFixed(3)).join(', ')}): no circulation's ratio can exceed this with this SMTP client and server on this machine`,
    );
    log(
      `Load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (2 shared cores: absolute figures are noisy, the ratio less so).`,
    );
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    for (const c of Object.values(servers)) await c?.stop().catch(() => undefined);
    await ds.destroy();
    await smtp.stop();
    await dropDatabase(config.databaseUrl).catch(() => undefined);
    redis.stop();
  }
}

runMain(main);
