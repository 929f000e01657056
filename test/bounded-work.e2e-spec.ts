import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { contentHash } from '../src/statements/core/paragraphs.js';
import { TextMax } from '../src/statements/core/text-limits.js';
import { createBody } from './support/meetings.js';
import { circulate, DECIDE, draft, PROPOSE, REVISE } from './support/statements.js';
import { TestApp, type TestUser } from './support/test-app.js';
import { ADD_TRANSLATION } from './support/translations.js';

/**
 * Bounded work per request (issue 15 §2): a diff of the largest texts never holds the event loop
 * (the API, the in-process worker and /health share it), and texts over the limits are refused.
 * Time bounds here are the acceptance bounds (2 s, 60 s), measured in this process with
 * generous margins, not speed assertions: the code holds the loop for tens of milliseconds at most.
 */
describe('bounded work per request', () => {
  let app: TestApp;
  let clerk: TestUser;
  let dk: TestUser;
  let body: { id: string };
  let dkId: string;

  const WORDS =
    'victims identification protection offenders investigation prosecution awareness children parents educators images online availability cooperation partners alliance'.split(
      ' ',
    );
  /** Statement-like text, different for each seed (a rewrite shares only short runs of words). */
  const prose = (seed: number, length: number) => {
    let out = '';
    for (let i = seed + 1; out.length < length; i = (i * 1103515245 + 12345) % 2 ** 31) out += `${WORDS[(i >>> 16) % WORDS.length]} `;
    return `${out.slice(0, length - 1).trim()}.`;
  };
  const paragraphs = (count: number, length: number, seed = 0) =>
    Array.from({ length: count }, (_, i) => ({ key: `p${i + 1}`, kind: 'OPERATIVE', text: prose(seed + i, length) }));

  /** Runs `work` while measuring this process's event-loop delay and polling /health every 50 ms. */
  async function underWatch<T>(work: () => Promise<T>): Promise<{ result: T; loopMaxMs: number; polls: number[] }> {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const polls: number[] = [];
    let watching = true;
    const poller = (async () => {
      while (watching) {
        // Generous: a poll that does not answer at all within 30 s is what fails the test.
        polls.push(
          await fetch(`${app.url}/health`, { signal: AbortSignal.timeout(30_000) }).then(
            (r) => r.status,
            () => 0,
          ),
        );
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    try {
      const result = await work();
      return { result, loopMaxMs: loop.max / 1e6, polls };
    } finally {
      watching = false;
      await poller;
      loop.disable();
    }
  }

  beforeAll(async () => {
    app = await TestApp.start(); // with the in-process worker: it shares the event loop too
    const organizer = await app.as(Role.ORGANIZER);
    clerk = await app.as(Role.CLERK);
    dk = await app.as(Role.DELEGATE, 'DK');
    body = await createBody(organizer, app, { name: 'EU-US JHA Ministerial', members: ['DK'], jha: true, kind: 'MINISTERIAL' });
    dkId = (await app.delegation('DK')).id;
  }, 60_000);
  afterAll(() => app?.close());

  it('answers three aliased diffs of six rewritten 19,000-character paragraphs without holding the event loop; /health answers throughout', async () => {
    const s = await draft(clerk, { bodyId: body.id, paragraphs: paragraphs(6, 19_000) });
    const { reviseStatement } = await clerk.client.data(REVISE, {
      i: { statementId: s.id, baseVersionId: s.currentVersion.id, paragraphs: paragraphs(6, 19_000, 100) },
    });
    const query = `query($id: ID!, $v: ID!) { statement(id: $id) { currentVersion { a: diff(against: $v) { key type } b: diff(against: $v) { key type } c: diff(against: $v) { key type } } } }`;

    await app.anonymous.get('/metrics'); // a scrape resets the lag gauges: the next one covers the diff alone
    const watched = await underWatch(() =>
      fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk.token}` },
        body: JSON.stringify({ query, variables: { id: s.id, v: s.currentVersion.id } }),
        signal: AbortSignal.timeout(60_000), // the acceptance bound: a result or a clear error within 60 s
      }).then((r) => r.json() as Promise<{ data?: any; errors?: unknown[] }>),
    );

    expect(watched.result.errors).toBeUndefined();
    const version = watched.result.data.statement.currentVersion;
    for (const alias of ['a', 'b', 'c']) expect(version[alias]).toEqual([1, 2, 3, 4, 5, 6].map((n) => ({ key: `p${n}`, type: 'CHANGED' })));
    expect(reviseStatement.currentVersion.id).not.toBe(s.currentVersion.id);
    // Every /health poll answered 200, and the loop was never held for the acceptance bound of 2 s
    // (before the fix: one alias alone held it for about 10 s).
    expect(watched.polls.length).toBeGreaterThan(0);
    expect(watched.polls.every((status) => status === 200)).toBe(true);
    expect(watched.loopMaxMs).toBeLessThan(2_000);

    // /metrics shows the lag since the last scrape.
    const lagMax = /^concordia_nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(await (await app.anonymous.get('/metrics')).text());
    expect(lagMax).not.toBeNull();
    expect(Number(lagMax![1])).toBeLessThan(2);

    // What the client is shown: each rewritten paragraph coarse, its whole old text deleted and new text inserted.
    const { statement } = await clerk.client.data(
      `query($id: ID!, $v: ID!) { statement(id: $id) { currentVersion { diff(against: $v) { key coarse oldText newText words { op text } } } } }`,
      {
        id: s.id,
        v: s.currentVersion.id,
      },
    );
    for (const change of statement.currentVersion.diff) {
      expect(change.coarse).toBe(true);
      expect(change.words).toEqual([
        { op: 'DELETE', text: change.oldText },
        { op: 'INSERT', text: change.newText },
      ]);
    }
  }, 120_000);

  it('keeps the word diff of a paragraph with a few changed words, not coarse', async () => {
    const v1 = paragraphs(2, 19_000, 7);
    const s = await draft(clerk, { bodyId: body.id, paragraphs: v1 });
    const v2 = [{ ...v1[0], text: v1[0].text.replace(/^\S+/, 'Survivors') }, v1[1]];
    await clerk.client.data(REVISE, { i: { statementId: s.id, baseVersionId: s.currentVersion.id, paragraphs: v2 } });
    const { statement } = await clerk.client.data(
      `query($id: ID!, $v: ID!) { statement(id: $id) { currentVersion { diff(against: $v) { key coarse words { op text } } } } }`,
      {
        id: s.id,
        v: s.currentVersion.id,
      },
    );
    expect(statement.currentVersion.diff).toHaveLength(1);
    expect(statement.currentVersion.diff[0]).toMatchObject({ key: 'p1', coarse: false });
    expect(statement.currentVersion.diff[0].words.filter((w: any) => w.op !== 'EQUAL')).toEqual([
      { op: 'DELETE', text: v1[0].text.split(' ')[0] },
      { op: 'INSERT', text: 'Survivors' },
    ]);
  });

  it('bounds the diff of versions written before the limits (paragraphs of 60,000 characters inserted in SQL)', async () => {
    const s = await draft(clerk, { bodyId: body.id, paragraphs: paragraphs(4, 19_000, 40) });
    // A row as an older release could have stored it: the inputs now refuse it, the UPDATE trigger does not concern inserts.
    const huge = paragraphs(4, 60_000, 60);
    await app.dataSource.query(
      `INSERT INTO statement_versions (id, statement_id, number, paragraphs, content_hash, base_version_id, author_id) VALUES ($1, $2, 2, $3::jsonb, $4, $5, $6)`,
      [randomUUID(), s.id, JSON.stringify(huge), contentHash(huge as never), s.currentVersion.id, clerk.user.id],
    );
    const [{ id: hugeId }] = await app.dataSource.query(`SELECT id FROM statement_versions WHERE statement_id = $1 AND number = 2`, [s.id]);
    // The current version is still version 1 (the row above did not move it): diff it against the huge one.
    const watched = await underWatch(() =>
      clerk.client.request(`query($id: ID!, $v: ID!) { statement(id: $id) { currentVersion { diff(against: $v) { key type } } } }`, { id: s.id, v: hugeId }),
    );
    expect(watched.result.errors).toBeUndefined();
    expect((watched.result.data as any).statement.currentVersion.diff).toEqual([1, 2, 3, 4].map((n) => ({ key: `p${n}`, type: 'CHANGED' })));
    expect(watched.polls.every((status) => status === 200)).toBe(true);
    expect(watched.loopMaxMs).toBeLessThan(2_000);
  }, 120_000);

  it('refuses paragraphs over 20,000 characters and versions over 200,000, in drafts, revisions, amendments and translations, naming the field', async () => {
    const DRAFT = 'mutation($i: DraftStatementInput!) { draftStatement(input: $i) { id } }';
    const before = await app.count('statement_versions');
    const long = 'x'.repeat(TextMax.PARAGRAPH_CHARS + 1);
    await clerk.client.error(
      DRAFT,
      { i: { bodyId: body.id, title: 'Too long', paragraphs: [{ kind: 'GOAL', text: long }] } },
      'BAD_USER_INPUT',
      'paragraphs.0.text',
    );
    // 11 × 19,000 = 209,000 characters.
    await clerk.client.error(DRAFT, { i: { bodyId: body.id, title: 'Too long', paragraphs: paragraphs(11, 19_000) } }, 'BAD_USER_INPUT', 'paragraphs');

    // The largest version there may be: 11 × 18,000 = 198,000 characters.
    const s = await draft(clerk, { bodyId: body.id, paragraphs: paragraphs(11, 18_000) });
    await clerk.client.error(
      REVISE,
      { i: { statementId: s.id, baseVersionId: s.currentVersion.id, paragraphs: paragraphs(11, 19_000, 5) } },
      'BAD_USER_INPUT',
      'paragraphs',
    );
    const translation = (length: number) => ({
      versionId: s.currentVersion.id,
      language: 'fr',
      paragraphs: paragraphs(11, length, 9).map(({ key, text }) => ({ key, text })),
    });
    await clerk.client.error(ADD_TRANSLATION, { i: translation(19_000) }, 'BAD_USER_INPUT', 'paragraphs');
    await clerk.client.error(ADD_TRANSLATION, { i: { ...translation(100), paragraphs: [{ key: 'p1', text: long }] } }, 'BAD_USER_INPUT', 'paragraphs.0.text');
    expect(await app.count('statement_translations', 'version_id = $1', [s.currentVersion.id])).toBe(0);

    await circulate(clerk, s, { delegationIds: [dkId] });
    const propose = (text: string, action = 'INSERT_AFTER') => ({
      i: { statementId: s.id, versionId: s.currentVersion.id, delegationId: dkId, paragraphKey: 'p1', action, text, rationale: 'Clearer' },
    });
    await dk.client.error(PROPOSE, propose(long, 'REPLACE'), 'BAD_USER_INPUT', 'text');
    // 198,000 + 2,001 would be over 200,000.
    await dk.client.error(PROPOSE, propose('y'.repeat(2_001)), 'BAD_USER_INPUT', 'text');
    // Each of two insertions of 1,500 fits alone; applying both would make 201,000.
    const accepted: string[] = [];
    for (const seed of [1, 2]) {
      const { proposeAmendment } = await dk.client.data(PROPOSE, propose(prose(seed, 1_500)));
      await clerk.client.data(DECIDE, { i: { amendmentId: proposeAmendment.id, decision: 'ACCEPTED' } });
      accepted.push(proposeAmendment.id);
    }
    await clerk.client.error(
      REVISE,
      { i: { statementId: s.id, baseVersionId: s.currentVersion.id, applyAmendmentIds: accepted } },
      'BAD_USER_INPUT',
      'applyAmendmentIds',
    );
    await clerk.client.data(REVISE, { i: { statementId: s.id, baseVersionId: s.currentVersion.id, applyAmendmentIds: [accepted[0]] } });
    expect(await app.count('statement_versions')).toBe(before + 2); // the large draft and its one revision
  }, 120_000);
});
