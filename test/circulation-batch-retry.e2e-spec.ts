import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { DelegationMembershipEntity } from '../src/delegations/delegation-membership.entity.js';
import { CirculationService } from '../src/statements/circulation/circulation.service.js';
import { createBody } from './support/meetings.js';
import { SmtpSink } from './support/smtp-sink.js';
import { circulate, draft } from './support/statements.js';
import { TestApp, type TestUser, waitFor } from './support/test-app.js';

const CODES = ['LU', 'MT', 'NL'];
/** A recipient delegation whose one member takes no e-mail for circulations: nothing external to wait for. */
const QUIET = 'PT';

/**
 * Several recipient delegations share one delivery job (issue 17: a batch). The SMTP server refuses
 * one member's e-mail once: the batch's other recipients are DELIVERED, the refused one's recipient
 * waits QUEUED, and BullMQ's retry of the whole batch sends only that e-mail, under its own
 * Message-ID. Then the batch runs again after its e-mails were recorded but before its recipients
 * were settled (a worker dying in between): nothing is sent again, every recipient is DELIVERED.
 * A member of two recipient delegations is told once per delegation, as with a job per recipient.
 */
describe('a batch of recipient delegations in one job', () => {
  const smtp = new SmtpSink();
  let app: TestApp;
  let clerk: TestUser;
  const members = new Map<string, TestUser[]>();
  let both: TestUser;
  let bodyId: string;

  beforeAll(async () => {
    await smtp.start();
    app = await TestApp.start({ env: { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' } });
    const organizer = await app.as(Role.ORGANIZER);
    clerk = await app.as(Role.CLERK);
    for (const code of CODES) members.set(code, [await app.as(Role.DELEGATE, code), await app.as(Role.DELEGATE, code)]);
    // A member of LU and of MT.
    both = await app.as(Role.DELEGATE, 'LU');
    await app.dataSource
      .getRepository(DelegationMembershipEntity)
      .insert({ userId: both.user.id, delegationId: (await app.delegation('MT')).id, delegateRole: DelegateRole.DELEGATE });
    const quiet = await app.as(Role.DELEGATE, QUIET);
    await app.dataSource.query(`INSERT INTO notification_preferences (user_id, kind, email) VALUES ($1, 'STATEMENT_CIRCULATED', false)`, [quiet.user.id]);
    bodyId = (await createBody(organizer, app, { name: 'Batch council', members: [...CODES, QUIET], kind: 'MINISTERIAL' })).id;
  });
  afterAll(async () => {
    await app?.close();
    await smtp.stop();
  });

  it('sends every e-mail once per idempotency key and settles each recipient on its own deliveries, across a retry and a re-run', async () => {
    const refused = members.get('NL')![0].user.email;
    let refusals = 0;
    let releaseRetry!: () => void;
    const retryMayGo = new Promise<void>((resolve) => (releaseRetry = resolve));
    smtp.beforeAccept = async (_session, recipients) => {
      if (!recipients.includes(refused)) return;
      if (++refusals === 1) throw Object.assign(new Error('try again later'), { responseCode: 451 });
      await retryMayGo; // the retry's send waits until the state in between is checked
    };
    const s = await draft(clerk, { bodyId });
    const c = await circulate(clerk, s, { purpose: 'INFORMATION' });
    const emails = () =>
      app.dataSource.query<{ id: string; status: string; attempts: number; email: string; event_key: string }[]>(
        `SELECT d.id, d.status, d.attempts, u.email, n.event_key FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
           JOIN users u ON u.id = n.user_id WHERE n.event_key LIKE $1 AND d.channel = 'EMAIL' ORDER BY d.id`,
        [`circulation:${c.id}:%`],
      );
    const recipients = async () =>
      Object.fromEntries(
        (
          await app.dataSource.query<{ code: string; status: string; delivered_at: Date | null }[]>(
            `SELECT d.code, r.status, r.delivered_at FROM circulation_recipients r JOIN delegations d ON d.id = r.delegation_id WHERE r.circulation_id = $1`,
            [c.id],
          )
        ).map((r) => [r.code, r]),
      );
    const expected = CODES.length * 2 + 2; // two members each, and the member of two delegations twice

    // The first run: every e-mail but the refused one accepted and recorded SENT.
    await waitFor(
      async () => {
        const rows = await emails();
        return rows.length === expected && rows.filter((d) => d.status === 'SENT').length === expected - 1 && rows.some((d) => d.status === 'FAILED');
      },
      20_000,
      'the first run to record its outcomes',
    );
    // The others of the batch are DELIVERED on their own deliveries, the e-mail-less one too.
    await waitFor(
      async () => {
        const now = await recipients();
        return [...CODES.filter((c) => c !== 'NL'), QUIET].every((c) => now[c].status === 'DELIVERED');
      },
      10_000,
      'LU, MT and PT DELIVERED',
    );
    // NL is not DELIVERED while one of its e-mails has not gone out.
    expect((await recipients()).NL).toMatchObject({ status: 'QUEUED', delivered_at: null });
    expect(smtp.messages).toHaveLength(expected - 1);

    releaseRetry();
    await waitFor(async () => (await recipients()).NL.status === 'DELIVERED', 30_000, 'the retry to deliver NL');
    await app.drain();
    const rows = await emails();
    expect(rows.map((d) => d.status)).toEqual(Array(expected).fill('SENT'));
    expect(rows.map((d) => d.attempts).sort()).toEqual([...Array(expected - 1).fill(1), 2]);
    expect(smtp.messages).toHaveLength(expected);
    for (const users of members.values()) for (const m of users) expect(smtp.to(m.user.email)).toHaveLength(1);
    // Told once for each of its delegations, each notice with its own key.
    expect(smtp.to(both.user.email)).toHaveLength(2);
    expect(await app.count('notifications', `user_id = $1 AND event_key LIKE $2`, [both.user.id, `circulation:${c.id}:%`])).toBe(2);
    // One idempotency key per e-mail: the delivery's id, as Message-ID and X-Concordia-Delivery.
    expect(smtp.messages.map((m) => m.messageId).sort()).toEqual(rows.map((d) => `<${d.id}@concordia>`).sort());
    expect(smtp.messages.map((m) => m.headers.get('x-concordia-delivery')).sort()).toEqual(rows.map((d) => d.id).sort());
    // One job for the three recipients.
    const jobs = await app.dataSource.query<{ payload: { recipientIds: string[] } }[]>(
      `SELECT payload FROM outbox_events WHERE job_name = 'deliver-circulation' AND payload->'recipientIds' IS NOT NULL`,
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0].payload.recipientIds).toHaveLength(CODES.length + 1);

    // The batch again, as after a worker that recorded the e-mails and died before settling: nothing
    // is sent twice, and each recipient is DELIVERED from its recorded deliveries.
    await app.dataSource.query(`UPDATE circulation_recipients SET status = 'QUEUED', delivered_at = NULL WHERE circulation_id = $1`, [c.id]);
    expect(await app.worker!.get(CirculationService).deliver(jobs[0].payload)).toBe('done');
    expect(Object.values(await recipients()).map((r) => r.status)).toEqual(Array(CODES.length + 1).fill('DELIVERED'));
    expect(smtp.messages).toHaveLength(expected);
    expect((await emails()).map((d) => d.attempts).sort()).toEqual([...Array(expected - 1).fill(1), 2]);
    expect(await app.count('notifications', `event_key LIKE $1`, [`circulation:${c.id}:%`])).toBe(expected + 1);
  });
});
