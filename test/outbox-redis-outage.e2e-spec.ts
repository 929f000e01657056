import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Job } from 'bullmq';
import { Role } from '../src/auth/role.enum.js';
import { QueueRegistry } from '../src/queues/queue-registry.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { TestApp, type TestUser, waitFor } from './support/test-app.js';

const ADD_MEMBER = 'mutation($i: AddMemberInput!) { addMember(input: $i) { id } }';

describe('outbox while Redis is unreachable', () => {
  const redis = new TcpProxy('127.0.0.1', 6379);
  let app: TestApp;
  let organizer: TestUser;

  beforeAll(async () => {
    const port = await redis.start();
    // API and worker both reach Redis only through the proxy, so stopping it is Redis going down.
    app = await TestApp.start({ env: { REDIS_URL: `redis://127.0.0.1:${port}`, OUTBOX_POLL_MS: '100' } });
    organizer = await app.as(Role.ORGANIZER);
  });
  afterAll(async () => {
    await redis.start().catch(() => undefined);
    await app?.close();
    await redis.stop();
  });

  it('commits mutations while Redis is down, then runs each of their jobs exactly once when it is back', async () => {
    const delegation = await app.delegation('FI');
    const members = await Promise.all([1, 2, 3, 4, 5].map(() => app.as(Role.DELEGATE)));

    await redis.stop();
    const health = await fetch(`${app.url}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'error', details: { redis: { status: 'down' }, database: { status: 'up' } } });

    const ids: string[] = [];
    for (const m of members) {
      const { addMember } = await organizer.client.data(ADD_MEMBER, { i: { delegationId: delegation.id, userId: m.user.id } });
      ids.push(addMember.id);
    }
    expect(await app.count('delegation_memberships', 'delegation_id = $1', [delegation.id])).toBe(5);
    expect(await app.count('audit_events', `action = 'delegation.member-added'`)).toBe(5);

    // The relay keeps trying and failing; nothing is lost, nothing is marked sent.
    await waitFor(async () => (await app.count('outbox_events', 'sent_at IS NULL AND attempts > 0')) > 0, 10_000, 'a failed relay attempt');
    expect(await app.count('outbox_events', 'sent_at IS NULL')).toBe(5);
    expect(await app.count('notifications')).toBe(0);

    await redis.start();
    await app.drain(30_000);

    expect(await app.count('outbox_events', 'sent_at IS NULL')).toBe(0);
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
    // Every change produced its effect once: one notification per new member, no more.
    for (const [i, m] of members.entries()) {
      expect(await app.count('notifications', 'user_id = $1', [m.user.id])).toBe(1);
      expect(
        await app.count(
          'notification_deliveries d JOIN notifications n ON n.id = d.notification_id',
          `n.user_id = $1 AND d.channel = 'IN_APP' AND d.status = 'SENT'`,
          [m.user.id],
        ),
      ).toBe(1);
      const [row] = await app.dataSource.query(`SELECT id FROM outbox_events WHERE payload->>'membershipId' = $1`, [ids[i]]);
      const job = await Job.fromId(app.api.get(QueueRegistry).get('notifications'), row.id);
      expect(job?.attemptsMade).toBe(1);
      expect(job?.returnvalue).toBe('done');
    }
    expect(await app.count('notifications')).toBe(5);
  });
});
