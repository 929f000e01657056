import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { actionItemEscalationJobId, actionItemReminderJobId } from '../src/action-items/action-item-reminders.js';
import { DIGEST_SCHEDULER_ID } from '../src/action-items/action-item-digest.scheduler.js';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { reminderJobId } from '../src/meetings/reminders/meeting-reminders.js';
import { JobReconciler } from '../src/queues/job-reconciler.js';
import { QueueRegistry } from '../src/queues/queue-registry.js';
import { ReconcileAtStart } from '../src/queues/reconcile-at-start.js';
import { circulationCloseJobId, circulationReminderJobId, recipientBatchJobId } from '../src/statements/circulation/circulation-reminders.js';
import { silenceJobId } from '../src/statements/adoption/silence-procedure.js';
import { createItem } from './support/action-items.js';
import { createBody, invite, scheduleMeeting } from './support/meetings.js';
import { launchSilence, statementRow } from './support/silence.js';
import { circulate, draft } from './support/statements.js';
import { removeRedisKeys, TestApp, type TestUser, waitFor } from './support/test-app.js';

const HOUR = 3600_000;
/** How far ahead the timed jobs fall: room for the drain, the wipe and the restart on a loaded machine. */
const AHEAD = 12_000;

/**
 * Redis is not a source of truth: with reminders, a circulation and a silence procedure pending,
 * every key of this test's prefix is deleted (the FLUSHALL of a shared Redis) and the worker
 * restarted. It re-creates the jobs from PostgreSQL with their ids, and everything happens once,
 * not before its time; what had already happened before the wipe does not happen again. Then two
 * reconciles on a healthy Redis change no job.
 */
describe('reconciling the queues from PostgreSQL', () => {
  let app: TestApp;
  let queues: QueueRegistry;

  beforeAll(async () => {
    app = await TestApp.start({
      env: {
        OUTBOX_POLL_MS: '100',
        ACTION_ITEM_REMINDER_OFFSETS: '1h',
        ACTION_ITEM_ESCALATION_AFTER: '1s',
        MEETING_REMINDER_OFFSETS: '1h',
        CIRCULATION_REMINDER_OFFSETS: '1h',
      },
    });
    queues = app.api.get(QueueRegistry);
  });
  afterAll(async () => {
    await app?.close();
  });

  const notes = (kind: string, entityId: string) => app.count('notifications', 'kind = $1 AND entity_id = $2', [kind, entityId]);
  /** The most notifications of this kind about this entity that one user has (1: nobody heard twice). */
  const mostPerUser = async (kind: string, entityId: string) =>
    Number(
      (
        await app.dataSource.query(
          'SELECT coalesce(max(n), 0) AS n FROM (SELECT count(*) AS n FROM notifications WHERE kind = $1 AND entity_id = $2 GROUP BY user_id) x',
          [kind, entityId],
        )
      )[0].n,
    );
  const state = async (queue: 'reminders' | 'circulation' | 'procedures', id: string) => (await (await queues.get(queue).getJob(id))?.getState()) ?? 'missing';
  /** Every job of every queue with its state: what "nothing changed" compares. */
  const snapshot = async () => {
    const out: string[] = [];
    for (const q of queues.all()) {
      const jobs = await q.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized']);
      for (const j of jobs) out.push(`${q.name}/${j.id}/${await j.getState()}/${j.attemptsMade}`);
    }
    return out.sort();
  };

  it('re-creates the pending jobs after Redis lost them; each fires once, on time', async () => {
    const organizer = await app.as(Role.ORGANIZER);
    const clerk = await app.as(Role.CLERK);
    const members: TestUser[] = [];
    for (const code of ['DK', 'FR'])
      members.push(await app.as(Role.DELEGATE, code, DelegateRole.HEAD_OF_DELEGATION), await app.as(Role.DELEGATE, code, DelegateRole.EXPERT));
    const [dk, fr] = [await app.delegation('DK'), await app.delegation('FR')];
    const body = await createBody(organizer, app, { members: ['DK', 'FR'], kind: 'MINISTERIAL' });
    const forCirculation = await draft(clerk, { bodyId: body.id, title: 'Circulated' });
    const forSilence = await draft(clerk, { bodyId: body.id, title: 'Under silence' });

    // Already happened before the wipe: a due-soon reminder and an escalation.
    const early = await createItem(organizer, { ownerDelegationId: dk.id, assigneeId: members[1].user.id, dueAt: new Date(Date.now() + HOUR + 2000) });
    const overdue = await createItem(organizer, { ownerDelegationId: fr.id, dueAt: new Date(Date.now() + 2000) });
    await waitFor(async () => (await notes('ACTION_ITEM_DUE_SOON', early.id)) === 1, 15_000, 'the early reminder');
    await waitFor(async () => (await notes('ACTION_ITEM_OVERDUE', overdue.id)) >= 1, 15_000, 'the escalation');
    await app.drain();
    const overdueBefore = await notes('ACTION_ITEM_OVERDUE', overdue.id);

    // Pending at the wipe: each falls due AHEAD from now.
    const at = Date.now() + AHEAD;
    const item = await createItem(organizer, { ownerDelegationId: dk.id, assigneeId: members[1].user.id, dueAt: new Date(at + HOUR) });
    const meeting = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: new Date(at + HOUR) });
    await invite(organizer, meeting.id, [dk.id]);
    const circulation = await circulate(clerk, forCirculation, { purpose: 'COMMENTS', deadline: new Date(at + HOUR) });
    const silenceDeadline = new Date(at);
    const { silenceProcedure } = await launchSilence(clerk, forSilence, silenceDeadline);
    const circulationDeadline = new Date(circulation.deadline);
    const startsAt = new Date(meeting.startsAt);
    const itemDue = new Date(item.dueAt);

    const pending = [
      ['reminders', actionItemReminderJobId(item.id, HOUR, itemDue.getTime())],
      ['reminders', actionItemEscalationJobId(item.id, itemDue.getTime())],
      ['reminders', reminderJobId(meeting.id, HOUR, startsAt.getTime())],
      ['circulation', circulationReminderJobId(circulation.id, HOUR, circulationDeadline)],
      ['circulation', circulationCloseJobId(circulation.id, circulationDeadline)],
      ['procedures', silenceJobId(silenceProcedure.circulationId, silenceDeadline)],
    ] as const;
    await app.drain();
    for (const [queue, id] of pending) expect(`${id}: ${await state(queue, id)}`).toBe(`${id}: delayed`);

    // Redis loses everything of this deployment while the worker is down.
    await app.stopWorker();
    await removeRedisKeys(app.config, app.config.queuePrefix);
    for (const [queue, id] of pending) expect(await state(queue, id)).toBe('missing');
    expect(await queues.get('reminders').getJobSchedulers()).toHaveLength(0);

    const worker = await app.startWorker();
    await worker.get(ReconcileAtStart).done;
    for (const [queue, id] of pending) expect(`${id}: ${await state(queue, id)}`).toBe(`${id}: delayed`);
    // What had already happened was not re-created (it would have fired again).
    expect(await state('reminders', actionItemReminderJobId(early.id, HOUR, new Date(early.dueAt).getTime()))).toBe('missing');
    expect(await state('reminders', actionItemEscalationJobId(overdue.id, new Date(overdue.dueAt).getTime()))).toBe('missing');
    await waitFor(async () => (await queues.get('reminders').getJobSchedulers()).some((s) => s.key === DIGEST_SCHEDULER_ID), 10_000, 'the digest scheduler');

    // Each happens once, not before its time.
    await waitFor(async () => (await statementRow(app, forSilence.id)).status === 'ADOPTED', 30_000, 'the adoption by silence');
    expect((await statementRow(app, forSilence.id)).adopted_at!.getTime()).toBe(silenceDeadline.getTime());
    await waitFor(async () => (await notes('ACTION_ITEM_DUE_SOON', item.id)) === 1, 30_000, 'the action item reminder');
    await waitFor(async () => (await notes('MEETING_REMINDER', meeting.id)) > 0, 30_000, 'the meeting reminder');
    await waitFor(async () => (await notes('CIRCULATION_REMINDER', forCirculation.id)) > 0, 30_000, 'the circulation reminder');
    await waitFor(async () => (await notes('STATEMENT_ADOPTED', forSilence.id)) === members.length, 30_000, 'the adoption notices');
    await app.drain();

    const [{ earliest }] = await app.dataSource.query(
      `SELECT min(created_at) AS earliest FROM notifications WHERE kind IN ('ACTION_ITEM_DUE_SOON', 'MEETING_REMINDER', 'CIRCULATION_REMINDER') AND entity_id = ANY($1)`,
      [[item.id, meeting.id, forCirculation.id]],
    );
    expect((earliest as Date).getTime()).toBeGreaterThanOrEqual(at - 50); // clocks of Redis and PostgreSQL on one machine
    expect(await app.count('audit_events', `entity_id = $1 AND action = 'statement.adopted'`, [forSilence.id])).toBe(1);
    for (const m of members)
      expect(await app.count('notifications', `kind = 'STATEMENT_ADOPTED' AND entity_id = $1 AND user_id = $2`, [forSilence.id, m.user.id])).toBe(1);
    expect(await notes('ACTION_ITEM_DUE_SOON', item.id)).toBe(1);
    expect(await mostPerUser('MEETING_REMINDER', meeting.id)).toBe(1);
    expect(await mostPerUser('CIRCULATION_REMINDER', forCirculation.id)).toBe(1);
    expect(await notes('ACTION_ITEM_DUE_SOON', early.id)).toBe(1);
    expect(await notes('ACTION_ITEM_OVERDUE', overdue.id)).toBe(overdueBefore);
    // Circulated to both member delegations, each settled once.
    expect(await app.count('circulation_recipients', `circulation_id = $1 AND status = 'DELIVERED'`, [circulation.id])).toBe(2);

    // On a healthy Redis, reconciling (twice) adds nothing and changes no job.
    const before = await snapshot();
    const reconciler = worker.get(JobReconciler);
    for (let i = 0; i < 2; i++) {
      const report = await reconciler.reconcile();
      expect(Object.values(report.added).every((n) => n === 0)).toBe(true);
      expect(report.planned['action-item-reminders']).toBeGreaterThan(0);
    }
    expect(await snapshot()).toEqual(before);
    expect(before.some((j) => j.startsWith(`procedures/${silenceJobId(silenceProcedure.circulationId, silenceDeadline)}/completed`))).toBe(true);

    // Recipients still QUEUED when a worker starts: reconcile plans their delivery with the fan-out's
    // own batch ids, so the two meet in one job per batch and each member is told once.
    await app.stopWorker();
    const lateStatement = await draft(clerk, { bodyId: body.id, title: 'Circulated while the workers were down' });
    const late = await circulate(clerk, lateStatement);
    const restarted = await app.startWorker();
    await restarted.get(ReconcileAtStart).done;
    await app.drain();
    expect(await app.count('circulation_recipients', `circulation_id = $1 AND status = 'DELIVERED'`, [late.id])).toBe(2);
    const [firstRecipient] = await app.dataSource.query('SELECT id FROM circulation_recipients WHERE circulation_id = $1 ORDER BY id LIMIT 1', [late.id]);
    const deliveries = (await queues.get('circulation').getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter(
      (j) => j.name === 'deliver-circulation' && String(j.id).includes(late.id),
    );
    expect(deliveries.map((j) => j.id)).toEqual([recipientBatchJobId(late.id, firstRecipient.id)]);
    expect(await mostPerUser('STATEMENT_CIRCULATED', lateStatement.id)).toBe(1);
  });
});
