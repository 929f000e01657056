import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { decodeReminder, reminderJobId } from '../src/meetings/reminders/meeting-reminders.js';
import { MeetingRemindersService } from '../src/meetings/reminders/meeting-reminders.service.js';
import { NotificationsProcessor } from '../src/notifications/notifications.processor.js';
import { QueueRegistry } from '../src/queues/queue-registry.js';
import { createBody, hoursFromNow, invite, MEETING_FIELDS, respond, scheduleMeeting, setStatus } from './support/meetings.js';
import { SmtpSink } from './support/smtp-sink.js';
import { TestApp, type TestUser } from './support/test-app.js';

const DAY = 24 * 3600_000;
const UPDATE = `mutation($i: UpdateMeetingInput!) { updateMeeting(input: $i) { ${MEETING_FIELDS} } }`;

/** Who is told what, and when a notice is no longer due: the rules a fan-out rewrite must keep. */
describe('notice rules', () => {
  const smtp = new SmtpSink();
  let app: TestApp;
  let organizer: TestUser;
  let admin: TestUser;
  let dkActive: TestUser;
  let dkDisabled: TestUser;
  let dkLate: TestUser; // disabled after the notice was written, before its e-mail went out
  let seMember: TestUser;
  let dkId: string;
  let seId: string;
  let bodyId: string;

  const count = (user: TestUser, kind: string, meetingId: string) =>
    app.count('notifications', 'user_id = $1 AND kind = $2 AND entity_id = $3', [user.user.id, kind, meetingId]);
  const disable = (user: TestUser) =>
    admin.client.data('mutation($i: SetUserActiveInput!) { setUserActive(input: $i) { id } }', { i: { userId: user.user.id, active: false } });
  const notifications = () => app.worker!.get(QueueRegistry).get('notifications');

  beforeAll(async () => {
    await smtp.start();
    app = await TestApp.start({ env: { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' } });
    organizer = await app.as(Role.ORGANIZER);
    admin = await app.as(Role.ADMIN);
    dkActive = await app.as(Role.DELEGATE, 'DK', DelegateRole.HEAD_OF_DELEGATION);
    dkDisabled = await app.as(Role.DELEGATE, 'DK');
    dkLate = await app.as(Role.DELEGATE, 'DK');
    seMember = await app.as(Role.DELEGATE, 'SE', DelegateRole.HEAD_OF_DELEGATION);
    [dkId, seId] = [(await app.delegation('DK')).id, (await app.delegation('SE')).id];
    bodyId = (await createBody(organizer, app, { members: ['DK', 'SE'] })).id;
    await disable(dkDisabled);
    await app.drain();
  });
  afterAll(async () => {
    await app?.close();
    await smtp.stop();
  });

  it('tells neither disabled members nor declined delegations, and two quick changes make one notice of the latest state', async () => {
    const m = await scheduleMeeting(organizer, { bodyId, title: 'Quick changes', startsAt: hoursFromNow(400) });
    await invite(organizer, m.id, [dkId, seId]);
    await respond(seMember, m.id, seId, 'DECLINED');
    await app.drain();
    expect(await count(dkDisabled, 'MEETING_INVITATION', m.id)).toBe(0);
    expect(await count(dkActive, 'MEETING_INVITATION', m.id)).toBe(1);

    // Both changes are committed before the worker looks at either.
    await notifications().pause();
    try {
      const first = (await organizer.client.data(UPDATE, { i: { meetingId: m.id, version: m.version, location: 'Aarhus' } })).updateMeeting;
      await organizer.client.data(UPDATE, { i: { meetingId: m.id, version: first.version, location: 'Odense' } });
    } finally {
      await notifications().resume();
    }
    await app.drain();
    expect(await count(dkActive, 'MEETING_UPDATED', m.id)).toBe(1);
    const [notice] = await app.dataSource.query(`SELECT body FROM notifications WHERE user_id = $1 AND kind = 'MEETING_UPDATED' AND entity_id = $2`, [
      dkActive.user.id,
      m.id,
    ]);
    expect(notice.body).toContain('Where:  Odense');
    expect(await count(dkDisabled, 'MEETING_UPDATED', m.id)).toBe(0);
    expect(await count(seMember, 'MEETING_UPDATED', m.id)).toBe(0);
    expect(smtp.to(dkDisabled.user.email)).toHaveLength(0);
    expect(smtp.to(seMember.user.email).filter((mail) => mail.subject?.startsWith('Changed'))).toHaveLength(0);
  });

  it('sends no e-mail to a user disabled after the notice was written', async () => {
    const m = await scheduleMeeting(organizer, { bodyId, title: 'Disabled since', startsAt: hoursFromNow(450) });
    await notifications().pause();
    try {
      await invite(organizer, m.id, [dkId]);
      // The notice is written (deliveries queued behind the pause) ...
      expect(
        await app.worker!.get(NotificationsProcessor).handlers.notify({ event: 'meeting.invited', meetingId: m.id, delegationIds: [dkId] }, undefined as never),
      ).toBe('done');
      expect(await count(dkLate, 'MEETING_INVITATION', m.id)).toBe(1);
      // ... then the user is disabled before the e-mail goes out.
      await disable(dkLate);
    } finally {
      await notifications().resume();
    }
    await app.drain();
    expect(smtp.to(dkActive.user.email).filter((mail) => mail.subject === 'Invitation: Disabled since')).toHaveLength(1);
    expect(smtp.to(dkLate.user.email).filter((mail) => mail.subject === 'Invitation: Disabled since')).toHaveLength(0);
    const [delivery] = await app.dataSource.query(
      `SELECT d.status, d.last_error FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.user_id = $1 AND d.channel = 'EMAIL' AND n.entity_id = $2`,
      [dkLate.user.id, m.id],
    );
    expect(delivery).toEqual({ status: 'SKIPPED', last_error: 'user is disabled' });
  });

  it('drops the reminders of a postponed meeting and schedules them again when it is planned again', async () => {
    // The 24 h reminder is a minute away: the test fires it itself rather than race the clock.
    const start = new Date(Date.now() + DAY + 60_000);
    const m = await scheduleMeeting(organizer, { bodyId, title: 'Postponed and back', startsAt: start });
    await invite(organizer, m.id, [dkId]);
    await app.drain();
    const reminders = app.worker!.get(QueueRegistry).get('reminders');
    const id = reminderJobId(m.id, DAY, start.getTime());
    expect(await (await reminders.getJob(id))?.getState()).toBe('delayed');

    await setStatus(organizer, m.id, 'POSTPONED');
    await app.drain();
    expect(await reminders.getJob(id)).toBeUndefined();

    await setStatus(organizer, m.id, 'PLANNED');
    await app.drain();
    const rescheduled = await reminders.getJob(id);
    expect(await rescheduled?.getState()).toBe('delayed');
    // What the job will do when it falls due: remind the participants, once.
    const service = app.worker!.get(MeetingRemindersService);
    expect(await service.fire(decodeReminder(rescheduled!.data))).toBe('done');
    expect(await service.fire(decodeReminder(rescheduled!.data))).toBe('skipped');
    await app.drain();
    expect(await count(dkActive, 'MEETING_REMINDER', m.id)).toBe(1);
    expect(await count(dkDisabled, 'MEETING_REMINDER', m.id)).toBe(0);
  });
});
