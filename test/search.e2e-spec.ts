import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { createItem } from './support/action-items.js';
import { createBody, hoursFromNow, invite, scheduleMeeting } from './support/meetings.js';
import { pageAll } from './support/pagination.js';
import { circulate, draft, REVISE } from './support/statements.js';
import { TestApp, type TestUser } from './support/test-app.js';

const SEARCH = `query($q: String!, $first: Int, $after: String) { search(query: $q, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id kind score snippet statement { id title } meeting { id title } actionItem { id title } } } } }`;

/**
 * Global search through the real app: the three kinds, ranking, each reader's visibility (a
 * RESTRICTED text stays hidden from delegations it was not circulated to; observers see PUBLIC texts
 * only), every version's text, the statement's own language, keyset pagination over ties, the
 * GIN indexes.
 */
describe('global search', () => {
  let app: TestApp;
  let clerk: TestUser;
  let organizer: TestUser;
  let dk: TestUser;
  let fr: TestUser;
  let observer: TestUser;
  const ids: Record<string, string> = {};
  let bodyId: string;
  const s: Record<string, Record<string, any>> = {};
  let meetingId: string;

  const hits = async (who: TestUser, q: string, first = 50): Promise<any[]> =>
    (await who.client.data(SEARCH, { q, first })).search.edges.map((e: any) => e.node);
  const goal = (text: string) => [{ key: 'g1', kind: 'GOAL', text }];

  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
    organizer = await app.as(Role.ORGANIZER);
    clerk = await app.as(Role.CLERK);
    dk = await app.as(Role.DELEGATE, 'DK', DelegateRole.HEAD_OF_DELEGATION);
    fr = await app.as(Role.DELEGATE, 'FR', DelegateRole.HEAD_OF_DELEGATION);
    observer = await app.as(Role.OBSERVER, 'DK');
    for (const code of ['DK', 'FR']) ids[code] = (await app.delegation(code)).id;
    bodyId = (await createBody(organizer, app, { name: 'JHA Council', members: ['DK', 'FR'] })).id;

    // Ranking: the word in the title weighs more than in the text.
    s.titled = await draft(clerk, {
      bodyId,
      title: 'Cybercrime and child protection',
      classification: 'PUBLIC',
      paragraphs: goal('Improve cooperation between police forces.'),
    });
    s.texted = await draft(clerk, { bodyId, title: 'Police cooperation', classification: 'LIMITE', paragraphs: goal('Fight cybercrime together.') });
    // Old versions count: "grooming" is only in version 1.
    s.revised = await draft(clerk, { bodyId, title: 'Online safety', classification: 'LIMITE', paragraphs: goal('Criminalise online grooming of children.') });
    await clerk.client.data(REVISE, {
      i: { statementId: s.revised.id, baseVersionId: s.revised.currentVersion.id, paragraphs: goal('Criminalise the solicitation of children.') },
    });
    // RESTRICTED, circulated to DK only.
    s.restricted = await draft(clerk, {
      bodyId,
      title: 'Confidential note',
      classification: 'RESTRICTED',
      paragraphs: goal('The zanzibar protocol stays between us.'),
    });
    await circulate(clerk, s.restricted, { delegationIds: [ids.DK] });
    // The same French sentence, once in French and once (wrongly) declared English.
    const french = goal('Nous renforcerons la protection des enfants victimes.');
    s.french = await draft(clerk, { bodyId, title: 'Déclaration commune', classification: 'LIMITE', paragraphs: french, language: 'fr' });
    s.notFrench = await draft(clerk, { bodyId, title: 'Joint declaration', classification: 'LIMITE', paragraphs: french });

    const meeting = await scheduleMeeting(organizer, { bodyId, title: 'Ministerial on cybercrime', startsAt: hoursFromNow(24 * 30) });
    await invite(organizer, meeting.id, [ids.DK]);
    meetingId = meeting.id;
    await createItem(clerk, { title: 'Cybercrime training for judges', ownerDelegationId: ids.DK, description: 'Two sessions' });
    for (let i = 0; i < 7; i++) await createItem(clerk, { title: 'Tiebreak checklist', ownerDelegationId: ids.DK });
  }, 60_000);
  afterAll(() => app?.close());

  it('finds statements, meetings and action items in one list, best first, with snippets', async () => {
    const found = await hits(dk, 'cybercrime');
    expect(found.map((h) => h.kind).sort()).toEqual(['ACTION_ITEM', 'MEETING', 'STATEMENT', 'STATEMENT']);
    const scores = found.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // Title (weight A) before body text (weight B).
    const statements = found.filter((h) => h.kind === 'STATEMENT').map((h) => h.statement.id);
    expect(statements).toEqual([s.titled.id, s.texted.id]);
    const byKind = Object.fromEntries(found.map((h) => [h.kind === 'STATEMENT' ? h.statement.id : h.kind, h]));
    expect(byKind.MEETING.meeting).toEqual({ id: meetingId, title: 'Ministerial on cybercrime' });
    expect(byKind.MEETING.statement).toBeNull();
    expect(byKind.ACTION_ITEM.actionItem.title).toBe('Cybercrime training for judges');
    expect(byKind[s.texted.id].snippet).toContain('«cybercrime»');
    expect(byKind.MEETING.snippet).toContain('«cybercrime»');
  });

  it('shows each reader only what they may open', async () => {
    // RESTRICTED: found by the delegation it was circulated to, by the secretariat; not by FR, not by observers.
    expect((await hits(dk, 'zanzibar')).map((h) => h.id)).toEqual([s.restricted.id]);
    expect((await hits(clerk, 'zanzibar')).map((h) => h.id)).toEqual([s.restricted.id]);
    expect(await hits(fr, 'zanzibar')).toEqual([]);
    expect(await hits(observer, 'zanzibar')).toEqual([]);
    // Observers: PUBLIC statements only; FR is not invited to the meeting and does not own the item.
    expect((await hits(observer, 'cybercrime')).filter((h) => h.kind === 'STATEMENT').map((h) => h.id)).toEqual([s.titled.id]);
    expect((await hits(fr, 'cybercrime')).map((h) => h.kind).sort()).toEqual(['STATEMENT', 'STATEMENT']);
  });

  it('searches every version’s text, and a statement in its own language', async () => {
    expect((await hits(dk, 'grooming')).map((h) => h.id)).toEqual([s.revised.id]);
    expect((await hits(dk, 'solicitation')).map((h) => h.id)).toEqual([s.revised.id]);
    // "renforcer" and "renforcerons" share their French stem; English stemming keeps them apart.
    const french = await hits(dk, 'renforcer');
    expect(french.map((h) => h.id)).toEqual([s.french.id]);
    expect(french[0].snippet).toContain('«renforcerons»');
    expect((await hits(dk, 'déclaration')).map((h) => h.id)).toEqual([s.french.id]);
  });

  it('pages by relevance then id, ties included, with no hit twice or skipped', async () => {
    const all = await pageAll(dk.client, 'search', 3, ', query: "tiebreak checklist"');
    expect(all).toHaveLength(7);
    const { search } = await dk.client.data(SEARCH, { q: 'tiebreak checklist', first: 7 });
    expect(new Set(search.edges.map((e: any) => e.node.score)).size).toBe(1);
    expect(search.edges.map((e: any) => e.node.id)).toEqual([...all]);
    expect([...all].sort().reverse()).toEqual(all); // equal scores: by id, descending
  });

  it('refuses empty, too short, wordless and forged input as BAD_USER_INPUT', async () => {
    for (const q of ['', ' ', 'a', '!!', 'x'.repeat(201)]) await dk.client.error(SEARCH, { q }, 'BAD_USER_INPUT', 'query');
    await dk.client.error(SEARCH, { q: 'cybercrime', after: 'forged' }, 'BAD_USER_INPUT', 'after');
  });

  it('answers from the GIN indexes, not by reading whole tables', async () => {
    const plan = async (sql: string) => {
      return app.dataSource.transaction(async (em) => {
        await em.query('SET LOCAL enable_seqscan = off');
        return (await em.query(`EXPLAIN ${sql}`, ['cybercrime'])).map((r: any) => r['QUERY PLAN']).join('\n');
      });
    };
    expect(
      await plan(
        `SELECT id FROM statement_versions v WHERE v.search_vector @@ multilingual_tsquery($1) AND v.search_vector @@ websearch_to_tsquery(text_search_config(v.search_language), $1)`,
      ),
    ).toContain('statement_versions_search');
    expect(await plan(`SELECT id FROM statements t WHERE t.search_vector @@ multilingual_tsquery($1)`)).toContain('statements_search');
    expect(await plan(`SELECT id FROM meetings m WHERE m.search_vector @@ websearch_to_tsquery('english', $1)`)).toContain('meetings_search');
    expect(await plan(`SELECT id FROM action_items ai WHERE ai.search_vector @@ websearch_to_tsquery('english', $1)`)).toContain('action_items_search');
  });
});
