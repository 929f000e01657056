import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { actionItemReminderJobId } from '../src/action-items/action-item-reminders.js';
import { Role } from '../src/auth/role.enum.js';
import { loadConfig } from '../src/config/app-config.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { QueueRegistry } from '../src/queues/queue-registry.js';
import { createItem } from './support/action-items.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { TestApp, waitFor } from './support/test-app.js';

const HOUR = 3600_000;

/**
 * A reminder (3 attempts, retried at once) falls due while the worker cannot reach PostgreSQL:
 * it is put back for later instead of spending its attempts within the outage, and fires once
 * when PostgreSQL is back.
 */
describe('a job meeting PostgreSQL away', () => {
  let app: TestApp;
  const proxy = new TcpProxy('127.0.0.1', 5432);

  beforeAll(async () => {
    app = await TestApp.start({ worker: false, env: { OUTBOX_POLL_MS: '100', ACTION_ITEM_REMINDER_OFFSETS: '1h' } });
    const port = await proxy.start();
    const url = new URL(app.config.databaseUrl);
    url.port = String(port);
    // The worker reaches PostgreSQL through the proxy; the API and the test directly.
    await app.startWorker(loadConfig({ ...app.env, DATABASE_URL: url.toString() }));
  });
  afterAll(async () => {
    await proxy.stop();
    await app?.close();
  });

  it('waits for the database instead of failing the reminder for good', async () => {
    const organizer = await app.as(Role.ORGANIZER);
    const member = await app.as(Role.DELEGATE, 'DK', DelegateRole.EXPERT);
    const dk = await app.delegation('DK');
    const item = await createItem(organizer, { ownerDelegationId: dk.id, assigneeId: member.user.id, dueAt: new Date(Date.now() + HOUR + 4000) });
    const id = actionItemReminderJobId(item.id, HOUR, new Date(item.dueAt).getTime());
    const job = () => app.api.get(QueueRegistry).get('reminders').getJob(id);
    await waitFor(async () => (await (await job())?.getState()) === 'delayed', 10_000, 'the delayed reminder');

    await proxy.stop();
    // It ran during the cut (started at least once) and went back to waiting, attempts unspent.
    await waitFor(async () => ((await job())?.attemptsStarted ?? 0) > 0 && (await (await job())!.getState()) === 'delayed', 20_000, 'a run during the cut');
    expect((await job())!.attemptsMade).toBe(0);
    expect(await app.count('notifications', `kind = 'ACTION_ITEM_DUE_SOON' AND entity_id = $1`, [item.id])).toBe(0);

    await proxy.start();
    await waitFor(async () => (await (await job())?.getState()) === 'completed', 30_000, 'the reminder after the cut');
    expect(await app.count('notifications', `kind = 'ACTION_ITEM_DUE_SOON' AND entity_id = $1`, [item.id])).toBe(1);
  });
});
