import { Role } from '../../src/auth/role.enum.js';
import { DelegateRole } from '../../src/delegations/delegation-kind.enum.js';
import { type TestUser } from '../support/test-app.js';
import { type Actor, type MatrixContext, type MatrixRow, only, OTHER, OWN, type Outcome } from './matrix.js';
import { CLASSIFICATIONS, type Classification, statement } from './statements.js';

/**
 * commitToGoal: a delegation commits through its head or clerk (who create its action items), or the
 * secretariat (ADMIN, ORGANIZER, CLERK) for it. A plain member may not; others are FORBIDDEN where
 * they can read the statement and NOT_FOUND where they cannot (the other delegation on LIMITE and
 * RESTRICTED texts, observers on anything but PUBLIC). The `as head` scenarios make the delegates
 * (and the observer) heads of their delegations.
 */

const heads = new WeakMap<MatrixContext, Map<Actor, Promise<TestUser>>>();
function asHead(ctx: MatrixContext, actor: Actor): Promise<TestUser> | undefined {
  if (!['DELEGATE_OWN', 'DELEGATE_OTHER', 'OBSERVER'].includes(actor)) return undefined;
  const users = heads.get(ctx) ?? new Map<Actor, Promise<TestUser>>();
  heads.set(ctx, users);
  if (!users.has(actor)) {
    const [role, code] = actor === 'OBSERVER' ? [Role.OBSERVER, OWN] : [Role.DELEGATE, actor === 'DELEGATE_OWN' ? OWN : OTHER];
    users.set(actor, ctx.app.as(role, code, DelegateRole.HEAD_OF_DELEGATION));
  }
  return users.get(actor);
}

/** A statement of a body whose only member is the own delegation, adopted by consensus: its goal's commitment. */
async function commitment(ctx: MatrixContext, classification: Classification): Promise<string> {
  const s = await statement(ctx, classification);
  await ctx.users.DELEGATE_OWN.client.data('mutation($i: RecordPositionInput!) { recordPosition(input: $i) { id } }', {
    i: { statementId: s.statementId, versionId: s.versionId, delegationId: ctx.ownId, stance: 'SUPPORT' },
  });
  await ctx.admin.client.data('mutation($i: AdoptStatementInput!) { adoptStatement(input: $i) { id } }', {
    i: { statementId: s.statementId, versionId: s.versionId },
  });
  const { statement: adopted } = await ctx.admin.client.data('query($id: ID!) { statement(id: $id) { commitments { id } } }', { id: s.statementId });
  return adopted.commitments[0].id;
}

function expected(classification: Classification, head: boolean): Record<Actor, Outcome> {
  const hidden: Outcome = classification === 'PUBLIC' ? 'FORBIDDEN' : 'NOT_FOUND';
  return { ...only('ADMIN', 'ORGANIZER', 'CLERK'), DELEGATE_OWN: head ? 'ALLOWED' : 'FORBIDDEN', DELEGATE_OTHER: hidden, OBSERVER: hidden };
}

export const rows: MatrixRow[] = CLASSIFICATIONS.flatMap((classification): MatrixRow[] =>
  (['member', 'head'] as const).map((role) => ({
    mutation: 'commitToGoal',
    scenario: `${classification}, for the own delegation, delegates as ${role}`,
    expected: expected(classification, role === 'head'),
    prepare: async (ctx, actor) => ({
      query: 'mutation($i: CommitToGoalInput!) { commitToGoal(input: $i) { id } }',
      variables: { i: { commitmentId: await commitment(ctx, classification), delegationId: ctx.ownId, actions: [{ title: ctx.unique('Commitment action') }] } },
      as: role === 'head' ? await asHead(ctx, actor) : undefined,
    }),
  })),
);
