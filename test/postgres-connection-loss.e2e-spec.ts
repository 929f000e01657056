import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { sleep, TestApp, type TestUser, waitFor } from './support/test-app.js';

const ADD_MEMBER = 'mutation($i: AddMemberInput!) { addMember(input: $i) { id } }';
const USERS = 90;
const CUT_MS = 5000;

/**
 * The API and worker reach PostgreSQL only through a TCP proxy, which cuts every connection and
 * refuses new ones for 5 s in the middle of a stream of writes (a failover behind one address, a
 * network blip): refused requests answer with a code, no change is half-written, the pool and the
 * outbox relay recover by themselves, and every change's job runs once afterwards.
 */
describe('PostgreSQL connection loss', () => {
  const postgres = new TcpProxy('127.0.0.1', 5432);
  let app: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    const port = await postgres.start();
    const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres');
    url.port = String(port);
    url.pathname = `/concordia_test_pgcut_${Math.random().toString(36).slice(2, 10)}`;
    app = await TestApp.start({ env: { DATABASE_URL: url.toString(), OUTBOX_POLL_MS: '100' } });
    admin = await app.as(Role.ADMIN);
  });
  afterAll(async () => {
    await postgres.start().catch(() => undefined);
    await app?.close();
    await postgres.stop();
  });

  it('answers with a code while the database is away, writes nothing by halves, and catches up after', async () => {
    const fi = await app.delegation('FI');
    const users = await Promise.all(Array.from({ length: USERS }, () => app.as(Role.DELEGATE)));
    const queue = users.map((u) => u.user.id);

    const answers: Array<{ userId: string; ok: boolean; code?: unknown; status: number; phase: 'before' | 'cut' | 'after' }> = [];
    let phase: 'before' | 'cut' | 'after' = 'before';
    const lane = async () => {
      while (queue.length > 0 && !(phase === 'after' && answers.filter((a) => a.phase === 'after' && a.ok).length >= 6)) {
        const userId = queue.shift()!;
        const at = phase;
        const res = await admin.client.request(ADD_MEMBER, { i: { delegationId: fi.id, userId } });
        answers.push({ userId, ok: !res.errors?.length, code: res.errors?.[0]?.extensions?.code, status: res.status, phase: at });
        if (res.errors?.length) await sleep(300); // a client backing off
      }
    };
    const lanes = [lane(), lane(), lane()];
    await waitFor(async () => answers.filter((a) => a.ok).length >= 4, 30_000, 'the first writes');
    await postgres.stop(); // every connection cut, new ones refused
    phase = 'cut';
    await waitFor(async () => answers.some((a) => a.phase === 'cut' && !a.ok), 30_000, 'a request refused during the cut');
    await sleep(CUT_MS);
    await postgres.start();
    phase = 'after';
    await Promise.all(lanes);

    // Refused, with a code: never a bare 5xx, never an internal error.
    const refused = answers.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThan(0);
    for (const a of refused) {
      expect(a.code).toBe('SERVICE_UNAVAILABLE');
      expect(a.status).toBeLessThan(500);
    }
    // The pool recovered without a restart: writes succeed again.
    expect(answers.filter((a) => a.phase === 'after' && a.ok).length).toBeGreaterThanOrEqual(6);

    // Nothing half-written: each change has its row, its audit event and its outbox row, or none of them.
    const [totals] = await app.dataSource.query(
      `SELECT (SELECT count(*) FROM delegation_memberships WHERE delegation_id = $1)::int AS members,
              (SELECT count(*) FROM audit_events a JOIN delegation_memberships m ON m.id = a.entity_id
                WHERE a.action = 'delegation.member-added' AND m.delegation_id = $1)::int AS audited,
              (SELECT count(*) FROM audit_events WHERE action = 'delegation.member-added')::int AS audits,
              (SELECT count(*) FROM outbox_events o JOIN delegation_memberships m ON m.id::text = o.payload->>'membershipId'
                WHERE m.delegation_id = $1)::int AS relayed,
              (SELECT count(*) FROM outbox_events WHERE payload->>'event' = 'delegation.member-added')::int AS outbox`,
      [fi.id],
    );
    expect(totals.members).toBeGreaterThanOrEqual(answers.filter((a) => a.ok).length);
    expect(totals).toEqual({ members: totals.members, audited: totals.members, audits: totals.members, relayed: totals.members, outbox: totals.members });
    for (const a of answers.filter((x) => x.ok)) expect(await app.count('delegation_memberships', 'user_id = $1', [a.userId])).toBe(1);

    // The outbox drains and each committed change's notification is made once.
    await app.drain(45_000);
    const committed: Array<{ user_id: string }> = await app.dataSource.query(`SELECT user_id FROM delegation_memberships WHERE delegation_id = $1`, [fi.id]);
    for (const { user_id } of committed) expect(await app.count('notifications', 'user_id = $1', [user_id])).toBe(1);
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  });
});
