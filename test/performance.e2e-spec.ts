import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { actionItemEscalationJobId, actionItemReminderJobId } from '../src/action-items/action-item-reminders.js';
import { ActionItemUpdateEntity } from '../src/action-items/action-item-update.entity.js';
import { ActionItemEntity } from '../src/action-items/action-item.entity.js';
import { UserEntity } from '../src/auth/user.entity.js';
import { rawReader } from '../src/common/loaders/raw-reader.js';
import { DelegationEntity } from '../src/delegations/delegation.entity.js';
import { AgendaItemEntity } from '../src/meetings/agenda-item.entity.js';
import { MeetingEntity } from '../src/meetings/meeting.entity.js';
import { AuthService } from '../src/auth/auth.service.js';
import { Role } from '../src/auth/role.enum.js';
import { type QueryCountingLogger } from '../src/database/query-counting.logger.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { reminderJobId } from '../src/meetings/reminders/meeting-reminders.js';
import { QueueRegistry } from '../src/queues/queue-registry.js';
import { createBody, hoursFromNow, invite, scheduleMeeting } from './support/meetings.js';
import { SmtpSink } from './support/smtp-sink.js';
import { TestApp, type TestUser } from './support/test-app.js';

const NESTED_READ = `query($id: ID!) { meeting(id: $id) { title
  agenda { position title leadDelegation { code name } }
  participants { rsvp delegation { code name } }
  outcomeOfProceedings { revision text } } }`;

/** What the performance work must keep true (figures themselves come from `npm run bench`, never from tests). */
describe('read path: SQL per request', () => {
  let app: TestApp;
  let organizer: TestUser;
  let statements: () => number;

  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
    organizer = await app.as(Role.ORGANIZER);
    statements = () => (app.dataSource.logger as QueryCountingLogger).statements;
  });
  afterAll(() => app.close());

  const counted = async (user: TestUser, query: string, variables?: Record<string, unknown>) => {
    const before = statements();
    await user.client.data(query, variables);
    return statements() - before;
  };

  it('reads the entities of lists and loaders as raw rows, action items and their history included', () => {
    for (const entity of [ActionItemEntity, ActionItemUpdateEntity, MeetingEntity, AgendaItemEntity, DelegationEntity, UserEntity]) {
      expect({ entity: entity.name, raw: rawReader(app.dataSource.getMetadata(entity)) !== null }).toEqual({ entity: entity.name, raw: true });
    }
    // The generated search column is never read.
    expect(rawReader(app.dataSource.getMetadata(ActionItemEntity))!.select).not.toContain('search_vector');
  });

  it('counts totalCount only when the query asks for it', async () => {
    const body = await createBody(organizer, app);
    await scheduleMeeting(organizer, { bodyId: body.id, startsAt: hoursFromNow(100) });
    const page = await counted(organizer, '{ meetings(first: 5) { edges { node { id } } } }');
    const withCount = await counted(organizer, '{ meetings(first: 5) { totalCount edges { node { id } } } }');
    expect(withCount).toBe(page + 1);
    const { meetings } = await organizer.client.data('{ meetings(first: 5) { totalCount } }');
    expect(meetings.totalCount).toBe(1);
  });

  it('reads a meeting with its agenda, participants and outcome in at most 5 statements, authentication included, once the token is warm', async () => {
    // Participants include one delegation that leads no item: the lead and participant delegations still come in one query.
    const codes = ['PA', 'PB', 'PC', 'PD'];
    const body = await createBody(organizer, app, { members: [...codes, 'PE'] });
    const m = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: hoursFromNow(200) });
    await invite(organizer, m.id);
    for (const code of codes) {
      await organizer.client.data('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { id } }', {
        i: { meetingId: m.id, title: `Item led by ${code}`, kind: 'FOR_DISCUSSION', leadDelegationId: (await app.delegation(code)).id },
      });
    }
    await organizer.client.data('mutation($i: SaveOutcomeOfProceedingsInput!) { saveOutcomeOfProceedings(input: $i) { revision } }', {
      i: { meetingId: m.id, baseRevision: 0, text: 'Agreed.' },
    });

    const { meeting } = await organizer.client.data(NESTED_READ, { id: m.id });
    expect(meeting.agenda.map((a: any) => a.leadDelegation.code)).toEqual(codes);
    expect(meeting.participants.map((p: any) => p.delegation.code).sort()).toEqual([...codes, 'PE']);
    expect(meeting.outcomeOfProceedings).toEqual({ revision: 1, text: 'Agreed.' });
    // The token is warm now (the requests above cached its user): authentication costs no statement.
    const before = statements();
    await app.api.get(AuthService).authenticate(`Bearer ${organizer.token}`);
    expect(statements() - before).toBe(0);
    expect(await counted(organizer, NESTED_READ, { id: m.id })).toBeLessThanOrEqual(5);
    // The same with fragments: references asked for through them still come in the one batch.
    const FRAGMENTS = `query($id: ID!) { meeting(id: $id) { agenda { ...Lead } participants { ... on MeetingParticipant { delegation { code } } } } }
      fragment Lead on AgendaItem { leadDelegation { code } }`;
    expect(await counted(organizer, FRAGMENTS, { id: m.id })).toBeLessThanOrEqual(4);
    const again = (await organizer.client.data(FRAGMENTS, { id: m.id })).meeting;
    expect(again.agenda.map((a: any) => a.leadDelegation.code)).toEqual(codes);
    expect(again.participants.map((p: any) => p.delegation.code).sort()).toEqual([...codes, 'PE']);
  });
});

describe('fan-out: rows and jobs only for channels that are on', () => {
  const smtp = new SmtpSink();
  let app: TestApp;
  let organizer: TestUser;
  let members: TestUser[];
  let body: { id: string };

  beforeAll(async () => {
    await smtp.start();
    app = await TestApp.start({ env: { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' } });
    organizer = await app.as(Role.ORGANIZER);
    members = [
      await app.as(Role.DELEGATE, 'FI', DelegateRole.HEAD_OF_DELEGATION),
      await app.as(Role.DELEGATE, 'FI', DelegateRole.EXPERT),
      await app.as(Role.DELEGATE, 'EE', DelegateRole.HEAD_OF_DELEGATION),
    ];
    body = await createBody(organizer, app, { members: ['FI', 'EE'] });
    await app.drain();
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  it('writes every delivery of an event at once: in-app SENT without a job, e-mail only where it is on, one job per e-mail', async () => {
    await members[1].client.data('mutation($i: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $i) { kind } }', {
      i: { preferences: [{ kind: 'MEETING_INVITATION', channels: ['IN_APP'] }] },
    });
    const m = await scheduleMeeting(organizer, { bodyId: body.id, title: 'Fan-out', startsAt: hoursFromNow(300) });
    await invite(organizer, m.id);
    await app.drain();

    const rows: { user_id: string; channel: string; status: string; attempts: number; sent_at: Date | null; created_at: Date }[] = await app.dataSource.query(
      `SELECT n.user_id, d.channel, d.status, d.attempts, d.sent_at, d.created_at FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.entity_id = $1 ORDER BY d.channel`,
      [m.id],
    );
    const inApp = rows.filter((r) => r.channel === 'IN_APP');
    expect(inApp.map((r) => r.user_id).sort()).toEqual(members.map((u) => u.user.id).sort());
    expect(inApp.every((r) => r.status === 'SENT' && r.attempts === 1 && r.sent_at)).toBe(true);
    const email = rows.filter((r) => r.channel === 'EMAIL');
    expect(email.map((r) => r.user_id).sort()).toEqual([members[0].user.id, members[2].user.id].sort()); // members[1] turned e-mail off
    expect(email.every((r) => r.status === 'SENT')).toBe(true);
    // One INSERT for the deliveries of both delegations: one transaction time (now()) for all rows.
    expect(new Set(rows.map((r) => r.created_at.getTime())).size).toBe(1);
    // One job per external call, none for the in-app deliveries.
    const deliverJobs = await app.count(
      'outbox_events',
      `job_name = 'deliver' AND payload->>'deliveryId' IN (SELECT d.id::text FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.entity_id = $1)`,
      [m.id],
    );
    expect(deliverJobs).toBe(email.length);
    expect(smtp.messages.filter((mail) => mail.subject === 'Invitation: Fan-out')).toHaveLength(2);
  });

  it('keeps a pending reminder compact in Redis: short id, ids and times only, options from the queue', async () => {
    const start = hoursFromNow(24 * 40);
    const m = await scheduleMeeting(organizer, { bodyId: body.id, title: 'Reminded', startsAt: start });
    await app.drain();
    const queue = app.api.get(QueueRegistry).get('reminders');
    const id = reminderJobId(m.id, 24 * 3600_000, start.getTime());
    const job = await queue.getJob(id);
    expect(await job!.getState()).toBe('delayed');
    expect(job!.data).toEqual([m.id, 24 * 3600, start.getTime()]);
    await expectCompact(app, id);
  });

  it('keeps the pending reminders and the escalation of an action item just as compact', async () => {
    const due = hoursFromNow(24 * 40);
    const { createActionItem: item } = await organizer.client.data('mutation($i: CreateActionItemInput!) { createActionItem(input: $i) { id } }', {
      i: { title: 'Reminded follow-up', ownerDelegationId: (await app.delegation('FI')).id, assigneeId: members[0].user.id, dueAt: due.toISOString() },
    });
    await app.drain();
    const queue = app.api.get(QueueRegistry).get('reminders');
    const DAY = 24 * 3600_000;
    const jobs = [
      { id: actionItemReminderJobId(item.id, 7 * DAY, due.getTime()), data: [item.id, 7 * 24 * 3600, due.getTime()] },
      { id: actionItemReminderJobId(item.id, DAY, due.getTime()), data: [item.id, 24 * 3600, due.getTime()] },
      { id: actionItemEscalationJobId(item.id, due.getTime()), data: [item.id, 0, due.getTime()] },
    ];
    for (const expected of jobs) {
      expect(expected.id).toMatch(/^a[re][\w-]{16}$/);
      const job = await queue.getJob(expected.id);
      expect(await job!.getState()).toBe('delayed');
      expect(job!.data).toEqual(expected.data);
      await expectCompact(app, expected.id);
    }
  });
});

/** A pending job's hash: options from the queue policy only, every value within 64 bytes, so Redis keeps it as a listpack. */
async function expectCompact(app: TestApp, id: string): Promise<void> {
  const client = new Redis(app.config.redis.url);
  try {
    const key = `${app.config.queuePrefix}:reminders:${id}`;
    const hash = await client.hgetall(key);
    expect(JSON.parse(hash.opts)).toEqual({ jobId: id, delay: expect.any(Number), attempts: 3 });
    expect(Object.entries(hash).filter(([, v]) => Buffer.byteLength(v) > 64)).toEqual([]);
    expect(await client.call('OBJECT', 'ENCODING', key)).toBe('listpack');
  } finally {
    client.disconnect();
  }
}
