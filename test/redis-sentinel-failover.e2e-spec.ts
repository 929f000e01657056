import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { RedisConnection } from '../src/redis/redis.module.js';
import { createBody, hoursFromNow, scheduleMeeting } from './support/meetings.js';
import { SentinelCluster } from './support/redis-sentinel.js';
import { TestApp, type TestUser, waitFor } from './support/test-app.js';

const INVITE = 'mutation($i: InviteDelegationsInput!) { inviteDelegations(input: $i) { id } }';
const MEETINGS = 12;
const DELEGATIONS = ['AT', 'BE', 'CZ'];

/**
 * Redis under Sentinel (a master, a replica, three sentinels, all with passwords), the master
 * SIGKILLed in the middle of a burst of invitations: every request answers with data or a code,
 * /health says Redis is down during the switch and up after, and every invitation reaches every
 * invited member once in-app, though some of its jobs were on the master that died.
 */
describe('Redis failover under Sentinel', () => {
  let cluster: SentinelCluster;
  let app: TestApp;
  let organizer: TestUser;

  beforeAll(async () => {
    cluster = await SentinelCluster.start({ password: 'data-secret', sentinelPassword: 'sentinel-secret' });
    app = await TestApp.start({ env: { ...cluster.env(), OUTBOX_POLL_MS: '100', WORKER_LOCK_MS: '2000' } });
    organizer = await app.as(Role.ORGANIZER);
  });
  afterAll(async () => {
    await app?.close();
    await cluster?.stop();
  });

  it('loses no invitation and doubles none when the master dies during a burst', async () => {
    // The app is really on the sentinels' master.
    const master = await cluster.master();
    const clientList = await app.api.get(RedisConnection).client.client('INFO');
    expect(String(clientList)).toMatch(/name=concordia\b/);
    const [, port] = (await app.api.get(RedisConnection).client.config('GET', 'port')) as [string, string];
    expect(Number(port)).toBe(master);

    const delegationIds: string[] = [];
    for (const code of DELEGATIONS) delegationIds.push((await app.delegation(code)).id);
    const members = (await Promise.all(DELEGATIONS.map((code) => [app.as(Role.DELEGATE, code), app.as(Role.DELEGATE, code)]).flat())).map((m) => m.user.id);
    const body = await createBody(organizer, app, { members: DELEGATIONS });
    const meetings: string[] = [];
    for (let i = 0; i < MEETINGS; i++)
      meetings.push((await scheduleMeeting(organizer, { bodyId: body.id, title: `Failover ${i}`, startsAt: hoursFromNow(48 + i) })).id);

    // /health, polled throughout: what it said, in order.
    const health: Array<{ status: number; redis?: string }> = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const res = await fetch(`${app.url}/health`).catch(() => null);
        const json = res ? ((await res.json().catch(() => ({}))) as { details?: { redis?: { status?: string } } }) : {};
        health.push({ status: res?.status ?? 0, redis: json.details?.redis?.status });
        await new Promise((r) => setTimeout(r, 25));
      }
    })();

    // The burst: one invitation per meeting, each to every delegation, a few at a time; the master
    // is killed once the first invitations have reached their members.
    const answers: Array<{ meetingId: string; ok: boolean; code?: unknown; status: number }> = [];
    const inviteOne = async (meetingId: string) => {
      const res = await organizer.client.request(INVITE, { i: { meetingId, delegationIds } });
      answers.push({ meetingId, ok: !res.errors?.length, code: res.errors?.[0]?.extensions?.code, status: res.status });
    };
    let next = 0;
    const lanes = Array.from({ length: 3 }, async () => {
      while (next < meetings.length) await inviteOne(meetings[next++]);
    });
    await waitFor(async () => answers.length >= 3, 30_000, 'the first invitations');
    const killed = await cluster.killMaster();
    const answeredBeforeKill = answers.length;
    await Promise.all(lanes);
    const promoted = await cluster.waitForFailover(killed);
    expect(promoted).not.toBe(killed);
    expect(answeredBeforeKill).toBeLessThan(MEETINGS); // the kill came during the burst

    // Every answer during the switch: data, or an error with a code (never a bare 5xx).
    for (const a of answers) {
      if (!a.ok) expect(a.code).toEqual(expect.any(String));
      expect(a.ok || a.status < 500 || typeof a.code === 'string').toBe(true);
    }
    // A client retries what was refused; an invitation that did commit answers with its conflict or succeeds again harmlessly.
    for (const a of answers.filter((x) => !x.ok))
      await waitFor(
        async () => !(await organizer.client.request(INVITE, { i: { meetingId: a.meetingId, delegationIds } })).errors?.length,
        30_000,
        'a retried invitation',
      );

    await waitFor(async () => health.at(-1)?.status === 200, 30_000, '/health to be up again');
    polling = false;
    await poller;
    const down = health.findIndex((h) => h.status === 503 && h.redis === 'down');
    expect(down).toBeGreaterThanOrEqual(0);
    expect(health.slice(down).some((h) => h.status === 200 && h.redis === 'up')).toBe(true);

    // Exactly once in-app, for every member of every invited delegation of every meeting.
    await app.drain(60_000);
    const expected = MEETINGS * members.length;
    await waitFor(
      async () =>
        (await app.count(
          `notification_deliveries d JOIN notifications n ON n.id = d.notification_id`,
          `n.kind = 'MEETING_INVITATION' AND d.channel = 'IN_APP' AND d.status = 'SENT'`,
        )) >= expected,
      60_000,
      'every in-app invitation',
    );
    const rows: Array<{ user_id: string; n: number }> = await app.dataSource.query(
      `SELECT user_id, count(*)::int AS n FROM notifications WHERE kind = 'MEETING_INVITATION' GROUP BY user_id`,
    );
    expect(rows.map((r) => r.user_id).sort()).toEqual([...members].sort());
    for (const r of rows) expect(r.n).toBe(MEETINGS);
    const perMeeting: Array<{ n: number }> = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.kind = 'MEETING_INVITATION' AND d.channel = 'IN_APP' GROUP BY n.user_id, n.id`,
    );
    expect(perMeeting).toHaveLength(expected);
    expect(perMeeting.every((r) => r.n === 1)).toBe(true);
    expect(await app.count('outbox_events', 'sent_at IS NULL')).toBe(0);
  });
});
