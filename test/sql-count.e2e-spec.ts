import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { type QueryCountingLogger } from '../src/database/query-counting.logger.js';
import { createBody, hoursFromNow, invite, respond, scheduleMeeting } from './support/meetings.js';
import { TestApp, type TestUser } from './support/test-app.js';

const CODES = ['AT', 'BE', 'BG', 'CZ', 'DE', 'EE', 'ES', 'FI'];

/**
 * Every nested list and reference of a list of meetings loads through DataLoaders: the statements
 * one request runs do not grow with meetings, delegations, accreditations, agenda items or conflicts.
 * No worker in this process, so only the request's own statements are counted.
 */
describe('SQL statements per request', () => {
  let app: TestApp;
  let organizer: TestUser;
  let delegates: Map<string, TestUser>;

  beforeAll(async () => {
    // The query below asks for much on purpose; the cost limit is another test's subject.
    app = await TestApp.start({ worker: false, env: { GRAPHQL_MAX_COST: '1000000' } });
    organizer = await app.as(Role.ORGANIZER);
    delegates = new Map();
    for (const code of CODES) delegates.set(code, await app.as(Role.DELEGATE, code));
  });
  afterAll(() => app?.close());

  /** `n` meetings at one time of a body of `n` delegations, each accrediting its delegate to every meeting (so everyone has conflicts). */
  async function scenario(n: number): Promise<string> {
    const codes = CODES.slice(0, n);
    const body = await createBody(organizer, app, { members: codes, name: `Body of ${n}` });
    const ids = await Promise.all(codes.map(async (c) => (await app.delegation(c)).id));
    const startsAt = hoursFromNow(1000 + n);
    for (let i = 0; i < n; i++) {
      const m = await scheduleMeeting(organizer, { bodyId: body.id, title: `Meeting ${i} of ${n}`, startsAt });
      await invite(organizer, m.id, ids);
      for (let k = 0; k < n; k++) {
        await organizer.client.data('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { id } }', {
          i: { meetingId: m.id, title: `Item ${k}`, kind: 'FOR_DECISION', leadDelegationId: ids[k] },
        });
      }
      for (const [k, code] of codes.entries()) await respond(delegates.get(code)!, m.id, ids[k], 'ACCEPTED', [delegates.get(code)!.user.id]);
      await organizer.client.data('mutation($i: SaveOutcomeOfProceedingsInput!) { saveOutcomeOfProceedings(input: $i) { revision } }', {
        i: { meetingId: m.id, baseRevision: 0, text: 'Agreed.' },
      });
    }
    return body.id;
  }

  async function statements(bodyId: string, n: number): Promise<number> {
    const logger = app.dataSource.logger as QueryCountingLogger;
    const before = logger.statements;
    const { meetings } = await organizer.client.data(
      `query($body: ID!) { meetings(first: 5, filter: { bodyId: $body }) { totalCount edges { node {
          title body { name chair { code } members { code } } chair { code }
          agenda { title leadDelegation { code name } }
          participants { rsvp delegation { code name } accredited { attended user { name email memberships { delegation { code } } } } }
          conflicts { title user { name } }
          outcomeOfProceedings { revision author { name } }
          outcomeOfProceedingsHistory { revision author { name } }
      } } } }`,
      { body: bodyId },
    );
    const spent = logger.statements - before;
    // The data really is there, growing with n.
    expect(meetings.totalCount).toBe(n);
    for (const { node } of meetings.edges) {
      expect(node.agenda).toHaveLength(n);
      expect(node.participants).toHaveLength(n);
      expect(node.participants.every((p: any) => p.accredited.length === 1 && p.accredited[0].user.memberships.length === 1)).toBe(true);
      expect(node.conflicts).toHaveLength(n * (n - 1)); // each of n people, in each of the n - 1 other meetings
      expect(node.outcomeOfProceedings.author.name).toBeTruthy();
    }
    return spent;
  }

  it('is the same for 2 and for 5 meetings, delegations, accreditations and agenda items', async () => {
    const small = await statements(await scenario(2), 2);
    const large = await statements(await scenario(5), 5);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(20);
  });

  /** The bench's nested read (bench/run.ts), with the delegations' other fields and a fragment. */
  const NESTED = `id title status startsAt endsAt timezone location
    agenda { position title kind outcome leadDelegation { code name } }
    participants { rsvp respondedAt ...P }
    outcomeOfProceedings { revision text createdAt author { name } }`;
  const P = 'fragment P on MeetingParticipant { delegation { code name kind timezone contactEmail createdAt } }';

  // After the test above: its meetings would otherwise overlap these (conflicts).
  it('reads one meeting with its agenda, participants, their delegations and its outcome in one statement, as the lists read them', async () => {
    const logger = app.dataSource.logger as QueryCountingLogger;
    const bodyId = await scenario(3);
    const { meetings } = await organizer.client.data(
      `query($body: ID!) { meetings(first: 1, filter: { bodyId: $body }) { edges { node { ${NESTED} } } } } ${P}`,
      {
        body: bodyId,
      },
    );
    const listed = meetings.edges[0].node;
    for (const viewer of [organizer, delegates.get('AT')!]) {
      const read = () => viewer.client.data(`query($id: ID!) { meeting(id: $id) { ${NESTED} } } ${P}`, { id: listed.id });
      await read(); // the viewer's session and the pool's connection are warm
      const before = logger.statements;
      const { meeting } = await read();
      // One statement for the meeting and its lists; one more for the outcome's author (not prefetched).
      expect(logger.statements - before).toBe(2);
      // The same answer as the loaders give the list of meetings, which reads each list on its own
      // (participants invited together share their createdAt, so their order among themselves is free).
      const byCode = (m: any) => ({ ...m, participants: [...m.participants].sort((a: any, b: any) => a.delegation.code.localeCompare(b.delegation.code)) });
      expect(byCode(meeting)).toEqual(byCode(listed));
      expect(meeting.agenda).toHaveLength(3);
      expect(meeting.agenda.every((a: any) => a.leadDelegation.code)).toBe(true);
      expect(meeting.participants.every((p: any) => p.respondedAt && p.delegation.createdAt)).toBe(true);
    }
    // A delegate whose delegation is not invited learns nothing of it, lists included.
    await delegates.get('FI')!.client.error(`query($id: ID!) { meeting(id: $id) { ${NESTED} } } ${P}`, { id: listed.id }, 'NOT_FOUND');
    // Only what the query asks for is read, and a meeting alone is one statement.
    const before = logger.statements;
    await organizer.client.data('query($id: ID!) { meeting(id: $id) { title } }', { id: listed.id });
    expect(logger.statements - before).toBe(1);
  });
});
