import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { createBody } from './support/meetings.js';
import { startWorkerProcess, type Spawned } from './support/processes.js';
import { SmtpSink } from './support/smtp-sink.js';
import { circulate, draft } from './support/statements.js';
import { TestApp, type TestUser, waitFor } from './support/test-app.js';

const RECIPIENTS = 27;
const codes = Array.from({ length: RECIPIENTS }, (_, i) => `K${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`);

/**
 * The worker runs as a real process and is killed (SIGKILL) in the middle of the fan-out, while an
 * e-mail is being sent; a new worker finishes the job without sending or notifying anyone twice.
 */
describe('a worker killed mid-circulation', () => {
  const smtp = new SmtpSink();
  let app: TestApp;
  const workers: Spawned[] = [];

  const startWorker = () => startWorkerProcess(app.env, workers);

  beforeAll(async () => {
    await smtp.start();
    app = await TestApp.start({ worker: false, env: { SMTP_URL: smtp.url, WORKER_LOCK_MS: '2000', OUTBOX_POLL_MS: '100' } });
  });
  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await app.close();
    await smtp.stop();
  });

  it('still gives every member one notification and one e-mail, every recipient DELIVERED once', async () => {
    const organizer = await app.as(Role.ORGANIZER);
    const clerk = await app.as(Role.CLERK);
    const members = new Map<string, TestUser[]>();
    for (const code of codes)
      members.set(code, [await app.as(Role.DELEGATE, code, DelegateRole.HEAD_OF_DELEGATION), await app.as(Role.DELEGATE, code, DelegateRole.EXPERT)]);
    const body = await createBody(organizer, app, { members: codes, kind: 'MINISTERIAL' });
    const s = await draft(clerk, { bodyId: body.id });

    const first = await startWorker();
    smtp.acceptDelayMs = 3000;
    const inFlight = new Promise<void>((resolve) => (smtp.onData = resolve));
    const c = await circulate(clerk, s);
    await inFlight; // the fan-out is under way and an e-mail is being sent, not yet accepted
    first.child.kill('SIGKILL');
    await first.exited;
    smtp.onData = null;
    smtp.acceptDelayMs = 0;
    const deliveredBefore = await app.count('circulation_recipients', `circulation_id = $1 AND status = 'DELIVERED'`, [c.id]);
    expect(deliveredBefore).toBeLessThan(RECIPIENTS);

    const second = await startWorker();
    await waitFor(
      async () => (await app.count('circulation_recipients', `circulation_id = $1 AND status = 'DELIVERED'`, [c.id])) === RECIPIENTS,
      90_000,
      'every recipient DELIVERED',
    );

    for (const users of members.values()) {
      for (const u of users) {
        expect(await app.count('notifications', `user_id = $1 AND kind = 'STATEMENT_CIRCULATED'`, [u.user.id])).toBe(1);
        expect(smtp.to(u.user.email)).toHaveLength(1);
      }
    }
    expect(smtp.messages).toHaveLength(RECIPIENTS * 2);
    // One e-mail delivery row per member, each with its own stable Message-ID.
    expect(await app.count('notification_deliveries', `channel = 'EMAIL' AND event_key LIKE $1`, [`circulation:${c.id}:%`])).toBe(RECIPIENTS * 2);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(RECIPIENTS * 2);
    // Marked delivered once each (the update only applies while delivered_at is empty).
    expect(await app.count('circulation_recipients', `circulation_id = $1 AND delivered_at IS NOT NULL`, [c.id])).toBe(RECIPIENTS);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
