import 'reflect-metadata';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { prepareInfrastructure } from '../src/bootstrap.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { dropDatabase } from '../src/database/prepare-database.js';
import { API_NODE_FLAGS, nodeFlags, startBenchRun, WORKER_NODE_FLAGS } from './lib/bench-env.js';
import { Child } from './lib/child.js';
import { usedMemory } from './lib/private-redis.js';
import { seed, sizeKey, type Seed } from './lib/seed.js';
import { median, pad, ratio, summary } from './lib/stats.js';
import { runMain } from './lib/run-main.js';

/**
 * `npm run bench`: Concordia against baselines measured in the same run, interleaved, median and
 * spread of BENCH_REPS repetitions. Prints figures; asserts nothing about time.
 *   1. nested meeting read over HTTP vs plain node:http + pg serving the same bytes (1/8/32 connections)
 *   2. CPU ms per request of each server as the meeting grows (n = 5/25/50/100), SQL per request
 *   3. invitation fan-out (31 delegations × 5 members) vs bare BullMQ running the same number of no-op jobs
 *   4. Redis bytes per pending meeting reminder (INFO memory delta)
 * Knobs: BENCH_REPS (3), BENCH_DURATION_S (4), BENCH_CONNECTIONS (1,8,32), BENCH_CPU_REQUESTS (200),
 * BENCH_SIZES (5,25,50,100), BENCH_REMINDER_MEETINGS (100), BENCH_ONLY (read,cpu,fanout,reminders),
 * BENCH_SERVER_FLAGS (node flags for both HTTP servers, the API and the baseline alike, e.g. "--max-semi-space-size=64";
 * unset: the API with those of `npm run start:api`, the baseline with none),
 * BENCH_REDIS_URL (default: a private redis-server when installed, else REDIS_URL), BENCH_PROFILE (a file: the API
 * process's CPU profile during its last nested-read run at the most connections; `node dist/bench/profile-summary.js
 * <file>` sums it by layer).
 */
const env = process.env;
const REPS = Number(env.BENCH_REPS ?? 3);
const DURATION_S = Number(env.BENCH_DURATION_S ?? 4);
const CONNECTIONS = (env.BENCH_CONNECTIONS ?? '1,8,32').split(',').map(Number);
const CPU_REQUESTS = Number(env.BENCH_CPU_REQUESTS ?? 200);
const SIZES = (env.BENCH_SIZES ?? '5,25,50,100').split(',').map(Number);
const REMINDER_MEETINGS = Number(env.BENCH_REMINDER_MEETINGS ?? 100);
const ONLY = new Set((env.BENCH_ONLY ?? 'read,cpu,fanout,reminders').split(','));
const SERVER_FLAGS = nodeFlags(env.BENCH_SERVER_FLAGS, []);
const API_FLAGS = nodeFlags(env.BENCH_SERVER_FLAGS, API_NODE_FLAGS);
const FAN_OUT = { delegations: 31, members: 5 };
/** The issue's nested read: 30 agenda items, 31 participants. */
const READ_SIZE: [number, number] = [30, 31];

const NESTED_READ = `query NestedRead($id: ID!) { meeting(id: $id) { id title status startsAt endsAt timezone location
  agenda { position title kind outcome leadDelegation { code name } }
  participants { rsvp respondedAt delegation { code name kind } }
  outcomeOfProceedings { revision text createdAt } } }`;

const log = (s = '') => process.stdout.write(`${s}\n`);

interface Servers {
  api: Child<{ port: number }>;
  raw: Child<{ port: number }>;
  worker: Child;
  bare: Child;
}

async function main(): Promise<void> {
  const { redis, childEnv, config } = await startBenchRun();
  log(
    `Concordia benchmarks — ${REPS} interleaved repetitions, median (min–max). Node ${process.version}, NODE_ENV=production for the servers${env.BENCH_SERVER_FLAGS !== undefined ? `, node flags for both: ${SERVER_FLAGS.join(' ')}` : `, API node flags: ${API_FLAGS.join(' ')} (npm run start:api)`}.`,
  );
  log(
    `Redis: ${redis.privateServer ? `a private redis-server (${redis.url})` : `${redis.url} (shared: memory figures are noisy)`}. Load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  await prepareInfrastructure(config);
  const ds = await new DataSource(dataSourceOptions(config.databaseUrl)).initialize();
  const sizes: Array<[number, number]> = [READ_SIZE, ...SIZES.map((n) => [n, n] as [number, number])];
  const data = await seed(ds, sizes, FAN_OUT);
  const servers: Servers = {
    api: await Child.start('api', new URL('./servers/api-server.js', import.meta.url), childEnv, API_FLAGS),
    raw: await Child.start('raw baseline', new URL('./servers/raw-server.js', import.meta.url), childEnv, SERVER_FLAGS),
    worker: await Child.start('worker', new URL('./servers/worker-server.js', import.meta.url), childEnv, WORKER_NODE_FLAGS),
    bare: await Child.start('bare BullMQ', new URL('./servers/bare-bullmq.js', import.meta.url), childEnv),
  };
  const redisClient = new Redis(redis.url);
  try {
    const token = await servers.api.call<string>('token', data.organizer);
    const request = (port: number, meetingId: string) => ({
      url: `http://127.0.0.1:${port}/graphql`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: NESTED_READ, variables: { id: meetingId } }),
    });
    const fetchBody = async (port: number, meetingId: string) => {
      const r = request(port, meetingId);
      return (await fetch(r.url, { method: 'POST', headers: r.headers, body: r.body })).text();
    };

    // The baseline must serve exactly what the API serves, or the comparison means nothing.
    for (const [items, participants] of sizes) {
      const meetingId = data.meetings.get(sizeKey(items, participants))!;
      const [a, b] = [await fetchBody(servers.api.ready.port, meetingId), await fetchBody(servers.raw.ready.port, meetingId)];
      if (a !== b) {
        const at = [...a].findIndex((c, i) => c !== b[i]);
        throw new Error(
          `The baseline's JSON differs from the API's at byte ${at}:\n api: …${a.slice(Math.max(0, at - 80), at + 80)}\n raw: …${b.slice(Math.max(0, at - 80), at + 80)}`,
        );
      }
      if (!a.startsWith('{"data":{"meeting":{')) throw new Error(`Unexpected answer: ${a.slice(0, 300)}`);
    }
    const readBody = await fetchBody(servers.api.ready.port, data.meetings.get(sizeKey(...READ_SIZE))!);
    log(
      `Check: both servers answer byte-for-byte the same JSON for every meeting size (${(Buffer.byteLength(readBody) / 1024).toFixed(1)} KB at ${READ_SIZE[0]} items / ${READ_SIZE[1]} participants).`,
    );

    // Warm both servers up (JIT, pools) before anything is timed.
    for (const port of [servers.api.ready.port, servers.raw.ready.port]) {
      await autocannon({ ...request(port, data.meetings.get(sizeKey(...READ_SIZE))!), connections: 8, duration: 2 });
    }

    // SQL per request: constant in n, and how much of it is authentication.
    const authSql = await servers.api.call<number>('authSql', token);
    const authRedis = await servers.api.call<number>('authRedis', token);
    const sqlPer: string[] = [];
    // Each size once before counting: a request's first statements on a fresh pool connection are not its own.
    for (const [items, participants] of sizes) await fetchBody(servers.api.ready.port, data.meetings.get(sizeKey(items, participants))!);
    for (const [items, participants] of sizes) {
      const before = await servers.api.call<number>('sql');
      await fetchBody(servers.api.ready.port, data.meetings.get(sizeKey(items, participants))!);
      sqlPer.push(`${items}/${participants}: ${(await servers.api.call<number>('sql')) - before}`);
    }
    log(
      `SQL statements per nested read (items/participants: statements): ${sqlPer.join(', ')}; of these, authentication: ${authSql} (and ${authRedis} Redis commands). Baseline: 1.`,
    );

    if (ONLY.has('read')) await readThroughput(servers, data, request);
    if (ONLY.has('cpu')) await cpuPerRequest(servers, data, request);
    if (ONLY.has('fanout')) await fanOut(servers, data, ds, redis.url, config.queuePrefix, token);
    if (ONLY.has('reminders')) await reminderMemory(servers, data, ds, redisClient, redis.privateServer, config.queuePrefix, token);
    log(
      `\nLoad average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (2 cores, shared with other work: absolute figures are noisy, ratios less so).`,
    );
  } finally {
    for (const c of Object.values(servers)) await c.stop().catch(() => undefined);
    redisClient.disconnect();
    await ds.destroy();
    await dropDatabase(config.databaseUrl).catch(() => undefined);
    redis.stop();
  }
}

type RequestOf = (port: number, meetingId: string) => autocannon.Options;

async function readThroughput(s: Servers, data: Seed, request: RequestOf): Promise<void> {
  log(
    `\n1. Nested read (${READ_SIZE[0]} agenda items with lead delegation, ${READ_SIZE[1]} participants with delegation, outcome of proceedings), ${DURATION_S} s per run`,
  );
  const meetingId = data.meetings.get(sizeKey(...READ_SIZE))!;
  const results = new Map<string, { rps: number[]; p50: number[]; p99: number[] }>();
  for (let rep = 0; rep < REPS; rep++) {
    for (const connections of CONNECTIONS) {
      for (const [name, child] of [
        ['api', s.api],
        ['raw', s.raw],
      ] as const) {
        const profile = env.BENCH_PROFILE && name === 'api' && rep === REPS - 1 && connections === Math.max(...CONNECTIONS);
        if (profile) await child.call('profileStart');
        const r = await autocannon({ ...request(child.ready.port, meetingId), connections, duration: DURATION_S });
        if (profile) await child.call('profileStop', env.BENCH_PROFILE);
        if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
        const key = `${name}:${connections}`;
        const acc = results.get(key) ?? { rps: [], p50: [], p99: [] };
        acc.rps.push(r.requests.total / r.duration);
        acc.p50.push(r.latency.p50);
        acc.p99.push(r.latency.p99);
        results.set(key, acc);
      }
    }
  }
  log('   conns | Concordia req/s        p50 ms   p99 ms          | baseline req/s         p50 ms   p99 ms   | req/s ratio  p99 ratio');
  for (const c of CONNECTIONS) {
    const a = results.get(`api:${c}`)!;
    const b = results.get(`raw:${c}`)!;
    log(
      `   ${pad(c, 5)} | ${summary(a.rps, 0).padEnd(22)} ${pad(median(a.p50).toFixed(0), 6)} ${pad(summary(a.p99, 0), 16)} | ${summary(b.rps, 0).padEnd(22)} ${pad(median(b.p50).toFixed(0), 6)} ${pad(summary(b.p99, 0), 12)} | ${pad(ratio(median(a.rps), median(b.rps)), 11)} ${pad(ratio(median(a.p99), median(b.p99), 1), 10)}`,
    );
  }
}

async function cpuPerRequest(s: Servers, data: Seed, request: RequestOf): Promise<void> {
  log(`\n2. CPU ms per request of the server process (${CPU_REQUESTS} requests at 4 connections per run), n agenda items = n participants`);
  const results = new Map<string, number[]>();
  for (let rep = 0; rep < REPS; rep++) {
    for (const n of SIZES) {
      for (const [name, child] of [
        ['api', s.api],
        ['raw', s.raw],
      ] as const) {
        const before = await child.cpuMs();
        const r = await autocannon({ ...request(child.ready.port, data.meetings.get(sizeKey(n, n))!), connections: 4, amount: CPU_REQUESTS });
        if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
        const key = `${name}:${n}`;
        results.set(key, [...(results.get(key) ?? []), ((await child.cpuMs()) - before) / CPU_REQUESTS]);
      }
    }
  }
  log('       n | Concordia ms/req       × n=first | baseline ms/req        × n=first | ratio');
  const first = SIZES[0];
  for (const n of SIZES) {
    const a = results.get(`api:${n}`)!;
    const b = results.get(`raw:${n}`)!;
    log(
      `   ${pad(n, 5)} | ${summary(a, 2).padEnd(22)} ${pad(ratio(median(a), median(results.get(`api:${first}`)!), 1), 9)} | ${summary(b, 2).padEnd(22)} ${pad(ratio(median(b), median(results.get(`raw:${first}`)!), 1), 9)} | ${ratio(median(a), median(b), 1)}`,
    );
  }
}

async function gql(port: number, token: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const SCHEDULE = 'mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function fanOut(s: Servers, data: Seed, ds: DataSource, redisUrl: string, prefix: string, token: string): Promise<void> {
  const baselineJobs = 1 + 2 * data.recipients;
  log(
    `\n3. Invitation fan-out: ${FAN_OUT.delegations} delegations × ${FAN_OUT.members} members = ${data.recipients} recipients (e-mail not configured, no webhooks), ` +
      `from the inviteDelegations call until every notification and delivery is done`,
  );
  log(
    `   baseline: bare BullMQ on the same Redis, ${baselineJobs} no-op jobs (one notify + one per recipient and channel, in-app and e-mail, as the issue counted), concurrency 5;`,
  );
  log(`   stricter baseline: ${data.recipients} no-op jobs, one per recipient`);
  const queues = ['notifications', 'reminders'].map((q) => new Queue(q, { connection: { url: redisUrl }, prefix }));
  const idle = async () => {
    for (const q of queues) {
      const c = await q.getJobCounts('waiting', 'active', 'prioritized');
      if (c.waiting + c.active + c.prioritized > 0) return false;
    }
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM outbox_events WHERE sent_at IS NULL');
    return n === 0;
  };
  const until = async (check: () => Promise<boolean>, what: string) => {
    const deadline = Date.now() + 120_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await sleep(5);
    }
  };
  const concordia: number[] = [];
  const bare: number[] = [];
  const barePerRecipient: number[] = [];
  let jobs = 0;
  let statements = 0;
  try {
    for (let rep = 0; rep < REPS; rep++) {
      const start = new Date(Date.UTC(2028, 0, 10 + rep, 9));
      const { scheduleMeeting: m } = await gql(s.api.ready.port, token, SCHEDULE, {
        i: {
          bodyId: data.bodyId,
          title: `Fan-out ${rep}`,
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 3 * 3600_000).toISOString(),
          timezone: 'Europe/Copenhagen',
          location: 'Copenhagen',
        },
      });
      await until(idle, 'the queues to settle');
      const sqlBefore = await s.worker.call<number>('sql');
      const [{ now: dbStart }] = await ds.query('SELECT now()');
      const t = performance.now();
      await gql(s.api.ready.port, token, 'mutation($i: InviteDelegationsInput!) { inviteDelegations(input: $i) { id } }', {
        i: { meetingId: m.id, delegationIds: data.fanOutDelegationIds },
      });
      await until(async () => {
        const [r] = await ds.query(
          `SELECT (SELECT count(*) FROM notifications WHERE entity_id = $1 AND kind = 'MEETING_INVITATION')::int AS n,
                  (SELECT count(*) FROM notification_deliveries WHERE event_key LIKE $2 AND status = 'PENDING')::int AS pending`,
          [m.id, `meeting-invited:${m.id}:%`],
        );
        return r.n === data.recipients && r.pending === 0 && (await idle());
      }, 'the fan-out');
      concordia.push(performance.now() - t);
      statements = (await s.worker.call<number>('sql')) - sqlBefore;
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox_events WHERE queue = 'notifications' AND created_at >= $1`, [dbStart]);
      jobs = n;
      bare.push(await s.bare.call<number>('run', baselineJobs));
      barePerRecipient.push(await s.bare.call<number>('run', data.recipients));
    }
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
  const rate = (ms: number[]) => data.recipients / (median(ms) / 1000);
  log(
    `   Concordia: ${summary(concordia, 0)} ms (${rate(concordia).toFixed(0)} recipients/s); ${jobs} job(s), ${statements} SQL statements in the worker (last repetition, transaction control included)`,
  );
  log(`   bare BullMQ: ${summary(bare, 0)} ms (${rate(bare).toFixed(0)} recipients/s)`);
  log(`   bare BullMQ, one job per recipient: ${summary(barePerRecipient, 0)} ms (${rate(barePerRecipient).toFixed(0)} recipients/s)`);
  log(
    `   rate ratio Concordia / bare: ${ratio(median(bare), median(concordia))} (against one job per recipient: ${ratio(median(barePerRecipient), median(concordia))})`,
  );
}

async function reminderMemory(s: Servers, data: Seed, ds: DataSource, redis: Redis, privateServer: boolean, prefix: string, token: string): Promise<void> {
  log(
    `\n4. Redis memory per pending meeting reminder: ${REMINDER_MEETINGS} meetings scheduled through the API (2 reminders each: 24 h and 1 h before), INFO used_memory_dataset delta`,
  );
  const delayed = () => redis.zcard(`${prefix}:reminders:delayed`);
  const perReminder: number[] = [];
  let hashBytes = 0;
  for (let rep = 0; rep < REPS; rep++) {
    await sleep(500);
    const countBefore = await delayed();
    const memBefore = await usedMemory(redis);
    for (let i = 0; i < REMINDER_MEETINGS; i++) {
      const start = new Date(Date.UTC(2029, rep, 1, 9) + i * 3600_000);
      await gql(s.api.ready.port, token, SCHEDULE, {
        i: {
          bodyId: data.bodyId,
          title: `Reminded ${rep}.${i}`,
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 3600_000).toISOString(),
          timezone: 'Europe/Brussels',
        },
      });
    }
    const deadline = Date.now() + 60_000;
    while ((await delayed()) < countBefore + 2 * REMINDER_MEETINGS) {
      if (Date.now() > deadline) throw new Error('Timed out waiting for the reminders to reach Redis');
      await sleep(20);
    }
    await sleep(500);
    perReminder.push(((await usedMemory(redis)) - memBefore) / (2 * REMINDER_MEETINGS));
    const [someId] = await redis.zrange(`${prefix}:reminders:delayed`, 0, 0);
    hashBytes = Number(await redis.call('MEMORY', 'USAGE', `${prefix}:reminders:${someId}`, 'SAMPLES', '0'));
  }
  const [[sample]] = [await ds.query(`SELECT payload FROM outbox_events WHERE job_name = 'meeting-reminder' LIMIT 1`)];
  log(
    `   ${summary(perReminder, 0)} B per pending reminder${privateServer ? '' : ' (shared Redis: noisy)'}; one job hash alone: ${hashBytes} B; payload ${JSON.stringify(sample?.payload)}`,
  );
}

runMain(main);
