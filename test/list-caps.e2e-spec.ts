import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { ListMax } from '../src/common/graphql/list-caps.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { CREATE_MANY, createItem } from './support/action-items.js';
import { createBody, hoursFromNow, scheduleMeeting } from './support/meetings.js';
import { TestApp, type TestUser } from './support/test-app.js';

const ADD_ITEM = 'mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { id position } }';
const INVITE = 'mutation($i: InviteDelegationsInput!) { inviteDelegations(input: $i) { id } }';
const ADD_MEMBER = 'mutation($i: AddMemberInput!) { addMember(input: $i) { id } }';

/** Unpaged lists have a declared maximum that writes cannot pass and the cost model charges. */
describe('list caps', () => {
  let app: TestApp;
  let organizer: TestUser;
  let admin: TestUser;
  let body: { id: string };

  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
    organizer = await app.as(Role.ORGANIZER);
    admin = await app.as(Role.ADMIN);
    body = await createBody(organizer, app, { members: ['DK'] });
  });
  afterAll(() => app?.close());

  const meeting = () => scheduleMeeting(organizer, { bodyId: body.id, startsAt: hoursFromNow(24 * 30) });
  const audits = (action: string) => app.count('audit_events', 'action = $1', [action]);

  it('refuses the agenda item past the maximum, of two added at once exactly one, and writes nothing for it', async () => {
    const m = await meeting();
    await app.dataSource.query(
      `INSERT INTO agenda_items (meeting_id, position, title, kind) SELECT $1, n, 'Item ' || n, 'FOR_INFORMATION' FROM generate_series(1, $2::int) n`,
      [m.id, ListMax.AGENDA_ITEMS_PER_MEETING - 1],
    );
    const auditsBefore = await audits('agenda-item.added');
    const add = (title: string) => organizer.client.request(ADD_ITEM, { i: { meetingId: m.id, title, kind: 'FOR_DISCUSSION', position: 1 } });
    const results = await Promise.all([add('First'), add('Second')]);

    expect(results.filter((r) => !r.errors).length).toBe(1);
    const refused = results.find((r) => r.errors)!;
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', limit: 'Meeting.agenda', max: ListMax.AGENDA_ITEMS_PER_MEETING });
    expect(refused.errors?.[0].message).toMatch(/At most 50 agenda items per meeting/);
    expect(await app.count('agenda_items', 'meeting_id = $1', [m.id])).toBe(ListMax.AGENDA_ITEMS_PER_MEETING);
    expect(await audits('agenda-item.added')).toBe(auditsBefore + 1);
    // Positions stay 1..n: the refused insert did not shift anything either.
    const [{ max, distinct }] = await app.dataSource.query(
      'SELECT max(position)::int AS max, count(DISTINCT position)::int AS distinct FROM agenda_items WHERE meeting_id = $1',
      [m.id],
    );
    expect([max, distinct]).toEqual([ListMax.AGENDA_ITEMS_PER_MEETING, ListMax.AGENDA_ITEMS_PER_MEETING]);

    // What is stored is what a reader gets: all of it.
    const { meeting: read } = await organizer.client.data('query($id: ID!) { meeting(id: $id) { agenda { id } } }', { id: m.id });
    expect(read.agenda).toHaveLength(ListMax.AGENDA_ITEMS_PER_MEETING);
  });

  it('refuses an invitation list that would pass the maximum, with no invitation, audit or job written', async () => {
    const m = await meeting();
    const extra = ListMax.DELEGATIONS_INVITED_PER_MEETING + 1;
    const ids: string[] = (
      await app.dataSource.query(
        `INSERT INTO delegations (code, name, kind, timezone) SELECT 'C' || n, 'Capped ' || n, 'INTERNATIONAL_ORGANISATION', 'UTC' FROM generate_series(1, $1::int) n RETURNING id`,
        [extra],
      )
    ).map((r: { id: string }) => r.id);
    const outboxBefore = await app.count('outbox_events');
    const auditsBefore = await audits('meeting.delegations-invited');

    const res = await organizer.client.request(INVITE, { i: { meetingId: m.id, delegationIds: ids } });
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'delegationIds',
      limit: 'Meeting.participants',
      max: ListMax.DELEGATIONS_INVITED_PER_MEETING,
      count: extra,
    });
    expect(await app.count('meeting_invitations', 'meeting_id = $1', [m.id])).toBe(0);
    expect(await app.count('outbox_events')).toBe(outboxBefore);
    expect(await audits('meeting.delegations-invited')).toBe(auditsBefore);

    // Exactly the maximum is fine.
    await organizer.client.data(INVITE, { i: { meetingId: m.id, delegationIds: ids.slice(1) } });
    expect(await app.count('meeting_invitations', 'meeting_id = $1', [m.id])).toBe(ListMax.DELEGATIONS_INVITED_PER_MEETING);
  });

  it('refuses a member past the maximum of a delegation, and nothing is written', async () => {
    const d = await app.delegation('MX');
    await app.dataSource.query(
      `WITH u AS (INSERT INTO users (email, name, role, timezone, password_hash)
                  SELECT 'cap' || n || '@test.concordia', 'Cap ' || n, 'DELEGATE', 'UTC', 'x' FROM generate_series(1, $2::int) n RETURNING id)
       INSERT INTO delegation_memberships (user_id, delegation_id, delegate_role) SELECT id, $1, 'DELEGATE' FROM u`,
      [d.id, ListMax.MEMBERS_PER_DELEGATION],
    );
    const newcomer = await app.as(Role.DELEGATE);
    const auditsBefore = await audits('delegation.member-added');
    const res = await admin.client.request(ADD_MEMBER, { i: { delegationId: d.id, userId: newcomer.user.id, delegateRole: DelegateRole.EXPERT } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', limit: 'Delegation.members', max: ListMax.MEMBERS_PER_DELEGATION });
    expect(await app.count('delegation_memberships', 'delegation_id = $1', [d.id])).toBe(ListMax.MEMBERS_PER_DELEGATION);
    expect(await app.count('delegation_memberships', 'user_id = $1', [newcomer.user.id])).toBe(0);
    expect(await audits('delegation.member-added')).toBe(auditsBefore);
  });

  it('refuses input lists longer than the list they fill, naming the field and the limit', async () => {
    const m = await meeting();
    const ids = Array.from({ length: ListMax.ACCREDITATIONS_PER_INVITATION + 1 }, () => crypto.randomUUID());
    const dk = await app.delegation('DK');
    const res = await organizer.client.request('mutation($i: RespondToInvitationInput!) { respondToInvitation(input: $i) { id } }', {
      i: { meetingId: m.id, delegationId: dk.id, rsvp: 'ACCEPTED', accreditedUserIds: ids },
    });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'accreditedUserIds' });
    expect(res.errors?.[0].message).toMatch(/limit MeetingParticipant\.accredited/);
  });

  it('refuses action items past the maximum of their meeting, all or none', async () => {
    const m = await meeting();
    const dk = await app.delegation('DK');
    await app.dataSource.query(
      `INSERT INTO action_items (reference, title, owner_delegation_id, meeting_id, version) SELECT 'CAP-' || n, 'Seeded ' || n, $1, $2, 1 FROM generate_series(1, $3::int) n`,
      [dk.id, m.id, ListMax.ACTION_ITEMS_PER_MEETING - 1],
    );
    const updatesBefore = await app.count('action_item_updates');
    const items = [1, 2].map((n) => ({ title: `Bulk ${n}`, ownerDelegationId: dk.id, meetingId: m.id }));
    const res = await organizer.client.request(CREATE_MANY, { i: { items } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', limit: 'Meeting.actionItems', max: ListMax.ACTION_ITEMS_PER_MEETING });
    expect(await app.count('action_items', 'meeting_id = $1', [m.id])).toBe(ListMax.ACTION_ITEMS_PER_MEETING - 1);
    expect(await app.count('action_item_updates')).toBe(updatesBefore);
  });

  it('shows the newest entries of an append-only history, up to its maximum', async () => {
    const dk = await app.delegation('DK');
    const item = await createItem(organizer, { ownerDelegationId: dk.id, title: 'Long history' });
    await app.dataSource.query(
      `INSERT INTO action_item_updates (action_item_id, kind, text) SELECT $1, 'NOTE', 'Note ' || n FROM generate_series(1, $2::int) n`,
      [item.id, ListMax.ACTION_ITEM_HISTORY_SHOWN + 10],
    );
    const { actionItem } = await organizer.client.data('query($id: ID!) { actionItem(id: $id) { history { text } } }', { id: item.id });
    expect(actionItem.history).toHaveLength(ListMax.ACTION_ITEM_HISTORY_SHOWN);
    expect(actionItem.history[0].text).toBe(`Note ${ListMax.ACTION_ITEM_HISTORY_SHOWN + 10}`);
    expect(actionItem.history.at(-1).text).toBe('Note 11');
    // Nothing was dropped from the database.
    expect(await app.count('action_item_updates', 'action_item_id = $1', [item.id])).toBe(ListMax.ACTION_ITEM_HISTORY_SHOWN + 11);
  });

  it('keeps saving minutes past the shown maximum; the history shows the newest revisions', async () => {
    const m = await meeting();
    const seeded = ListMax.MINUTES_REVISIONS_SHOWN + 5;
    await app.dataSource.query(
      `INSERT INTO meeting_minutes_revisions (meeting_id, revision, text) SELECT $1, n, 'Text ' || n FROM generate_series(1, $2::int) n`,
      [m.id, seeded],
    );
    const { saveOutcomeOfProceedings } = await organizer.client.data(
      'mutation($i: SaveOutcomeOfProceedingsInput!) { saveOutcomeOfProceedings(input: $i) { revision } }',
      { i: { meetingId: m.id, baseRevision: seeded, text: 'Final' } },
    );
    expect(saveOutcomeOfProceedings.revision).toBe(seeded + 1);
    const { meeting: read } = await organizer.client.data(
      'query($id: ID!) { meeting(id: $id) { outcomeOfProceedings { revision } outcomeOfProceedingsHistory { revision } } }',
      { id: m.id },
    );
    expect(read.outcomeOfProceedings.revision).toBe(seeded + 1);
    expect(read.outcomeOfProceedingsHistory.map((r: any) => r.revision)).toEqual(
      Array.from({ length: ListMax.MINUTES_REVISIONS_SHOWN }, (_, i) => seeded + 1 - i),
    );
    expect(await app.count('meeting_minutes_revisions', 'meeting_id = $1', [m.id])).toBe(seeded + 1);
  });

  it('charges a nested query what its lists can return at their maximum', async () => {
    const res = await organizer.client.request('{ meetings(first: 100) { edges { node { agenda { actionItems { history { text } } } } } } }');
    // history: 1 + 50·1; actionItems: 1 + 200·history; agenda: 1 + 50·actionItems; node, edges: +1 each; meetings: 1 + 100·edges.
    const history = 1 + ListMax.ACTION_ITEM_HISTORY_SHOWN * 1;
    const actionItems = 1 + ListMax.ACTION_ITEMS_PER_MEETING * history;
    const agenda = 1 + ListMax.AGENDA_ITEMS_PER_MEETING * actionItems;
    const expected = 1 + 100 * (agenda + 2);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).toContain(`cost ${expected},`);

    // A realistic page runs: 1 + 5 · (2 + (1 + 50) + (1 + 80 · (1 + 1 + 20 · 2))) = 17,071 with today’s maxima.
    const ok = await organizer.client.request(
      '{ meetings(first: 5) { edges { node { agenda { title } participants { rsvp accredited { user { name } } } } } } }',
    );
    expect(ok.errors).toBeUndefined();
  });
});
