import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { createRedis } from '../src/redis/redis.module.js';
import { createBody, hoursFromNow, invite, scheduleMeeting } from './support/meetings.js';
import { assertBuilt } from './support/processes.js';
import { TestApp } from './support/test-app.js';
import { WebhookSink } from './support/webhook-sink.js';

/** The helpers every e2e test leans on must themselves hold: a drain that returns early hides bugs. */
describe('the test harness', () => {
  const hooks = new WebhookSink();
  let app: TestApp;

  beforeAll(async () => {
    await hooks.start();
    app = await TestApp.start();
  });
  afterAll(() => hooks.stop());

  it('drain() waits for a delivery that is retrying after a failure (a delayed job in backoff)', async () => {
    const organizer = await app.as(Role.ORGANIZER);
    const dk = await app.delegation('DK');
    await organizer.client.data('mutation($i: UpdateDelegationInput!) { updateDelegation(input: $i) { id } }', {
      i: { delegationId: dk.id, webhookUrl: hooks.url, webhookSecret: 'harness-secret-123456' },
    });
    const body = await createBody(organizer, app, { members: ['DK'] });
    const m = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: hoursFromNow(500) });
    hooks.failNext = 1;
    await invite(organizer, m.id, [dk.id]);
    await app.drain();
    expect(hooks.failNext).toBe(0);
    expect(hooks.received.filter((h) => h.json.entity?.id === m.id)).toHaveLength(1);
  });

  it('reports /health 503 once the worker of the process is gone (readiness covers the worker, not just HTTP)', async () => {
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
    await app.stopWorker();
    const health = await fetch(`${app.url}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'error', error: { startup: { status: 'down', problem: 'worker not running' } } });
  });

  it('close() leaves no Redis key of its prefix behind (BullMQ meta keys, throttling counters)', async () => {
    await app.anonymous.request('mutation { login(input: { email: "nobody@test.concordia", password: "wrong password" }) { accessToken } }');
    const { config } = app;
    const queuePrefix = config.queuePrefix;
    await app?.close();
    const redis = createRedis(config, { enableOfflineQueue: true });
    try {
      expect(await redis.keys(`${queuePrefix}:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });

  it('refuses to spawn a build older than the sources', () => {
    expect(() => assertBuilt('main', { file: 'src/main.ts', mtimeMs: Date.now() + 60_000 })).toThrow(/older than src\/main\.ts: run `npm run build`/);
    expect(assertBuilt('main')).toBe('dist/src/main.js');
  });
});
