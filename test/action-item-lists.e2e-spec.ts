import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { type QueryCountingLogger } from '../src/database/query-counting.logger.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { ADD_UPDATE, allPages, CREATE_MANY } from './support/action-items.js';
import { createBody, hoursFromNow, invite, scheduleMeeting } from './support/meetings.js';
import { TestApp, type TestUser } from './support/test-app.js';

/** Keyset pages over ties and exact page multiples; SQL statements that do not grow with the rows. */
describe('action item lists', () => {
  let app: TestApp;
  let organizer: TestUser;

  beforeAll(async () => {
    // The SQL-count shapes nest every list on purpose (each at its declared maximum they cost
    // ~200,000); the cost limit is another test's subject.
    app = await TestApp.start({ worker: false, env: { GRAPHQL_MAX_COST: '1000000' } });
    organizer = await app.as(Role.ORGANIZER);
  });
  afterAll(() => app.close());

  /** `count` items of a fresh delegation, all alike: the same due time, priority, title and (one transaction) update time. */
  async function tiedItems(code: string, count: number, undated = false): Promise<{ head: TestUser; delegationId: string }> {
    const delegationId = (await app.delegation(code)).id;
    const head = await app.as(Role.DELEGATE, code, DelegateRole.HEAD_OF_DELEGATION);
    const dueAt = undated ? null : hoursFromNow(500).toISOString();
    const items = Array.from({ length: count }, () => ({ title: 'Identical commitment', ownerDelegationId: delegationId, dueAt, assigneeId: head.user.id }));
    await organizer.client.data(CREATE_MANY, { i: { items } });
    return { head, delegationId };
  }

  describe.each([
    ['DUE_AT', {}],
    ['UPDATED_AT', {}],
    ['PRIORITY', {}],
    ['RELEVANCE', { search: 'identical commitment' }],
  ])('actionItems ordered by %s', (order, extra) => {
    it.each([
      [45, 15], // an exact multiple of the page size
      [45, 20],
      [20, 20],
      [1, 100],
    ])('pages %i tied items %i at a time: each once, no empty last page', async (count, first) => {
      const { head, delegationId } = await tiedItems(`T${order.slice(0, 1)}${count}${first}`.slice(0, 5), count);
      for (const who of [head, organizer]) {
        const { pages, ids } = await allPages(who, { f: { delegationId, ...extra }, o: order }, first);
        expect(ids).toHaveLength(count);
        expect(new Set(ids).size).toBe(count);
        expect(pages).toHaveLength(Math.ceil(count / first));
        expect(pages.every((p) => p.totalCount === count)).toBe(true);
        expect(pages.at(-1).pageInfo.hasNextPage).toBe(false);
      }
    });
  });

  // Without a due date the DUE_AT key is 'infinity' (a cursor value too): those ties page like any other.
  it.each([
    ['actionItems', 'TUNDA'],
    ['myActionItems', 'TUNDM'],
  ])('pages %s over undated items (the infinity sort key) at an exact multiple', async (list, code) => {
    const { head, delegationId } = await tiedItems(code, 20, true);
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const query =
        list === 'actionItems'
          ? 'query($f: ActionItemFilter, $after: String) { actionItems(filter: $f, first: 10, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id dueAt } } } }'
          : 'query($after: String) { myActionItems(first: 10, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id dueAt } } } }';
      const page: any = (await head.client.data(query, { f: { delegationId }, after }))[list];
      pages++;
      expect(page.totalCount).toBe(20);
      expect(page.edges.every((e: any) => e.node.dueAt === null)).toBe(true);
      ids.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(2);
    expect(new Set(ids).size).toBe(20);
  });

  it('pages myActionItems over ties and an exact multiple', async () => {
    const { head } = await tiedItems('TMINE', 30);
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { myActionItems }: any = await head.client.data(
        'query($after: String) { myActionItems(first: 10, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }',
        { after },
      );
      pages++;
      expect(myActionItems.totalCount).toBe(30);
      ids.push(...myActionItems.edges.map((e: any) => e.node.id));
      if (!myActionItems.pageInfo.hasNextPage) break;
      after = myActionItems.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(30);
  });

  describe('SQL statements per request', () => {
    const NESTED = `edges { node { reference ownerDelegation { code } assignee { name } createdBy { name } meeting { title } agendaItem { title }
      history { kind author { name } } } }`;
    const logger = () => app.dataSource.logger as QueryCountingLogger;

    /** A delegation with `count` items spread over assignees, meetings, agenda items, and history entries. */
    async function fixture(code: string, count: number) {
      const delegationId = (await app.delegation(code)).id;
      const head = await app.as(Role.DELEGATE, code, DelegateRole.HEAD_OF_DELEGATION);
      const members = [head, ...(await Promise.all([1, 2, 3].map(() => app.as(Role.DELEGATE, code, DelegateRole.EXPERT))))];
      const body = await createBody(organizer, app, { members: [code] });
      const meetings: { id: string; agendaItemId: string }[] = [];
      for (let m = 0; m < 3; m++) {
        const meeting = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: hoursFromNow(400 + m * 24) });
        await invite(organizer, meeting.id);
        const { addAgendaItem } = await organizer.client.data('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { id } }', {
          i: { meetingId: meeting.id, title: `Item ${m}`, kind: 'FOR_DECISION' },
        });
        meetings.push({ id: meeting.id, agendaItemId: addAgendaItem.id });
      }
      const items = Array.from({ length: count }, (_, i) => ({
        title: `Item ${i}`,
        ownerDelegationId: delegationId,
        assigneeId: members[i % members.length].user.id,
        dueAt: hoursFromNow(24 + i).toISOString(),
        ...(i % 2 ? { meetingId: meetings[i % 3].id, agendaItemId: meetings[i % 3].agendaItemId } : {}),
      }));
      const { createActionItems } = await organizer.client.data(CREATE_MANY, { i: { items } });
      for (const item of createActionItems.filter((_: unknown, i: number) => i % 4 === 0)) {
        await members[1].client.data(ADD_UPDATE, { i: { actionItemId: item.id, note: 'Progress' } });
      }
      return { delegationId, head, meetingIds: meetings.map((m) => m.id) };
    }

    const measure = async (who: TestUser, query: string, variables: Record<string, unknown>) => {
      const before = logger().statements;
      const data = await who.client.data(query, variables);
      return { statements: logger().statements - before, data };
    };

    it('does not grow with the rows: actionItems, myActionItems, actionItemSummary, Meeting.actionItems, AgendaItem.actionItems', async () => {
      const small = await fixture('SQLA', 20);
      const large = await fixture('SQLB', 100);
      const shapes: [string, (f: typeof small) => Record<string, unknown>, number, number][] = [
        [
          `query($f: ActionItemFilter, $first: Int) { actionItems(filter: $f, first: $first) { totalCount ${NESTED} } }`,
          (f) => ({ f: { delegationId: f.delegationId } }),
          20,
          100,
        ],
        [`query($first: Int) { myActionItems(first: $first) { totalCount ${NESTED} } }`, () => ({}), 20, 100],
        [`{ actionItemSummary { total delegation { code name } } }`, () => ({}), 0, 0],
        [
          `query($f: MeetingFilter, $first: Int) { meetings(filter: $f, first: $first) { edges { node { actionItems { reference ownerDelegation { code } assignee { name } history { author { name } } }
             agenda { actionItems { reference meeting { title } agendaItem { title } } } } } } }`,
          (f) => ({ f: { delegationId: f.delegationId } }),
          3,
          3,
        ],
      ];
      for (const [query, vars, firstSmall, firstLarge] of shapes) {
        for (const who of ['head', 'organizer'] as const) {
          const first = (n: number) => (query.includes('$first') ? { first: n } : {});
          const s = await measure(who === 'head' ? small.head : organizer, query, { ...vars(small), ...first(firstSmall) });
          const l = await measure(who === 'head' ? large.head : organizer, query, { ...vars(large), ...first(firstLarge) });
          expect({ query: query.slice(0, 40), who, statements: l.statements }).toEqual({ query: query.slice(0, 40), who, statements: s.statements });
          expect(s.statements).toBeLessThanOrEqual(16); // auth, visibility, count, page, then one per kind of nested thing
        }
      }
      const { data } = await measure(large.head, shapes[0][0], { f: { delegationId: large.delegationId }, first: 100 });
      expect(data.actionItems.edges).toHaveLength(100);
      expect(data.actionItems.edges.filter((e: any) => e.node.meeting).length).toBe(50);
      expect(data.actionItems.edges.filter((e: any) => e.node.history.length === 2).length).toBe(25);
    });
  });
});
