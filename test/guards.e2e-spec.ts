import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { createBody, hoursFromNow, invite, MEETING_FIELDS, scheduleMeeting } from './support/meetings.js';
import { TestApp, type TestUser } from './support/test-app.js';
import { pageAll } from './support/pagination.js';

/**
 * Promised behaviours that a plausible one-line change could break without any other test noticing:
 * the whole meeting lifecycle, keyset pagination with ties, a failure at COMMIT, masked errors.
 * No worker: nothing writes in the background while rows are counted.
 */
describe('behaviour guards', () => {
  let app: TestApp;
  let organizer: TestUser;
  let admin: TestUser;
  let bodyId: string;

  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
    organizer = await app.as(Role.ORGANIZER);
    admin = await app.as(Role.ADMIN);
    bodyId = (await createBody(organizer, app, { members: ['DK'] })).id;
  });
  afterAll(() => app?.close());

  describe('the meeting lifecycle, every pair of states', () => {
    // Written out here on purpose (not imported): a change to the table in src/ must fail this test.
    const ALLOWED: Record<string, string[]> = {
      PLANNED: ['CONVENED', 'POSTPONED', 'CANCELLED'],
      CONVENED: ['IN_SESSION', 'POSTPONED', 'CANCELLED'],
      IN_SESSION: ['CONCLUDED'],
      POSTPONED: ['PLANNED', 'CANCELLED'],
      CONCLUDED: [],
      CANCELLED: [],
    };
    const PATH_TO: Record<string, string[]> = {
      PLANNED: [],
      CONVENED: ['CONVENED'],
      IN_SESSION: ['CONVENED', 'IN_SESSION'],
      CONCLUDED: ['CONVENED', 'IN_SESSION', 'CONCLUDED'],
      POSTPONED: ['POSTPONED'],
      CANCELLED: ['CANCELLED'],
    };
    const STATES = Object.keys(ALLOWED);
    const SET = `mutation($i: SetMeetingStatusInput!) { setMeetingStatus(input: $i) { ${MEETING_FIELDS} } }`;

    it.each(STATES)('from %s: allowed moves succeed with one audit event, all others are CONFLICT and change nothing', async (from) => {
      const outcomes: Record<string, string> = {};
      for (const to of STATES) {
        const m = await scheduleMeeting(organizer, { bodyId, title: `${from} → ${to}`, startsAt: hoursFromNow(24 * 40) });
        for (const step of PATH_TO[from]) await organizer.client.data(SET, { i: { meetingId: m.id, status: step } });
        const audits = await app.count('audit_events', 'entity_id = $1', [m.id]);
        const outbox = await app.count('outbox_events');
        const res = await organizer.client.request<{ setMeetingStatus: { status: string } }>(SET, { i: { meetingId: m.id, status: to } });
        const [row] = await app.dataSource.query('SELECT status FROM meetings WHERE id = $1', [m.id]);
        if (res.errors?.length) {
          outcomes[to] = String(res.errors[0].extensions?.code);
          expect({
            to,
            status: row.status,
            audits: await app.count('audit_events', 'entity_id = $1', [m.id]),
            outbox: await app.count('outbox_events'),
          }).toEqual({
            to,
            status: from,
            audits,
            outbox,
          });
        } else {
          outcomes[to] = 'OK';
          expect({
            to,
            status: row.status,
            returned: res.data!.setMeetingStatus.status,
            audits: await app.count('audit_events', 'entity_id = $1', [m.id]),
          }).toEqual({
            to,
            status: to,
            returned: to,
            audits: audits + 1,
          });
        }
      }
      expect(outcomes).toEqual(Object.fromEntries(STATES.map((to) => [to, ALLOWED[from].includes(to) ? 'OK' : 'CONFLICT'])));
    });
  });

  describe('keyset pagination with ties in the sort key, and row counts that are exact multiples of the page size', () => {
    it('meetings: six with the same start, pages of three and of two', async () => {
      const tieBody = (await createBody(organizer, app, { members: ['DK'] })).id;
      const startsAt = hoursFromNow(24 * 200);
      const created = new Set<string>();
      for (let i = 0; i < 6; i++) created.add((await scheduleMeeting(organizer, { bodyId: tieBody, title: `Tie ${i}`, startsAt })).id);
      for (const size of [3, 2, 6]) {
        const ids = await pageAll(organizer.client, 'meetings', size, ', filter: { bodyId: $body }'.replace('$body', JSON.stringify(tieBody)));
        expect(new Set(ids)).toEqual(created);
      }
    });

    it('notifications: six written in one instant, pages of three', async () => {
      const reader = await app.as(Role.DELEGATE, 'DK');
      await app.dataSource.query(
        `INSERT INTO notifications (user_id, kind, subject, body, entity_type, entity_id, event_key, created_at)
         SELECT $1, 'MEETING_UPDATED', 'Tie', 'Tie', 'Meeting', $2, 'tie-' || g, '2030-01-01T00:00:00Z' FROM generate_series(1, 6) g`,
        [reader.user.id, randomUUID()],
      );
      expect(await pageAll(reader.client, 'notifications', 3)).toHaveLength(6);
      expect(await pageAll(reader.client, 'notifications', 4)).toHaveLength(6);
    });

    it('audit events: six in one instant for one entity, pages of two', async () => {
      const entityId = randomUUID();
      await app.dataSource.query(
        `INSERT INTO audit_events (actor_id, action, entity_type, entity_id, at) SELECT NULL, 'tie.test', 'Tie', $1, '2030-01-01T00:00:00Z' FROM generate_series(1, 6)`,
        [entityId],
      );
      expect(await pageAll(admin.client, 'auditEvents', 2, `, filter: { entityId: "${entityId}" }`)).toHaveLength(6);
      expect(await pageAll(admin.client, 'auditEvents', 3, `, filter: { entityId: "${entityId}" }`)).toHaveLength(6);
    });

    it('users: all of them, in pages that divide the count exactly', async () => {
      const total = await app.count('users');
      const extra = (6 - (total % 6)) % 6;
      for (let i = 0; i < extra; i++) await app.as(Role.OBSERVER);
      expect((await app.count('users')) % 6).toBe(0);
      for (const size of [2, 3, 6]) expect(await pageAll(admin.client, 'users', size)).toHaveLength(await app.count('users'));
    });
  });

  it('leaves no audit event and no outbox row when the transaction fails at COMMIT (a deferred constraint)', async () => {
    // A deferred constraint trigger only fires at COMMIT, after the mutation's work, audit and outbox writes.
    await app.dataSource.query(`
      CREATE FUNCTION fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.location = 'FAIL AT COMMIT' THEN RAISE EXCEPTION 'deferred check failed'; END IF; RETURN NULL; END $$`);
    await app.dataSource.query(
      `CREATE CONSTRAINT TRIGGER fail_at_commit AFTER INSERT OR UPDATE ON meetings DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fail_at_commit()`,
    );
    try {
      const before = { meetings: await app.count('meetings'), audits: await app.count('audit_events'), outbox: await app.count('outbox_events') };
      const res = await organizer.client.request(`mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }`, {
        i: {
          bodyId,
          title: 'Doomed',
          startsAt: hoursFromNow(100).toISOString(),
          endsAt: hoursFromNow(101).toISOString(),
          timezone: 'Europe/Brussels',
          location: 'FAIL AT COMMIT',
        },
      });
      expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(res.data?.scheduleMeeting ?? null).toBeNull();
      expect({ meetings: await app.count('meetings'), audits: await app.count('audit_events'), outbox: await app.count('outbox_events') }).toEqual(before);

      // The same on an update: the meeting keeps its old values and version, nothing is recorded.
      const m = await scheduleMeeting(organizer, { bodyId, title: 'Survivor', startsAt: hoursFromNow(300) });
      const audits = await app.count('audit_events');
      const outbox = await app.count('outbox_events');
      const upd = await organizer.client.request('mutation($i: UpdateMeetingInput!) { updateMeeting(input: $i) { id } }', {
        i: { meetingId: m.id, version: m.version, location: 'FAIL AT COMMIT' },
      });
      expect(upd.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      const [row] = await app.dataSource.query('SELECT location, version FROM meetings WHERE id = $1', [m.id]);
      expect(row).toEqual({ location: m.location, version: m.version });
      expect({ audits: await app.count('audit_events'), outbox: await app.count('outbox_events') }).toEqual({ audits, outbox });
    } finally {
      await app.dataSource.query('DROP TRIGGER fail_at_commit ON meetings');
      await app.dataSource.query('DROP FUNCTION fail_at_commit()');
    }
  });

  it('masks an unexpected error (not an AppError): no internal message, no stack, only INTERNAL_SERVER_ERROR', async () => {
    const m = await scheduleMeeting(organizer, { bodyId, title: 'Masked', startsAt: hoursFromNow(50) });
    await invite(organizer, m.id, [(await app.delegation('DK')).id]);
    // Schema drift behind the service's back: every read of meetings now fails inside PostgreSQL.
    await app.dataSource.query('ALTER TABLE meetings RENAME COLUMN location TO location_moved');
    try {
      const res = await organizer.client.request(`{ meeting(id: "${m.id}") { id location } }`);
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(Object.keys(res.errors![0].extensions ?? {})).toEqual(['code']);
      expect(JSON.stringify(res)).not.toMatch(/location_moved|does not exist|SELECT|QueryFailedError|stacktrace|\.ts:\d+| {4}at /);
    } finally {
      await app.dataSource.query('ALTER TABLE meetings RENAME COLUMN location_moved TO location');
    }
  });
});
