import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { DeliveryInProgressError, DeliveryService } from '../src/notifications/delivery.service.js';
import { NotificationsProcessor } from '../src/notifications/notifications.processor.js';
import { QueueRegistry } from '../src/queues/queue-registry.js';
import { createBody, hoursFromNow, invite, scheduleMeeting } from './support/meetings.js';
import { SmtpSink } from './support/smtp-sink.js';
import { rowLockWaiters } from './support/row-locks.js';
import { TestApp, waitFor } from './support/test-app.js';

/**
 * Two `deliver` jobs for one delivery at the same moment (say, a stalled job handed to a second
 * worker while the first still sends) and an immediate re-run: one send. The SMTP server holds the
 * first send open until the second run is seen waiting for the first's claim, so the second really
 * runs while it is in flight.
 */
describe('one delivery, several runs at once', () => {
  const smtp = new SmtpSink();
  let app: TestApp;

  beforeAll(async () => {
    await smtp.start();
    app = await TestApp.start({ env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await app?.close();
    await smtp.stop();
  });

  it('sends one e-mail when two runs overlap and a third follows', async () => {
    const organizer = await app.as(Role.ORGANIZER);
    const member = await app.as(Role.DELEGATE, 'DK');
    const dk = await app.delegation('DK');
    const body = await createBody(organizer, app, { members: ['DK'] });
    const m = await scheduleMeeting(organizer, { bodyId: body.id, title: 'Overlapping runs', startsAt: hoursFromNow(200) });
    await app.drain();

    // The queue's own workers stay out of it: the test runs the deliveries itself.
    const notifications = app.worker!.get(QueueRegistry).get('notifications');
    await notifications.pause();
    try {
      await invite(organizer, m.id, [dk.id]);
      expect(
        await app
          .worker!.get(NotificationsProcessor)
          .handlers.notify({ event: 'meeting.invited', meetingId: m.id, delegationIds: [dk.id] }, undefined as never),
      ).toBe('done');
      const [email] = await app.dataSource.query(
        `SELECT d.id FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.user_id = $1 AND d.channel = 'EMAIL' AND d.event_key LIKE $2`,
        [member.user.id, `meeting-invited:${m.id}:%`],
      );
      expect(email).toBeDefined();

      let inFlight!: () => void;
      const sending = new Promise<void>((resolve) => (inFlight = resolve));
      let answer!: () => void;
      const answered = new Promise<void>((resolve) => (answer = resolve));
      smtp.beforeAccept = () => {
        inFlight();
        return answered;
      };
      const deliveries = app.worker!.get(DeliveryService);
      const first = deliveries.deliver(email.id);
      await sending; // the first run is inside the SMTP conversation now
      const second = deliveries.deliver(email.id);
      try {
        await waitFor(async () => (await rowLockWaiters(app, 'notification_deliveries')) > 0, 15_000, 'the second run to wait for the first’s claim');
      } finally {
        answer(); // the server accepts the first run's e-mail
      }
      expect([await first, await second]).toEqual(['done', 'skipped']);
      smtp.beforeAccept = null;
      expect(await deliveries.deliver(email.id)).toBe('skipped');
      expect(smtp.to(member.user.email)).toHaveLength(1);
    } finally {
      await notifications.resume();
    }
    // The jobs the queue held run now, and find nothing left to send.
    await app.drain();
    expect(smtp.to(member.user.email)).toHaveLength(1);
    const [row] = await app.dataSource.query(
      `SELECT d.status, d.attempts FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.user_id = $1 AND d.channel = 'EMAIL' AND d.event_key LIKE $2`,
      [member.user.id, `meeting-invited:${m.id}:%`],
    );
    expect(row).toEqual({ status: 'SENT', attempts: 1 });
  });

  it('fails a run that finds the delivery claimed longer than it waits, sending nothing, so that the retry sends it', async () => {
    const organizer = await app.as(Role.ORGANIZER);
    const member = await app.as(Role.DELEGATE, 'SE');
    const se = await app.delegation('SE');
    const body = await createBody(organizer, app, { members: ['SE'] });
    const m = await scheduleMeeting(organizer, { bodyId: body.id, title: 'A claim held too long', startsAt: hoursFromNow(200) });
    await app.drain();

    const notifications = app.worker!.get(QueueRegistry).get('notifications');
    await notifications.pause();
    // The test holds the claim itself, as a worker frozen mid-send would.
    const claim = app.dataSource.createQueryRunner();
    try {
      await invite(organizer, m.id, [se.id]);
      await app.worker!.get(NotificationsProcessor).handlers.notify({ event: 'meeting.invited', meetingId: m.id, delegationIds: [se.id] }, undefined as never);
      const [email] = await app.dataSource.query(
        `SELECT d.id FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.user_id = $1 AND d.channel = 'EMAIL'`,
        [member.user.id],
      );
      await claim.connect();
      await claim.startTransaction();
      await claim.query('SELECT id FROM notification_deliveries WHERE id = $1 FOR UPDATE', [email.id]);

      const deliveries = app.worker!.get(DeliveryService);
      await expect(deliveries.deliver(email.id)).rejects.toBeInstanceOf(DeliveryInProgressError);
      expect(smtp.to(member.user.email)).toHaveLength(0);
      await claim.rollbackTransaction(); // the holder died without recording anything

      expect(await deliveries.deliver(email.id)).toBe('done');
      expect(smtp.to(member.user.email)).toHaveLength(1);
      const [row] = await app.dataSource.query('SELECT status, attempts FROM notification_deliveries WHERE id = $1', [email.id]);
      expect(row).toEqual({ status: 'SENT', attempts: 1 });
    } finally {
      if (claim.isTransactionActive) await claim.rollbackTransaction();
      await claim.release();
      await notifications.resume();
    }
    await app.drain();
    expect(smtp.to(member.user.email)).toHaveLength(1);
  });
});
