import 'reflect-metadata';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { prepareInfrastructure } from '../src/bootstrap.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { dropDatabase } from '../src/database/prepare-database.js';
import { GraphqlClient } from './eve/http.js';
import { Load, Recorder } from './eve/load.js';
import { OPERATIONS } from './eve/operations.js';
import { printReport, type Memory, type Sample } from './eve/report.js';
import { prepareEve } from './eve/setup.js';
import { API_NODE_FLAGS, nodeFlags, startBenchRun, WORKER_NODE_FLAGS } from './lib/bench-env.js';
import { Child } from './lib/child.js';
import { type DelayFigures } from './lib/loop-delay.js';
import { runMain } from './lib/run-main.js';
import { smtpSink } from './lib/smtp-sink.js';

/**
 * `npm run bench:eve`: the eve of a ministerial. The demo with BENCH_EVE_USERS (200) signed-in users
 * of our own; a closed loop of BENCH_EVE_IN_FLIGHT (32) requests in flight, no think time, each for
 * the next idle user: mostly reads (inbox, own action items, the 40-paragraph statement with its
 * positions, the nested meeting), some writes (positions, acknowledgments, action item status with a
 * note); a clerk circulates a revision (or a new statement) every BENCH_EVE_CIRCULATE_S (30) seconds,
 * which the worker fans out to the body's 31 delegations (in-app and e-mail to an SMTP sink).
 * After BENCH_EVE_WARMUP_S (30) of warm-up, BENCH_EVE_MINUTES (10) measured: per operation count,
 * req/s, p50/p99; the API's event-loop delay (monitorEventLoopDelay, 20 ms timer); RSS of the API and
 * of the worker at start, after 1 minute and at the end. Prints the targets beside the figures;
 * exits 1 only when a request failed or the setup did. BENCH_EVE_THINK_MS (0): a user's pause between
 * its answer and its next request, for a load below saturation. BENCH_EVE_GC=1: also the heap after a
 * full collection at 1 minute (right after that RSS is read) and at the end — what the heap holds, apart
 * from what the collector has not yet reclaimed. BENCH_EVE_PROFILE=<file>: the API's CPU profile
 * over the measured period (`node dist/bench/profile-summary.js <file>`). BENCH_SERVER_FLAGS: node flags for the API, BENCH_WORKER_FLAGS for the worker (default: those of `npm run start:api` and `start:worker`).
 * The memory report breaks each process's RSS down (V8 heap reserved and used, nursery, code,
 * external and ArrayBuffers, the native rest, smaps' anonymous memory) at start, 1 minute and the end;
 * a full GC after the set-up keeps the set-up's garbage out of the heap figures.
 */
const env = process.env;
const MINUTES = Number(env.BENCH_EVE_MINUTES ?? 10);
const USERS = Number(env.BENCH_EVE_USERS ?? 200);
const IN_FLIGHT = Math.min(Number(env.BENCH_EVE_IN_FLIGHT ?? 32), USERS - 1);
const CIRCULATE_S = Number(env.BENCH_EVE_CIRCULATE_S ?? 30);
const WARMUP_S = Number(env.BENCH_EVE_WARMUP_S ?? 30);
const THINK_MS = Number(env.BENCH_EVE_THINK_MS ?? 0);
const GC = env.BENCH_EVE_GC === '1';
const PROFILE = env.BENCH_EVE_PROFILE;
const SERVER_FLAGS = nodeFlags(env.BENCH_SERVER_FLAGS, API_NODE_FLAGS);
const WORKER_FLAGS = nodeFlags(env.BENCH_WORKER_FLAGS, WORKER_NODE_FLAGS);
const RESOLUTION_MS = 20;
const SAMPLE_S = 10;

const log = (s = '') => process.stdout.write(`${s}\n`);
const MB = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const { redis, childEnv: base, config } = await startBenchRun();
  const smtp = await smtpSink();
  const childEnv = { ...base, SMTP_URL: smtp.url };
  log(
    `Eve of a ministerial — ${USERS} signed-in users, ${IN_FLIGHT} requests in flight at most (closed loop, ${THINK_MS ? `${THINK_MS} ms think time per user` : 'no think time'}), a circulation every ${CIRCULATE_S} s, ${WARMUP_S} s warm-up then ${MINUTES} min measured. Node ${process.version}, NODE_ENV=production for the API and the worker${SERVER_FLAGS.length ? `, API node flags: ${SERVER_FLAGS.join(' ')}` : ''}${WORKER_FLAGS.length ? `, worker node flags: ${WORKER_FLAGS.join(' ')}` : ''}.`,
  );
  log(`Redis: ${redis.privateServer ? `a private redis-server (${redis.url})` : redis.url}. Load average at start: ${load()} (2 shared cores).`);

  await prepareInfrastructure(config);
  const ds = await new DataSource(dataSourceOptions(config.databaseUrl)).initialize();
  const api = await Child.start<{ port: number }>('api', new URL('./servers/api-server.js', import.meta.url), childEnv, SERVER_FLAGS);
  const worker = await Child.start('worker', new URL('./servers/worker-server.js', import.meta.url), childEnv, WORKER_FLAGS);
  const idle = await Child.start('idle control', new URL('./servers/idle-server.js', import.meta.url), {});
  const client = new GraphqlClient(api.ready.port, IN_FLIGHT + 4);
  const recorder = new Recorder();
  try {
    const setupStart = performance.now();
    const eve = await prepareEve(ds, client, USERS, recorder.record);
    const c = eve.counts;
    log(
      `Set-up (${((performance.now() - setupStart) / 1000).toFixed(0)} s): the demo, ${USERS} users signed in through the API (${c.organizers} organizer(s), ${c.clerks} clerk(s), ${c.delegates} delegates of the Ministerial's ${c.delegations} delegations), ${c.items} action items, a statement of 40 paragraphs circulated and answered by two thirds of the delegations.`,
    );
    log(`Mix: ${OPERATIONS.map((o) => `${o.name} ${o.weight} %`).join(', ')}.`);
    // The set-up's garbage (200 sign-ins, 400 items created in bulk) is not the eve's: collected now, so the
    // heap figures of the measured period hold only the load's. (V8 keeps the freed pages: RSS seldom moves.)
    const [apiSetup, workerSetup] = [await api.memory(), await worker.memory()];
    const [apiGc, workerGc] = [await api.memoryAfterGc(), await worker.memoryAfterGc()];
    log(
      `After set-up, a full GC: API RSS ${MB(apiSetup.rss)} → ${MB(apiGc.rss)} (heap used ${MB(apiSetup.heapUsed)} → ${MB(apiGc.heapUsed)}), worker RSS ${MB(workerSetup.rss)} → ${MB(workerGc.rss)}.`,
    );

    const loadGen = new Load(client, eve.users, eve.world, recorder);
    loadGen.start(IN_FLIGHT, THINK_MS);
    let clerkRunning = true;
    const clerkLoop = (async () => {
      let due = performance.now() + CIRCULATE_S * 1000;
      while (clerkRunning) {
        if (performance.now() < due) {
          await new Promise((r) => setTimeout(r, Math.min(250, due - performance.now())));
          continue;
        }
        due += CIRCULATE_S * 1000;
        await eve.clerk.step();
      }
    })();

    await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
    recorder.reset();
    await api.call('delayReset', RESOLUTION_MS);
    await idle.call('delayReset', RESOLUTION_MS);
    const [apiCpu0, workerCpu0, ownCpu0] = [await api.cpuMs(), await worker.cpuMs(), process.cpuUsage()];
    const sql0 = await api.call<number>('sql');
    const [{ now: dbStart }] = await ds.query<{ now: Date }[]>('SELECT now()');
    const mailsStart = smtp.count();
    if (PROFILE) await api.call('profileStart');
    const memory: Memory = { start: { api: await api.memory(true), worker: await worker.memory(true) } };
    const samples: Sample[] = [];
    const t0 = performance.now();
    const end = t0 + MINUTES * 60_000;
    log(`Measuring from here (load average ${load()}).`);
    let lastCount = 0;
    let lastLog = t0;
    for (let tick = 1; ; tick++) {
      const at = Math.min(t0 + tick * SAMPLE_S * 1000, end);
      await new Promise((r) => setTimeout(r, Math.max(0, at - performance.now())));
      const elapsed = (performance.now() - t0) / 1000;
      // The one-minute reading is that tick's sample, with the costlier per-mapping split.
      const atMinute = !memory.minute && elapsed >= Math.min(60, MINUTES * 60) - 0.5;
      const sample: Sample = { s: elapsed, api: await api.memory(atMinute), worker: await worker.memory(atMinute) };
      samples.push(sample);
      if (atMinute) {
        memory.minute = { api: sample.api, worker: sample.worker };
        if (GC) memory.minuteGc = { api: await api.memoryAfterGc(), worker: await worker.memoryAfterGc() };
      }
      if (performance.now() >= end - 1 || tick % (60 / SAMPLE_S) === 0) {
        const { count, errors } = recorder.total();
        const d = await api.call<DelayFigures>('delay', 'interval');
        const i = await idle.call<DelayFigures>('delay', 'interval');
        log(
          `  ${elapsed.toFixed(0).padStart(4)} s: ${((count - lastCount) / ((performance.now() - lastLog) / 1000)).toFixed(0)} req/s, errors ${errors}, event-loop p99 ${d.p99.toFixed(1)} ms (max ${d.max.toFixed(0)}; idle control ${i.p99.toFixed(1)}), loop busy ${(d.utilization * 100).toFixed(0)} %, RSS API ${(sample.api.rss / 2 ** 20).toFixed(0)} MB, worker ${(sample.worker.rss / 2 ** 20).toFixed(0)} MB, load ${load()}`,
        );
        lastCount = count;
        lastLog = performance.now();
      }
      if (performance.now() >= end - 1) break;
    }
    const wall = (performance.now() - t0) / 1000;
    clerkRunning = false;
    await loadGen.stop();
    await clerkLoop;
    memory.end = { api: await api.memory(true), worker: await worker.memory(true) };
    if (GC) memory.endGc = { api: await api.memoryAfterGc(), worker: await worker.memoryAfterGc() };
    const delay = await api.call<DelayFigures>('delay', 'whole');
    const control = await idle.call<DelayFigures>('delay', 'whole');
    const ownCpu = process.cpuUsage(ownCpu0);
    const cpu = {
      api: (await api.cpuMs()) - apiCpu0,
      worker: (await worker.cpuMs()) - workerCpu0,
      loadGenerator: (ownCpu.user + ownCpu.system) / 1000,
    };
    const sql = (await api.call<number>('sql')) - sql0;
    if (PROFILE) await api.call('profileStop', PROFILE);
    const loadEnd = load();

    // The fan-outs of the measured period, once the worker has caught up (at most 2 minutes).
    const drainStart = performance.now();
    for (;;) {
      const [{ n }] = await ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM circulation_recipients WHERE status = 'QUEUED'`);
      if (n === 0 || performance.now() - drainStart > 120_000) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const fanOut = await ds.query<{ circulations: number; recipients: number; delivered: number; p50: number | null; max: number | null }[]>(
      `WITH c AS (
         SELECT c.id, count(r.id) AS recipients, count(r.delivered_at) AS delivered,
                extract(epoch FROM max(r.delivered_at) - c.created_at) * 1000 AS ms
           FROM circulations c JOIN circulation_recipients r ON r.circulation_id = c.id
          WHERE c.created_at >= $1 GROUP BY c.id)
       SELECT count(*)::int AS circulations, coalesce(sum(recipients), 0)::int AS recipients, coalesce(sum(delivered), 0)::int AS delivered,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, max(ms) AS max FROM c`,
      [dbStart],
    );
    // What a statement read went through before reading the current positions only: the stances of the busiest statement.
    const [{ positions }] = await ds.query<{ positions: number }[]>(
      `SELECT coalesce(max(n), 0)::int AS positions FROM (SELECT count(*) AS n FROM positions GROUP BY statement_id) p`,
    );
    log(`Stances recorded on the busiest statement (all versions, history included): ${positions}.`);
    const failed = printReport(log, {
      wall,
      recorder,
      delay,
      control,
      memory,
      samples,
      cpu,
      sql,
      fanOut: { ...fanOut[0], mails: smtp.count() - mailsStart },
      loadEnd,
      profile: PROFILE,
    });
    if (failed) throw new Error(`${failed} requests failed (see above)`);
  } finally {
    client.close();
    await api.stop().catch(() => undefined);
    await worker.stop().catch(() => undefined);
    await idle.stop().catch(() => undefined);
    await ds.destroy();
    await smtp.stop();
    await dropDatabase(config.databaseUrl).catch(() => undefined);
    redis.stop();
  }
}

runMain(main);
