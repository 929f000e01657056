import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { type QueryCountingLogger } from '../src/database/query-counting.logger.js';
import { createBody } from './support/meetings.js';
import { ACK, circulate, draft, POSITION, PROPOSE, REVISE } from './support/statements.js';
import { TestApp, type TestUser } from './support/test-app.js';
import { pageAll } from './support/pagination.js';

const CODES = ['AT', 'BE', 'BG', 'CZ', 'DE', 'EE'];

/**
 * The statements' connections page through ties in their sort key and through row counts that are
 * exact multiples of the page size; nested fields load through DataLoaders, so a request's SQL does
 * not grow with statements, versions, circulations, recipients, amendments or positions.
 */
describe('statement lists', () => {
  let app: TestApp;
  let clerk: TestUser;
  let organizer: TestUser;
  const delegates = new Map<string, TestUser>();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await TestApp.start({ worker: false, env: { GRAPHQL_MAX_COST: '1000000' } });
    clerk = await app.as(Role.CLERK);
    organizer = await app.as(Role.ORGANIZER);
    for (const code of CODES) {
      delegates.set(code, await app.as(Role.DELEGATE, code));
      ids[code] = (await app.delegation(code)).id;
    }
  });
  afterAll(() => app?.close());

  it('statements: six drafted in one instant, pages of two, three and six', async () => {
    const body = await createBody(organizer, app, { members: ['AT'] });
    const created = new Set<string>();
    for (let i = 0; i < 6; i++) created.add((await draft(clerk, { bodyId: body.id, title: `Tie ${i}` })).id);
    await app.dataSource.query(`UPDATE statements SET created_at = '2030-01-01T00:00:00Z' WHERE body_id = $1`, [body.id]);
    for (const size of [2, 3, 6, 4]) expect(new Set(await pageAll(clerk.client, 'statements', size, `, filter: { bodyId: "${body.id}" }`))).toEqual(created);
    // A delegate of the member delegation pages through the same six (LIMITE, visible to members).
    expect(new Set(await pageAll(delegates.get('AT')!.client, 'statements', 3, `, filter: { bodyId: "${body.id}" }`))).toEqual(created);
  });

  it('myCirculations: six with the same deadline (and six without), pages of three and four', async () => {
    const body = await createBody(organizer, app, { members: ['BE'] });
    const deadline = new Date(Date.now() + 30 * 86_400_000);
    for (let i = 0; i < 12; i++) {
      const s = await draft(clerk, { bodyId: body.id, title: `Circulated ${i}` });
      await circulate(clerk, s, { deadline: i < 6 ? deadline : undefined, purpose: 'INFORMATION' });
    }
    const be = delegates.get('BE')!;
    for (const size of [3, 4, 6, 12]) expect(await pageAll(be.client, 'myCirculations', size, ', pendingOnly: true')).toHaveLength(12);
  });

  /** `n` statements of a body of `n` delegations, each version circulated to all, each delegation answering. */
  async function scenario(n: number): Promise<string> {
    const codes = CODES.slice(0, n);
    const body = await createBody(organizer, app, { members: codes, name: `Statements of ${n}` });
    for (let i = 0; i < n; i++) {
      const s = await draft(clerk, { bodyId: body.id, title: `Statement ${i} of ${n}` });
      const c = await circulate(clerk, s);
      for (const code of codes) {
        const u = delegates.get(code)!;
        await u.client.data(ACK, { i: { circulationId: c.id, delegationId: ids[code] } });
        await u.client.data(POSITION, { i: { statementId: s.id, versionId: s.currentVersion.id, delegationId: ids[code], stance: 'SUPPORT' } });
        await u.client.data(PROPOSE, {
          i: { statementId: s.id, versionId: s.currentVersion.id, delegationId: ids[code], paragraphKey: 'g1', action: 'DELETE', rationale: 'r' },
        });
      }
      await clerk.client.data(REVISE, {
        i: { statementId: s.id, baseVersionId: s.currentVersion.id, paragraphs: [{ key: 'g1', kind: 'GOAL', text: `Revised ${i}` }] },
      });
    }
    return body.id;
  }

  async function statements(bodyId: string, n: number): Promise<number> {
    const logger = app.dataSource.logger as QueryCountingLogger;
    const before = logger.statements;
    const { statements: list } = await clerk.client.data(
      `query($body: ID!) { statements(first: 10, filter: { bodyId: $body }) { totalCount edges { node {
          reference body { name } createdBy { name }
          versions { label author { name } appliedAmendments { id } }
          currentVersion { number }
          circulations { purpose version { label } statement { reference } recipients { status late delegation { code } acknowledgedBy { name } circulation { id } } }
          amendments { status delegation { code } version { number } appliedInVersion { number } }
          positions { stance delegation { code } recordedBy { name } }
          consensus { holds entries { stance delegation { code } } }
      } } } }`,
      { body: bodyId },
    );
    const spent = logger.statements - before;
    expect(list.totalCount).toBe(n);
    for (const { node } of list.edges) {
      expect(node.versions).toHaveLength(2);
      expect(node.circulations[0].recipients).toHaveLength(n);
      expect(node.amendments).toHaveLength(n);
      expect(node.consensus.entries).toHaveLength(n);
    }
    return spent;
  }

  it('spends the same SQL for 2 and for 5 statements, delegations, recipients, amendments and positions', async () => {
    const small = await statements(await scenario(2), 2);
    const large = await statements(await scenario(5), 5);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(25);
  });
});
