import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { reminderJobId } from '../src/meetings/reminders/meeting-reminders.js';
import { QueueRegistry } from '../src/queues/queue-registry.js';
import { createBody, invite, MEETING_FIELDS, scheduleMeeting, setStatus } from './support/meetings.js';
import { TestApp, type TestUser, waitFor } from './support/test-app.js';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;
const UPDATE = `mutation($i: UpdateMeetingInput!) { updateMeeting(input: $i) { ${MEETING_FIELDS} } }`;

/** Meeting reminders with the real offsets (24 h, 1 h): meetings are placed so a reminder falls due seconds from now. */
describe('meeting reminders', () => {
  let app: TestApp;
  let organizer: TestUser;
  let delegate: TestUser;
  let body: { id: string };

  const reminders = (meetingId: string) =>
    app.count('notifications', `kind = 'MEETING_REMINDER' AND entity_id = $1 AND user_id = $2`, [meetingId, delegate.user.id]);
  const job = (id: string) => app.api.get(QueueRegistry).get('reminders').getJob(id);

  beforeAll(async () => {
    app = await TestApp.start({ env: { OUTBOX_POLL_MS: '100' } });
    organizer = await app.as(Role.ORGANIZER);
    delegate = await app.as(Role.DELEGATE, 'PT', DelegateRole.HEAD_OF_DELEGATION);
    body = await createBody(organizer, app, { members: ['PT'] });
  });
  afterAll(() => app?.close());

  it('moves the reminders with the meeting: the 24 h reminder fires at the new time only', async () => {
    const start = new Date(Date.now() + 3 * DAY);
    const m = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: start });
    await invite(organizer, m.id);
    await app.drain();
    const oldId = reminderJobId(m.id, DAY, start.getTime());
    expect(await (await job(oldId))?.getState()).toBe('delayed');
    expect(await job(reminderJobId(m.id, HOUR, start.getTime()))).toBeTruthy();

    // About two days earlier: the 24 h reminder is now due in a few seconds (taken from the clock
    // now, not from the start of the test, however long the set-up took on a busy machine).
    const moved = new Date(Date.now() + DAY + 5000);
    const { updateMeeting } = await organizer.client.data(UPDATE, {
      i: { meetingId: m.id, version: m.version, startsAt: moved.toISOString(), endsAt: new Date(moved.getTime() + HOUR).toISOString() },
    });
    expect(updateMeeting.sequence).toBe(1);
    await app.drain();
    expect(await job(oldId)).toBeUndefined(); // removed, not left to fire
    const newId = reminderJobId(m.id, DAY, moved.getTime());
    const newJob = await job(newId);
    // Due at the new time: never earlier, and later only by how late the relay handed it over.
    expect(newJob!.timestamp + newJob!.delay).toBeGreaterThanOrEqual(moved.getTime() - DAY);
    expect(newJob!.timestamp + newJob!.delay).toBeLessThanOrEqual(Math.max(moved.getTime() - DAY, newJob!.timestamp) + 50);

    await waitFor(async () => (await reminders(m.id)) > 0, 30_000, 'the reminder');
    // Once its job has completed, nothing else can add a reminder for this start.
    await waitFor(async () => (await (await job(newId))?.getState()) === 'completed', 15_000, 'the reminder job to complete');
    await app.drain();
    expect(await reminders(m.id)).toBe(1);
    const [n] = await app.dataSource.query(`SELECT subject, body FROM notifications WHERE kind = 'MEETING_REMINDER' AND entity_id = $1 AND user_id = $2`, [
      m.id,
      delegate.user.id,
    ]);
    expect(n.subject).toBe('Reminder (in 1 day): Test meeting');
    expect(n.body).toContain('Test meeting starts in 1 day.');
    expect(await (await job(newId))?.getState()).toBe('completed');
  });

  it('removes the reminders of a cancelled meeting: none fires', async () => {
    // Due in a minute: the test never races the reminder, however slow the machine.
    const start = new Date(Date.now() + DAY + 60_000);
    const m = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: start });
    await invite(organizer, m.id);
    await app.drain();
    const id = reminderJobId(m.id, DAY, start.getTime());
    expect(await (await job(id))?.getState()).toBe('delayed');
    await setStatus(organizer, m.id, 'CANCELLED');
    await app.drain();
    expect(await job(id)).toBeUndefined();
    // And had it fired anyway (removal raced), it would have done nothing.
    const { MeetingRemindersService } = await import('../src/meetings/reminders/meeting-reminders.service.js');
    expect(await app.worker!.get(MeetingRemindersService).fire({ meetingId: m.id, offsetMs: DAY, startsAtEpochMs: start.getTime() })).toBe('skipped');
    expect(await reminders(m.id)).toBe(0);
    expect(await app.count('notifications', `kind = 'MEETING_CANCELLED' AND entity_id = $1`, [m.id])).toBe(1);
  });

  it('skips a reminder whose meeting moved or was cancelled if the job still fires (removal raced)', async () => {
    const start = new Date(Date.now() + 5 * DAY);
    const m = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: start });
    await invite(organizer, m.id);
    await app.drain();
    // Fire the original reminder by hand after the meeting moved: it must do nothing.
    await organizer.client.data(UPDATE, {
      i: {
        meetingId: m.id,
        version: m.version,
        startsAt: new Date(start.getTime() + HOUR).toISOString(),
        endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
      },
    });
    const { MeetingRemindersService } = await import('../src/meetings/reminders/meeting-reminders.service.js');
    const service = app.worker!.get(MeetingRemindersService);
    expect(await service.fire({ meetingId: m.id, offsetMs: DAY, startsAtEpochMs: start.getTime() })).toBe('skipped');
    expect(await reminders(m.id)).toBe(0);
  });

  it('schedules no reminder for a time already past', async () => {
    const start = new Date(Date.now() + 30 * 60_000);
    const m = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: start });
    await app.drain();
    expect(await job(reminderJobId(m.id, DAY, start.getTime()))).toBeUndefined();
    expect(await job(reminderJobId(m.id, HOUR, start.getTime()))).toBeUndefined();
    expect(await app.count('outbox_events', `job_name = 'meeting-reminder' AND payload->>0 = $1`, [m.id])).toBe(0);
  });

  it('loses no reminder while the worker is down: it fires once the worker is back', async () => {
    // The worker is down before the reminder is even scheduled, so it cannot fire early on a slow machine.
    await app.stopWorker();
    const start = new Date(Date.now() + DAY + 3000);
    const m = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: start });
    await invite(organizer, m.id);
    await waitFor(async () => Date.now() > start.getTime() - DAY + 500, 30_000, 'the reminder to fall due while no worker runs');
    expect(await reminders(m.id)).toBe(0);
    await app.startWorker();
    await waitFor(async () => (await reminders(m.id)) > 0, 30_000, 'the reminder after restart');
    await app.drain();
    expect(await reminders(m.id)).toBe(1);
  });
});
