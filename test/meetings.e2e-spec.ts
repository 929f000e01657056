import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ical from 'node-ical';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { QueryCountingLogger } from '../src/database/query-counting.logger.js';
import { createBody, hoursFromNow, invite, MEETING_FIELDS, respond, scheduleMeeting, setStatus } from './support/meetings.js';
import { TestApp, type TestUser } from './support/test-app.js';

const UPDATE = `mutation($i: UpdateMeetingInput!) { updateMeeting(input: $i) { ${MEETING_FIELDS} } }`;
const MEETING = `query($id: ID!) { meeting(id: $id) { ${MEETING_FIELDS} local { timezone startsAt endsAt } lateAgenda lateAgendaReason } }`;

function parseEvent(ics: string) {
  const events = Object.values(ical.sync.parseICS(ics)).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
  expect(events).toHaveLength(1);
  return events[0];
}

describe('meetings', () => {
  let app: TestApp;
  let organizer: TestUser;
  let dk: TestUser; // delegate of Denmark, Brussels time zone
  let us: TestUser; // delegate of the United States
  let fr: TestUser; // delegate of France, never invited
  let body: { id: string };

  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
    organizer = await app.as(Role.ORGANIZER);
    dk = await app.as(Role.DELEGATE, 'DK', DelegateRole.HEAD_OF_DELEGATION, { timezone: 'Europe/Brussels' });
    us = await app.as(Role.DELEGATE, 'US', DelegateRole.HEAD_OF_DELEGATION, { timezone: 'America/New_York' });
    fr = await app.as(Role.DELEGATE, 'FR');
    body = await createBody(organizer, app, { members: ['DK', 'US'], name: 'EU-US Senior Officials' });
  });
  afterAll(() => app?.close());

  it('keeps one instant across zones and DST changes, in GraphQL and in the .ics', async () => {
    // 09:00 in Washington on 10 March 2027 (EST, UTC-5), invited delegations: DK and US.
    const m = await scheduleMeeting(organizer, {
      bodyId: body.id,
      startsAt: '2027-03-10T14:00:00Z',
      endsAt: '2027-03-10T17:00:00Z',
      timezone: 'America/Washington'.replace('Washington', 'New_York'),
    });
    await invite(organizer, m.id);
    const seenFromBrussels = (await dk.client.data(MEETING, { id: m.id })).meeting;
    expect(seenFromBrussels.startsAt).toBe('2027-03-10T14:00:00.000Z');
    expect(seenFromBrussels.local).toEqual({ timezone: 'Europe/Brussels', startsAt: '2027-03-10T15:00:00.000+01:00', endsAt: '2027-03-10T18:00:00.000+01:00' });
    const inVenueZone = await dk.client.data('query($id: ID!) { meeting(id: $id) { local(timezone: "America/New_York") { startsAt } } }', { id: m.id });
    expect(inVenueZone.meeting.local.startsAt).toBe('2027-03-10T09:00:00.000-05:00');

    const before = parseEvent(await (await dk.client.get(`/calendar/meetings/${m.id}.ics`)).text());
    expect(before.uid).toBe(`${m.id}@concordia`);
    expect(before.start.toISOString()).toBe('2027-03-10T14:00:00.000Z');
    expect(before.end?.toISOString()).toBe('2027-03-10T17:00:00.000Z');
    expect((before.start as { tz?: string }).tz).toBe('America/New_York');

    // A week later Washington is on summer time (UTC-4), Brussels not yet (UTC+1).
    const { updateMeeting } = await organizer.client.data(UPDATE, {
      i: { meetingId: m.id, version: m.version, startsAt: '2027-03-17T13:00:00Z', endsAt: '2027-03-17T16:00:00Z' },
    });
    expect(updateMeeting.sequence).toBe(m.sequence + 1);
    const moved = (await dk.client.data(MEETING, { id: m.id })).meeting;
    expect(moved.local.startsAt).toBe('2027-03-17T14:00:00.000+01:00');
    const inWashington = await us.client.data(MEETING, { id: m.id });
    expect(inWashington.meeting.local.startsAt).toBe('2027-03-17T09:00:00.000-04:00');

    const ics = await (await us.client.get(`/calendar/meetings/${m.id}.ics`)).text();
    expect(ics).toContain('DTSTART;TZID=America/New_York:20270317T090000');
    expect(ics).toContain('BEGIN:VTIMEZONE');
    const after = parseEvent(ics);
    expect(after.uid).toBe(before.uid);
    expect(after.start.toISOString()).toBe('2027-03-17T13:00:00.000Z');
    expect(after.end?.toISOString()).toBe('2027-03-17T16:00:00.000Z');
    expect(Number(after.sequence)).toBeGreaterThan(Number(before.sequence));
  });

  it('filters meetings by body, status, time window and invited delegation, in start order', async () => {
    const other = await createBody(organizer, app, { members: ['DK'] });
    const a = await scheduleMeeting(organizer, { bodyId: other.id, title: 'F1', startsAt: '2028-01-10T09:00:00Z' });
    const b = await scheduleMeeting(organizer, { bodyId: other.id, title: 'F2', startsAt: '2028-01-12T09:00:00Z' });
    const c = await scheduleMeeting(organizer, { bodyId: other.id, title: 'F3', startsAt: '2028-02-01T09:00:00Z' });
    await invite(organizer, b.id);
    await setStatus(organizer, c.id, 'POSTPONED');
    const list = 'query($f: MeetingFilter) { meetings(first: 10, filter: $f) { totalCount edges { node { title } } } }';
    const titles = async (f: Record<string, unknown>, who: TestUser = organizer) =>
      (await who.client.data(list, { f })).meetings.edges.map((e: any) => e.node.title);
    expect(await titles({ bodyId: other.id })).toEqual(['F1', 'F2', 'F3']);
    expect(await titles({ bodyId: other.id, status: 'POSTPONED' })).toEqual(['F3']);
    expect(await titles({ bodyId: other.id, from: '2028-01-11T00:00:00Z', to: '2028-01-31T00:00:00Z' })).toEqual(['F2']);
    expect(await titles({ delegationId: (await app.delegation('DK')).id, from: '2028-01-01T00:00:00Z' })).toEqual(['F2']);
    expect(await titles({ bodyId: other.id }, dk)).toEqual(['F2']); // a delegate sees only what DK is invited to
    // Newest first, page after page (the web client's past meetings).
    const desc =
      'query($f: MeetingFilter, $after: String) { meetings(first: 2, after: $after, filter: $f, orderBy: STARTS_AT_DESC) { edges { node { title } } pageInfo { endCursor } } }';
    const first = (await organizer.client.data(desc, { f: { bodyId: other.id } })).meetings;
    expect(first.edges.map((e: any) => e.node.title)).toEqual(['F3', 'F2']);
    const next = (await organizer.client.data(desc, { f: { bodyId: other.id }, after: first.pageInfo.endCursor })).meetings;
    expect(next.edges.map((e: any) => e.node.title)).toEqual(['F1']);
    expect(a.id).toBeTruthy();
  });

  it('rejects an unknown zone and an end before the start, writing nothing', async () => {
    const before = await app.count('meetings');
    const schedule = 'mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }';
    const base = { bodyId: body.id, title: 'X', startsAt: '2027-05-01T10:00:00Z', endsAt: '2027-05-01T12:00:00Z', timezone: 'Europe/Brussels' };
    await organizer.client.error(schedule, { i: { ...base, timezone: 'Mars/Olympus_Mons' } }, 'BAD_USER_INPUT', 'timezone');
    await organizer.client.error(schedule, { i: { ...base, endsAt: base.startsAt } }, 'BAD_USER_INPUT', 'endsAt');
    await organizer.client.error(schedule, { i: { ...base, endsAt: '2027-05-01T09:00:00Z' } }, 'BAD_USER_INPUT', 'endsAt');
    await organizer.client.error(schedule, { i: { ...base, startsAt: 'next tuesday' } }, 'BAD_USER_INPUT', 'startsAt');
    await dk.client.error(schedule, { i: base }, 'FORBIDDEN');
    expect(await app.count('meetings')).toBe(before);
    expect(await app.count('audit_events', `action = 'meeting.scheduled' AND after->>'title' = 'X'`)).toBe(0);
  });

  it('runs the lifecycle in one place: illegal transitions are CONFLICT naming both states', async () => {
    const m = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: hoursFromNow(100) });
    for (const status of ['CONVENED', 'IN_SESSION', 'CONCLUDED']) expect((await setStatus(organizer, m.id, status)).status).toBe(status);
    const error = await organizer.client.error(
      'mutation($i: SetMeetingStatusInput!) { setMeetingStatus(input: $i) { id } }',
      { i: { meetingId: m.id, status: 'IN_SESSION' } },
      'CONFLICT',
    );
    expect(error.message).toBe('Meeting cannot go from CONCLUDED to IN_SESSION');
    expect(error.extensions).toMatchObject({ from: 'CONCLUDED', to: 'IN_SESSION' });
    expect((await organizer.client.data(MEETING, { id: m.id })).meeting.status).toBe('CONCLUDED');
  });

  it('refuses an update based on a stale version', async () => {
    const m = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: hoursFromNow(200) });
    await organizer.client.data(UPDATE, { i: { meetingId: m.id, version: m.version, title: 'First edit' } });
    const error = await organizer.client.error(UPDATE, { i: { meetingId: m.id, version: m.version, title: 'Lost edit' } }, 'CONFLICT', 'version');
    expect(error.extensions).toMatchObject({ expected: m.version, actual: m.version + 1 });
    expect((await organizer.client.data(MEETING, { id: m.id })).meeting.title).toBe('First edit');
  });

  it('keeps agenda positions 1..n without gaps or duplicates under concurrent moves', async () => {
    const m = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: hoursFromNow(300) });
    const ids: string[] = [];
    for (let i = 1; i <= 8; i++) {
      const { addAgendaItem } = await organizer.client.data('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { id position } }', {
        i: { meetingId: m.id, title: `Item ${i}`, kind: i === 4 ? 'FOR_DECISION' : 'FOR_DISCUSSION' },
      });
      expect(addAgendaItem.position).toBe(i);
      ids.push(addAgendaItem.id);
    }
    const move = 'mutation($i: MoveAgendaItemInput!) { moveAgendaItem(input: $i) { id position } }';
    const moves = Array.from({ length: 24 }, (_, k) => organizer.client.request(move, { i: { agendaItemId: ids[(k * 5) % 8], position: ((k * 3) % 10) + 1 } }));
    const results = await Promise.all(moves);
    expect(results.every((r) => !r.errors)).toBe(true);

    const rows: { id: string; position: number }[] = await app.dataSource.query(
      'SELECT id, position FROM agenda_items WHERE meeting_id = $1 ORDER BY position',
      [m.id],
    );
    expect(rows.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids));

    // Inserting at a position and removing keep the sequence dense as well.
    await organizer.client.data('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { id } }', {
      i: { meetingId: m.id, title: 'Urgent', kind: 'FOR_INFORMATION', position: 1 },
    });
    await organizer.client.data('mutation($i: RemoveAgendaItemInput!) { removeAgendaItem(input: $i) { id } }', { i: { agendaItemId: ids[0] } });
    const { meeting } = await organizer.client.data('query($id: ID!) { meeting(id: $id) { agenda { position title } } }', { id: m.id });
    expect(meeting.agenda.map((a: any) => a.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(meeting.agenda[0].title).toBe('Urgent');
  });

  it('hides a meeting from delegates of non-invited delegations (NOT_FOUND), in GraphQL and iCal', async () => {
    const m = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: hoursFromNow(400) });
    await invite(organizer, m.id);
    expect((await dk.client.data(MEETING, { id: m.id })).meeting.id).toBe(m.id);
    await fr.client.error(MEETING, { id: m.id }, 'NOT_FOUND');
    const ics = await fr.client.get(`/calendar/meetings/${m.id}.ics`);
    expect(ics.status).toBe(404);
    expect((await app.anonymous.get(`/calendar/meetings/${m.id}.ics`)).status).toBe(401);
    const { meetings } = await fr.client.data('{ meetings(first: 100) { edges { node { id } } } }');
    expect(meetings.edges.map((e: any) => e.node.id)).not.toContain(m.id);

    // An observer of an invited delegation may read; meetings of public bodies are open to all.
    const observer = await app.as(Role.OBSERVER, 'US');
    expect((await observer.client.data(MEETING, { id: m.id })).meeting.id).toBe(m.id);
    const open = await createBody(organizer, app, { publicMeetings: true });
    const pm = await scheduleMeeting(organizer, { bodyId: open.id, startsAt: hoursFromNow(401) });
    expect((await fr.client.data(MEETING, { id: pm.id })).meeting.id).toBe(pm.id);
  });

  it('lets members answer for their delegation only, accrediting their own people', async () => {
    const m = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: hoursFromNow(500) });
    await invite(organizer, m.id);
    const dkId = (await app.delegation('DK')).id;
    const adviser = await app.as(Role.DELEGATE, 'DK', DelegateRole.EXPERT);
    const answer = await respond(dk, m.id, dkId, 'ACCEPTED', [dk.user.id, adviser.user.id]);
    expect(answer).toMatchObject({ rsvp: 'ACCEPTED', delegation: { code: 'DK' } });
    expect(answer.accredited.map((a: any) => a.user.id).sort()).toEqual([dk.user.id, adviser.user.id].sort());

    const query = 'mutation($i: RespondToInvitationInput!) { respondToInvitation(input: $i) { id } }';
    await us.client.error(query, { i: { meetingId: m.id, delegationId: dkId, rsvp: 'DECLINED' } }, 'FORBIDDEN');
    await dk.client.error(
      query,
      { i: { meetingId: m.id, delegationId: dkId, rsvp: 'ACCEPTED', accreditedUserIds: [us.user.id] } },
      'BAD_USER_INPUT',
      'accreditedUserIds',
    );
    await dk.client.error(
      query,
      { i: { meetingId: m.id, delegationId: dkId, rsvp: 'DECLINED', accreditedUserIds: [dk.user.id] } },
      'BAD_USER_INPUT',
      'accreditedUserIds',
    );
    await fr.client.error(query, { i: { meetingId: m.id, delegationId: (await app.delegation('FR')).id, rsvp: 'ACCEPTED' } }, 'NOT_FOUND');

    // Answering again replaces the list.
    const again = await respond(dk, m.id, dkId, 'TENTATIVE', [adviser.user.id]);
    expect(again.accredited.map((a: any) => a.user.id)).toEqual([adviser.user.id]);
    expect(await app.count('meeting_accreditations', 'meeting_id = $1', [m.id])).toBe(1);
  });

  it('lists conflicts on both meetings when a person is accredited to two that overlap', async () => {
    const dkId = (await app.delegation('DK')).id;
    const a = await scheduleMeeting(organizer, { bodyId: body.id, title: 'Morning', startsAt: '2027-06-01T08:00:00Z', endsAt: '2027-06-01T11:00:00Z' });
    const b = await scheduleMeeting(organizer, { bodyId: body.id, title: 'Overlapping', startsAt: '2027-06-01T10:00:00Z', endsAt: '2027-06-01T12:00:00Z' });
    const c = await scheduleMeeting(organizer, { bodyId: body.id, title: 'Afternoon', startsAt: '2027-06-01T12:00:00Z', endsAt: '2027-06-01T14:00:00Z' });
    for (const m of [a, b, c]) {
      await invite(organizer, m.id);
      await respond(dk, m.id, dkId, 'ACCEPTED', [dk.user.id]);
    }
    const conflicts = async (id: string, who: TestUser) =>
      (await who.client.data('query($id: ID!) { meeting(id: $id) { conflicts { meetingId title user { id } } } }', { id })).meeting.conflicts;
    expect(await conflicts(a.id, dk)).toEqual([{ meetingId: b.id, title: 'Overlapping', user: { id: dk.user.id } }]);
    expect(await conflicts(b.id, dk)).toEqual([{ meetingId: a.id, title: 'Morning', user: { id: dk.user.id } }]);
    expect(await conflicts(c.id, dk)).toEqual([]); // back to back is no conflict
    expect(await conflicts(a.id, us)).toEqual([]); // the US delegate does not learn about Danish people
    expect(await conflicts(a.id, organizer)).toHaveLength(1);
  });

  it('keeps every revision of the outcome of proceedings; only organizers and clerks write', async () => {
    const m = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: hoursFromNow(600) });
    await invite(organizer, m.id);
    const save = 'mutation($i: SaveOutcomeOfProceedingsInput!) { saveOutcomeOfProceedings(input: $i) { revision text author { id } } }';
    const clerk = await app.as(Role.CLERK);
    expect((await organizer.client.data(save, { i: { meetingId: m.id, text: 'Draft outcome', baseRevision: 0 } })).saveOutcomeOfProceedings.revision).toBe(1);
    const r2 = (await clerk.client.data(save, { i: { meetingId: m.id, text: 'Agreed outcome', baseRevision: 1 } })).saveOutcomeOfProceedings;
    expect(r2).toEqual({ revision: 2, text: 'Agreed outcome', author: { id: clerk.user.id } });
    await organizer.client.error(save, { i: { meetingId: m.id, text: 'Based on an old revision', baseRevision: 1 } }, 'CONFLICT');
    await dk.client.error(save, { i: { meetingId: m.id, text: 'By a delegate', baseRevision: 2 } }, 'FORBIDDEN');
    const { meeting } = await dk.client.data(
      'query($id: ID!) { meeting(id: $id) { outcomeOfProceedings { revision text } outcomeOfProceedingsHistory { revision text } } }',
      { id: m.id },
    );
    expect(meeting.outcomeOfProceedings).toEqual({ revision: 2, text: 'Agreed outcome' });
    expect(meeting.outcomeOfProceedingsHistory).toEqual([
      { revision: 2, text: 'Agreed outcome' },
      { revision: 1, text: 'Draft outcome' },
    ]);
  });

  it('marks an agenda circulated fewer than 21 days ahead of a JHA meeting as late, with the reason', async () => {
    const jha = await createBody(organizer, app, { jha: true, members: ['DK'] });
    const early = await scheduleMeeting(organizer, { bodyId: jha.id, startsAt: hoursFromNow(24 * 30) });
    expect((await organizer.client.data(MEETING, { id: early.id })).meeting).toMatchObject({ lateAgenda: false, lateAgendaReason: null });
    const m = await scheduleMeeting(organizer, { bodyId: jha.id, startsAt: hoursFromNow(24 * 18) });
    const pending = (await organizer.client.data(MEETING, { id: m.id })).meeting;
    expect(pending.lateAgenda).toBe(true);
    expect(pending.lateAgendaReason).toMatch(/^Agenda not circulated and due since \d{4}-\d\d-\d\d; JHA bodies circulate at least 21 days/);
    await organizer.client.data('mutation($i: MeetingRefInput!) { circulateAgenda(input: $i) { agendaCirculatedAt } }', { i: { meetingId: m.id } });
    const { meeting } = await organizer.client.data(MEETING, { id: m.id });
    expect(meeting.lateAgenda).toBe(true);
    expect(meeting.lateAgendaReason).toMatch(/^Agenda circulated 1[78] days before the meeting; JHA bodies circulate at least 21 days before the meeting$/);
    // The same timing is fine for an ordinary body (14 days).
    const plain = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: hoursFromNow(24 * 18) });
    await organizer.client.data('mutation($i: MeetingRefInput!) { circulateAgenda(input: $i) { id } }', { i: { meetingId: plain.id } });
    expect((await organizer.client.data(MEETING, { id: plain.id })).meeting.lateAgenda).toBe(false);
  });

  it('records attendance once the meeting is in session', async () => {
    const m = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: hoursFromNow(700) });
    await invite(organizer, m.id);
    const [dkId, usId] = [(await app.delegation('DK')).id, (await app.delegation('US')).id];
    await respond(dk, m.id, dkId, 'ACCEPTED', [dk.user.id]);
    const record = 'mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { delegation { code } attended accredited { attended } } }';
    const input = {
      meetingId: m.id,
      attendance: [
        { delegationId: dkId, attended: true },
        { delegationId: usId, attended: false },
      ],
    };
    await organizer.client.error(record, { i: input }, 'CONFLICT');
    await setStatus(organizer, m.id, 'CONVENED');
    await setStatus(organizer, m.id, 'IN_SESSION');
    const { recordAttendance } = await organizer.client.data(record, { i: input });
    expect(recordAttendance).toEqual(
      expect.arrayContaining([
        { delegation: { code: 'DK' }, attended: true, accredited: [{ attended: true }] },
        { delegation: { code: 'US' }, attended: false, accredited: [] },
      ]),
    );
  });

  it('marks a cancelled meeting CANCELLED in iCal with a higher SEQUENCE, and serves the personal feed by token', async () => {
    const m = await scheduleMeeting(organizer, { bodyId: body.id, title: 'To be cancelled', startsAt: hoursFromNow(800) });
    await invite(organizer, m.id);
    const feedUrl = (await dk.client.data('{ calendarFeedUrl }')).calendarFeedUrl as string;
    expect(feedUrl).toMatch(/\/calendar\/feed\/[A-Za-z0-9_-]{20,}\.ics$/);
    expect((await dk.client.data('{ calendarFeedUrl }')).calendarFeedUrl).toBe(feedUrl);
    const path = new URL(feedUrl).pathname;
    const feed = await (await app.anonymous.get(path)).text();
    expect(feed).toContain(`UID:${m.id}@concordia`);
    expect(feed).toContain('STATUS:CONFIRMED');

    const cancelled = await setStatus(organizer, m.id, 'CANCELLED');
    const event = parseEvent(await (await dk.client.get(`/calendar/meetings/${m.id}.ics`)).text());
    expect(event.status).toBe('CANCELLED');
    expect(Number(event.sequence)).toBe(cancelled.sequence);
    expect(cancelled.sequence).toBeGreaterThan(m.sequence);

    // The French delegate's feed does not carry a meeting France is not invited to.
    const frFeed = await (await app.anonymous.get(new URL((await fr.client.data('{ calendarFeedUrl }')).calendarFeedUrl).pathname)).text();
    expect(frFeed).not.toContain(m.id);

    const { resetCalendarFeed } = await dk.client.data('mutation { resetCalendarFeed { url } }');
    expect(resetCalendarFeed.url).not.toBe(feedUrl);
    expect((await app.anonymous.get(path)).status).toBe(404);
    expect((await app.anonymous.get(new URL(resetCalendarFeed.url).pathname)).status).toBe(200);
  });

  it('answers meeting { agenda { leadDelegation } participants { delegation } } with a number of SQL statements that does not grow with the rows', async () => {
    const logger = app.dataSource.logger as QueryCountingLogger;
    const codes = ['AT', 'BE', 'BG', 'CZ', 'DE', 'EE', 'ES', 'FI', 'GR', 'HU', 'IE', 'IT'];
    const statementsFor = async (items: number, delegations: number) => {
      const m = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: hoursFromNow(900 + items) });
      const ids = await Promise.all(codes.slice(0, delegations).map(async (c) => (await app.delegation(c)).id));
      await invite(organizer, m.id, ids);
      for (let i = 0; i < items; i++) {
        await organizer.client.data('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { id } }', {
          i: { meetingId: m.id, title: `Item ${i}`, kind: 'FOR_DISCUSSION', leadDelegationId: ids[i % ids.length] },
        });
      }
      const before = logger.statements;
      const { meeting } = await organizer.client.data(
        'query($id: ID!) { meeting(id: $id) { agenda { title leadDelegation { code } } participants { rsvp delegation { code } } } }',
        { id: m.id },
      );
      expect(meeting.agenda).toHaveLength(items);
      expect(meeting.participants).toHaveLength(delegations);
      return logger.statements - before;
    };
    const small = await statementsFor(2, 2);
    const large = await statementsFor(12, 12);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(8);
  });
});
