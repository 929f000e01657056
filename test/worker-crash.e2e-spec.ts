import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { createBody, hoursFromNow, invite, scheduleMeeting } from './support/meetings.js';
import { startWorkerProcess, type Spawned } from './support/processes.js';
import { SmtpSink } from './support/smtp-sink.js';
import { TestApp, waitFor } from './support/test-app.js';
import { WebhookSink } from './support/webhook-sink.js';

/**
 * The worker runs as a real process here, so it can be killed (SIGKILL) in the middle of sending
 * an e-mail: the SMTP server holds its answer back, the worker dies before it is accepted.
 */
describe('a worker killed mid-delivery', () => {
  const smtp = new SmtpSink();
  const hooks = new WebhookSink();
  let app: TestApp;
  const workers: Spawned[] = [];

  const startWorker = () => startWorkerProcess(app.env, workers);

  beforeAll(async () => {
    await smtp.start();
    await hooks.start();
    app = await TestApp.start({ worker: false, env: { SMTP_URL: smtp.url, WORKER_LOCK_MS: '2000', OUTBOX_POLL_MS: '100' } });
  });
  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await app?.close();
    await smtp.stop();
    await hooks.stop();
  });

  it('still delivers every notification after a restart: one in-app each, e-mails and webhook at least once, any repeat under the same idempotency key', async () => {
    const organizer = await app.as(Role.ORGANIZER);
    const dk = await app.delegation('DK');
    await organizer.client.data('mutation($i: UpdateDelegationInput!) { updateDelegation(input: $i) { id } }', {
      i: { delegationId: dk.id, webhookUrl: hooks.url, webhookSecret: 'crash-test-secret-123' },
    });
    const members = [await app.as(Role.DELEGATE, 'DK', DelegateRole.HEAD_OF_DELEGATION), await app.as(Role.DELEGATE, 'DK', DelegateRole.EXPERT)];
    const body = await createBody(organizer, app, { members: ['DK'] });
    const m = await scheduleMeeting(organizer, { bodyId: body.id, title: 'Crash test', startsAt: hoursFromNow(72) });

    const eventKey = `meeting-invited:${m.id}:${dk.id}`;
    const first = await startWorker();
    smtp.acceptDelayMs = 10_000; // the kill comes long before: the sink never accepts a killed sender's mail
    const inFlight = new Promise<void>((resolve) => (smtp.onData = resolve));
    await invite(organizer, m.id, [dk.id]);
    await inFlight; // an e-mail is being sent and not yet accepted
    // The webhook (sent in parallel) is recorded first: a kill between its send and its record
    // would repeat it by design (receivers drop repeats by X-Concordia-Delivery), not what this tests.
    await waitFor(
      async () => (await app.count('notification_deliveries', `event_key = $1 AND channel = 'WEBHOOK' AND status = 'SENT'`, [eventKey])) === 1,
      8_000,
      'the webhook to be recorded',
    );
    first.child.kill('SIGKILL');
    await first.exited;
    expect(smtp.messages).toHaveLength(0);
    smtp.acceptDelayMs = 0;

    const second = await startWorker();
    await waitFor(
      async () => (await app.count('notification_deliveries', `event_key = $1 AND status = 'SENT'`, [eventKey])) === 5,
      45_000,
      'all five deliveries',
    );

    // At least once, never under two identities: a send that happened just before the crash (not yet
    // recorded as sent) can repeat, with the same idempotency key, for the receiver to drop.
    for (const member of members) {
      expect(await app.count('notifications', `user_id = $1 AND kind = 'MEETING_INVITATION'`, [member.user.id])).toBe(1);
      const mails = smtp.to(member.user.email);
      expect(mails.length).toBeGreaterThanOrEqual(1);
      expect(new Set(mails.map((mail) => mail.messageId)).size).toBe(1);
    }
    expect(new Set(smtp.messages.map((mail) => mail.messageId)).size).toBe(2);
    expect(hooks.received.length).toBeGreaterThanOrEqual(1);
    expect(new Set(hooks.received.map((h) => h.headers['x-concordia-delivery'])).size).toBe(1);
    expect(hooks.received[0].headers['x-concordia-delivery']).toBeTruthy();
    expect(await app.count('notification_deliveries', 'event_key = $1', [eventKey])).toBe(5);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
