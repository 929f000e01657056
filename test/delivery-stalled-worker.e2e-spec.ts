import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { QueueRegistry } from '../src/queues/queue-registry.js';
import { createBody, hoursFromNow, invite, scheduleMeeting } from './support/meetings.js';
import { startWorkerProcess, type Spawned } from './support/processes.js';
import { rowLockWaiters } from './support/row-locks.js';
import { SmtpSink } from './support/smtp-sink.js';
import { TestApp, type TestUser, waitFor } from './support/test-app.js';

/** Two worker processes start in each test, and each waits out a lapsed BullMQ lock: room for a busy machine. */
const TEST_TIMEOUT_MS = 180_000;

/** The process's state letter from /proc (T: stopped by a signal). */
function processState(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
}

/** SIGSTOP, and wait until the kernel has really stopped it: from here on it reads no answer. */
async function freeze(worker: Spawned): Promise<void> {
  worker.child.kill('SIGSTOP');
  await waitFor(async () => processState(worker.child.pid!) === 'T', 10_000, 'the worker to stop');
}

/**
 * A worker process is frozen (SIGSTOP) in the middle of sending an e-mail, with the delivery's
 * status not yet written, and BullMQ hands the stalled job to a second worker process. The second
 * waits for the first's claim: if the first resumes, one e-mail; if it dies before the server
 * accepted, one e-mail (from the second); if it dies after, the one repeat at-least-once allows,
 * under the same Message-ID. The delivery always ends SENT. Real processes, a real SMTP server,
 * real BullMQ stalled-job recovery.
 */
describe('an e-mail whose sender stalls between the send and the status', () => {
  const smtp = new SmtpSink();
  let app: TestApp;
  let organizer: TestUser;
  const workers: Spawned[] = [];

  beforeAll(async () => {
    await smtp.start();
    app = await TestApp.start({ worker: false, env: { SMTP_URL: smtp.url, WORKER_LOCK_MS: '2000', OUTBOX_POLL_MS: '100' } });
    organizer = await app.as(Role.ORGANIZER);
  });
  // A test that failed half-way leaves no worker behind for the next one.
  afterEach(async () => {
    const running = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    for (const w of running) w.child.kill('SIGKILL');
    await Promise.all(running.map((w) => w.exited));
    smtp.beforeAccept = null;
  });
  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await app?.close();
    await smtp.stop();
  });

  /**
   * Invites a delegation with one member while only `first` runs; `hold` decides, with `first`
   * frozen and the message's data at the SMTP server, when the server answers.
   */
  async function freezeMidSend(code: string, hold: (sessionId: string) => Promise<void>) {
    const member = await app.as(Role.DELEGATE, code);
    const delegation = await app.delegation(code);
    const body = await createBody(organizer, app, { members: [code] });
    const m = await scheduleMeeting(organizer, { bodyId: body.id, title: `Stalled sender ${code}`, startsAt: hoursFromNow(100) });
    const first = await startWorkerProcess(app.env, workers);

    let sessionId = '';
    let frozen!: () => void;
    const isFrozen = new Promise<void>((resolve) => (frozen = resolve));
    smtp.beforeAccept = async (session) => {
      if (sessionId) return; // a later send (the second worker's) is answered at once
      sessionId = session;
      await freeze(first);
      frozen();
      await hold(session);
    };
    await invite(organizer, m.id, [delegation.id]);
    await isFrozen;

    const [delivery] = await app.dataSource.query(
      `SELECT d.id FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.user_id = $1 AND d.channel = 'EMAIL' AND d.event_key LIKE $2`,
      [member.user.id, `meeting-invited:${m.id}:%`],
    );
    expect(delivery).toBeDefined();
    const id = delivery.id as string;
    const job = async () => (await app.api.get(QueueRegistry).get('notifications').getJob(`delivery-${id}`))!;
    const row = async () => (await app.dataSource.query('SELECT status, attempts FROM notification_deliveries WHERE id = $1', [id]))[0];
    const mails = () => smtp.messages.filter((mail) => mail.messageId === `<${id}@concordia>`);

    // The second worker takes the stalled job (the first's BullMQ lock lapses after WORKER_LOCK_MS)
    // and reaches the delivery: it waits for the first's claim, or has already answered the job.
    const second = await startWorkerProcess(app.env, workers);
    await waitFor(
      async () => {
        if (['completed', 'failed', 'delayed'].includes(await (await job()).getState())) return true;
        return (await rowLockWaiters(app, 'notification_deliveries')) > 0;
      },
      45_000,
      'the second worker to reach the delivery',
    );
    return { first, second, sessionId: () => sessionId, job, row, mails };
  }

  it(
    'is sent once and SENT when the first worker is stopped after the server accepted, then resumes',
    async () => {
      const run = await freezeMidSend('DK', async () => undefined); // accepted at once, to a frozen sender
      expect(run.mails()).toHaveLength(1);

      run.first.child.kill('SIGCONT');
      await waitFor(
        async () => (await run.row()).status === 'SENT' && (await (await run.job()).getState()) === 'completed',
        30_000,
        'the delivery SENT and its job done',
      );
      expect(run.mails()).toHaveLength(1);
      expect(await run.row()).toEqual({ status: 'SENT', attempts: 1 });

      for (const w of [run.first, run.second]) w.child.kill('SIGTERM');
      await Promise.all([run.first.exited, run.second.exited]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'is still sent, once, and SENT when the first worker is stopped before the server accepted, then dies',
    async () => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const run = await freezeMidSend('SE', () => released); // not answered until the sender is gone
      expect(run.mails()).toHaveLength(0);

      run.first.child.kill('SIGKILL');
      await run.first.exited;
      await waitFor(async () => smtp.isClosed(run.sessionId()), 10_000, 'the SMTP server to see the sender gone');
      release(); // too late: the sink never accepts a message whose sender went away
      await waitFor(
        async () => (await run.row()).status === 'SENT' && (await (await run.job()).getState()) === 'completed',
        45_000,
        'the delivery SENT and its job done',
      );
      expect(run.mails()).toHaveLength(1);
      expect(await run.row()).toEqual({ status: 'SENT', attempts: 1 });

      run.second.child.kill('SIGTERM');
      expect(await run.second.exited).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'is sent again under the same Message-ID when the first worker dies after the server accepted: at least once, never lost',
    async () => {
      const run = await freezeMidSend('FI', async () => undefined);
      expect(run.mails()).toHaveLength(1);

      // Nothing durable says the server took it (plain SMTP has no such receipt): the second run sends.
      run.first.child.kill('SIGKILL');
      await run.first.exited;
      await waitFor(
        async () => (await run.row()).status === 'SENT' && (await (await run.job()).getState()) === 'completed',
        45_000,
        'the delivery SENT and its job done',
      );
      expect(run.mails()).toHaveLength(2); // both carry <delivery id@concordia>, for the receiver to drop the repeat
      expect(await run.row()).toEqual({ status: 'SENT', attempts: 1 });

      run.second.child.kill('SIGTERM');
      expect(await run.second.exited).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );
});
