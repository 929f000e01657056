import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { QueueRegistry } from '../src/queues/queue-registry.js';
import { createBody } from './support/meetings.js';
import { SmtpSink } from './support/smtp-sink.js';
import { circulate, draft } from './support/statements.js';
import { TestApp, type TestUser, waitFor } from './support/test-app.js';

const MEMBERS = 5;

/**
 * A recipient delegation's job sends its members' e-mails together (issue 17). The SMTP server
 * refuses the 3rd e-mail of the batch: the job fails, the others are recorded SENT, and BullMQ's
 * retry sends only the refused one, under the same Message-ID. The recipient is DELIVERED only once
 * that last e-mail went out. Real worker, real SMTP server, real BullMQ retry.
 */
describe('a recipient job whose batch of e-mails fails midway', () => {
  const smtp = new SmtpSink();
  let app: TestApp;
  let clerk: TestUser;
  const members: TestUser[] = [];
  let bodyId: string;
  let delegationId: string;

  beforeAll(async () => {
    await smtp.start();
    app = await TestApp.start({ env: { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' } });
    const organizer = await app.as(Role.ORGANIZER);
    clerk = await app.as(Role.CLERK);
    for (let i = 0; i < MEMBERS; i++) members.push(await app.as(Role.DELEGATE, 'EB'));
    delegationId = (await app.delegation('EB')).id;
    bodyId = (await createBody(organizer, app, { name: 'Batch council', members: ['EB'], kind: 'MINISTERIAL' })).id;
  });
  afterAll(async () => {
    await app?.close();
    await smtp.stop();
  });

  it('is retried: every member gets one e-mail with its own stable Message-ID, none recorded twice, DELIVERED once all went out', async () => {
    let arrived = 0;
    let releaseRetry!: () => void;
    const retryMayGo = new Promise<void>((resolve) => (releaseRetry = resolve));
    smtp.beforeAccept = async () => {
      const n = ++arrived;
      if (n === 3) throw Object.assign(new Error('try again later'), { responseCode: 451 });
      if (n > MEMBERS) await retryMayGo; // the retry's send waits until the state in between is checked
    };
    const s = await draft(clerk, { bodyId });
    const c = await circulate(clerk, s, { purpose: 'INFORMATION' });
    const eventKey = `circulation:${c.id}:${delegationId}`;
    const deliveries = () =>
      app.dataSource.query<{ id: string; status: string; attempts: number; email: string }[]>(
        `SELECT d.id, d.status, d.attempts, u.email FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id JOIN users u ON u.id = n.user_id
          WHERE n.event_key = $1 AND d.channel = 'EMAIL' ORDER BY d.id`,
        [eventKey],
      );
    const recipient = async () =>
      (
        await app.dataSource.query<{ status: string; delivered_at: Date | null }[]>(
          `SELECT status, delivered_at FROM circulation_recipients WHERE circulation_id = $1`,
          [c.id],
        )
      )[0];

    // The first run: four accepted and recorded SENT, the refused one FAILED (to be retried).
    await waitFor(
      async () => {
        const rows = await deliveries();
        return rows.filter((d) => d.status === 'SENT').length === MEMBERS - 1 && rows.some((d) => d.status === 'FAILED');
      },
      20_000,
      'the first run to record its outcomes',
    );
    expect(smtp.messages).toHaveLength(MEMBERS - 1);
    // Not DELIVERED while one of its e-mails has not gone out.
    expect(await recipient()).toEqual({ status: 'QUEUED', delivered_at: null });

    releaseRetry();
    await waitFor(async () => (await recipient()).status === 'DELIVERED', 30_000, 'the retry to deliver the recipient');
    const rows = await deliveries();
    expect(rows.map((d) => d.status)).toEqual(Array(MEMBERS).fill('SENT'));
    // The four sent at once were recorded once and not sent again; the refused one was sent by the retry.
    expect(rows.map((d) => d.attempts).sort()).toEqual([1, 1, 1, 1, 2]);
    expect(arrived).toBe(MEMBERS + 1);
    for (const m of members) expect(smtp.to(m.user.email)).toHaveLength(1);
    expect(smtp.messages).toHaveLength(MEMBERS);
    // One idempotency key per e-mail: the delivery's id, as Message-ID and X-Concordia-Delivery.
    expect(smtp.messages.map((m) => m.messageId).sort()).toEqual(rows.map((d) => `<${d.id}@concordia>`).sort());
    expect(smtp.messages.map((m) => m.headers.get('x-concordia-delivery')).sort()).toEqual(rows.map((d) => d.id).sort());
    // Several e-mails per job: no `deliver` job for the circulation's e-mails, the recipient's job sent them.
    expect(await app.count('outbox_events', `job_name = 'deliver' AND payload->>'deliveryId' = ANY($1)`, [rows.map((d) => d.id)])).toBe(0);
    expect(await app.count('outbox_events', `job_name = 'deliver-circulation'`)).toBe(1);
    const [{ delivered_at }] = await app.dataSource.query(`SELECT delivered_at FROM circulation_recipients WHERE circulation_id = $1`, [c.id]);
    await app.drain();
    // Settled once: the time it became DELIVERED stays.
    expect((await recipient()).delivered_at).toEqual(delivered_at);

    // The relay hands the same rows to BullMQ again (as after a crash before it marked them sent): the
    // deterministic job ids make that a no-op, so nothing runs or is sent twice.
    const jobs = await app.count('outbox_events', 'sent_at IS NOT NULL');
    await app.dataSource.query(`UPDATE outbox_events SET sent_at = NULL`);
    await app.drain();
    expect(await app.count('outbox_events', 'sent_at IS NOT NULL')).toBe(jobs);
    const counts = await app.api.get(QueueRegistry).get('circulation').getJobCounts('completed', 'failed', 'waiting', 'delayed');
    expect(counts).toEqual({ completed: 1, failed: 0, waiting: 0, delayed: 0 }); // the recipients' batch job, once (the circulation enqueues it: no fan-out job)
    expect(smtp.messages).toHaveLength(MEMBERS);
    expect((await recipient()).delivered_at).toEqual(delivered_at);
  });
});
