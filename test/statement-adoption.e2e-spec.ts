import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { createBody } from './support/meetings.js';
import { ADOPT, adoptByConsensus, circulate, draft, POSITION, REVISE, WITHDRAW_STATEMENT } from './support/statements.js';
import { TestApp, type TestUser } from './support/test-app.js';

/**
 * Consensus adoption and withdrawal through the real app and worker: who has not agreed, the
 * adopted version fixed, one notification per member of the delegations concerned, circulations
 * closed, illegal moves refused with nothing written.
 */
describe('statement adoption by consensus and withdrawal', () => {
  let app: TestApp;
  let clerk: TestUser;
  let organizer: TestUser;
  const codes = ['DK', 'FR', 'IE'];
  const heads: Record<string, TestUser> = {};
  const experts: Record<string, TestUser> = {};
  const ids: Record<string, string> = {};
  let bodyId: string;
  const voters = () => codes.map((c) => ({ user: heads[c], delegationId: ids[c] }));
  const position = (code: string, s: Record<string, any>, stance: string, reason?: string) =>
    heads[code].client.data(POSITION, { i: { statementId: s.id, versionId: s.currentVersion.id, delegationId: ids[code], stance, reason } });

  beforeAll(async () => {
    app = await TestApp.start({ env: { OUTBOX_POLL_MS: '100' } });
    organizer = await app.as(Role.ORGANIZER);
    clerk = await app.as(Role.CLERK);
    for (const code of codes) {
      heads[code] = await app.as(Role.DELEGATE, code, DelegateRole.HEAD_OF_DELEGATION);
      experts[code] = await app.as(Role.DELEGATE, code, DelegateRole.EXPERT);
      ids[code] = (await app.delegation(code)).id;
    }
    bodyId = (await createBody(organizer, app, { name: 'JHA Council', members: codes, kind: 'MINISTERIAL', jha: true })).id;
  });
  afterAll(() => app?.close());

  it('refuses consensus while a delegation holds a RESERVATION or has not answered, naming them; adopts once it moves to SUPPORT', async () => {
    const s = await draft(clerk, { bodyId });
    await circulate(clerk, s, { delegationIds: codes.map((c) => ids[c]) });
    await position('DK', s, 'SUPPORT');
    await position('FR', s, 'RESERVATION', 'Paragraph 3 needs national consultation');
    const input = { i: { statementId: s.id, versionId: s.currentVersion.id } };

    const refused = await clerk.client.error(ADOPT, input, 'CONFLICT');
    expect(refused.message).toContain('FR (RESERVATION)');
    expect(refused.message).toContain('IE (no answer)');
    expect(refused.message).not.toContain('DK');
    expect((refused.extensions as any).outstanding.map((o: any) => o.code)).toEqual(['FR', 'IE']);

    await position('IE', s, 'ABSTAIN');
    const stillRefused = await clerk.client.error(ADOPT, input, 'CONFLICT');
    expect(stillRefused.message).toContain('FR (RESERVATION)');
    expect(stillRefused.message).not.toContain('IE');
    expect(await app.count('statements', `id = $1 AND status = 'CIRCULATED' AND adopted_at IS NULL AND adopted_version_id IS NULL`, [s.id])).toBe(1);
    expect(await app.count('audit_events', `entity_id = $1 AND action = 'statement.adopted'`, [s.id])).toBe(0);

    await position('FR', s, 'SUPPORT');
    const before = Date.now();
    const { adoptStatement } = await clerk.client.data(ADOPT, input);
    expect(adoptStatement).toMatchObject({ status: 'ADOPTED', adoptionMethod: 'CONSENSUS', adoptedVersion: { id: s.currentVersion.id, number: 1 } });
    expect(new Date(adoptStatement.adoptedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const [row] = await app.dataSource.query('SELECT status, adopted_version_id, adoption_method FROM statements WHERE id = $1', [s.id]);
    expect(row).toEqual({ status: 'ADOPTED', adopted_version_id: s.currentVersion.id, adoption_method: 'CONSENSUS' });
    expect(await app.count('circulations', `statement_id = $1 AND status = 'OPEN'`, [s.id])).toBe(0);
    expect(await app.count('audit_events', `entity_id = $1 AND action = 'statement.adopted' AND actor_id = $2`, [s.id, clerk.user.id])).toBe(1);

    // Adopted: no second adoption, no more answers, no revision.
    await clerk.client.error(ADOPT, input, 'CONFLICT');
    const late = await heads.FR.client.error(
      POSITION,
      { i: { statementId: s.id, versionId: s.currentVersion.id, delegationId: ids.FR, stance: 'OBJECTION', reason: 'Too late' } },
      'CONFLICT',
    );
    expect(late.message).toContain('ADOPTED');
    await clerk.client.error(
      REVISE,
      { i: { statementId: s.id, baseVersionId: s.currentVersion.id, paragraphs: [{ kind: 'OPERATIVE', text: 'Changed' }] } },
      'CONFLICT',
    );

    // One notification per member of the concerned delegations, through the worker.
    await app.drain();
    for (const code of codes) {
      for (const u of [heads[code], experts[code]]) {
        const rows = await app.dataSource.query(
          `SELECT subject, body FROM notifications WHERE user_id = $1 AND kind = 'STATEMENT_ADOPTED' AND entity_id = $2`,
          [u.user.id, s.id],
        );
        expect(rows).toHaveLength(1);
        expect(rows[0].subject).toBe(`Adopted: ${s.reference} ${s.title}`);
        expect(rows[0].body).toContain('by consensus');
      }
    }
    expect(await app.count('notifications', `kind = 'STATEMENT_ADOPTED' AND entity_id = $1`, [s.id])).toBe(codes.length * 2);
  });

  it('adopts only the current version, only from CIRCULATED, and only for clerks', async () => {
    const s = await draft(clerk, { bodyId });
    // DRAFTING: nothing to adopt yet.
    const drafting = await clerk.client.error(ADOPT, { i: { statementId: s.id, versionId: s.currentVersion.id } }, 'CONFLICT');
    expect(drafting.message).toContain('DRAFTING');
    await circulate(clerk, s, { delegationIds: codes.map((c) => ids[c]) });
    for (const code of codes) await position(code, s, 'SUPPORT');
    const { reviseStatement: revised } = await clerk.client.data(REVISE, {
      i: { statementId: s.id, baseVersionId: s.currentVersion.id, paragraphs: [{ kind: 'OPERATIVE', text: 'A better text' }] },
    });
    const stale = await clerk.client.error(ADOPT, { i: { statementId: s.id, versionId: s.currentVersion.id } }, 'CONFLICT');
    expect(stale.message).toContain('current version');
    // The supports were on version 1; version 2 has no answers yet.
    await circulate(clerk, revised, { delegationIds: codes.map((c) => ids[c]) });
    const noAnswers = await clerk.client.error(ADOPT, { i: { statementId: s.id, versionId: revised.currentVersion.id } }, 'CONFLICT');
    expect(noAnswers.message).toContain('DK (no answer)');
    await heads.DK.client.error(ADOPT, { i: { statementId: s.id, versionId: revised.currentVersion.id } }, 'FORBIDDEN');
    await organizer.client.error(ADOPT, { i: { statementId: s.id, versionId: revised.currentVersion.id } }, 'FORBIDDEN');
    expect(await app.count('statements', `id = $1 AND status = 'CIRCULATED'`, [s.id])).toBe(1);
  });

  it('withdraws with a reason from any state before publication, tells everyone concerned, and is final', async () => {
    const s = await draft(clerk, { bodyId });
    await clerk.client.error(WITHDRAW_STATEMENT, { i: { statementId: s.id, reason: '   ' } }, 'BAD_USER_INPUT', 'reason');
    const { withdrawStatement } = await clerk.client.data(WITHDRAW_STATEMENT, { i: { statementId: s.id, reason: 'Superseded by the Council conclusions' } });
    expect(withdrawStatement).toMatchObject({ status: 'WITHDRAWN', withdrawalReason: 'Superseded by the Council conclusions' });
    expect(await app.count('statements', `id = $1 AND status = 'WITHDRAWN' AND withdrawn_at IS NOT NULL`, [s.id])).toBe(1);
    const again = await clerk.client.error(WITHDRAW_STATEMENT, { i: { statementId: s.id, reason: 'Again' } }, 'CONFLICT');
    expect(again.message).toContain('WITHDRAWN');
    await clerk.client.error(ADOPT, { i: { statementId: s.id, versionId: s.currentVersion.id } }, 'CONFLICT');
    expect(await app.count('audit_events', `entity_id = $1 AND action = 'statement.withdrawn'`, [s.id])).toBe(1);

    // An adopted statement can still be withdrawn; its circulations are closed and members told why.
    const adopted = await draft(clerk, { bodyId });
    await adoptByConsensus(clerk, adopted, voters());
    await clerk.client.data(WITHDRAW_STATEMENT, { i: { statementId: adopted.id, reason: 'The partners asked to renegotiate' } });
    await app.drain();
    const [n] = await app.dataSource.query(`SELECT body FROM notifications WHERE user_id = $1 AND kind = 'STATEMENT_WITHDRAWN' AND entity_id = $2`, [
      experts.IE.user.id,
      adopted.id,
    ]);
    expect(n.body).toContain('The partners asked to renegotiate');
    expect(await app.count('notifications', `kind = 'STATEMENT_WITHDRAWN' AND entity_id = $1`, [adopted.id])).toBe(codes.length * 2);
    // Withdrawing a draft that was never circulated tells the body's members too.
    expect(await app.count('notifications', `kind = 'STATEMENT_WITHDRAWN' AND entity_id = $1`, [s.id])).toBe(codes.length * 2);
  });

  it('answers adoption facts on the statement and keeps them together in the database', async () => {
    const s = await draft(clerk, { bodyId });
    const adopted = await adoptByConsensus(clerk, s, voters());
    const { statement } = await heads.DK.client.data(
      `query($id: ID!) { statement(id: $id) { status adoptedAt adoptionMethod adoptedVersion { id label } withdrawnAt } }`,
      { id: s.id },
    );
    expect(statement).toMatchObject({
      status: 'ADOPTED',
      adoptionMethod: 'CONSENSUS',
      adoptedVersion: { id: s.currentVersion.id, label: s.reference },
      withdrawnAt: null,
    });
    expect(statement.adoptedAt).toBe(adopted.adoptedAt);
    // The check constraint refuses an adopted statement without its version.
    await expect(app.dataSource.query('UPDATE statements SET adopted_version_id = NULL WHERE id = $1', [s.id])).rejects.toThrow(/statements_adoption_complete/);
  });
});
