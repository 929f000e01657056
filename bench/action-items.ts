import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { ActionItemAccess } from '../src/action-items/action-item-access.js';
import { applyFilter, DUE_KEY, sortKey } from '../src/action-items/action-item-query.js';
import { ActionItemPriority, ActionItemStatus, OPEN_STATUSES } from '../src/action-items/action-item.enums.js';
import { ActionItemEntity } from '../src/action-items/action-item.entity.js';
import { type ActionItemFilter, type CreateActionItemInput } from '../src/action-items/action-item.inputs.js';
import { ActionItemsService } from '../src/action-items/action-items.service.js';
import { type AuthUser } from '../src/auth/auth-user.js';
import { AuthService } from '../src/auth/auth.service.js';
import { Role } from '../src/auth/role.enum.js';
import { UserEntity } from '../src/auth/user.entity.js';
import { createApi, createWorker, prepareInfrastructure } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/app-config.js';
import { dropDatabase } from '../src/database/prepare-database.js';
import { DelegateRole, DelegationKind } from '../src/delegations/delegation-kind.enum.js';
import { DelegationMembershipEntity } from '../src/delegations/delegation-membership.entity.js';
import { DelegationEntity } from '../src/delegations/delegation.entity.js';
import { OutboxRelay } from '../src/outbox/outbox-relay.js';
import { QueueRegistry } from '../src/queues/queue-registry.js';
import { createRedis } from '../src/redis/redis.module.js';
import { runMain } from './lib/run-main.js';

/**
 * `npm run bench:action-items [-- --size N | --full]`: creates N action items (default 10,000;
 * --full = 100,000) with their reminders through ActionItemsService and the outbox, then prints
 * items/s, Redis bytes per pending reminder job, the time to move one item's due date with no and
 * with N×3 jobs pending, p50/p99 of list pages over HTTP, and the plans of their SQL. Figures only,
 * no assertions.
 */
const args = process.argv.slice(2);
const SIZE = args.includes('--full') ? 100_000 : Number(args[args.indexOf('--size') + 1] ?? 0) || 10_000;
const DELEGATIONS = 200;
const BATCH = 500;
const RUNS = 200;

const id = randomBytes(4).toString('hex');
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'test',
  DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:5432/concordia_bench_${id}`,
  QUEUE_PREFIX: `bench-${id}`,
  LOG_LEVEL: 'silent',
  PORT: '0',
  OUTBOX_POLL_MS: '100',
});

const WORDS = (
  'victim identification protection offender investigation prosecution awareness campaign images online abuse material hosting ' +
  'takedown report statistics convention ratification police database interpol europol training hotline school parents ' +
  'platform provider cooperation extradition evidence forensic budget law parliament ministry helpline survivors'
).split(' ');
const pick = <T>(xs: T[], i: number) => xs[i % xs.length];
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const DAY = 86_400_000;

async function main(): Promise<void> {
  console.log(`Action items benchmark: ${SIZE.toLocaleString('en')} items over ${DELEGATIONS} delegations${SIZE < 100_000 ? ' (--full for 100,000)' : ''}`);
  await prepareInfrastructure(config);
  const api = await createApi(config);
  await api.listen(0, '127.0.0.1');
  const worker = await createWorker(config);
  const url = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}/graphql`;
  const ds = api.get(DataSource);
  const service = api.get(ActionItemsService);
  const relay = worker.get(OutboxRelay);
  const reminders = worker.get(QueueRegistry).get('reminders');
  const redis: Redis = createRedis(config, { connectionName: 'bench' });
  try {
    const delegations = await ds.getRepository(DelegationEntity).save(
      Array.from({ length: DELEGATIONS }, (_, i) => ({
        code: `B${String(i).padStart(3, '0')}`,
        name: `Bench delegation ${i}`,
        kind: DelegationKind.MEMBER_STATE,
      })),
    );
    const heads = await ds.getRepository(UserEntity).save(
      delegations.map((d, i) => ({
        email: `head${i}-${id}@bench.concordia`,
        name: `Head ${i}`,
        role: Role.DELEGATE,
        passwordHash: 'x',
        timezone: 'Europe/Brussels',
      })),
    );
    await ds
      .getRepository(DelegationMembershipEntity)
      .insert(heads.map((u, i) => ({ userId: u.id, delegationId: delegations[i].id, delegateRole: DelegateRole.HEAD_OF_DELEGATION })));
    const organizerRow = await ds
      .getRepository(UserEntity)
      .save({ email: `org-${id}@bench.concordia`, name: 'Organizer', role: Role.ORGANIZER, passwordHash: 'x' });
    const organizer: AuthUser = {
      id: organizerRow.id,
      email: organizerRow.email,
      name: organizerRow.name,
      role: Role.ORGANIZER,
      timezone: 'UTC',
      memberships: [],
    };
    const auth = api.get(AuthService);
    const gqlAs = async (user: UserEntity) => {
      const token = await auth.issueToken(user);
      return async (query: string, variables?: Record<string, unknown>) => {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await res.json()) as { data: any; errors?: unknown[] };
        if (body.errors) throw new Error(JSON.stringify(body.errors));
        return body.data;
      };
    };
    const input = (i: number): CreateActionItemInput => ({
      title: `${pick(WORDS, i * 7)} ${pick(WORDS, i * 13 + 3)} ${pick(WORDS, i * 31 + 5)} #${i}`,
      description: `Follow-up on ${pick(WORDS, i * 17 + 1)} and ${pick(WORDS, i * 19 + 2)}.`,
      ownerDelegationId: delegations[i % DELEGATIONS].id,
      assigneeId: null, // assigned below in SQL: assignment notifications would run during the measurement
      // Every reminder ahead (7 d and 1 d before), none fires during the run.
      dueAt: new Date(Date.now() + (10 + (i % 350)) * DAY + (i % 86_400) * 1000),
      priority: pick([ActionItemPriority.NORMAL, ActionItemPriority.HIGH, ActionItemPriority.NORMAL, ActionItemPriority.LOW], i),
    });

    /** Moves one item's due date: the mutation, then the relay replacing its 3 jobs in Redis. */
    const moveDue = async (itemId: string, runs = 20) => {
      const mutation: number[] = [];
      const relayed: number[] = [];
      for (let r = 0; r < runs; r++) {
        const item = await ds.getRepository(ActionItemEntity).findOneByOrFail({ id: itemId });
        let t = performance.now();
        await service.update(organizer, { actionItemId: itemId, version: item.version, dueAt: new Date(item.dueAt!.getTime() + 3600_000) });
        mutation.push(performance.now() - t);
        t = performance.now();
        await relay.drain();
        relayed.push(performance.now() - t);
      }
      return `mutation p50 ${fmt(percentile(mutation, 0.5))}, then relay to Redis (remove 3 jobs, add 3) p50 ${fmt(percentile(relayed, 0.5))}; total p99 ${fmt(
        percentile(
          mutation.map((m, i) => m + relayed[i]),
          0.99,
        ),
      )}`;
    };

    console.log('\n1. Rescheduling one item (due date moved by an hour), 20 times');
    const [probe] = await service.createMany(organizer, [{ ...input(1), assigneeId: null }]);
    await relay.drain();
    console.log(`   with ${await reminders.getDelayedCount()} jobs pending: ${await moveDue(probe.id)}`);

    const memBefore = await usedMemory(redis);
    console.log(`\n2. Creating ${SIZE.toLocaleString('en')} items through ActionItemsService.createMany, ${BATCH} per transaction`);
    const t0 = performance.now();
    for (let start = 0; start < SIZE; start += BATCH) {
      await service.createMany(
        organizer,
        Array.from({ length: Math.min(BATCH, SIZE - start) }, (_, k) => input(start + k + 2)),
      );
    }
    const createMs = performance.now() - t0;
    console.log(
      `   committed (items, history, audit event, outbox rows): ${fmt(createMs)} → ${Math.round(SIZE / (createMs / 1000)).toLocaleString('en')} items/s`,
    );
    await relay.drain(); // the worker's relay has been moving rows meanwhile; this waits for the rest
    const endToEndMs = performance.now() - t0;
    const [{ jobs }] = await ds.query(
      `SELECT count(*)::int AS jobs FROM outbox_events WHERE job_name IN ('action-item-reminder', 'action-item-escalation') AND sent_at IS NOT NULL`,
    );
    console.log(
      `   until every reminder job is in Redis (${jobs.toLocaleString('en')} jobs): ${fmt(endToEndMs)} → ${Math.round(SIZE / (endToEndMs / 1000)).toLocaleString('en')} items/s, ${Math.round(jobs / (endToEndMs / 1000)).toLocaleString('en')} jobs/s`,
    );

    const pending = await reminders.getDelayedCount();
    const memAfter = await usedMemory(redis);
    const sample = (await reminders.getDelayed(0, 1099))
      .filter((j) => j.name === 'action-item-reminder' || j.name === 'action-item-escalation')
      .slice(0, 1000)
      .map((j) => j.id!);
    let hashBytes = 0;
    for (const jobId of sample) hashBytes += Number(await redis.call('MEMORY', 'USAGE', `${config.queuePrefix}:reminders:${jobId}`, 'SAMPLES', '0'));
    const zsetBytes = Number(await redis.call('MEMORY', 'USAGE', `${config.queuePrefix}:reminders:delayed`, 'SAMPLES', '0'));
    console.log(`\n3. Redis memory per pending reminder job (${pending.toLocaleString('en')} delayed jobs)`);
    console.log(
      `   MEMORY USAGE: job hash ${Math.round(hashBytes / sample.length)} B (mean of ${sample.length}) + delayed-set entry ${Math.round(zsetBytes / pending)} B = ${Math.round(hashBytes / sample.length + zsetBytes / pending)} B per job`,
    );
    const hashEncoding = (await redis.call('OBJECT', 'ENCODING', `${config.queuePrefix}:reminders:${sample[0]}`)) as string;
    console.log(
      `   job hashes are ${hashEncoding}-encoded (listpack while every value is within hash-max-listpack-value = ${((await redis.config('GET', 'hash-max-listpack-value')) as string[])[1]} B)`,
    );
    console.log(`   INFO used_memory delta / jobs: ${Math.round((memAfter - memBefore) / pending)} B (Redis is shared with other processes: indicative)`);
    const example = await reminders.getJob(sample[0]);
    console.log(`   e.g. id ${example?.id} data ${JSON.stringify(example?.data)}`);

    console.log(`\n4. Rescheduling one item with ${pending.toLocaleString('en')} jobs pending: ${await moveDue(probe.id)}`);

    // Realistic statuses for the list queries (not through the service: the reminders are measured already).
    await ds.query(
      `UPDATE action_items SET status = CASE WHEN random() < 0.3 THEN 'DONE' WHEN random() < 0.3 THEN 'IN_PROGRESS' ELSE 'OPEN' END::action_item_status`,
    );
    await ds.query(`UPDATE action_items SET due_at = now() - interval '3 days' WHERE random() < 0.1`);
    await ds.query(
      `UPDATE action_items ai SET assignee_id = dm.user_id FROM delegation_memberships dm WHERE dm.delegation_id = ai.owner_delegation_id AND random() < 0.33`,
    );
    await ds.query('VACUUM ANALYZE action_items');

    const head = heads[7];
    const headUser: AuthUser = {
      id: head.id,
      email: head.email,
      name: head.name,
      role: Role.DELEGATE,
      timezone: 'UTC',
      memberships: [{ delegationId: delegations[7].id, delegateRole: DelegateRole.HEAD_OF_DELEGATION }],
    };
    const clerkRow = await ds.getRepository(UserEntity).save({ email: `clerk-${id}@bench.concordia`, name: 'Clerk', role: Role.CLERK, passwordHash: 'x' });
    const asHead = await gqlAs(head);
    const asClerk = await gqlAs(clerkRow);
    const PAGE = 'totalCount edges { node { reference title status dueAt ownerDelegation { code } assignee { name } } }';
    const searched: ActionItemFilter = { status: [ActionItemStatus.OPEN, ActionItemStatus.IN_PROGRESS], search: 'victim identification' };
    const cases: [string, () => Promise<unknown>][] = [
      ['baseline: { me { id } } (HTTP, auth, GraphQL; no action items)', () => asHead('{ me { id } }')],
      ['myActionItems(first: 20) as a head of delegation', () => asHead(`{ myActionItems(first: 20) { ${PAGE} } }`)],
      [
        'actionItems(first: 20, status OPEN|IN_PROGRESS, search "victim identification") as that head',
        () => asHead(`query($f: ActionItemFilter) { actionItems(first: 20, filter: $f) { ${PAGE} } }`, { f: searched }),
      ],
      [
        'the same as a clerk (sees every delegation)',
        () => asClerk(`query($f: ActionItemFilter) { actionItems(first: 20, filter: $f) { ${PAGE} } }`, { f: searched }),
      ],
      [
        'actionItems(first: 20, overdue: true) as a clerk, soonest due first',
        () => asClerk(`query($f: ActionItemFilter) { actionItems(first: 20, filter: $f) { ${PAGE} } }`, { f: { overdue: true } }),
      ],
    ];
    const [load] = (await import('node:os')).loadavg();
    console.log(
      `\n5. List pages over HTTP (load average ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} cores) at ${(SIZE + 1).toLocaleString('en')} rows, ${RUNS} runs each (after 20 warm-up runs)`,
    );
    for (const [label, run] of cases) {
      for (let i = 0; i < 20; i++) await run();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const s = performance.now();
        await run();
        times.push(performance.now() - s);
      }
      console.log(`   ${label}: p50 ${fmt(percentile(times, 0.5))}, p99 ${fmt(percentile(times, 0.99))}`);
    }

    console.log('\n6. The SQL behind those pages: time alone (200 runs) and plan (EXPLAIN ANALYZE)');
    const access = api.get(ActionItemAccess);
    const plan = async (label: string, sql: string, params: unknown[]) => {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const s = performance.now();
        await ds.query(sql, params);
        times.push(performance.now() - s);
      }
      const rows: { 'QUERY PLAN': string }[] = await ds.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql}`, params);
      const text = rows.map((r) => r['QUERY PLAN']);
      const seq = text.some((l) => /Seq Scan on action_items/.test(l));
      console.log(
        `   -- ${label}: ${seq ? 'SEQ SCAN on action_items!' : 'no Seq Scan on action_items'}; the SQL alone p50 ${fmt(percentile(times, 0.5))}, p99 ${fmt(percentile(times, 0.99))}`,
      );
      for (const l of text) console.log(`      ${l}`);
    };
    const mine = ds
      .getRepository(ActionItemEntity)
      .createQueryBuilder('ai')
      .where('ai.status = ANY(:open)', { open: OPEN_STATUSES })
      .andWhere('(ai.assignee_id = :me OR ai.owner_delegation_id = ANY(:mine))', { me: head.id, mine: [delegations[7].id] });
    const page = (qb: typeof mine, sort: { expression: string; direction?: 'ASC' | 'DESC' }) =>
      qb
        .clone()
        .orderBy(sort.expression, sort.direction ?? 'ASC')
        .addOrderBy('ai.id', sort.direction ?? 'ASC')
        .limit(21)
        .getQueryAndParameters();
    await plan('myActionItems page', ...page(mine, { expression: DUE_KEY('ai') }));
    await plan('myActionItems totalCount', ...countQuery(mine));
    for (const [who, actor] of [
      ['head', headUser],
      ['clerk', { ...headUser, id: clerkRow.id, role: Role.CLERK, memberships: [] } as AuthUser],
    ] as const) {
      const qb = applyFilter(await access.restrict(ds.getRepository(ActionItemEntity).createQueryBuilder('ai'), 'ai', actor), 'ai', searched, new Date());
      await plan(`searched actionItems page as ${who}`, ...page(qb, sortKey('ai', undefined, searched)));
      await plan(`searched actionItems totalCount as ${who}`, ...countQuery(qb));
    }
    const clerk: AuthUser = { ...headUser, id: clerkRow.id, role: Role.CLERK, memberships: [] };
    const overdue = applyFilter(
      await access.restrict(ds.getRepository(ActionItemEntity).createQueryBuilder('ai'), 'ai', clerk),
      'ai',
      { overdue: true },
      new Date(),
    );
    await plan('overdue actionItems page as clerk', ...page(overdue, sortKey('ai', undefined, { overdue: true })));
    await plan('overdue actionItems totalCount as clerk', ...countQuery(overdue));
  } finally {
    redis.disconnect();
    await Promise.all(
      worker
        .get(QueueRegistry)
        .all()
        .map((q) => q.obliterate({ force: true }).catch(() => undefined)),
    );
    await worker.close();
    await api.close();
    await dropDatabase(config.databaseUrl);
  }
}

function countQuery(qb: ReturnType<DataSource['createQueryBuilder']>): [string, unknown[]] {
  const [sql, params] = qb.clone().select('count(*)').getQueryAndParameters();
  return [sql, params];
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

runMain(main);
