import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuthService } from '../src/auth/auth.service.js';
import { Role } from '../src/auth/role.enum.js';
import { UserEntity } from '../src/auth/user.entity.js';
import { createApi, createWorker, prepareInfrastructure } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/app-config.js';
import { dropDatabase } from '../src/database/prepare-database.js';
import { QueryCountingLogger } from '../src/database/query-counting.logger.js';
import { DelegationKind } from '../src/delegations/delegation-kind.enum.js';
import { DelegationEntity } from '../src/delegations/delegation.entity.js';
import { QueueRegistry } from '../src/queues/queue-registry.js';

/**
 * Benchmarks that print figures (never assert times):
 * 1. the meeting detail query as agendas and participant lists grow, against the same data read
 *    row by row (the N+1 pattern the DataLoaders avoid), measured in the same run;
 * 2. how long after its commit a job starts when it goes through the outbox, against a job added
 *    to BullMQ directly.
 */
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

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const median = (xs: number[]) => percentile(xs, 0.5);

async function main(): Promise<void> {
  await prepareInfrastructure(config);
  const api = await createApi(config);
  await api.listen(0, '127.0.0.1');
  const worker = await createWorker(config);
  const url = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}/graphql`;
  const ds = api.get(DataSource);
  const organizer = await ds.getRepository(UserEntity).save({ email: `bench-${id}@bench.concordia`, name: 'Bench', role: Role.ORGANIZER, passwordHash: 'x' });
  const token = await api.get(AuthService).issueToken(organizer);
  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  try {
    const delegations = await ds.getRepository(DelegationEntity).save(
      Array.from({ length: 60 }, (_, i) => ({ code: `B${String(i).padStart(2, '0')}`.slice(0, 5), name: `Bench ${i}`, kind: DelegationKind.MEMBER_STATE })),
    );
    const { createBody } = await gql('mutation($i: CreateBodyInput!) { createBody(input: $i) { id } }', { i: { kind: 'MINISTERIAL', name: `Bench ${id}` } });
    const logger = ds.logger as QueryCountingLogger;

    console.log('1. meeting { agenda { leadDelegation } participants { delegation } } over HTTP, median of 20 runs');
    console.log('   rows | with loaders: SQL   ms  × 5-row time | row by row (baseline, SQL only): SQL   ms  × 5-row time');
    let base: { a: number; b: number } | null = null;
    for (const n of [5, 25, 50]) {
      const { scheduleMeeting: m } = await gql('mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }', {
        i: { bodyId: createBody.id, title: `Bench ${n}`, startsAt: new Date(Date.now() + (n + 1) * 86_400_000).toISOString(), endsAt: new Date(Date.now() + (n + 1) * 86_400_000 + 3_600_000).toISOString(), timezone: 'Europe/Brussels' },
      });
      await gql('mutation($i: InviteDelegationsInput!) { inviteDelegations(input: $i) { id } }', { i: { meetingId: m.id, delegationIds: delegations.slice(0, n).map((d) => d.id) } });
      for (let i = 0; i < n; i++) {
        await gql('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { id } }', { i: { meetingId: m.id, title: `Item ${i}`, kind: 'FOR_DISCUSSION', leadDelegationId: delegations[i].id } });
      }
      const viaLoaders: number[] = [];
      let loaderStatements = 0;
      for (let r = 0; r < 20; r++) {
        const before = logger.statements;
        const t = performance.now();
        await gql('query($id: ID!) { meeting(id: $id) { agenda { title leadDelegation { code } } participants { rsvp delegation { code } } } }', { id: m.id });
        viaLoaders.push(performance.now() - t);
        loaderStatements = logger.statements - before;
      }
      // Baseline: the same rows read one statement per reference, as resolvers without loaders would (no HTTP, no GraphQL).
      const rowByRow: number[] = [];
      let baselineStatements = 0;
      for (let r = 0; r < 20; r++) {
        const before = logger.statements;
        const t = performance.now();
        await ds.query('SELECT * FROM meetings WHERE id = $1', [m.id]);
        const items: { lead_delegation_id: string }[] = await ds.query('SELECT * FROM agenda_items WHERE meeting_id = $1 ORDER BY position', [m.id]);
        for (const it of items) await ds.query('SELECT * FROM delegations WHERE id = $1', [it.lead_delegation_id]);
        const invitations: { delegation_id: string }[] = await ds.query('SELECT * FROM meeting_invitations WHERE meeting_id = $1', [m.id]);
        for (const inv of invitations) await ds.query('SELECT * FROM delegations WHERE id = $1', [inv.delegation_id]);
        rowByRow.push(performance.now() - t);
        baselineStatements = logger.statements - before;
      }
      const a = median(viaLoaders);
      const b = median(rowByRow);
      base ??= { a, b };
      console.log(
        `   ${String(n).padStart(4)} | ${String(loaderStatements).padStart(16)} ${a.toFixed(1).padStart(5)} ${(a / base.a).toFixed(2).padStart(12)} | ${String(baselineStatements).padStart(35)} ${b.toFixed(1).padStart(5)} ${(b / base.b).toFixed(2).padStart(12)}`,
      );
    }

    console.log('\n2. Latency from commit to the job starting: through the outbox vs queue.add directly (median of 100)');
    const queue = worker.get(QueueRegistry).get('notifications');
    const users = await ds.getRepository(UserEntity).save(Array.from({ length: 100 }, (_, i) => ({ email: `m${i}-${id}@bench.concordia`, name: `M${i}`, role: Role.DELEGATE, passwordHash: 'x' })));
    const waitIdle = async () => {
      for (;;) {
        const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM outbox_events WHERE sent_at IS NULL');
        const c = await queue.getJobCounts('waiting', 'active', 'delayed');
        if (n === 0 && c.waiting + c.active + c.delayed === 0) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await waitIdle();
    const committedAt = new Map<string, number>();
    for (const u of users) {
      const { addMember } = await gql('mutation($i: AddMemberInput!) { addMember(input: $i) { id } }', { i: { delegationId: delegations[0].id, userId: u.id } });
      committedAt.set(addMember.id, Date.now());
      await new Promise((r) => setTimeout(r, 10));
    }
    await waitIdle();
    const outboxLatency: number[] = [];
    for (const [membershipId, at] of committedAt) {
      const [row] = await ds.query(`SELECT id FROM outbox_events WHERE payload->>'membershipId' = $1`, [membershipId]);
      const job = await Job.fromId(queue, row.id);
      outboxLatency.push((job!.processedOn ?? 0) - at);
    }
    const directLatency: number[] = [];
    for (let i = 0; i < 100; i++) {
      const at = Date.now();
      const job = await queue.add('notify', { event: 'delegation.member-added', membershipId: '00000000-0000-4000-8000-000000000000' }, { jobId: `direct-${i}` });
      await waitIdle();
      directLatency.push(((await Job.fromId(queue, job.id!))!.processedOn ?? 0) - at);
    }
    const o = median(outboxLatency);
    const d = median(directLatency);
    console.log(`   through the outbox (LISTEN/NOTIFY wake-up): ${o} ms   queue.add directly (baseline): ${d} ms   the outbox adds ${o - d} ms (p90 ${percentile(outboxLatency, 0.9)} vs ${percentile(directLatency, 0.9)} ms)`);
  } finally {
    await Promise.all(worker.get(QueueRegistry).all().map((q) => q.obliterate({ force: true }).catch(() => undefined)));
    await worker.close();
    await api.close();
    await dropDatabase(config.databaseUrl);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
