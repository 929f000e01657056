import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { hashPassword } from '../src/auth/users.service.js';
import { prepareInfrastructure } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/app-config.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { dropDatabase } from '../src/database/prepare-database.js';
import { MINISTERIAL } from '../src/demo/demo-fixtures.js';
import { loadDemoData } from '../src/demo/load-demo-data.js';
import { QUEUES } from '../src/queues/jobs.js';
import { createRedis } from '../src/redis/redis.module.js';
import { TcpProxy } from '../test/support/tcp-proxy.js';
import { benchEnv } from './lib/bench-env.js';
import { privateRedis } from './lib/private-redis.js';
import { runMain } from './lib/run-main.js';
import { Balancer } from './proof/balancer.js';
import { backlog, verify } from './proof/checks.js';
import { ServiceProcess } from './proof/fleet.js';
import { freePort } from '../test/support/free-port.js';
import { SentinelCluster } from '../test/support/redis-sentinel.js';
import { printPhases, type Window } from './proof/report.js';
import { smtpSink, webhookSink } from './proof/sinks.js';
import { runWorkload } from './proof/workload.js';

/**
 * `npm run proof` (not part of npm test): 2 API and 2 worker processes of the built service on one
 * fresh database (behind a TCP proxy) and a Redis under Sentinel, all on 127.0.0.1, under a mixed
 * workload — 100 circulations to the Ministerial's 31 delegations, 500 action items whose reminders
 * fall due during the run, meetings with invitations, 10,000 reads — while faults are injected on a
 * schedule: 3 worker SIGKILLs, 1 API SIGKILL during writes, the Redis master killed, PostgreSQL cut
 * for 5 s, a rolling restart of both APIs. Then it waits for the system to settle and checks the
 * promises from the database and the sinks; prints figures per phase. Exit 1 when a check fails.
 * PROOF_SCALE (default 1) scales the volumes; PROOF_SENTINEL=0 runs on one Redis without the failover.
 */
const env = process.env;
const SCALE = Number(env.PROOF_SCALE ?? 1);
const SENTINEL = env.PROOF_SENTINEL !== '0';
const PASSWORD = 'proof-of-the-ministerial-2012';
const SPREAD_MS = Number(env.PROOF_SPREAD_MS ?? 150_000);
const SETTLE_TIMEOUT_MS = 600_000;
/** Nothing moved for this long while something is still due: stuck. */
const STALL_MS = 120_000;

const log = (s = '') => process.stdout.write(`${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const id = randomBytes(4).toString('hex');
  log(`Proof ${id}: load average at start ${load()} (2 cores, shared with other sessions)`);
  const cluster = SENTINEL ? await SentinelCluster.start() : null;
  const single = SENTINEL ? null : await privateRedis(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const redisEnv: Record<string, string> = cluster ? cluster.env() : { REDIS_URL: single!.url };
  const smtp = await smtpSink();
  const hooks = await webhookSink();
  const pgProxy = new TcpProxy('127.0.0.1', 5432);
  const pgPort = await pgProxy.start();

  const direct = benchEnv(id, redisEnv.REDIS_URL, {
    ...redisEnv,
    SMTP_URL: smtp.url,
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: '127.0.0.1/32',
    ACTION_ITEM_REMINDER_OFFSETS: '1h',
    OUTBOX_POLL_MS: '500',
    LOG_LEVEL: 'warn',
  });
  const config = loadConfig(direct);
  const viaProxy = { ...direct, DATABASE_URL: direct.DATABASE_URL.replace(':5432/', `:${pgPort}/`) };
  log(
    `Redis: ${cluster ? `master + replica + 3 Sentinels (${cluster.sentinelList})` : `one server ${single!.url} (PROOF_SENTINEL=0: no failover)`}; ` +
      `PostgreSQL through a TCP proxy on :${pgPort}; SMTP sink ${smtp.url}; webhook sink ${hooks.url}`,
  );

  await prepareInfrastructure(config);
  const ds = await new DataSource(dataSourceOptions(config.databaseUrl)).initialize();
  const apiPorts = [await freePort(), await freePort()];
  const apis = apiPorts.map((port, i) => new ServiceProcess(`api${i + 1}`, 'main', viaProxy, port));
  const workers = [1, 2].map((i) => new ServiceProcess(`worker${i}`, 'worker', viaProxy));
  const redis = createRedis(config, { maxRetriesPerRequest: null, enableOfflineQueue: true, connectionName: 'proof-checks' });
  redis.on('error', () => undefined);
  const queues = QUEUES.map((q) => new Queue(q, { connection: redis, prefix: config.queuePrefix }));
  for (const q of queues) q.on('error', () => undefined); // the failover: the checks wait it out
  const lb = new Balancer(apiPorts);
  try {
    const seeded = await seed(ds, hooks.url);
    log(`Seeded: the demo, ${seeded.members} members of the Ministerial's ${seeded.delegations} delegations, webhooks on ${seeded.hooked} of them`);
    await Promise.all([...apis, ...workers].map((p) => p.start()));
    log(`Started api1 :${apiPorts[0]}, api2 :${apiPorts[1]}, worker1, worker2 (dist/, NODE_ENV=production)`);

    const login = async (email: string) => (await lb.must(LOGIN, { i: { email, password: PASSWORD } })).login.accessToken as string;
    const heads = [];
    for (const h of seeded.heads) heads.push({ ...h, token: await login(h.email) });
    const actors = { clerk: await login('clerk@concordia.test'), organizer: await login('organizer@concordia.test'), bodyId: seeded.bodyId, heads };

    const volumes = {
      circulations: Math.round(100 * SCALE),
      actionItems: Math.round(500 * SCALE),
      meetings: Math.round(10 * SCALE),
      reads: Math.round(10_000 * SCALE),
      spreadMs: SPREAD_MS,
      reminderLeadMs: [20_000, 60_000] as [number, number],
    };
    log(`Workload: ${JSON.stringify(volumes)}`);
    lb.phase = 'baseline';
    lb.restartClock();
    const windows: Window[] = [];
    const t0 = Date.now();
    const [outcome] = await Promise.all([runWorkload(lb, actors, volumes), faults(lb, apis, workers, cluster, pgProxy, windows, SPREAD_MS)]);
    log(
      `Workload done in ${((Date.now() - t0) / 1000).toFixed(1)} s; writes given up: ${outcome.gaveUp.length}${outcome.gaveUp.length ? ` (${outcome.gaveUp.slice(0, 5).join('; ')})` : ''}`,
    );

    lb.phase = 'settle';
    const settleStart = Date.now();
    let last = '';
    let changed = Date.now();
    let printed = 0;
    for (;;) {
      const b: Record<string, unknown> = await backlog(ds, queues).catch((e: Error) => ({ error: e.message }));
      const line = JSON.stringify(b);
      if (line !== last) changed = Date.now();
      // One line every 10 s while it works through the backlog.
      if (Date.now() - printed >= 10_000) {
        log(`  settling (+${((Date.now() - settleStart) / 1000).toFixed(0)} s): ${line}`);
        printed = Date.now();
      }
      last = line;
      // Failed jobs do not settle: the checks count them.
      if (Object.entries(b).every(([k, n]) => k === 'failed_jobs' || n === 0)) break;
      if (Date.now() - settleStart > SETTLE_TIMEOUT_MS || Date.now() - changed > STALL_MS) {
        log(`  did not settle: nothing changed for ${STALL_MS / 1000} s, or the timeout`);
        break;
      }
      await sleep(1000);
    }
    log(`Settled ${((Date.now() - settleStart) / 1000).toFixed(1)} s after the workload. Load average now ${load()}`);

    const checks = await verify(ds, queues, { email: smtp.keys, webhook: hooks.keys });
    log('');
    log('Checks');
    for (const c of checks) log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
    const outside = printPhases(log, lb.samples, windows);
    log('');
    log(`Restarts: ${[...apis, ...workers].map((p) => `${p.name} started ${p.starts}×`).join(', ')}`);
    const failed = checks.filter((c) => !c.ok).length + (outside > 0 ? 1 : 0);
    log(failed === 0 ? 'PROOF PASSED' : `PROOF FAILED (${failed} check(s))`);
    if (failed > 0) {
      for (const q of queues) {
        for (const j of await q.getJobs(['failed'], 0, 4)) log(`  failed ${q.name}/${j.name} ${j.id} after ${j.attemptsMade} attempt(s): ${j.failedReason}`);
      }
      for (const p of [...apis, ...workers]) log(`--- ${p.name} (last output)\n${p.tail()}`);
      throw new Error(`PROOF FAILED (${failed} check(s))`);
    }
  } finally {
    lb.stop();
    await Promise.all([...apis, ...workers].map((p) => p.kill('SIGTERM')));
    await Promise.all(queues.map((q) => q.close().catch(() => undefined)));
    redis.disconnect();
    await ds.destroy();
    await dropDatabase(config.databaseUrl).catch(() => undefined);
    await pgProxy.stop();
    await smtp.stop();
    await hooks.stop();
    await cluster?.stop();
    single?.stop();
  }
}

const LOGIN = `mutation Login($i: LoginInput!) { login(input: $i) { accessToken } }`;

/** The demo, then a head of delegation and a delegate in each of the Ministerial's delegations, and webhooks on a quarter of them. */
async function seed(ds: DataSource, hookUrl: string) {
  await loadDemoData(ds, PASSWORD);
  const [body] = await ds.query<{ id: string }[]>(`SELECT id FROM bodies WHERE name = $1`, [MINISTERIAL]);
  const delegations = await ds.query<{ id: string; code: string }[]>(
    `SELECT d.id, d.code FROM body_members bm JOIN delegations d ON d.id = bm.delegation_id WHERE bm.body_id = $1 ORDER BY d.code`,
    [body.id],
  );
  const hash = await hashPassword(PASSWORD);
  const heads: { email: string; userId: string; delegationId: string }[] = [];
  let members = 0;
  for (const d of delegations) {
    for (const role of ['HEAD_OF_DELEGATION', 'DELEGATE']) {
      const email = `proof.${role === 'DELEGATE' ? 'delegate' : 'head'}.${d.code.toLowerCase()}@proof.concordia`;
      const [u] = await ds.query<{ id: string }[]>(
        `INSERT INTO users (email, name, password_hash, role, timezone) VALUES ($1, $2, $3, 'DELEGATE', 'Europe/Brussels') RETURNING id`,
        [email, `Proof ${role === 'DELEGATE' ? 'delegate' : 'head'} ${d.code}`, hash],
      );
      await ds.query(`INSERT INTO delegation_memberships (user_id, delegation_id, delegate_role) VALUES ($1, $2, $3::delegate_role)`, [u.id, d.id, role]);
      members++;
      if (role === 'HEAD_OF_DELEGATION') heads.push({ email, userId: u.id, delegationId: d.id });
    }
  }
  const hooked = delegations.filter((_, i) => i % 4 === 0);
  await ds.query(`UPDATE delegations SET webhook_url = $1, webhook_secret = 'proof-webhook-secret' WHERE id = ANY($2::uuid[])`, [
    hookUrl,
    hooked.map((d) => d.id),
  ]);
  return { bodyId: body.id, heads, members, delegations: delegations.length, hooked: hooked.length };
}

/** The fault schedule over the workload's spread; each fault's window is recorded for the 5xx check. */
async function faults(
  lb: Balancer,
  apis: ServiceProcess[],
  workers: ServiceProcess[],
  cluster: SentinelCluster | null,
  pgProxy: TcpProxy,
  windows: Window[],
  spreadMs: number,
): Promise<void> {
  const t0 = Date.now();
  const at = async (fraction: number) => {
    const wait = t0 + fraction * spreadMs - Date.now();
    if (wait > 0) await sleep(wait);
  };
  const window = async (name: string, fault: () => Promise<string>, counts = true) => {
    lb.phase = name;
    const start = lb.now();
    const what = await fault();
    const end = lb.now();
    if (counts) windows.push({ name, start, end: end + 2000 });
    log(`  [${(start / 1000).toFixed(1)} s] ${name}: ${what} (${((end - start) / 1000).toFixed(1)} s)`);
  };
  const killWorker = (w: ServiceProcess) => async () => {
    await w.kill('SIGKILL');
    await w.start();
    return `${w.name} SIGKILLed and restarted`;
  };

  await at(0.08);
  await window('worker SIGKILL 1', killWorker(workers[0]), false);
  await at(0.18);
  await window('API SIGKILL', async () => {
    await apis[0].kill('SIGKILL');
    await sleep(1000);
    await apis[0].start();
    return 'api1 SIGKILLed during writes, restarted after 1 s';
  });
  await at(0.3);
  await window('worker SIGKILL 2', killWorker(workers[1]), false);
  await at(0.4);
  if (cluster) {
    await window('Redis master killed', async () => {
      const started = Date.now();
      const old = await cluster.killMaster();
      const promoted = await cluster.waitForFailover(old);
      const ms = Date.now() - started;
      await sleep(3000); // the clients find the new master
      return `master :${old} SIGKILLed, the Sentinels promoted :${promoted} after ${(ms / 1000).toFixed(1)} s`;
    });
  } else log('  Redis failover skipped (PROOF_SENTINEL=0)');
  await at(0.55);
  await window('PostgreSQL cut 5 s', async () => {
    await pgProxy.stop();
    await sleep(5000);
    await pgProxy.start();
    return 'every connection through the proxy cut, new ones refused, for 5 s';
  });
  await at(0.68);
  await window('worker SIGKILL 3', killWorker(workers[0]), false);
  await at(0.78);
  await window('rolling restart', async () => {
    const codes = [];
    for (const api of apis) {
      codes.push(await api.kill('SIGTERM'));
      await api.start();
    }
    return `api1 then api2: SIGTERM (exit codes ${codes.join(', ')}), restarted, healthy`;
  });
  lb.phase = 'after faults';
}

runMain(main);
