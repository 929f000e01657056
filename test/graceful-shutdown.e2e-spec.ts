import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { GraphQLClient } from './support/graphql-client.js';
import { createBody, hoursFromNow, invite, scheduleMeeting } from './support/meetings.js';
import { freePort, runEntry, startWorkerProcess, type Spawned } from './support/processes.js';
import { SmtpSink } from './support/smtp-sink.js';
import { TestApp, waitFor } from './support/test-app.js';
import { WsTestClient } from './support/ws-client.js';

const ADD_MEMBER = 'mutation($i: AddMemberInput!) { addMember(input: $i) { id } }';
const BURST = 40;

/**
 * SIGTERM, as a rolling deploy sends it, to the built API and worker processes in the middle of
 * their work: the API stops accepting, answers what it had accepted and closes subscriptions with
 * a close frame; the worker finishes the job it is running and exits. Nothing is lost or doubled.
 */
describe('graceful shutdown', () => {
  const smtp = new SmtpSink();
  let app: TestApp;
  const started: Spawned[] = [];

  beforeAll(async () => {
    await smtp.start();
    app = await TestApp.start({ worker: false, env: { SMTP_URL: smtp.url, WORKER_LOCK_MS: '2000', OUTBOX_POLL_MS: '100' } });
  });
  afterAll(async () => {
    for (const p of started) p.child.kill('SIGKILL');
    await app?.close();
    await smtp.stop();
  });

  it('an API process answers every request it accepted and closes its sockets with a close frame', async () => {
    const port = await freePort();
    const api = runEntry('main', { ...app.env, PORT: String(port), LOG_LEVEL: 'warn' });
    started.push(api);
    await waitFor(async () => api.output().includes('Concordia listening'), 30_000, 'the API process');
    const url = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${url}/health`).catch(() => null))?.status === 200, 30_000, 'the API process to be ready');

    const admin = await app.as(Role.ADMIN);
    const client = new GraphQLClient(url, admin.token);
    const fi = await app.delegation('FI');
    const users = await Promise.all(Array.from({ length: BURST }, () => app.as(Role.DELEGATE)));

    const ws = new WsTestClient(url, admin.token);
    const subscription = ws.start('subscription { notificationAdded { id } }');
    await waitFor(async () => ws.connected, 15_000, 'the subscription socket');

    let signalled = false;
    const outcomes = await new Promise<Array<{ ok: boolean; status?: number; afterSignal: boolean; failure?: string; userId: string }>>((resolve) => {
      const all = users.map(async (u) => {
        try {
          const res = await client.request(ADD_MEMBER, { i: { delegationId: fi.id, userId: u.user.id } });
          if (!signalled) {
            signalled = true;
            api.child.kill('SIGTERM'); // on the first answer: the others are in flight
          }
          return { ok: !res.errors?.length, status: res.status, afterSignal: signalled, userId: u.user.id };
        } catch (error) {
          return { ok: false, afterSignal: signalled, failure: String((error as Error).cause ?? error), userId: u.user.id };
        }
      });
      void Promise.all(all).then(resolve);
    });
    expect(await api.exited).toBe(0);
    expect(api.output()).toContain('Received SIGTERM');

    // Every request was answered in full, or refused at the door (never accepted, then dropped).
    const answered = outcomes.filter((o) => o.ok);
    expect(answered.filter((o) => o.afterSignal).length).toBeGreaterThan(1);
    for (const o of outcomes.filter((x) => !x.ok)) {
      expect(o.status).toBeUndefined(); // no HTTP answer at all: nothing half-done, nothing 5xx
      expect(o.failure).toMatch(/ECONNREFUSED|ECONNRESET|other side closed|SocketError/);
    }
    // What was answered is committed; what was refused is not, and succeeds when retried elsewhere.
    for (const o of outcomes) {
      expect(await app.count('delegation_memberships', 'user_id = $1', [o.userId])).toBe(o.ok ? 1 : 0);
      if (!o.ok) await admin.client.data(ADD_MEMBER, { i: { delegationId: fi.id, userId: o.userId } });
    }

    // The subscriber was told (1001 Going Away), not left with a dead socket.
    await waitFor(async () => ws.closes.length > 0, 10_000, 'the close frame');
    expect(ws.closes[0].code).toBe(1001);
    subscription.stop();

    // The work of every membership is done once, by a worker started now.
    await app.startWorker();
    await waitFor(async () => (await app.count('outbox_events', 'sent_at IS NULL')) === 0, 30_000, 'the outbox to drain');
    await waitFor(
      async () => (await app.count('notifications', 'user_id = ANY($1)', [users.map((u) => u.user.id)])) === BURST,
      30_000,
      'a notification per new member',
    );
    const [{ most }] = await app.dataSource.query(
      `SELECT coalesce(max(n), 0)::int AS most FROM (SELECT count(*) AS n FROM notifications GROUP BY user_id, kind) c`,
    );
    expect(most).toBe(1);
  });

  it('a worker process finishes the job it is running, then exits; the next worker does the rest once', async () => {
    await app.stopWorker();

    const organizer = await app.as(Role.ORGANIZER);
    const members = [await app.as(Role.DELEGATE, 'DK', DelegateRole.HEAD_OF_DELEGATION), await app.as(Role.DELEGATE, 'DK', DelegateRole.EXPERT)];
    const dk = await app.delegation('DK');
    const body = await createBody(organizer, app, { members: ['DK'] });
    const meeting = await scheduleMeeting(organizer, { bodyId: body.id, title: 'Rolling deploy', startsAt: hoursFromNow(72) });

    const first = await startWorkerProcess(app.env, started);
    smtp.acceptDelayMs = 1500; // the SIGTERM comes while an e-mail is being sent
    const sending = new Promise<void>((resolve) => (smtp.onData = resolve));
    await invite(organizer, meeting.id, [dk.id]);
    await sending;
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).not.toMatch(/Jobs still running/);
    // The e-mail in flight was finished (accepted, and recorded as sent) before the worker left.
    expect(smtp.messages.length).toBeGreaterThanOrEqual(1);
    smtp.acceptDelayMs = 0;

    await app.startWorker();
    const eventKey = `meeting-invited:${meeting.id}:${dk.id}`;
    await waitFor(
      async () => (await app.count('notification_deliveries', `event_key = $1 AND channel IN ('IN_APP', 'EMAIL') AND status = 'SENT'`, [eventKey])) === 4,
      30_000,
      'in-app and e-mail deliveries for both members',
    );
    for (const m of members) {
      expect(await app.count('notifications', `user_id = $1 AND kind = 'MEETING_INVITATION'`, [m.user.id])).toBe(1);
      expect(smtp.to(m.user.email)).toHaveLength(1); // finished, not cut short and sent again
    }
  });
});
