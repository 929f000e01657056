import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { actionItemEscalationJobId, actionItemReminderJobId } from '../src/action-items/action-item-reminders.js';
import { ActionItemRemindersService } from '../src/action-items/action-item-reminders.service.js';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { QueueRegistry } from '../src/queues/queue-registry.js';
import { createItem, setItemStatus, UPDATE } from './support/action-items.js';
import { SmtpSink } from './support/smtp-sink.js';
import { sleep, TestApp, type TestUser, waitFor } from './support/test-app.js';

const HOUR = 3600_000;

/**
 * Reminders with offsets shortened by configuration: one reminder an hour before the due time,
 * the escalation two seconds after it. Items are placed so a job falls due seconds from now.
 */
describe('action item reminders and escalation', () => {
  const smtp = new SmtpSink();
  let app: TestApp;
  let organizer: TestUser;
  let head: TestUser; // head of Denmark, reads in Copenhagen time
  let member: TestUser; // Danish expert, reads in New York time
  let other: TestUser; // another Danish member
  let dk: { id: string };

  const notes = (kind: string, itemId: string, user: TestUser) =>
    app.count('notifications', 'kind = $1 AND entity_id = $2 AND user_id = $3', [kind, itemId, user.user.id]);
  const job = (id: string) => app.api.get(QueueRegistry).get('reminders').getJob(id);
  const dueSoonIn = (ms: number) => new Date(Date.now() + HOUR + ms); // its reminder runs `ms` from now
  /** Waits until the reminder of an item due at `due` has been due for `byMs`. */
  const reminderPast = (due: Date, byMs: number) => waitFor(async () => Date.now() > due.getTime() - HOUR + byMs, 15_000, 'the reminder time to pass');

  beforeAll(async () => {
    await smtp.start();
    app = await TestApp.start({ env: { OUTBOX_POLL_MS: '100', ACTION_ITEM_REMINDER_OFFSETS: '1h', ACTION_ITEM_ESCALATION_AFTER: '2s', SMTP_URL: smtp.url } });
    organizer = await app.as(Role.ORGANIZER);
    head = await app.as(Role.DELEGATE, 'DK', DelegateRole.HEAD_OF_DELEGATION, { timezone: 'Europe/Copenhagen' });
    member = await app.as(Role.DELEGATE, 'DK', DelegateRole.EXPERT, { timezone: 'America/New_York' });
    other = await app.as(Role.DELEGATE, 'DK', DelegateRole.DELEGATE);
    dk = await app.delegation('DK');
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  it('reminds the assignee once, in their time zone; moving dueAt replaces the pending reminder and only the new one arrives', async () => {
    const due = dueSoonIn(60_000);
    const item = await createItem(head, { title: 'Transpose the directive', ownerDelegationId: dk.id, assigneeId: member.user.id, dueAt: due });
    await app.drain();
    const oldId = actionItemReminderJobId(item.id, HOUR, due.getTime());
    expect(await (await job(oldId))?.getState()).toBe('delayed');

    const moved = dueSoonIn(2500);
    await head.client.data(UPDATE, { i: { actionItemId: item.id, version: item.version, dueAt: moved.toISOString() } });
    await app.drain();
    expect(await job(oldId)).toBeUndefined();
    expect(await job(actionItemEscalationJobId(item.id, due.getTime()))).toBeUndefined();
    const newJob = await job(actionItemReminderJobId(item.id, HOUR, moved.getTime()));
    expect(await newJob?.getState()).toBe('delayed');
    expect(newJob!.data).toEqual([item.id, HOUR / 1000, moved.getTime()]); // ids and times only, as a compact tuple

    await waitFor(async () => (await notes('ACTION_ITEM_DUE_SOON', item.id, member)) > 0, 15_000, 'the reminder');
    await app.drain();
    await sleep(500);
    expect(await notes('ACTION_ITEM_DUE_SOON', item.id, member)).toBe(1);
    expect(await notes('ACTION_ITEM_DUE_SOON', item.id, head)).toBe(0); // assigned: only the assignee
    const [n] = await app.dataSource.query(`SELECT subject, body, event_key FROM notifications WHERE kind = 'ACTION_ITEM_DUE_SOON' AND entity_id = $1`, [
      item.id,
    ]);
    expect(n.event_key).toBe(`action-item-due:${item.id}:${HOUR}:${moved.getTime()}`);
    expect(n.subject).toBe(`Due in 1 hour: ${item.reference} Transpose the directive`);
    expect(n.body).toContain('(America/New_York)');
    await waitFor(async () => smtp.to(member.user.email).some((m) => m.subject?.startsWith('Due in 1 hour')), 15_000, 'the reminder e-mail');
  });

  it('reminds every member of the owner delegation when nobody is assigned', async () => {
    const item = await createItem(organizer, { title: 'Unassigned follow-up', ownerDelegationId: dk.id, dueAt: dueSoonIn(1500) });
    await waitFor(async () => (await notes('ACTION_ITEM_DUE_SOON', item.id, other)) > 0, 15_000, 'the reminder');
    for (const u of [head, member, other]) expect(await notes('ACTION_ITEM_DUE_SOON', item.id, u)).toBe(1);
    expect(await notes('ACTION_ITEM_DUE_SOON', item.id, organizer)).toBe(0);
  });

  it('sends none after DONE, and schedules again on reopening: then it arrives once', async () => {
    const due = dueSoonIn(6000);
    const item = await createItem(head, { title: 'Done early', ownerDelegationId: dk.id, assigneeId: member.user.id, dueAt: due });
    const id = actionItemReminderJobId(item.id, HOUR, due.getTime());
    await app.drain();
    expect(await (await job(id))?.getState()).toBe('delayed');
    await setItemStatus(member, item.id, 'IN_PROGRESS');
    await setItemStatus(member, item.id, 'DONE');
    await app.drain();
    expect(await job(id)).toBeUndefined();
    expect(await job(actionItemEscalationJobId(item.id, due.getTime()))).toBeUndefined();

    await setItemStatus(member, item.id, 'IN_PROGRESS'); // reopened
    await app.drain();
    expect(await (await job(id))?.getState()).toBe('delayed');

    // Meanwhile another, done again before it is due: nothing further, not even the escalation.
    const secondDue = dueSoonIn(2500);
    const second = await createItem(head, { title: 'Done for good', ownerDelegationId: dk.id, assigneeId: member.user.id, dueAt: secondDue });
    await setItemStatus(member, second.id, 'IN_PROGRESS');
    await setItemStatus(member, second.id, 'DONE');
    await app.drain();
    // Its jobs are gone, not left to find the item done…
    expect(await job(actionItemReminderJobId(second.id, HOUR, secondDue.getTime()))).toBeUndefined();
    expect(await job(actionItemEscalationJobId(second.id, secondDue.getTime()))).toBeUndefined();

    await waitFor(async () => (await notes('ACTION_ITEM_DUE_SOON', item.id, member)) > 0, 15_000, 'the reminder after reopening');
    // …and nothing came of the other once its reminder was a second overdue.
    await reminderPast(secondDue, 1000);
    await app.drain();
    expect(await notes('ACTION_ITEM_DUE_SOON', second.id, member)).toBe(0);
    expect(await notes('ACTION_ITEM_DUE_SOON', item.id, member)).toBe(1);
  });

  it('delivers a reminder that fell due while the worker was stopped, once, after the restart', async () => {
    const due = dueSoonIn(2500);
    const item = await createItem(head, { title: 'Across a restart', ownerDelegationId: dk.id, assigneeId: member.user.id, dueAt: due });
    await app.drain();
    await app.stopWorker();
    await reminderPast(due, 500); // the reminder falls due while no worker runs
    expect(await notes('ACTION_ITEM_DUE_SOON', item.id, member)).toBe(0);
    await app.startWorker();
    await waitFor(async () => (await notes('ACTION_ITEM_DUE_SOON', item.id, member)) > 0, 15_000, 'the reminder after restart');
    await app.drain();
    expect(await notes('ACTION_ITEM_DUE_SOON', item.id, member)).toBe(1);
  });

  it('escalates an overdue item to the head of the owner delegation and the creator, not to other members', async () => {
    const item = await createItem(organizer, { title: 'Late report', ownerDelegationId: dk.id, assigneeId: other.user.id, dueAt: new Date(Date.now() + 1000) });
    await waitFor(async () => (await notes('ACTION_ITEM_OVERDUE', item.id, head)) > 0, 15_000, 'the escalation');
    await app.drain();
    expect(await notes('ACTION_ITEM_OVERDUE', item.id, head)).toBe(1);
    expect(await notes('ACTION_ITEM_OVERDUE', item.id, organizer)).toBe(1);
    expect(await notes('ACTION_ITEM_OVERDUE', item.id, member)).toBe(0);
    expect(await notes('ACTION_ITEM_DUE_SOON', item.id, other)).toBe(0); // its offset had passed at creation: skipped
    const [n] = await app.dataSource.query(`SELECT subject, body FROM notifications WHERE kind = 'ACTION_ITEM_OVERDUE' AND user_id = $1 AND entity_id = $2`, [
      head.user.id,
      item.id,
    ]);
    expect(n.subject).toBe(`Overdue: ${item.reference} Late report`);
    expect(n.body).toContain('(Europe/Copenhagen)');

    // Already past due when created: the escalation is not skipped, it runs at once.
    const late = await createItem(organizer, { title: 'Born late', ownerDelegationId: dk.id, dueAt: new Date(Date.now() - 3 * HOUR) });
    await waitFor(async () => (await notes('ACTION_ITEM_OVERDUE', late.id, head)) > 0, 15_000, 'the immediate escalation');
  });

  it('does nothing when a job wakes for a state that moved on', async () => {
    const due = dueSoonIn(600_000);
    const item = await createItem(head, { title: 'Moved on', ownerDelegationId: dk.id, assigneeId: member.user.id, dueAt: due });
    const service = app.worker!.get(ActionItemRemindersService);
    await head.client.data(UPDATE, { i: { actionItemId: item.id, version: item.version, dueAt: new Date(due.getTime() + HOUR).toISOString() } });
    expect(await service.fireReminder({ actionItemId: item.id, offsetMs: HOUR, dueAtEpochMs: due.getTime() })).toBe('skipped');
    expect(await service.fireEscalation({ actionItemId: item.id, offsetMs: 0, dueAtEpochMs: due.getTime() })).toBe('skipped');
    await setItemStatus(member, item.id, 'IN_PROGRESS');
    await setItemStatus(member, item.id, 'DONE');
    expect(await service.fireEscalation({ actionItemId: item.id, offsetMs: 0, dueAtEpochMs: due.getTime() + HOUR })).toBe('skipped');
    expect(await app.count('notifications', `entity_id = $1 AND kind IN ('ACTION_ITEM_DUE_SOON', 'ACTION_ITEM_OVERDUE')`, [item.id])).toBe(0);
  });

  it('tells a new assignee in-app and by e-mail, but not someone who assigns themself', async () => {
    const item = await createItem(organizer, { title: 'Nominate an expert', ownerDelegationId: dk.id, assigneeId: member.user.id });
    const self = await createItem(head, { title: 'My own', ownerDelegationId: dk.id, assigneeId: head.user.id });
    await app.drain();
    expect(await notes('ACTION_ITEM_ASSIGNED', item.id, member)).toBe(1);
    expect(await notes('ACTION_ITEM_ASSIGNED', self.id, head)).toBe(0);
    const channels = await app.dataSource.query(
      `SELECT d.channel FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.entity_id = $1 AND n.kind = 'ACTION_ITEM_ASSIGNED' ORDER BY d.channel`,
      [item.id],
    );
    expect(channels.map((c: { channel: string }) => c.channel).sort()).toEqual(['EMAIL', 'IN_APP']);
    await waitFor(
      async () => smtp.to(member.user.email).some((m) => m.subject === `Assigned to you: ${item.reference} Nominate an expert`),
      15_000,
      'the assignment e-mail',
    );

    // Reassigned by the organizer: the new assignee hears of it.
    await organizer.client.data(UPDATE, { i: { actionItemId: item.id, version: item.version, assigneeId: other.user.id } });
    await app.drain();
    expect(await notes('ACTION_ITEM_ASSIGNED', item.id, other)).toBe(1);
    expect(await notes('ACTION_ITEM_ASSIGNED', item.id, member)).toBe(1);
  });
});
