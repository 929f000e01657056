import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadDemoData } from '../src/demo/load-demo-data.js';
import { GraphQLClient } from './support/graphql-client.js';
import { TestApp } from './support/test-app.js';

async function signIn(app: TestApp, email: string): Promise<GraphQLClient> {
  const { login } = await app.anonymous.data('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { email, password: 'concordia' } });
  return new GraphQLClient(app.url, login.accessToken);
}

/** The Global Alliance statement as circulated in June 2012, read back through the API. */
describe('demo data: the Global Alliance joint statement, June 2012', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ demo: true, worker: false });
  });
  afterAll(() => app?.close());

  it('has the first draft with four goals, the US amendment to goal 3, the revision taking it in, acknowledgments and positions', async () => {
    const clerk = await signIn(app, 'clerk@concordia.test');
    const { statements } = await clerk.data('{ statements(first: 10) { edges { node { id reference title status classification } } } }');
    const s = statements.edges.map((e: any) => e.node).find((n: any) => n.title === 'Global Alliance against Child Sexual Abuse Online');
    expect(s).toMatchObject({ reference: 'JHA 2012/001', status: 'PUBLISHED', classification: 'LIMITE' });

    const { statement } = await clerk.data(
      `query($id: ID!) { statement(id: $id) {
        versions { id number label paragraphs { key kind } }
        currentVersion { id appliedAmendments { delegation { code } paragraphKey } }
        amendments { status delegation { code } paragraphKey }
        circulations { purpose deadline status recipients { status delegation { code } acknowledgedAt } }
        positions { stance delegation { code } }
        history: positions(history: true) { stance current delegation { code } }
        consensus { holds entries { stance delegation { code } } } } }`,
      { id: s.id },
    );
    const [v1, v2] = statement.versions;
    expect(v1.paragraphs.filter((p: any) => p.kind === 'GOAL').map((p: any) => p.key)).toEqual(['g1', 'g2', 'g3', 'g4']);
    expect(v2.label).toBe('JHA 2012/001 REV 1');
    expect(statement.amendments).toEqual([{ status: 'ACCEPTED', delegation: { code: 'US' }, paragraphKey: 'g3' }]);
    expect(statement.currentVersion.appliedAmendments).toEqual([{ delegation: { code: 'US' }, paragraphKey: 'g3' }]);
    expect(statement.circulations.map((c: any) => [c.purpose, c.status])).toEqual([
      ['COMMENTS', 'CLOSED'],
      ['SILENCE', 'CLOSED'],
    ]);
    const acknowledged = statement.circulations[0].recipients
      .filter((r: any) => r.status === 'ACKNOWLEDGED')
      .map((r: any) => r.delegation.code)
      .sort();
    expect(acknowledged).toEqual(['COM', 'CY', 'DE', 'DK', 'US']);
    expect(Object.fromEntries(statement.positions.map((p: any) => [p.delegation.code, p.stance]))).toEqual({
      DK: 'SUPPORT',
      US: 'SUPPORT',
      COM: 'SUPPORT',
      DE: 'SUPPORT',
      CY: 'ABSTAIN',
    });
    expect(statement.history.filter((p: any) => p.delegation.code === 'DE').map((p: any) => [p.stance, p.current])).toEqual([
      ['SCRUTINY_RESERVATION', false],
      ['SUPPORT', true],
    ]);
    // Most member states never answered: under silence, that is agreement. Adopted at the deadline, the
    // eve of the Ministerial (midnight in Copenhagen), with no reservation left standing.
    expect(statement.consensus.holds).toBe(false);
    const { statement: adopted } = await clerk.data(
      'query($id: ID!) { statement(id: $id) { adoptedAt adoptionMethod adoptedVersion { id label } silenceProcedure { status deadline objection { reason } } adoptionReservations { stance } } }',
      { id: s.id },
    );
    expect(adopted).toEqual({
      adoptedAt: '2012-06-20T22:00:00.000Z',
      adoptionMethod: 'SILENCE',
      adoptedVersion: { id: v2.id, label: 'JHA 2012/001 REV 1' },
      silenceProcedure: { status: 'CONCLUDED', deadline: '2012-06-20T22:00:00.000Z', objection: null },
      adoptionReservations: [],
    });

    const { statement: diffed } = await clerk.data('query($id: ID!, $v: ID!) { statement(id: $id) { currentVersion { diff(against: $v) { key type } } } }', {
      id: s.id,
      v: v1.id,
    });
    expect(diffed.currentVersion.diff).toEqual([{ key: 'g3', type: 'CHANGED' }]);
    // Any two versions: one by id, against another; the same change the other way round.
    const { statement: older } = await clerk.data(
      'query($id: ID!, $v1: ID!, $v2: ID!) { statement(id: $id) { version(id: $v1) { label diff(against: $v2) { key type } } other: version(id: "00000000-0000-4000-8000-000000000000") { id } } }',
      { id: s.id, v1: v1.id, v2: v2.id },
    );
    expect(older).toEqual({ version: { label: 'JHA 2012/001', diff: [{ key: 'g3', type: 'CHANGED' }] }, other: null });

    // Its four goals are commitments, and the follow-up items serve them: the progress report per goal and delegation.
    const { statement: followUp } = await clerk.data(
      `query($id: ID!) { statement(id: $id) { commitments { paragraphKey ordinal }
        implementation { commitment { paragraphKey } total done open overdue delegations { delegation { code } total done open overdue } } } }`,
      { id: s.id },
    );
    expect(followUp.commitments).toEqual([1, 2, 3, 4].map((n) => ({ paragraphKey: `g${n}`, ordinal: n })));
    const report = Object.fromEntries(
      followUp.implementation.map((g: any) => [
        g.commitment.paragraphKey,
        { total: g.total, done: g.done, open: g.open, overdue: g.overdue, by: g.delegations.map((d: any) => d.delegation.code).sort() },
      ]),
    );
    expect(report).toEqual({
      g1: { total: 3, done: 2, open: 1, overdue: 0, by: ['DK', 'SE', 'US'] },
      g2: { total: 1, done: 0, open: 1, overdue: 1, by: ['FR'] },
      g3: { total: 2, done: 0, open: 2, overdue: 1, by: ['DE', 'US'] },
      g4: { total: 1, done: 0, open: 1, overdue: 1, by: ['NL'] },
    });
    const [{ linked }] = await app.dataSource.query('SELECT count(*)::int AS linked FROM action_items WHERE commitment_id IS NOT NULL');
    expect(linked).toBe(7);

    // Published in English and French: the public read serves each language.
    const fr = await (await app.anonymous.get('/statements/12-784?lang=fr')).json();
    expect(fr).toMatchObject({ language: 'fr', title: 'Alliance mondiale contre les abus sexuels commis contre des enfants en ligne' });
    expect(fr.paragraphs.map((p: any) => p.key)).toEqual(v2.paragraphs.map((p: any) => p.key));
    expect(fr.paragraphs.find((p: any) => p.key === 'g3').text).toContain('condamner les auteurs');
    const { statement: translated } = await clerk.data('query($id: ID!) { statement(id: $id) { adoptedVersion { translations { language outdated } } } }', {
      id: s.id,
    });
    expect(translated.adoptedVersion.translations).toEqual([{ language: 'fr', outdated: false }]);

    // The US delegate, a recipient of this LIMITE text, reads it; loading the demo again changes nothing.
    const us = await signIn(app, 'delegate.us@concordia.test');
    expect((await us.data('query($id: ID!) { statement(id: $id) { id } }', { id: s.id })).statement.id).toBe(s.id);
    expect(await loadDemoData(app.dataSource, 'concordia')).toBe(0);
    expect(await app.count('statements')).toBe(1);
  });
});
