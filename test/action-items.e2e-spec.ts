import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { ADD_UPDATE, allPages, CREATE, CREATE_MANY, createItem, GET, LIST, setItemStatus, SET_STATUS, UPDATE } from './support/action-items.js';
import { createBody, hoursFromNow, invite, scheduleMeeting } from './support/meetings.js';
import { TestApp, type TestUser } from './support/test-app.js';

const DAY = 24 * 3600_000;
const daysFromNow = (d: number) => new Date(Date.now() + d * DAY);

describe('action items', () => {
  let app: TestApp;
  let organizer: TestUser;
  let clerk: TestUser;
  let dkHead: TestUser; // head of the Danish delegation
  let dkMember: TestUser;
  let usHead: TestUser; // another delegation: sees nothing of Denmark's
  let dk: { id: string };
  let us: { id: string };

  /** Rows that a refused mutation must leave alone. */
  const state = async () => ({
    items: await app.count('action_items'),
    history: await app.count('action_item_updates'),
    audit: await app.count('audit_events'),
    outbox: await app.count('outbox_events'),
    counters: (await app.dataSource.query('SELECT coalesce(sum(last), 0)::int AS n FROM action_item_reference_counters'))[0].n as number,
  });

  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
    organizer = await app.as(Role.ORGANIZER);
    clerk = await app.as(Role.CLERK);
    dkHead = await app.as(Role.DELEGATE, 'DK', DelegateRole.HEAD_OF_DELEGATION, { timezone: 'Europe/Copenhagen' });
    dkMember = await app.as(Role.DELEGATE, 'DK', DelegateRole.EXPERT);
    usHead = await app.as(Role.DELEGATE, 'US', DelegateRole.HEAD_OF_DELEGATION, { timezone: 'America/New_York' });
    dk = await app.delegation('DK');
    us = await app.delegation('US');
  });
  afterAll(() => app.close());

  it('creates an item with a short gap-free reference, its history, one audit event and its reminder jobs', async () => {
    const year = new Date().getUTCFullYear();
    const a = await createItem(dkHead, {
      title: 'Designate a national contact point',
      ownerDelegationId: dk.id,
      assigneeId: dkMember.user.id,
      dueAt: daysFromNow(30),
    });
    const b = await createItem(organizer, { title: 'Second', ownerDelegationId: dk.id });
    expect(a).toMatchObject({
      status: 'OPEN',
      priority: 'NORMAL',
      overdue: false,
      version: 1,
      completedAt: null,
      ownerDelegation: { code: 'DK' },
      assignee: { id: dkMember.user.id },
    });
    expect(a.reference).toMatch(new RegExp(`^AI-${year}-\\d{4}$`));
    expect(Number(b.reference.slice(-4))).toBe(Number(a.reference.slice(-4)) + 1);

    const { actionItem } = await dkMember.client.data(GET, { id: a.id });
    expect(actionItem.history).toEqual([
      {
        kind: 'CREATED',
        text: `Created ${a.reference}: Designate a national contact point`,
        changes: null,
        percentComplete: null,
        author: { id: dkHead.user.id },
      },
    ]);
    expect(await app.count('audit_events', `action = 'action-item.created' AND entity_id = $1 AND actor_id = $2`, [a.id, dkHead.user.id])).toBe(1);
    // 7 d and 1 d before, and the escalation after; plus the assignment notification.
    expect(await app.count('outbox_events', `payload->>0 = $1 AND job_name IN ('action-item-reminder', 'action-item-escalation')`, [a.id])).toBe(3);
    expect(await app.count('outbox_events', `payload->>'actionItemId' = $1 AND job_name = 'notify'`, [a.id])).toBe(1);
  });

  it('refuses an assignee outside the owner delegation, an agenda item of another meeting, and writes nothing', async () => {
    const before = await state();
    await dkHead.client.error(CREATE, { i: { title: 'X', ownerDelegationId: dk.id, assigneeId: usHead.user.id } }, 'BAD_USER_INPUT', 'assigneeId');
    const body = await createBody(organizer, app, { members: ['DK'] });
    const m1 = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: hoursFromNow(100) });
    const m2 = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: hoursFromNow(200) });
    const { addAgendaItem } = await organizer.client.data('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { id } }', {
      i: { meetingId: m2.id, title: 'Item', kind: 'FOR_DECISION' },
    });
    const afterMeetings = await state();
    await organizer.client.error(
      CREATE,
      { i: { title: 'X', ownerDelegationId: dk.id, meetingId: m1.id, agendaItemId: addAgendaItem.id } },
      'BAD_USER_INPUT',
      'agendaItemId',
    );
    await organizer.client.error(CREATE, { i: { title: '', ownerDelegationId: dk.id } }, 'BAD_USER_INPUT', 'title');
    await organizer.client.error(CREATE, { i: { title: 'X', ownerDelegationId: dk.id, priority: 'URGENT' } }, 'BAD_USER_INPUT', 'priority');
    expect(before.items).toBe(afterMeetings.items);
    expect(await state()).toEqual(afterMeetings);

    // Given alone, the agenda item brings its meeting.
    const linked = await createItem(organizer, { title: 'Linked', ownerDelegationId: dk.id, agendaItemId: addAgendaItem.id });
    const [row] = await app.dataSource.query('SELECT meeting_id FROM action_items WHERE id = $1', [linked.id]);
    expect(row.meeting_id).toBe(m2.id);
  });

  it('refuses on update, as on creation, an assignee who is not an active member of the owner delegation, naming assigneeId and writing nothing', async () => {
    const item = await createItem(dkHead, { title: 'Reassign me', ownerDelegationId: dk.id });
    const disabled = await app.as(Role.DELEGATE, 'DK');
    await app.dataSource.query('UPDATE users SET active = false WHERE id = $1', [disabled.user.id]);
    const nobody = await app.as(Role.DELEGATE);
    const before = await state();
    for (const unfit of [usHead, disabled, nobody]) {
      await dkHead.client.error(UPDATE, { i: { actionItemId: item.id, version: item.version, assigneeId: unfit.user.id } }, 'BAD_USER_INPUT', 'assigneeId');
      // Creation applies the same rule to the same people.
      await dkHead.client.error(CREATE, { i: { title: 'X', ownerDelegationId: dk.id, assigneeId: unfit.user.id } }, 'BAD_USER_INPUT', 'assigneeId');
    }
    expect(await state()).toEqual(before);
    expect(await app.dataSource.query('SELECT assignee_id, version FROM action_items WHERE id = $1', [item.id])).toEqual([
      { assignee_id: null, version: item.version },
    ]);

    await dkHead.client.data(UPDATE, { i: { actionItemId: item.id, version: item.version, assigneeId: dkMember.user.id } });
    expect(await app.dataSource.query('SELECT assignee_id FROM action_items WHERE id = $1', [item.id])).toEqual([{ assignee_id: dkMember.user.id }]);
  });

  it('lets one of two clients editing the same version win; the other gets CONFLICT with the current version, and the history has one change', async () => {
    const item = await createItem(organizer, { title: 'Draft the implementation report', ownerDelegationId: dk.id, dueAt: daysFromNow(20) });
    const results = await Promise.all([
      dkHead.client.request(UPDATE, { i: { actionItemId: item.id, version: item.version, title: 'Title from the head' } }),
      dkMember.client.request(UPDATE, { i: { actionItemId: item.id, version: item.version, title: 'Title from the member' } }),
    ]);
    const won = results.filter((r) => !r.errors);
    const lost = results.filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const error = lost[0].errors![0];
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', field: 'version', expected: 1, actual: 2 });
    const winner = (won[0].data as any).updateActionItem;
    expect(winner.version).toBe(2);

    const { actionItem } = await dkHead.client.data(GET, { id: item.id });
    expect(actionItem.title).toBe(winner.title);
    expect(actionItem.history.map((h: any) => h.kind)).toEqual(['CHANGED', 'CREATED']);
    expect(actionItem.history[0].changes).toEqual({ title: { before: 'Draft the implementation report', after: winner.title } });
    expect(await app.count('audit_events', `action = 'action-item.updated' AND entity_id = $1`, [item.id])).toBe(1);
  });

  it('moves through the one state machine; BLOCKED needs a note; illegal moves are CONFLICT with from and to; nothing written on refusal', async () => {
    const item = await createItem(organizer, { title: 'Ratify the convention', ownerDelegationId: dk.id, dueAt: daysFromNow(10) });
    const before = await state();
    const illegal = await dkMember.client.error(SET_STATUS, { i: { actionItemId: item.id, status: 'DONE' } }, 'CONFLICT');
    expect(illegal.message).toBe('Action item cannot go from OPEN to DONE');
    expect(illegal.extensions).toMatchObject({ from: 'OPEN', to: 'DONE' });
    await dkMember.client.error(SET_STATUS, { i: { actionItemId: item.id, status: 'BLOCKED' } }, 'BAD_USER_INPUT', 'note');
    await dkMember.client.error(SET_STATUS, { i: { actionItemId: item.id, status: 'CANCELLED', note: 'no' } }, 'FORBIDDEN');
    expect(await state()).toEqual(before);

    expect((await setItemStatus(dkMember, item.id, 'BLOCKED', 'Waiting for parliament')).status).toBe('BLOCKED');
    expect((await setItemStatus(dkMember, item.id, 'IN_PROGRESS')).status).toBe('IN_PROGRESS');
    const done = await setItemStatus(dkMember, item.id, 'DONE');
    expect(done.completedAt).not.toBeNull();
    const reopened = await setItemStatus(dkMember, item.id, 'IN_PROGRESS');
    expect(reopened.completedAt).toBeNull();
    await organizer.client.error(SET_STATUS, { i: { actionItemId: item.id, status: 'CANCELLED' } }, 'BAD_USER_INPUT', 'note');
    expect((await setItemStatus(organizer, item.id, 'CANCELLED', 'Superseded')).status).toBe('CANCELLED');
    await organizer.client.error(SET_STATUS, { i: { actionItemId: item.id, status: 'OPEN' } }, 'CONFLICT');

    const { addActionItemUpdate } = await dkMember.client.data(ADD_UPDATE, {
      i: { actionItemId: item.id, note: 'Report sent to the Commission', percentComplete: 100 },
    });
    expect(addActionItemUpdate.version).toBe(reopened.version + 1);
    const { actionItem } = await dkHead.client.data(GET, { id: item.id });
    expect(actionItem.history.map((h: any) => [h.kind, h.text])).toEqual([
      ['NOTE', 'Report sent to the Commission'],
      ['STATUS', 'IN_PROGRESS → CANCELLED: Superseded'],
      ['STATUS', 'DONE → IN_PROGRESS'],
      ['STATUS', 'IN_PROGRESS → DONE'],
      ['STATUS', 'BLOCKED → IN_PROGRESS'],
      ['STATUS', 'OPEN → BLOCKED: Waiting for parliament'],
      ['CREATED', `Created ${item.reference}: Ratify the convention`],
    ]);
    expect(actionItem.history[0]).toMatchObject({ percentComplete: 100, author: { id: dkMember.user.id } });
    expect(actionItem.history[1].changes).toEqual({ status: { before: 'IN_PROGRESS', after: 'CANCELLED' } });
  });

  it('creates 50 in one go, or none when one is invalid (the error names items.N), without using up references', async () => {
    const items = Array.from({ length: 50 }, (_, i) => ({
      title: `Commitment ${i}`,
      ownerDelegationId: dk.id,
      assigneeId: dkMember.user.id,
      dueAt: daysFromNow(5 + i).toISOString(),
    }));
    const before = await state();
    const bad = items.map((it, i) => (i === 37 ? { ...it, assigneeId: usHead.user.id } : it));
    await clerk.client.error(CREATE_MANY, { i: { items: bad } }, 'BAD_USER_INPUT', 'items.37.assigneeId');
    await clerk.client.error(CREATE_MANY, { i: { items: items.map((it, i) => (i === 12 ? { ...it, title: '' } : it)) } }, 'BAD_USER_INPUT', 'items.12.title');
    expect(await state()).toEqual(before);

    const { createActionItems } = await clerk.client.data(CREATE_MANY, { i: { items } });
    expect(createActionItems).toHaveLength(50);
    const numbers = createActionItems.map((i: any) => Number(i.reference.slice(-4)));
    expect(numbers).toEqual(numbers.map((_: number, i: number) => before.counters + 1 + i)); // gap-free across the refusal
    expect(await app.count('action_items')).toBe(before.items + 50);
    expect(await app.count('audit_events')).toBe(before.audit + 1);
    expect(await app.count('action_item_updates')).toBe(before.history + 50);
  });

  it('hides another delegation’s items everywhere: read, lists, summary, search, CSV; writes say NOT_FOUND and write nothing', async () => {
    const secret = await createItem(dkHead, { title: 'Confidential extradition follow-up', ownerDelegationId: dk.id, dueAt: daysFromNow(-2) });
    const before = await state();
    await usHead.client.error(GET, { id: secret.id }, 'NOT_FOUND');
    await usHead.client.error(UPDATE, { i: { actionItemId: secret.id, version: 1, title: 'x' } }, 'NOT_FOUND');
    await usHead.client.error(SET_STATUS, { i: { actionItemId: secret.id, status: 'IN_PROGRESS' } }, 'NOT_FOUND');
    await usHead.client.error(ADD_UPDATE, { i: { actionItemId: secret.id, note: 'probe' } }, 'NOT_FOUND');
    expect(await state()).toEqual(before);

    const seen = async (who: TestUser, f: Record<string, unknown>) => (await allPages(who, { f }, 100)).ids;
    expect(await seen(usHead, {})).not.toContain(secret.id);
    expect(await seen(usHead, { search: 'extradition' })).toEqual([]);
    expect(await seen(usHead, { search: secret.reference })).toEqual([]);
    expect(await seen(usHead, { delegationId: dk.id })).toEqual([]);
    expect(await seen(dkMember, { search: 'extradition' })).toEqual([secret.id]);
    expect(await seen(dkMember, { search: secret.reference })).toEqual([secret.id]);
    const { actionItemSummary } = await usHead.client.data('{ actionItemSummary { delegation { code } total } }');
    expect(actionItemSummary.map((s: any) => s.delegation.code)).not.toContain('DK');
    const csv = await (await usHead.client.get('/action-items.csv')).text();
    expect(csv).not.toContain(secret.reference);
    expect((await dkMember.client.get(`/action-items.csv?search=extradition`)).status).toBe(200);
  });

  it('shows the follow-up of a meeting to whoever may read the meeting, and through Meeting.actionItems and AgendaItem.actionItems', async () => {
    const body = await createBody(organizer, app, { members: ['DK', 'US'] });
    const m = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: hoursFromNow(300) });
    const { addAgendaItem } = await organizer.client.data('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { id } }', {
      i: { meetingId: m.id, title: 'Joint statement', kind: 'FOR_DECISION' },
    });
    const item = await createItem(organizer, { title: 'Report on goal 3', ownerDelegationId: dk.id, meetingId: m.id, agendaItemId: addAgendaItem.id });
    const ORIGIN = 'query($id: ID!) { actionItem(id: $id) { id meeting { id } agendaItem { id } } }';
    await usHead.client.error(GET, { id: item.id }, 'NOT_FOUND'); // the US is not invited yet
    await dkHead.client.error(CREATE, { i: { title: 'X', ownerDelegationId: dk.id, meetingId: m.id } }, 'BAD_USER_INPUT', 'meetingId'); // nor Denmark
    await invite(organizer, m.id, [us.id]);
    expect((await usHead.client.data(ORIGIN, { id: item.id })).actionItem).toEqual({
      id: item.id,
      meeting: { id: m.id },
      agendaItem: { id: addAgendaItem.id },
    });
    // Denmark sees its own item, but not a meeting it may not read.
    expect((await dkHead.client.data(ORIGIN, { id: item.id })).actionItem).toEqual({ id: item.id, meeting: null, agendaItem: null });
    const { meeting } = await usHead.client.data('query($id: ID!) { meeting(id: $id) { actionItems { id } agenda { actionItems { reference } } } }', {
      id: m.id,
    });
    expect(meeting.actionItems).toEqual([{ id: item.id }]);
    expect(meeting.agenda[0].actionItems).toEqual([{ reference: item.reference }]);
    expect((await allPages(usHead, { f: { meetingId: m.id } }, 10)).ids).toEqual([item.id]);
  });

  it('applies the e-mail rule to assignee, creator and history authors: staff, the person and fellow members only', async () => {
    const body = await createBody(organizer, app, { members: ['DK', 'US'] });
    const m = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: hoursFromNow(320) });
    await invite(organizer, m.id, [dk.id, us.id]);
    const item = await createItem(dkHead, { title: 'E-mail rule', ownerDelegationId: dk.id, assigneeId: dkMember.user.id, meetingId: m.id });
    const PEOPLE = 'query($id: ID!) { actionItem(id: $id) { assignee { email } createdBy { email } history { author { email } } } }';
    const seenBy = async (who: TestUser) => (await who.client.data(PEOPLE, { id: item.id })).actionItem;
    // The US reads the item through the meeting it attends, but is no fellow member of anyone named on it.
    expect(await seenBy(usHead)).toEqual({ assignee: { email: null }, createdBy: { email: null }, history: [{ author: { email: null } }] });
    expect(await seenBy(dkMember)).toEqual({
      assignee: { email: dkMember.user.email },
      createdBy: { email: dkHead.user.email },
      history: [{ author: { email: dkHead.user.email } }],
    });
    expect(await seenBy(clerk)).toEqual({
      assignee: { email: dkMember.user.email },
      createdBy: { email: dkHead.user.email },
      history: [{ author: { email: dkHead.user.email } }],
    });
    const { actionItems } = await usHead.client.data('query($f: ActionItemFilter) { actionItems(filter: $f) { edges { node { assignee { email } } } } }', {
      f: { meetingId: m.id },
    });
    expect(actionItems.edges).toEqual([{ node: { assignee: { email: null } } }]);
  });

  it('refuses control characters in action-item inputs, nested items, filters and the CSV query, naming the field and writing nothing', async () => {
    const before = await state();
    const ok = { title: 'Fine', ownerDelegationId: dk.id };
    await clerk.client.error(CREATE_MANY, { i: { items: [ok, { ...ok, title: 'Bad\u0000' }] } }, 'BAD_USER_INPUT', 'items.1.title');
    await clerk.client.error(CREATE, { i: { ...ok, description: 'Right-to-left \u202Eoverride' } }, 'BAD_USER_INPUT', 'description');
    const item = await createItem(clerk, ok);
    const afterCreate = await state();
    await clerk.client.error(ADD_UPDATE, { i: { actionItemId: item.id, note: 'Bell\u0007' } }, 'BAD_USER_INPUT', 'note');
    await clerk.client.error(SET_STATUS, { i: { actionItemId: item.id, status: 'BLOCKED', note: 'Bell\u0007' } }, 'BAD_USER_INPUT', 'note');
    expect(await state()).toEqual(afterCreate);
    expect(afterCreate.items).toBe(before.items + 1);
    await clerk.client.error(LIST, { f: { search: 'x\u0000' } }, 'BAD_USER_INPUT', 'search');
    expect((await clerk.client.get('/action-items.csv?search=x%00')).status).toBe(400);
  });

  it('filters, searches with ranking, orders, and lists mine soonest due first', async () => {
    const fr = await app.delegation('FR');
    const frHead = await app.as(Role.DELEGATE, 'FR', DelegateRole.HEAD_OF_DELEGATION);
    const frMember = await app.as(Role.DELEGATE, 'FR', DelegateRole.DELEGATE);
    const late = await createItem(frHead, {
      title: 'Victim identification database access',
      ownerDelegationId: fr.id,
      dueAt: daysFromNow(-3),
      priority: 'LOW',
    });
    const soon = await createItem(frHead, {
      title: 'Awareness campaign on self-produced images',
      ownerDelegationId: fr.id,
      dueAt: daysFromNow(3),
      priority: 'HIGH',
      assigneeId: frMember.user.id,
    });
    const later = await createItem(frHead, {
      title: 'Victim support',
      description: 'Identify and protect victims; victim identification training',
      ownerDelegationId: fr.id,
      dueAt: daysFromNow(40),
    });
    const undated = await createItem(frHead, { title: 'Prosecution statistics', ownerDelegationId: fr.id });
    const finished = await createItem(frHead, { title: 'Finished victim task', ownerDelegationId: fr.id, dueAt: daysFromNow(-10) });
    await setItemStatus(frHead, finished.id, 'IN_PROGRESS');
    await setItemStatus(frHead, finished.id, 'DONE');

    const refs = async (f: Record<string, unknown>, o?: string, who: TestUser = frHead) =>
      (await who.client.data(LIST, { f: { delegationId: fr.id, ...f }, o, first: 50 })).actionItems.edges.map((e: any) => e.node.id);
    expect(await refs({})).toEqual([finished.id, late.id, soon.id, later.id, undated.id]);
    expect(await refs({ overdue: true })).toEqual([late.id]);
    expect(await refs({ overdue: false })).toEqual([finished.id, soon.id, later.id, undated.id]);
    expect(await refs({ status: ['DONE', 'CANCELLED'] })).toEqual([finished.id]);
    expect(await refs({ dueBefore: daysFromNow(5).toISOString(), dueAfter: daysFromNow(-5).toISOString() })).toEqual([late.id, soon.id]);
    expect(await refs({ assigneeId: frMember.user.id })).toEqual([soon.id]);
    const byPriority = await refs({}, 'PRIORITY');
    expect(byPriority[0]).toBe(soon.id);
    expect(byPriority.at(-1)).toBe(late.id);
    await frHead.client.data(UPDATE, { i: { actionItemId: undated.id, version: undated.version, priority: 'NORMAL', description: 'touched' } });
    expect((await refs({}, 'UPDATED_AT'))[0]).toBe(undated.id);
    // Ranked: "victim" twice in the description beats a single title hit; websearch syntax excludes.
    const ranked = await refs({ search: 'victim identification' });
    expect(ranked.slice(0, 2).sort()).toEqual([late.id, later.id].sort());
    expect(ranked).not.toContain(soon.id);
    expect(await refs({ search: 'victim -support -database' })).toEqual([finished.id]);
    expect(await refs({ search: '"self-produced images"' })).toEqual([soon.id]);

    const { myActionItems } = await frMember.client.data('{ myActionItems(first: 10) { totalCount edges { node { id } } } }');
    expect(myActionItems.edges.map((e: any) => e.node.id)).toEqual([late.id, soon.id, later.id, undated.id]);
    expect(myActionItems.totalCount).toBe(4);
  });

  it('summarises per owner delegation what the reader may see', async () => {
    const se = await app.delegation('SE');
    const seHead = await app.as(Role.DELEGATE, 'SE', DelegateRole.HEAD_OF_DELEGATION);
    const a = await createItem(seHead, { title: 'A', ownerDelegationId: se.id, dueAt: daysFromNow(-1) });
    await createItem(seHead, { title: 'B', ownerDelegationId: se.id, dueAt: daysFromNow(2) });
    const c = await createItem(seHead, { title: 'C', ownerDelegationId: se.id, dueAt: daysFromNow(20) });
    await setItemStatus(seHead, c.id, 'BLOCKED', 'Budget');
    await setItemStatus(seHead, a.id, 'IN_PROGRESS');
    const query = '{ actionItemSummary { delegation { code } open inProgress blocked done cancelled total overdue dueIn7Days } }';
    const { actionItemSummary } = await seHead.client.data(query);
    expect(actionItemSummary).toEqual([
      { delegation: { code: 'SE' }, open: 1, inProgress: 1, blocked: 1, done: 0, cancelled: 0, total: 3, overdue: 1, dueIn7Days: 1 },
    ]);
    const all = (await clerk.client.data(query)).actionItemSummary;
    expect(all.map((s: any) => s.delegation.code)).toEqual([...all.map((s: any) => s.delegation.code)].sort());
    expect(all.find((s: any) => s.delegation.code === 'SE')).toEqual(actionItemSummary[0]);
  });

  it('exports CSV: parsed back, the same rows as the GraphQL list for that reader, formulas neutralised', async () => {
    const nl = await app.delegation('NL');
    const nlHead = await app.as(Role.DELEGATE, 'NL', DelegateRole.HEAD_OF_DELEGATION);
    await createItem(nlHead, {
      title: '=HYPERLINK("http://evil.example","click")',
      ownerDelegationId: nl.id,
      dueAt: daysFromNow(4),
      description: '+1, with "quotes"\nand a line break',
    });
    await createItem(nlHead, { title: 'Plain', ownerDelegationId: nl.id, dueAt: daysFromNow(1) });
    for (const [who, query] of [
      [nlHead, ''],
      [nlHead, '?status=OPEN,IN_PROGRESS&orderBy=PRIORITY'],
      [clerk, '?overdue=false'],
    ] as const) {
      const res = await who.client.get(`/action-items.csv${query}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const rows: Record<string, string>[] = parse(await res.text(), { columns: true });
      const params = new URLSearchParams(query.slice(1));
      const f: Record<string, unknown> = {};
      if (params.get('status')) f.status = params.get('status')!.split(',');
      if (params.get('overdue')) f.overdue = params.get('overdue') === 'true';
      const { pages } = await allPages(who, { f, o: params.get('orderBy') ?? undefined }, 100);
      expect(rows.map((r) => r.reference)).toEqual(pages.flatMap((p) => p.edges.map((e: any) => e.node.reference)));
    }
    const rows: Record<string, string>[] = parse(await (await nlHead.client.get('/action-items.csv')).text(), { columns: true });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ title: 'Plain', ownerDelegation: 'NL', status: 'OPEN', overdue: 'false' });
    expect(rows[1].title).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(rows[1].description).toBe(`'+1, with "quotes"\nand a line break`);

    expect((await nlHead.client.get('/action-items.csv?status=NOPE')).status).toBe(400);
    expect((await app.anonymous.get('/action-items.csv')).status).toBe(401);
  });

  it('starts the CSV with a UTF-8 byte-order mark, so that Excel reads "Ærø" as written', async () => {
    const fo = await app.delegation('FO');
    const foHead = await app.as(Role.DELEGATE, 'FO', DelegateRole.HEAD_OF_DELEGATION, { name: 'Søren Ærø' });
    await createItem(foHead, { title: 'Ferry to Ærø', ownerDelegationId: fo.id, assigneeId: foHead.user.id });
    const bytes = Buffer.from(await (await foHead.client.get('/action-items.csv')).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: Record<string, string>[] = parse(bytes, { bom: true, columns: true });
    expect(rows).toEqual([
      expect.objectContaining({ reference: expect.stringMatching(/^AI-/), title: 'Ferry to Ærø', assignee: 'Søren Ærø', ownerDelegation: 'FO' }),
    ]);
  });
});
