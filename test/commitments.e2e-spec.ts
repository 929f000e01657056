import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { createCommitmentsForAdoption } from '../src/statements/adoption/commitments/commitments-for-adoption.js';
import { TransactionService } from '../src/database/transaction.service.js';
import { DelegateRole, DelegationKind } from '../src/delegations/delegation-kind.enum.js';
import { StatementVersionEntity } from '../src/statements/core/statement-version.entity.js';
import { SET_STATUS } from './support/action-items.js';
import { createBody, hoursFromNow, invite, scheduleMeeting } from './support/meetings.js';
import { adoptByConsensus, draft, GLOBAL_ALLIANCE_PARAGRAPHS, WITHDRAW_STATEMENT } from './support/statements.js';
import { TestApp, type TestUser } from './support/test-app.js';

const COMMIT = 'mutation($i: CommitToGoalInput!) { commitToGoal(input: $i) { id paragraphKey ordinal } }';
const COMMITMENTS = `query($id: ID!) { statement(id: $id) { commitments { id paragraphKey ordinal text version { number } statement { id } } } }`;
const IMPLEMENTATION = `query($id: ID!) { statement(id: $id) { implementation {
  commitment { id paragraphKey } open inProgress blocked done cancelled overdue total lastUpdateAt
  delegations { delegation { id code } open inProgress blocked done cancelled overdue total lastUpdateAt } } } }`;

/** The 27 member states: the body that adopts, each delegation then committing to the goals. */
const CODES = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
];
const DAY = 24 * 3600_000;
const ITEM = 'query($id: ID!) { actionItem(id: $id) { id title meeting { id } commitment { id } } }';
const BY_COMMITMENT = 'query($f: ActionItemFilter) { actionItems(filter: $f, first: 100) { totalCount edges { node { ownerDelegation { code } } } } }';
const SUMMARY = 'query { actionItemSummary { delegation { code } total } }';
const MEETING_ITEMS = 'query($id: ID!) { meeting(id: $id) { actionItems { id } } }';

/**
 * Commitments through the real app: adoption turns each GOAL paragraph into one; 27 delegations
 * commit to goals with their action items (rows checked); the implementation report matches the rows;
 * refusals (not adopted, wrong delegation, bad action) write nothing.
 */
describe('statement commitments and their follow-up', () => {
  let app: TestApp;
  let clerk: TestUser;
  let organizer: TestUser;
  const heads: Record<string, TestUser> = {};
  const ids: Record<string, string> = {};
  let bodyId: string;
  let meetingId: string;
  let statement: Record<string, any>;
  let goals: Record<string, any>[];
  let comId: string;

  const voters = () => CODES.map((c) => ({ user: heads[c], delegationId: ids[c] }));

  beforeAll(async () => {
    app = await TestApp.start({ env: { OUTBOX_POLL_MS: '100' } });
    organizer = await app.as(Role.ORGANIZER);
    clerk = await app.as(Role.CLERK);
    for (const code of CODES) {
      heads[code] = await app.as(Role.DELEGATE, code, DelegateRole.HEAD_OF_DELEGATION);
      ids[code] = (await app.delegation(code)).id;
    }
    bodyId = (await createBody(organizer, app, { name: 'JHA Council', members: CODES, kind: 'MINISTERIAL', jha: true })).id;
    const meeting = await scheduleMeeting(organizer, { bodyId, title: 'EU-US JHA Ministerial', startsAt: hoursFromNow(24 * 14) });
    // The Commission reads LIMITE texts (an EU institution) and is invited, but is not a member of the Council.
    comId = (await app.delegation('COM', { kind: DelegationKind.EU_INSTITUTION })).id;
    await invite(organizer, meeting.id, [...CODES.map((c) => ids[c]), comId]);
    meetingId = meeting.id;
    statement = await draft(clerk, { bodyId, meetingId });
    await adoptByConsensus(clerk, statement, voters());
    goals = (await clerk.client.data(COMMITMENTS, { id: statement.id })).statement.commitments;
  }, 120_000);
  afterAll(() => app?.close());

  it('turns each GOAL paragraph of the adopted version into one commitment, once', async () => {
    const expected = GLOBAL_ALLIANCE_PARAGRAPHS.filter((p) => p.kind === 'GOAL');
    expect(goals.map((g) => [g.paragraphKey, g.ordinal, g.text])).toEqual(expected.map((p, i) => [p.key, i + 1, p.text]));
    expect(goals.every((g) => g.version.number === 1 && g.statement.id === statement.id)).toBe(true);
    expect(await app.count('statement_commitments', 'statement_id = $1', [statement.id])).toBe(4);

    // Adoption's hook is idempotent: running it again adds nothing.
    const version = await app.dataSource.getRepository(StatementVersionEntity).findOneByOrFail({ id: statement.currentVersion.id });
    const added = await app.api.get(TransactionService).system((tx) => createCommitmentsForAdoption(tx, { id: statement.id }, version));
    expect(added).toBe(0);
    expect(await app.count('statement_commitments', 'statement_id = $1', [statement.id])).toBe(4);

    // A statement without goals, or not adopted, has none.
    const draftOnly = await draft(clerk, { bodyId, title: 'Not adopted' });
    expect((await clerk.client.data(COMMITMENTS, { id: draftOnly.id })).statement.commitments).toEqual([]);
  });

  it('lets 27 delegations commit to goals: their action items belong to the goal, not the meeting; the implementation report matches the rows', async () => {
    const [g1, g2] = goals;
    const past = new Date(Date.now() - 3 * DAY).toISOString();
    const future = new Date(Date.now() + 30 * DAY).toISOString();
    // Every delegation: goal 1 with two actions (one already past due); every third also goal 2.
    await Promise.all(
      CODES.map(async (code, n) => {
        const res = await heads[code].client.data(COMMIT, {
          i: {
            commitmentId: g1.id,
            delegationId: ids[code],
            actions: [
              { title: `${code}: national victim identification unit`, dueAt: past, assigneeId: heads[code].user.id },
              { title: `${code}: join the Interpol database`, description: 'Connect to ICSE', dueAt: future, priority: 'HIGH' },
            ],
          },
        });
        expect(res.commitToGoal).toEqual({ id: g1.id, paragraphKey: 'g1', ordinal: 1 });
        if (n % 3 === 0)
          await heads[code].client.data(COMMIT, {
            i: { commitmentId: g2.id, delegationId: ids[code], actions: [{ title: `${code}: prosecution guidelines` }] },
          });
      }),
    );

    const rows: { code: string; commitment_id: string; n: number; linked: number }[] = await app.dataSource.query(
      `SELECT d.code, ai.commitment_id, count(*)::int AS n, count(*) FILTER (WHERE ai.meeting_id IS NOT NULL OR ai.agenda_item_id IS NOT NULL)::int AS linked
         FROM action_items ai JOIN delegations d ON d.id = ai.owner_delegation_id JOIN statement_commitments c ON c.id = ai.commitment_id
        WHERE c.statement_id = $1 GROUP BY d.code, ai.commitment_id`,
      [statement.id],
    );
    // The statement has a meeting, but the items are not linked to it (nor to an agenda item).
    expect(
      rows
        .filter((r) => r.commitment_id === g1.id)
        .map((r) => [r.code, r.n, r.linked])
        .sort(),
    ).toEqual(CODES.map((c) => [c, 2, 0]));
    expect(rows.every((r) => r.linked === 0)).toBe(true);
    expect(
      rows
        .filter((r) => r.commitment_id === g2.id)
        .map((r) => r.code)
        .sort(),
    ).toEqual(CODES.filter((_, n) => n % 3 === 0));
    expect(await app.count('audit_events', `action = 'commitment.committed' AND entity_id = ANY($1)`, [[g1.id, g2.id]])).toBe(27 + 9);

    // Some progress: the first five finish their past-due item, the next three start theirs, one is blocked.
    const items: { id: string; code: string; due_at: Date }[] = await app.dataSource.query(
      `SELECT ai.id, d.code, ai.due_at FROM action_items ai JOIN delegations d ON d.id = ai.owner_delegation_id WHERE ai.commitment_id = $1 AND ai.due_at < now() ORDER BY d.code`,
      [g1.id],
    );
    const status = (code: string, s: string, note?: string) =>
      heads[code].client.data(SET_STATUS, { i: { actionItemId: items.find((i) => i.code === code)!.id, status: s, note } });
    for (const code of CODES.slice(0, 5)) {
      await status(code, 'IN_PROGRESS');
      await status(code, 'DONE');
    }
    for (const code of CODES.slice(5, 8)) await status(code, 'IN_PROGRESS');
    await status(CODES[8], 'BLOCKED', 'Waiting for the national law');

    const report: any[] = (await clerk.client.data(IMPLEMENTATION, { id: statement.id })).statement.implementation;
    expect(report.map((g) => g.commitment.paragraphKey)).toEqual(['g1', 'g2', 'g3', 'g4']);

    // The same figures, counted from the rows directly.
    const truth: any[] = await app.dataSource.query(
      `SELECT ai.commitment_id, d.code,
              count(*) FILTER (WHERE ai.status IN ('OPEN', 'IN_PROGRESS', 'BLOCKED'))::int AS open,
              count(*) FILTER (WHERE ai.status = 'IN_PROGRESS')::int AS "inProgress",
              count(*) FILTER (WHERE ai.status = 'BLOCKED')::int AS blocked,
              count(*) FILTER (WHERE ai.status = 'DONE')::int AS done,
              count(*) FILTER (WHERE ai.status = 'CANCELLED')::int AS cancelled,
              count(*) FILTER (WHERE ai.status IN ('OPEN', 'IN_PROGRESS', 'BLOCKED') AND ai.due_at < now())::int AS overdue,
              count(*)::int AS total, max(ai.updated_at) AS last
         FROM action_items ai JOIN delegations d ON d.id = ai.owner_delegation_id
        WHERE ai.commitment_id = ANY($1) GROUP BY ai.commitment_id, d.code ORDER BY d.code`,
      [goals.map((g) => g.id)],
    );
    const pick = (r: any) => ({
      open: r.open,
      inProgress: r.inProgress,
      blocked: r.blocked,
      done: r.done,
      cancelled: r.cancelled,
      overdue: r.overdue,
      total: r.total,
    });
    for (const goal of report) {
      const mine = truth.filter((t) => t.commitment_id === goal.commitment.id);
      expect(goal.delegations.map((d: any) => ({ code: d.delegation.code, ...pick(d), last: d.lastUpdateAt }))).toEqual(
        mine.map((t) => ({ code: t.code, ...pick(t), last: new Date(t.last).toISOString() })),
      );
      const sum = (k: string) => mine.reduce((a, t) => a + t[k], 0);
      expect(pick(goal)).toEqual({
        open: sum('open'),
        inProgress: sum('inProgress'),
        blocked: sum('blocked'),
        done: sum('done'),
        cancelled: 0,
        overdue: sum('overdue'),
        total: sum('total'),
      });
      const last = mine.map((t) => new Date(t.last).getTime());
      expect(goal.lastUpdateAt).toBe(last.length ? new Date(Math.max(...last)).toISOString() : null);
    }
    // The figures the scenario made: 54 items on goal 1, 5 done, 22 still overdue (27 past due − 5 done).
    expect(pick(report[0])).toEqual({ open: 49, inProgress: 3, blocked: 1, done: 5, cancelled: 0, overdue: 22, total: 54 });
    expect(pick(report[1])).toMatchObject({ open: 9, total: 9, overdue: 0 });
    expect(pick(report[2])).toMatchObject({ total: 0 });
    expect(report[2].lastUpdateAt).toBeNull();

    // A delegation reads its own goal's items on the commitment, and the item knows its goal.
    const own = await heads.DK.client.data(
      `query($id: ID!, $d: ID) { statement(id: $id) { commitments { paragraphKey delegations { code } actionItems(delegationId: $d) { title commitment { id } meeting { id } } } } }`,
      { id: statement.id, d: ids.DK },
    );
    const g1Own = own.statement.commitments[0];
    expect(g1Own.actionItems.map((a: any) => a.title).sort()).toEqual(['DK: join the Interpol database', 'DK: national victim identification unit']);
    expect(g1Own.actionItems.every((a: any) => a.commitment.id === g1.id && a.meeting === null)).toBe(true);
    const paged = await clerk.client.data(BY_COMMITMENT, { f: { commitmentId: g1.id } });
    expect(paged.actionItems.totalCount).toBe(54);
    expect((await clerk.client.data(MEETING_ITEMS, { id: meetingId })).meeting.actionItems).toEqual([]);
  }, 120_000);

  it('shows commitment items to the members of every signatory delegation, and to no one else', async () => {
    const [g1] = goals;
    const frItem: { id: string } = (
      await app.dataSource.query(`SELECT ai.id FROM action_items ai WHERE ai.commitment_id = $1 AND ai.owner_delegation_id = $2 LIMIT 1`, [g1.id, ids.FR])
    )[0];

    // A plain member of another signatory delegation (DK) reads France's items: the report, the goal's
    // items, the paged list, the item itself and the dashboard counts.
    const dk = await app.as(Role.DELEGATE, 'DK', DelegateRole.DELEGATE);
    const report: any[] = (await dk.client.data(IMPLEMENTATION, { id: statement.id })).statement.implementation;
    expect(report[0].delegations.map((d: any) => d.delegation.code)).toEqual(CODES);
    expect(report[0].total).toBe(54);
    const onGoal = await dk.client.data(
      `query($id: ID!) { statement(id: $id) { commitments { delegations { code } actionItems { ownerDelegation { code } } } } }`,
      { id: statement.id },
    );
    expect(onGoal.statement.commitments[0].delegations.map((d: any) => d.code)).toEqual(CODES);
    expect(onGoal.statement.commitments[0].actionItems.some((a: any) => a.ownerDelegation.code === 'FR')).toBe(true);
    expect((await dk.client.data(BY_COMMITMENT, { f: { commitmentId: g1.id } })).actionItems.totalCount).toBe(54);
    expect((await dk.client.data(ITEM, { id: frItem.id })).actionItem).toEqual({
      id: frItem.id,
      title: 'FR: national victim identification unit',
      meeting: null,
      commitment: { id: g1.id },
    });
    expect((await dk.client.data(SUMMARY)).actionItemSummary.find((s: any) => s.delegation.code === 'FR')?.total).toBeGreaterThanOrEqual(2);

    // The Commission reads the LIMITE statement and is invited to its meeting, but did not sign it:
    // it sees none of the items, in lists and counts alike, and the item itself is NOT_FOUND.
    const com = await app.as(Role.DELEGATE, 'COM', DelegateRole.HEAD_OF_DELEGATION);
    const comReport: any[] = (await com.client.data(IMPLEMENTATION, { id: statement.id })).statement.implementation;
    expect(comReport.map((g) => [g.total, g.delegations.length])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    const comGoal = await com.client.data(`query($id: ID!) { statement(id: $id) { commitments { delegations { code } actionItems { id } } } }`, {
      id: statement.id,
    });
    expect(comGoal.statement.commitments.every((c: any) => c.delegations.length === 0 && c.actionItems.length === 0)).toBe(true);
    expect((await com.client.data(BY_COMMITMENT, { f: { commitmentId: g1.id } })).actionItems.totalCount).toBe(0);
    expect((await com.client.data(SUMMARY)).actionItemSummary).toEqual([]);
    await com.client.error(ITEM, { id: frItem.id }, 'NOT_FOUND');

    // An observer member of a signatory delegation reads only what the statement's readers may:
    // the LIMITE statement is not for observers, so neither are the other delegations' items.
    const observer = await app.as(Role.OBSERVER, 'DK');
    await observer.client.error(ITEM, { id: frItem.id }, 'NOT_FOUND');
    const observed = (await observer.client.data(BY_COMMITMENT, { f: { commitmentId: g1.id } })).actionItems;
    expect(observed.edges.map((e: any) => e.node.ownerDelegation.code)).toEqual(['DK', 'DK']); // its own delegation's, as before
  }, 60_000);

  it('takes more than a meeting’s worth of action items: 27 delegations × 4 goals × 2 actions on a statement with a meeting', async () => {
    const other = await draft(clerk, { bodyId, meetingId, title: 'Second Global Alliance statement' });
    await adoptByConsensus(clerk, other, voters());
    const otherGoals: { id: string }[] = (await clerk.client.data(COMMITMENTS, { id: other.id })).statement.commitments;
    expect(otherGoals).toHaveLength(4);
    const meetingItemsBefore = (await clerk.client.data(MEETING_ITEMS, { id: meetingId })).meeting.actionItems;
    const calls = CODES.flatMap((code) =>
      otherGoals.map(
        (g) => () =>
          heads[code].client.data(COMMIT, {
            i: { commitmentId: g.id, delegationId: ids[code], actions: [{ title: `${code}: first step` }, { title: `${code}: second step` }] },
          }),
      ),
    );
    // In small groups: every call succeeds (none hits the meeting's list cap).
    for (let i = 0; i < calls.length; i += 12) await Promise.all(calls.slice(i, i + 12).map((call) => call()));

    const total = await app.count('action_items ai JOIN statement_commitments c ON c.id = ai.commitment_id', 'c.statement_id = $1', [other.id]);
    expect(total).toBe(27 * 4 * 2);
    expect(total).toBeGreaterThan(200);
    expect(await app.count('action_items', 'meeting_id = $1', [meetingId])).toBe(meetingItemsBefore.length);
    expect((await clerk.client.data(MEETING_ITEMS, { id: meetingId })).meeting.actionItems).toEqual(meetingItemsBefore);
    const report: any[] = (await heads.SK.client.data(IMPLEMENTATION, { id: other.id })).statement.implementation;
    expect(report.map((g) => [g.total, g.delegations.length])).toEqual(otherGoals.map(() => [54, 27]));
  }, 180_000);

  it('refuses a delegation that may not commit (FORBIDDEN) and a bad action (BAD_USER_INPUT, named), writing nothing', async () => {
    const [, , g3] = goals;
    // The Commission reads LIMITE texts (an EU institution) but is not a member of the Council.
    const com = await app.as(Role.DELEGATE, 'COM', DelegateRole.HEAD_OF_DELEGATION);
    const plainMember = await app.as(Role.DELEGATE, 'DK', DelegateRole.DELEGATE);
    const action = [{ title: 'Something' }];
    const before = await app.count('action_items');
    const auditsBefore = await app.count('audit_events');

    // Not a signatory: neither adopted nor (yet) endorsed it.
    await com.client.error(COMMIT, { i: { commitmentId: g3.id, delegationId: comId, actions: action } }, 'FORBIDDEN');
    // Another delegation than one's own; a plain member rather than the head or clerk.
    await heads.DK.client.error(COMMIT, { i: { commitmentId: g3.id, delegationId: ids.FR, actions: action } }, 'FORBIDDEN');
    await plainMember.client.error(COMMIT, { i: { commitmentId: g3.id, delegationId: ids.DK, actions: action } }, 'FORBIDDEN');
    // The secretariat may commit for an eligible delegation, not for one outside the body.
    await clerk.client.error(COMMIT, { i: { commitmentId: g3.id, delegationId: comId, actions: action } }, 'FORBIDDEN');

    // Bad actions: the field is named; the good ones before it are not written either.
    const badTitle = await heads.DK.client.error(
      COMMIT,
      { i: { commitmentId: g3.id, delegationId: ids.DK, actions: [{ title: 'Fine' }, { title: '   ' }] } },
      'BAD_USER_INPUT',
    );
    expect(badTitle.extensions?.field).toBe('actions.1.title');
    const badAssignee = await heads.DK.client.error(
      COMMIT,
      {
        i: {
          commitmentId: g3.id,
          delegationId: ids.DK,
          actions: [{ title: 'Fine' }, { title: 'Also fine' }, { title: 'Assigned abroad', assigneeId: heads.FR.user.id }],
        },
      },
      'BAD_USER_INPUT',
    );
    expect(badAssignee.extensions?.field).toBe('actions.2.assigneeId');
    await heads.DK.client.error(COMMIT, { i: { commitmentId: g3.id, delegationId: ids.DK, actions: [] } }, 'BAD_USER_INPUT');

    expect(await app.count('action_items')).toBe(before);
    expect(await app.count('audit_events')).toBe(auditsBefore);
  });

  it('lets a delegation that endorsed the published statement commit too', async () => {
    const [g1, , , g4] = goals;
    const com = await app.as(Role.DELEGATE, 'COM', DelegateRole.HEAD_OF_DELEGATION);
    await clerk.client.data('mutation($i: PublishStatementInput!) { publishStatement(input: $i) { id status } }', {
      i: { statementId: statement.id, pressReference: '12-784' },
    });
    await com.client.data('mutation($i: EndorseStatementInput!) { endorseStatement(input: $i) { id } }', {
      i: { statementId: statement.id, delegationId: comId },
    });
    await com.client.data(COMMIT, { i: { commitmentId: g4.id, delegationId: comId, actions: [{ title: 'COM: fund awareness campaigns' }] } });
    expect(await app.count('action_items', 'commitment_id = $1 AND owner_delegation_id = $2', [g4.id, comId])).toBe(1);

    // Now a signatory, the Commission reads the other delegations' items, and they read its one; an
    // observer member of a signatory delegation reads them too, the statement being published.
    expect((await com.client.data(BY_COMMITMENT, { f: { commitmentId: g1.id } })).actionItems.totalCount).toBe(54);
    const onG4 = await heads.DK.client.data(BY_COMMITMENT, { f: { commitmentId: g4.id } });
    expect(onG4.actionItems.edges.map((e: any) => e.node.ownerDelegation.code)).toEqual(['COM']);
    const observer = await app.as(Role.OBSERVER, 'DK');
    expect((await observer.client.data(BY_COMMITMENT, { f: { commitmentId: g1.id } })).actionItems.totalCount).toBe(54);
  });

  it('refuses commitments to a statement that is no longer adopted (CONFLICT), and hides those of statements one may not read', async () => {
    const other = await draft(clerk, { bodyId, title: 'Withdrawn after adoption', classification: 'RESTRICTED' });
    await adoptByConsensus(clerk, other, voters());
    const [goal] = (await clerk.client.data(COMMITMENTS, { id: other.id })).statement.commitments;
    await clerk.client.data(WITHDRAW_STATEMENT, { i: { statementId: other.id, reason: 'Overtaken by events' } });
    const before = await app.count('action_items');
    const refused = await heads.DK.client.error(COMMIT, { i: { commitmentId: goal.id, delegationId: ids.DK, actions: [{ title: 'Too late' }] } }, 'CONFLICT');
    expect(refused.message).toContain('WITHDRAWN');

    // A RESTRICTED statement circulated to the 27 only: someone outside reads no commitment of it.
    const outsider = await app.as(Role.DELEGATE, 'US', DelegateRole.HEAD_OF_DELEGATION);
    await outsider.client.error(
      COMMIT,
      { i: { commitmentId: goal.id, delegationId: (await app.delegation('US')).id, actions: [{ title: 'Hidden' }] } },
      'NOT_FOUND',
    );
    expect(await app.count('action_items')).toBe(before);
  }, 60_000);
});
