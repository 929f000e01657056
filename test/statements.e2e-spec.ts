import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { DelegationKind } from '../src/delegations/delegation-kind.enum.js';
import { createBody } from './support/meetings.js';
import { ACK, circulate, DECIDE, draft, GLOBAL_ALLIANCE_PARAGRAPHS, POSITION, PROPOSE, REVISE, WITHDRAW } from './support/statements.js';
import { TestApp, type TestUser } from './support/test-app.js';

/**
 * Drafting, versions and diffs, amendments, positions and the reading rules, through GraphQL
 * against the real app (no worker needed: circulation delivery is tested in circulation.e2e-spec).
 */
describe('joint statements', () => {
  let app: TestApp;
  let organizer: TestUser;
  let clerk: TestUser;
  let dk: TestUser; // member state, body member
  let fr: TestUser; // member state, body member
  let com: TestUser; // EU institution, not a body member
  let us: TestUser; // third country, not a body member
  let observer: TestUser;
  let body: { id: string };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
    await app.delegation('COM', { kind: DelegationKind.EU_INSTITUTION });
    await app.delegation('US', { kind: DelegationKind.THIRD_COUNTRY });
    organizer = await app.as(Role.ORGANIZER);
    clerk = await app.as(Role.CLERK);
    dk = await app.as(Role.DELEGATE, 'DK');
    fr = await app.as(Role.DELEGATE, 'FR');
    com = await app.as(Role.DELEGATE, 'COM');
    us = await app.as(Role.DELEGATE, 'US');
    observer = await app.as(Role.OBSERVER, 'DK');
    body = await createBody(organizer, app, { name: 'EU-US JHA Ministerial', members: ['DK', 'FR'], jha: true, kind: 'MINISTERIAL' });
    for (const code of ['DK', 'FR', 'COM', 'US']) ids[code] = (await app.delegation(code)).id;
  });
  afterAll(() => app?.close());

  it('drafts version 1 with a reference of the body’s series and year, the content hash and an audit event, in one transaction', async () => {
    const s = await draft(clerk, { bodyId: body.id });
    const year = new Date().getUTCFullYear();
    expect(s.reference).toMatch(new RegExp(`^JHA ${year}/\\d{3}$`));
    expect(s).toMatchObject({ status: 'DRAFTING', classification: 'LIMITE', language: 'en' });
    expect(s.currentVersion).toMatchObject({ number: 1, label: s.reference });
    expect(s.currentVersion.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(s.currentVersion.paragraphs.map((p: any) => p.key)).toEqual(GLOBAL_ALLIANCE_PARAGRAPHS.map((p) => p.key));
    expect(await app.count('statement_versions', 'statement_id = $1', [s.id])).toBe(1);
    expect(await app.count('audit_events', `entity_id = $1 AND action = 'statement.drafted'`, [s.id])).toBe(1);
  });

  it('gives 20 concurrent drafts in one body and year 20 distinct consecutive references', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        clerk.client.request(`mutation($i: DraftStatementInput!) { draftStatement(input: $i) { id reference } }`, {
          i: { bodyId: body.id, title: `Concurrent ${i}`, paragraphs: [{ kind: 'OPERATIVE', text: `Text ${i}` }] },
        }),
      ),
    );
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const numbers = results.map((r) => Number((r.data as any).draftStatement.reference.split('/')[1])).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers.at(-1)! - numbers[0]).toBe(19);
    const [{ max }] = await app.dataSource.query(`SELECT max(reference_number)::int AS max FROM statements WHERE body_id = $1`, [body.id]);
    expect(max).toBe(numbers.at(-1));
    expect(await app.count('statements', 'body_id = $1', [body.id])).toBe(max); // no gaps from the first one on
  });

  it('refuses bad drafts with the field at fault and writes nothing', async () => {
    const before = await app.count('statements');
    await clerk.client.error(
      'mutation($i: DraftStatementInput!) { draftStatement(input: $i) { id } }',
      { i: { bodyId: body.id, title: 'x', paragraphs: [] } },
      'BAD_USER_INPUT',
      'paragraphs',
    );
    await clerk.client.error(
      'mutation($i: DraftStatementInput!) { draftStatement(input: $i) { id } }',
      {
        i: {
          bodyId: body.id,
          title: 'x',
          paragraphs: [
            { key: 'a', kind: 'GOAL', text: 'one' },
            { key: 'a', kind: 'GOAL', text: 'two' },
          ],
        },
      },
      'BAD_USER_INPUT',
      'paragraphs.1.key',
    );
    await dk.client.error(
      'mutation($i: DraftStatementInput!) { draftStatement(input: $i) { id } }',
      { i: { bodyId: body.id, title: 'x', paragraphs: [{ kind: 'GOAL', text: 'g' }] } },
      'FORBIDDEN',
    );
    expect(await app.count('statements')).toBe(before);
    expect(await app.count('statement_reference_counters')).toBe(1);
  });

  it('revises into a new immutable version; a stale base is a CONFLICT; the diff reports the changed paragraph word by word', async () => {
    const s = await draft(clerk, { bodyId: body.id });
    const v1 = s.currentVersion;
    const paragraphs = GLOBAL_ALLIANCE_PARAGRAPHS.map((p) =>
      p.key === 'g2' ? { ...p, text: 'Enhance joint efforts to investigate cases of child sexual abuse online and to identify and prosecute offenders.' } : p,
    );
    const { reviseStatement: r } = await clerk.client.data(REVISE, { i: { statementId: s.id, baseVersionId: v1.id, paragraphs } });
    expect(r.currentVersion).toMatchObject({ number: 2, label: `${s.reference} REV 1` });
    expect(r.currentVersion.contentHash).not.toBe(v1.contentHash);

    await clerk.client.error(REVISE, { i: { statementId: s.id, baseVersionId: v1.id, paragraphs } }, 'CONFLICT');
    expect(await app.count('statement_versions', 'statement_id = $1', [s.id])).toBe(2);

    const { statement } = await clerk.client.data(
      `query($id: ID!, $against: ID!) { statement(id: $id) { versions { number contentHash author { id } } currentVersion { diff(against: $against) { key type fromPosition toPosition moved words { op text } } } } }`,
      {
        id: s.id,
        against: v1.id,
      },
    );
    expect(statement.versions.map((v: any) => v.number)).toEqual([1, 2]);
    expect(statement.versions[0].author.id).toBe(clerk.user.id);
    expect(statement.currentVersion.diff).toEqual([
      {
        key: 'g2',
        type: 'CHANGED',
        fromPosition: 3,
        toPosition: 3,
        moved: false,
        words: [
          { op: 'EQUAL', text: 'Enhance ' },
          { op: 'INSERT', text: 'joint ' },
          { op: 'EQUAL', text: 'efforts to investigate cases of child sexual abuse online and to identify and prosecute offenders.' },
        ],
      },
    ]);
    // The table itself refuses an edit of a version.
    await expect(app.dataSource.query(`UPDATE statement_versions SET paragraphs = '[]' WHERE id = $1`, [v1.id])).rejects.toThrow(/immutable/);
  });

  it('hides a LIMITE statement — its versions, diffs, amendments and positions — from a third-country delegate who is not a recipient, and from observers', async () => {
    const s = await draft(clerk, { bodyId: body.id, classification: 'LIMITE' });
    const q = `query($id: ID!) { statement(id: $id) { id currentVersion { id } } }`;
    for (const reader of [dk, fr, com, organizer, clerk]) expect((await reader.client.data(q, { id: s.id })).statement.id).toBe(s.id);
    for (const reader of [us, observer]) await reader.client.error(q, { id: s.id }, 'NOT_FOUND');
    const list = async (u: TestUser) =>
      (await u.client.data('query($b: ID!) { statements(filter: { bodyId: $b }, first: 100) { totalCount edges { node { id } } } }', { b: body.id }))
        .statements;
    expect((await list(us)).edges.map((e: any) => e.node.id)).not.toContain(s.id);
    expect((await list(dk)).edges.map((e: any) => e.node.id)).toContain(s.id);

    // Circulated to the members only: the US still cannot see it nor answer on it.
    const c = await circulate(clerk, s);
    await us.client.error(ACK, { i: { circulationId: c.id, delegationId: ids.US } }, 'NOT_FOUND');
    await us.client.error(POSITION, { i: { statementId: s.id, versionId: s.currentVersion.id, delegationId: ids.US, stance: 'SUPPORT' } }, 'NOT_FOUND');
    await us.client.error(
      PROPOSE,
      { i: { statementId: s.id, versionId: s.currentVersion.id, delegationId: ids.US, paragraphKey: 'g1', action: 'DELETE', rationale: 'r' } },
      'NOT_FOUND',
    );

    // Once it is circulated to the US as well, the US reads it.
    await circulate(clerk, s, { delegationIds: [ids.US] });
    expect((await us.client.data(q, { id: s.id })).statement.id).toBe(s.id);
  });

  it('shows a RESTRICTED statement only to the delegations it was circulated to', async () => {
    const s = await draft(clerk, { bodyId: body.id, classification: 'RESTRICTED' });
    const q = `query($id: ID!, $v: ID!) { statement(id: $id) { id amendments { id } positions(versionId: $v) { id } currentVersion { diff(against: $v) { key } } } }`;
    for (const reader of [dk, fr, com, us, observer]) await reader.client.error(q, { id: s.id, v: s.currentVersion.id }, 'NOT_FOUND');
    await clerk.client.error(
      'mutation($i: CirculateStatementInput!) { circulateStatement(input: $i) { id } }',
      { i: { statementId: s.id, versionId: s.currentVersion.id, purpose: 'COMMENTS' } },
      'BAD_USER_INPUT',
      'delegationIds',
    );
    const c = await circulate(clerk, s, { delegationIds: [ids.US] });
    expect((await us.client.data(q, { id: s.id, v: s.currentVersion.id })).statement.id).toBe(s.id);
    for (const reader of [dk, fr, com]) await reader.client.error(q, { id: s.id, v: s.currentVersion.id }, 'NOT_FOUND');
    await dk.client.error(ACK, { i: { circulationId: c.id, delegationId: ids.DK } }, 'NOT_FOUND');
    const { acknowledgeCirculation } = await us.client.data(ACK, { i: { circulationId: c.id, delegationId: ids.US } });
    expect(acknowledgeCirculation).toMatchObject({ status: 'ACKNOWLEDGED', late: false, delegation: { code: 'US' }, acknowledgedBy: { id: us.user.id } });
  });

  it('circulates only the current version, not for SILENCE (next stage), with a deadline ahead; nothing written otherwise', async () => {
    const s = await draft(clerk, { bodyId: body.id });
    const CIRC = 'mutation($i: CirculateStatementInput!) { circulateStatement(input: $i) { id } }';
    const before = await app.count('circulations');
    await clerk.client.error(CIRC, { i: { statementId: s.id, versionId: s.currentVersion.id, purpose: 'SILENCE' } }, 'BAD_USER_INPUT', 'purpose');
    await clerk.client.error(
      CIRC,
      { i: { statementId: s.id, versionId: s.currentVersion.id, purpose: 'COMMENTS', deadline: new Date(Date.now() - 1000) } },
      'BAD_USER_INPUT',
      'deadline',
    );
    await clerk.client.data(REVISE, {
      i: { statementId: s.id, baseVersionId: s.currentVersion.id, paragraphs: [{ key: 'g1', kind: 'GOAL', text: 'Only goal.' }] },
    });
    await clerk.client.error(CIRC, { i: { statementId: s.id, versionId: s.currentVersion.id, purpose: 'COMMENTS' } }, 'CONFLICT');
    expect(await app.count('circulations')).toBe(before);
    // Every circulation has its delivery jobs in the outbox, and the refused ones left none.
    const [jobs] = await app.dataSource.query(
      `SELECT (SELECT count(*) FROM outbox_events o WHERE o.job_id LIKE 'circ-rcpts-%'
                 AND NOT EXISTS (SELECT 1 FROM circulations c WHERE o.job_id LIKE 'circ-rcpts-' || c.id || '-%'))::int AS orphans,
              (SELECT count(*) FROM circulations c
                WHERE NOT EXISTS (SELECT 1 FROM outbox_events o WHERE o.job_id LIKE 'circ-rcpts-' || c.id || '-%'))::int AS without`,
    );
    expect(jobs).toEqual({ orphans: 0, without: 0 });
  });

  it('refuses a circulation past the maximum per statement, with nothing written for it; too many paragraphs are BAD_USER_INPUT', async () => {
    const { ListMax } = await import('../src/common/graphql/list-caps.js');
    const s = await draft(clerk, { bodyId: body.id, classification: 'PUBLIC' });
    for (let i = 0; i < ListMax.CIRCULATIONS_PER_STATEMENT; i++) await circulate(clerk, s, { purpose: 'INFORMATION', delegationIds: [ids.DK] });
    const before = {
      circulations: await app.count('circulations'),
      recipients: await app.count('circulation_recipients'),
      audits: await app.count('audit_events'),
      jobs: await app.count('outbox_events'),
    };
    const error = await clerk.client.error(
      'mutation($i: CirculateStatementInput!) { circulateStatement(input: $i) { id } }',
      { i: { statementId: s.id, versionId: s.currentVersion.id, purpose: 'INFORMATION', delegationIds: [ids.DK] } },
      'CONFLICT',
    );
    expect(error.message).toContain(`At most ${ListMax.CIRCULATIONS_PER_STATEMENT} circulations per statement`);
    expect({
      circulations: await app.count('circulations'),
      recipients: await app.count('circulation_recipients'),
      audits: await app.count('audit_events'),
      jobs: await app.count('outbox_events'),
    }).toEqual(before);
    const tooMany = Array.from({ length: ListMax.PARAGRAPHS_PER_VERSION + 1 }, (_, i) => ({ kind: 'OPERATIVE', text: `Paragraph ${i}` }));
    await clerk.client.error(
      'mutation($i: DraftStatementInput!) { draftStatement(input: $i) { id } }',
      { i: { bodyId: body.id, title: 'Long', paragraphs: tooMany } },
      'BAD_USER_INPUT',
      'paragraphs',
    );
  });

  it('acknowledgment: another delegation’s member is FORBIDDEN; twice is idempotent with the first time kept', async () => {
    const s = await draft(clerk, { bodyId: body.id, classification: 'PUBLIC' });
    const c = await circulate(clerk, s);
    await fr.client.error(ACK, { i: { circulationId: c.id, delegationId: ids.DK } }, 'FORBIDDEN');
    await us.client.error(ACK, { i: { circulationId: c.id, delegationId: ids.DK } }, 'FORBIDDEN');
    const first = (await dk.client.data(ACK, { i: { circulationId: c.id, delegationId: ids.DK } })).acknowledgeCirculation;
    const second = (await dk.client.data(ACK, { i: { circulationId: c.id, delegationId: ids.DK } })).acknowledgeCirculation;
    expect(second.acknowledgedAt).toBe(first.acknowledgedAt);
    expect(second.id).toBe(first.id);
    const [row] = await app.dataSource.query(`SELECT status, acknowledged_by_id FROM circulation_recipients WHERE id = $1`, [first.id]);
    expect(row).toEqual({ status: 'ACKNOWLEDGED', acknowledged_by_id: dk.user.id });
    expect(await app.count('audit_events', `entity_id = $1 AND action = 'circulation.acknowledged'`, [first.id])).toBe(1);
  });

  it('positions: OBJECTION needs a reason; a change keeps the history; one current per delegation; consensus per member', async () => {
    const s = await draft(clerk, { bodyId: body.id });
    await circulate(clerk, s);
    const v = s.currentVersion.id;
    await dk.client.error(POSITION, { i: { statementId: s.id, versionId: v, delegationId: ids.DK, stance: 'OBJECTION' } }, 'BAD_USER_INPUT', 'reason');
    await dk.client.error(
      POSITION,
      { i: { statementId: s.id, versionId: v, delegationId: ids.DK, stance: 'SCRUTINY_RESERVATION', reason: '  ' } },
      'BAD_USER_INPUT',
      'reason',
    );
    expect(await app.count('positions', 'statement_id = $1', [s.id])).toBe(0);
    await dk.client.error(POSITION, { i: { statementId: s.id, versionId: v, delegationId: ids.FR, stance: 'SUPPORT' } }, 'FORBIDDEN');

    await dk.client.data(POSITION, {
      i: { statementId: s.id, versionId: v, delegationId: ids.DK, stance: 'SCRUTINY_RESERVATION', reason: 'Parliamentary scrutiny pending' },
    });
    await dk.client.data(POSITION, { i: { statementId: s.id, versionId: v, delegationId: ids.DK, stance: 'SUPPORT' } });
    await fr.client.data(POSITION, { i: { statementId: s.id, versionId: v, delegationId: ids.FR, stance: 'RESERVATION', reason: 'Wording of goal 2' } });

    const q = `query($id: ID!, $v: ID!) { statement(id: $id) {
      current: positions(versionId: $v) { stance reason current delegation { code } }
      history: positions(versionId: $v, history: true) { stance current delegation { code } }
      consensus(versionId: $v) { holds entries { stance answered delegation { code } } } } }`;
    let { statement } = await clerk.client.data(q, { id: s.id, v });
    expect(statement.current.map((p: any) => [p.delegation.code, p.stance])).toEqual([
      ['DK', 'SUPPORT'],
      ['FR', 'RESERVATION'],
    ]);
    expect(statement.history.map((p: any) => [p.delegation.code, p.stance, p.current])).toEqual([
      ['DK', 'SCRUTINY_RESERVATION', false],
      ['DK', 'SUPPORT', true],
      ['FR', 'RESERVATION', true],
    ]);
    expect(statement.consensus).toEqual({
      holds: false,
      entries: [
        { stance: 'SUPPORT', answered: true, delegation: { code: 'DK' } },
        { stance: 'RESERVATION', answered: true, delegation: { code: 'FR' } },
      ],
    });
    expect(await app.count('positions', 'statement_id = $1 AND current', [s.id])).toBe(2);

    await fr.client.data(POSITION, { i: { statementId: s.id, versionId: v, delegationId: ids.FR, stance: 'ABSTAIN' } });
    ({ statement } = await clerk.client.data(q, { id: s.id, v }));
    expect(statement.consensus.holds).toBe(true);

    // On a LIMITE text the recipients see each other's positions; the others' are not shown on PUBLIC ones.
    ({ statement } = await dk.client.data(q, { id: s.id, v }));
    expect(statement.current).toHaveLength(2);
    const pub = await draft(clerk, { bodyId: body.id, classification: 'PUBLIC' });
    await circulate(clerk, pub);
    await fr.client.data(POSITION, { i: { statementId: pub.id, versionId: pub.currentVersion.id, delegationId: ids.FR, stance: 'SUPPORT' } });
    await dk.client.data(POSITION, { i: { statementId: pub.id, versionId: pub.currentVersion.id, delegationId: ids.DK, stance: 'SUPPORT' } });
    ({ statement } = await us.client.data(q, { id: pub.id, v: pub.currentVersion.id }));
    expect(statement.current).toEqual([]);
    expect(statement.consensus).toBeNull();
    ({ statement } = await dk.client.data(q, { id: pub.id, v: pub.currentVersion.id }));
    expect(statement.current.map((p: any) => p.delegation.code)).toEqual(['DK']);

    // Answers are read by version now: another statement's version shows none of its answers here.
    ({ statement } = await clerk.client.data(q, { id: pub.id, v }));
    expect(statement.current).toEqual([]);
    expect(statement.history).toEqual([]);
    expect(statement.consensus.entries.every((e: any) => !e.answered && e.stance === null)).toBe(true);
  });

  it('amendments: proposed by a delegation on a circulated version, decided by the clerk, withdrawn by the proposer, applied in a revision', async () => {
    const s = await draft(clerk, { bodyId: body.id });
    const v1 = s.currentVersion.id;
    const propose = (u: TestUser, delegation: string, extra: Record<string, unknown>) =>
      u.client.request(PROPOSE, { i: { statementId: s.id, versionId: v1, delegationId: ids[delegation], rationale: 'Clearer', ...extra } });
    // Not circulated yet: nothing to amend.
    expect((await propose(dk, 'DK', { paragraphKey: 'g2', action: 'REPLACE', text: 'x' })).errors?.[0].extensions?.code).toBe('CONFLICT');
    await circulate(clerk, s);
    await dk.client.error(
      PROPOSE,
      { i: { statementId: s.id, versionId: v1, delegationId: ids.DK, paragraphKey: 'nope', action: 'DELETE', rationale: 'r' } },
      'BAD_USER_INPUT',
      'paragraphKey',
    );
    await dk.client.error(
      PROPOSE,
      { i: { statementId: s.id, versionId: v1, delegationId: ids.DK, paragraphKey: 'g2', action: 'REPLACE', rationale: 'r' } },
      'BAD_USER_INPUT',
      'text',
    );
    await fr.client.error(
      PROPOSE,
      { i: { statementId: s.id, versionId: v1, delegationId: ids.DK, paragraphKey: 'g2', action: 'DELETE', rationale: 'r' } },
      'FORBIDDEN',
    );

    const replace = (
      await dk.client.data(PROPOSE, {
        i: {
          statementId: s.id,
          versionId: v1,
          delegationId: ids.DK,
          paragraphKey: 'g2',
          action: 'REPLACE',
          text: 'Investigate and prosecute offenders.',
          rationale: 'Shorter',
        },
      })
    ).proposeAmendment;
    const insert = (
      await fr.client.data(PROPOSE, {
        i: {
          statementId: s.id,
          versionId: v1,
          delegationId: ids.FR,
          paragraphKey: 'g4',
          action: 'INSERT_AFTER',
          text: 'Cooperate with the private sector.',
          rationale: 'Industry',
        },
      })
    ).proposeAmendment;
    const withdrawn = (
      await fr.client.data(PROPOSE, {
        i: { statementId: s.id, versionId: v1, delegationId: ids.FR, paragraphKey: 'op1', action: 'DELETE', rationale: 'Later' },
      })
    ).proposeAmendment;
    expect(replace).toMatchObject({ status: 'PROPOSED', delegation: { code: 'DK' } });

    await dk.client.error(WITHDRAW, { i: { amendmentId: withdrawn.id } }, 'FORBIDDEN');
    expect((await fr.client.data(WITHDRAW, { i: { amendmentId: withdrawn.id } })).withdrawAmendment.status).toBe('WITHDRAWN');
    await dk.client.error(DECIDE, { i: { amendmentId: replace.id, decision: 'ACCEPTED' } }, 'FORBIDDEN');
    await clerk.client.error(DECIDE, { i: { amendmentId: insert.id, decision: 'REJECTED' } }, 'BAD_USER_INPUT', 'reason');
    await clerk.client.error(DECIDE, { i: { amendmentId: withdrawn.id, decision: 'ACCEPTED' } }, 'CONFLICT');
    await clerk.client.data(DECIDE, { i: { amendmentId: replace.id, decision: 'ACCEPTED' } });
    await clerk.client.data(DECIDE, { i: { amendmentId: insert.id, decision: 'ACCEPTED', reason: 'Agreed at the meeting' } });

    const { reviseStatement: r } = await clerk.client.data(REVISE, { i: { statementId: s.id, baseVersionId: v1, applyAmendmentIds: [replace.id, insert.id] } });
    expect(r.currentVersion.paragraphs.map((p: any) => [p.key, p.text])).toEqual([
      ['pre1', GLOBAL_ALLIANCE_PARAGRAPHS[0].text],
      ['g1', GLOBAL_ALLIANCE_PARAGRAPHS[1].text],
      ['g2', 'Investigate and prosecute offenders.'],
      ['g3', GLOBAL_ALLIANCE_PARAGRAPHS[3].text],
      ['g4', GLOBAL_ALLIANCE_PARAGRAPHS[4].text],
      ['p1', 'Cooperate with the private sector.'],
      ['op1', GLOBAL_ALLIANCE_PARAGRAPHS[5].text],
    ]);
    expect(r.currentVersion.paragraphs[5].kind).toBe('GOAL');
    const { statement } = await clerk.client.data(
      `query($id: ID!) { statement(id: $id) {
      accepted: amendments(status: ACCEPTED) { id appliedInVersion { number } }
      currentVersion { appliedAmendments { id } } } }`,
      { id: s.id },
    );
    expect(statement.accepted.map((a: any) => a.appliedInVersion.number)).toEqual([2, 2]);
    expect(statement.currentVersion.appliedAmendments.map((a: any) => a.id).sort()).toEqual([replace.id, insert.id].sort());
    // Applied once only.
    await clerk.client.error(REVISE, { i: { statementId: s.id, baseVersionId: r.currentVersion.id, applyAmendmentIds: [replace.id] } }, 'CONFLICT');

    // On a LIMITE text recipients see every delegation's amendments; a non-recipient member of COM sees none of the others'.
    const amendments = async (u: TestUser) =>
      (await u.client.data('query($id: ID!) { statement(id: $id) { amendments { delegation { code } } } }', { id: s.id })).statement.amendments.map(
        (a: any) => a.delegation.code,
      );
    expect(await amendments(dk)).toEqual(['DK', 'FR', 'FR']);
    expect(await amendments(com)).toEqual([]);
  });

  it('lists my circulations: open ones awaiting my delegation, soonest deadline first, none twice', async () => {
    const delegate = await app.as(Role.DELEGATE, 'FR');
    const inDays = (d: number) => new Date(Date.now() + d * 86_400_000);
    const late = await draft(clerk, { bodyId: body.id, title: 'Later' });
    const soon = await draft(clerk, { bodyId: body.id, title: 'Sooner' });
    const none = await draft(clerk, { bodyId: body.id, title: 'No deadline' });
    await circulate(clerk, late, { deadline: inDays(10), purpose: 'INFORMATION' });
    await circulate(clerk, soon, { deadline: inDays(2), purpose: 'INFORMATION' });
    const cNone = await circulate(clerk, none, { purpose: 'INFORMATION' });
    const q =
      'query($p: Boolean!) { myCirculations(pendingOnly: $p, first: 100) { totalCount edges { node { status delegation { code } circulation { deadline statement { title } } } } } }';
    let { myCirculations } = await delegate.client.data(q, { p: true });
    const titles = myCirculations.edges.map((e: any) => e.node.circulation.statement.title);
    expect(titles.indexOf('Sooner')).toBeLessThan(titles.indexOf('Later'));
    expect(titles.indexOf('Later')).toBeLessThan(titles.indexOf('No deadline'));
    await delegate.client.data(ACK, { i: { circulationId: cNone.id, delegationId: ids.FR } });
    ({ myCirculations } = await delegate.client.data(q, { p: true }));
    expect(myCirculations.edges.map((e: any) => e.node.circulation.statement.title)).not.toContain('No deadline');
    ({ myCirculations } = await delegate.client.data(q, { p: false }));
    expect(myCirculations.edges.map((e: any) => e.node.circulation.statement.title)).toContain('No deadline');
  });

  it('links statements to an agenda item, visible ones only', async () => {
    const m = await organizer.client.data('mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }', {
      i: {
        bodyId: body.id,
        title: 'Ministerial',
        startsAt: new Date(Date.now() + 86_400_000 * 30),
        endsAt: new Date(Date.now() + 86_400_000 * 30 + 3600_000),
        timezone: 'Europe/Copenhagen',
      },
    });
    await organizer.client.data('mutation($i: InviteDelegationsInput!) { inviteDelegations(input: $i) { id } }', {
      i: { meetingId: m.scheduleMeeting.id, delegationIds: [ids.DK, ids.US] },
    });
    const { addAgendaItem } = await organizer.client.data('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { id } }', {
      i: { meetingId: m.scheduleMeeting.id, title: 'Joint statement', kind: 'FOR_DECISION' },
    });
    const s = await draft(clerk, { bodyId: body.id, agendaItemId: addAgendaItem.id, classification: 'LIMITE' });
    const { statement } = await clerk.client.data(`query($id: ID!) { statement(id: $id) { meetingId agendaItemId } }`, { id: s.id });
    expect(statement).toEqual({ meetingId: m.scheduleMeeting.id, agendaItemId: addAgendaItem.id });
    const q = 'query($id: ID!) { meeting(id: $id) { agenda { statements { id } } } }';
    expect((await dk.client.data(q, { id: m.scheduleMeeting.id })).meeting.agenda[0].statements).toEqual([{ id: s.id }]);
    expect((await us.client.data(q, { id: m.scheduleMeeting.id })).meeting.agenda[0].statements).toEqual([]);
  });

  it('marks a recipient FAILED when its webhook call fails for good, without holding up the others', async () => {
    const { CirculationService } = await import('../src/statements/circulation/circulation.service.js');
    const { DeliveryService } = await import('../src/notifications/delivery.service.js');
    const service = app.api.get(CirculationService);
    const deliveries = app.api.get(DeliveryService);
    // FR's webhook points at a loopback address, which the pipeline refuses; DK has none.
    await app.dataSource.query(
      `UPDATE delegations SET webhook_url = 'http://127.0.0.1:9/hook', webhook_secret = 'failing-webhook-secret-01' WHERE code = 'FR'`,
    );
    try {
      const s = await draft(clerk, { bodyId: body.id });
      const c = await circulate(clerk, s, { purpose: 'INFORMATION' });
      const recipients: { id: string; code: string }[] = await app.dataSource.query(
        `SELECT r.id, d.code FROM circulation_recipients r JOIN delegations d ON d.id = r.delegation_id WHERE r.circulation_id = $1`,
        [c.id],
      );
      const fr = recipients.find((r) => r.code === 'FR')!;
      const dkRecipient = recipients.find((r) => r.code === 'DK')!;
      const status = async (id: string) =>
        (await app.dataSource.query(`SELECT status, failed_at, last_error FROM circulation_recipients WHERE id = $1`, [id]))[0];

      // No e-mail configured here and no webhook: DK's members are notified in the app, DK is DELIVERED at once.
      expect(await service.deliver({ recipientId: dkRecipient.id })).toBe('done');
      expect((await status(dkRecipient.id)).status).toBe('DELIVERED');
      // FR waits for its webhook call.
      expect(await service.deliver({ recipientId: fr.id })).toBe('done');
      expect((await status(fr.id)).status).toBe('QUEUED');
      const [hook] = await app.dataSource.query(`SELECT id FROM notification_deliveries WHERE event_key = $1 AND channel = 'WEBHOOK'`, [
        `circulation:${c.id}:${ids.FR}`,
      ]);
      // A failure that will be retried changes nothing yet; the final one makes the recipient FAILED.
      await expect(deliveries.deliver(hook.id, () => false)).rejects.toThrow();
      expect((await status(fr.id)).status).toBe('QUEUED');
      await expect(deliveries.deliver(hook.id, () => true)).rejects.toThrow();
      const failed = await status(fr.id);
      expect(failed.status).toBe('FAILED');
      expect(failed.failed_at).not.toBeNull();
      expect(failed.last_error).toBeTruthy();
      expect((await status(dkRecipient.id)).status).toBe('DELIVERED');
      // Its members were notified in the app all the same; only the webhook call failed.
      expect(await app.count('notifications', `event_key = $1`, [`circulation:${c.id}:${ids.FR}`])).toBe(
        await app.count('delegation_memberships', 'delegation_id = $1', [ids.FR]),
      );
      expect(await service.deliver({ recipientId: fr.id })).toBe('skipped');
    } finally {
      await app.dataSource.query(`UPDATE delegations SET webhook_url = NULL, webhook_secret = NULL WHERE code = 'FR'`);
    }
  });
});
