import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type GraphQLFormattedError } from 'graphql';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { type GraphQLResponse } from './support/graphql-client.js';
import { createBody } from './support/meetings.js';
import { holdRows } from './support/row-locks.js';
import { ADOPT, adoptByConsensus, circulate, DECIDE, draft, POSITION, PROPOSE, REVISE, WITHDRAW } from './support/statements.js';
import { TestApp, type TestUser } from './support/test-app.js';

const PUBLISH = 'mutation($i: PublishStatementInput!) { publishStatement(input: $i) { id status pressReference } }';
const errorOf = (r: GraphQLResponse<unknown>): GraphQLFormattedError | undefined => r.errors?.[0];

/**
 * Rules of the statement workflow that a deliberate breakage once slipped past (issue 15 §4): only
 * accepted amendments are applied, adoption and a late reservation never both win, and a press
 * reference names one statement whatever its case, in the service and in the database.
 */
describe('statement rules', () => {
  let app: TestApp;
  let clerk: TestUser;
  const codes = ['DK', 'FR'];
  const heads: Record<string, TestUser> = {};
  const ids: Record<string, string> = {};
  let bodyId: string;
  const voters = () => codes.map((c) => ({ user: heads[c], delegationId: ids[c] }));

  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
    const organizer = await app.as(Role.ORGANIZER);
    clerk = await app.as(Role.CLERK);
    for (const code of codes) {
      heads[code] = await app.as(Role.DELEGATE, code, DelegateRole.HEAD_OF_DELEGATION);
      ids[code] = (await app.delegation(code)).id;
    }
    bodyId = (await createBody(organizer, app, { name: 'JHA Council', members: codes, kind: 'MINISTERIAL', jha: true })).id;
  });
  afterAll(() => app?.close());

  it('applies only ACCEPTED amendments: a PROPOSED, REJECTED or WITHDRAWN one is a CONFLICT naming it, the text unchanged and nothing written', async () => {
    const s = await draft(clerk, { bodyId });
    await circulate(clerk, s, { delegationIds: codes.map((c) => ids[c]) });
    const propose = async (paragraphKey: string, text: string) =>
      (
        await heads.DK.client.data(PROPOSE, {
          i: { statementId: s.id, versionId: s.currentVersion.id, delegationId: ids.DK, paragraphKey, action: 'REPLACE', text, rationale: 'Clearer' },
        })
      ).proposeAmendment;
    const proposed = await propose('g1', 'Proposed wording.');
    const rejected = await propose('g2', 'Rejected wording.');
    await clerk.client.data(DECIDE, { i: { amendmentId: rejected.id, decision: 'REJECTED', reason: 'Not agreed' } });
    const withdrawn = await propose('g3', 'Withdrawn wording.');
    await heads.DK.client.data(WITHDRAW, { i: { amendmentId: withdrawn.id } });
    const accepted = await propose('g4', 'Accepted wording.');
    await clerk.client.data(DECIDE, { i: { amendmentId: accepted.id, decision: 'ACCEPTED' } });

    const audits = await app.count('audit_events', `entity_id = $1`, [s.id]);
    for (const [unfit, status] of [
      [proposed, 'PROPOSED'],
      [rejected, 'REJECTED'],
      [withdrawn, 'WITHDRAWN'],
    ] as const) {
      // Alone, and next to an accepted one: all or nothing.
      for (const applyAmendmentIds of [[unfit.id], [accepted.id, unfit.id]]) {
        const refused = await clerk.client.error(REVISE, { i: { statementId: s.id, baseVersionId: s.currentVersion.id, applyAmendmentIds } }, 'CONFLICT');
        expect(refused.extensions?.amendmentId).toBe(unfit.id);
        expect(refused.message).toContain(status);
      }
    }
    const { statement } = await clerk.client.data('query($id: ID!) { statement(id: $id) { currentVersion { id paragraphs { key text } } } }', { id: s.id });
    expect(statement.currentVersion).toEqual({
      id: s.currentVersion.id,
      paragraphs: s.currentVersion.paragraphs.map((p: any) => ({ key: p.key, text: p.text })),
    });
    expect(await app.count('statement_versions', 'statement_id = $1', [s.id])).toBe(1);
    expect(await app.count('amendments', 'statement_id = $1 AND applied_in_version_id IS NOT NULL', [s.id])).toBe(0);
    expect(await app.count('audit_events', `entity_id = $1`, [s.id])).toBe(audits);

    // The accepted one alone goes through.
    const { reviseStatement } = await clerk.client.data(REVISE, {
      i: { statementId: s.id, baseVersionId: s.currentVersion.id, applyAmendmentIds: [accepted.id] },
    });
    expect(reviseStatement.currentVersion.paragraphs.find((p: any) => p.key === 'g4').text).toBe('Accepted wording.');
  });

  it('adoption racing a reservation and a second adoption: one adoption, or refusals naming the reservation — never an adoption over it', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 10; round++) {
      const s = await draft(clerk, { bodyId, title: `Race ${round}` });
      await circulate(clerk, s, { delegationIds: codes.map((c) => ids[c]) });
      for (const v of voters())
        await v.user.client.data(POSITION, { i: { statementId: s.id, versionId: s.currentVersion.id, delegationId: v.delegationId, stance: 'SUPPORT' } });
      const adopt = () => clerk.client.request(ADOPT, { i: { statementId: s.id, versionId: s.currentVersion.id } });
      const reserve = () =>
        heads.DK.client.request(POSITION, {
          i: { statementId: s.id, versionId: s.currentVersion.id, delegationId: ids.DK, stance: 'RESERVATION', reason: 'Parliamentary scrutiny' },
        });

      // The test holds the statement row, queues the three requests behind it in a known order
      // (the reservation first in even rounds, an adoption first in odd ones), then lets them race.
      const held = await holdRows(app, 'statements', [s.id]);
      const first = round % 2 === 0 ? reserve() : adopt();
      await held.waiting(1);
      const second = round % 2 === 0 ? adopt() : reserve();
      await held.waiting(2);
      const third = adopt();
      await held.waiting(3);
      await held.release();
      const [reservation, ...adoptions] = round % 2 === 0 ? await Promise.all([first, second, third]) : await Promise.all([second, first, third]);

      const [row] = await app.dataSource.query('SELECT status, adopted_at FROM statements WHERE id = $1', [s.id]);
      const reservations = await app.count('positions', `statement_id = $1 AND stance = 'RESERVATION'`, [s.id]);
      const adoptedEvents = await app.count('audit_events', `entity_id = $1 AND action = 'statement.adopted'`, [s.id]);
      const won = adoptions.filter((r) => !r.errors);
      for (const r of [reservation, ...adoptions]) if (r.errors) expect(errorOf(r)?.extensions?.code).toBe('CONFLICT');
      expect(adoptedEvents).toBe(won.length);
      if (row.status === 'ADOPTED') {
        // One adoption; the reservation came too late and was refused, so none stands under the adoption.
        expect(won).toHaveLength(1);
        expect(errorOf(reservation)?.message).toMatch(/ADOPTED statement takes no more answers/);
        expect(reservations).toBe(0);
        outcomes.push('adopted');
      } else {
        // The reservation won: both adoptions refused, naming it.
        expect(row).toEqual({ status: 'CIRCULATED', adopted_at: null });
        expect(reservation.errors).toBeUndefined();
        expect(reservations).toBe(1);
        expect(won).toHaveLength(0);
        for (const r of adoptions) expect((errorOf(r)?.extensions?.outstanding as any[]).map((o) => [o.code, o.stance])).toEqual([['DK', 'RESERVATION']]);
        outcomes.push('reserved');
      }
    }
    // Both orders were exercised: whoever queued first won.
    expect(outcomes).toEqual(Array.from({ length: 10 }, (_, round) => (round % 2 === 0 ? 'reserved' : 'adopted')));
  });

  describe('press references name one statement whatever their case', () => {
    const adopted = async (title: string) => {
      const s = await draft(clerk, { bodyId, title });
      return { ...s, ...(await adoptByConsensus(clerk, s, voters())) };
    };

    it('refuses "pr 12/2012" once "PR 12/2012" is published, and the public read finds it by either', async () => {
      const [a, b] = [await adopted('First'), await adopted('Second')];
      await clerk.client.data(PUBLISH, { i: { statementId: a.id, pressReference: 'PR 12/2012' } });
      for (const other of ['pr 12/2012', 'Pr  12/2012 ']) {
        const refused = await clerk.client.error(PUBLISH, { i: { statementId: b.id, pressReference: other } }, 'BAD_USER_INPUT', 'pressReference');
        expect(refused.message).toContain(a.reference);
      }
      expect(await app.count('statements', `id = $1 AND status = 'ADOPTED' AND press_reference IS NULL`, [b.id])).toBe(1);
      const { publicStatement } = await app.anonymous.data('query($r: String!) { publicStatement(reference: $r) { reference } }', { r: 'pr 12/2012' });
      expect(publicStatement.reference).toBe(a.reference);
    });

    it('publishing two statements at once under references differing in case: one wins, the other is told which statement has it', async () => {
      for (let round = 0; round < 3; round++) {
        const [a, b] = [await adopted(`A ${round}`), await adopted(`B ${round}`)];
        const held = await holdRows(app, 'statements', [a.id, b.id]);
        const requests = [
          clerk.client.request(PUBLISH, { i: { statementId: a.id, pressReference: `PR ${round}/2013` } }),
          clerk.client.request(PUBLISH, { i: { statementId: b.id, pressReference: `pr ${round}/2013` } }),
        ];
        await held.waiting(2);
        await held.release();
        const results = await Promise.all(requests);
        expect(results.filter((r) => !r.errors)).toHaveLength(1);
        const loser = results.find((r) => r.errors)!;
        expect(errorOf(loser)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pressReference' });
        expect(await app.count('statements', `lower(press_reference) = $1`, [`pr ${round}/2013`])).toBe(1);
        expect(await app.count('audit_events', `action = 'statement.published' AND entity_id = ANY($1)`, [[a.id, b.id]])).toBe(1);
      }
    });

    it('the database refuses the same reference in another case too (a direct UPDATE or INSERT)', async () => {
      const [a, b] = [await adopted('Direct A'), await adopted('Direct B')];
      await clerk.client.data(PUBLISH, { i: { statementId: a.id, pressReference: 'ST 11234/12' } });
      await expect(app.dataSource.query(`UPDATE statements SET press_reference = 'st 11234/12' WHERE id = $1`, [b.id])).rejects.toThrow(
        /statements_press_reference/,
      );
      await expect(
        app.dataSource.query(
          `INSERT INTO statements (reference, reference_year, reference_number, body_id, title, language, classification, status, press_reference, paragraph_seq, version)
           SELECT 'X 1999/001', 1999, 1, body_id, title, language, classification, 'DRAFTING', 'St 11234/12', 0, 1 FROM statements WHERE id = $1`,
          [b.id],
        ),
      ).rejects.toThrow(/statements_press_reference/);
      expect(await app.count('statements', `lower(press_reference) = 'st 11234/12'`)).toBe(1);
    });
  });
});
