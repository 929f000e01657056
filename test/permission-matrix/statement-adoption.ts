import { type MatrixContext, type MatrixRow } from './matrix.js';
import { CLASSIFICATIONS, type Classification, clerks, statement } from './statements.js';

/** A statement circulated to the own delegation (the body's only member), which supports it: consensus holds. */
async function agreed(ctx: MatrixContext, classification: Classification) {
  const s = await statement(ctx, classification);
  await ctx.users.DELEGATE_OWN.client.data('mutation($i: RecordPositionInput!) { recordPosition(input: $i) { id } }', {
    i: { statementId: s.statementId, versionId: s.versionId, delegationId: ctx.ownId, stance: 'SUPPORT' },
  });
  return s;
}

export const rows: MatrixRow[] = CLASSIFICATIONS.flatMap((classification): MatrixRow[] => [
  {
    mutation: 'adoptStatement',
    scenario: classification,
    expected: clerks,
    prepare: async (ctx) => {
      const s = await agreed(ctx, classification);
      return {
        query: 'mutation($i: AdoptStatementInput!) { adoptStatement(input: $i) { id } }',
        variables: { i: { statementId: s.statementId, versionId: s.versionId } },
      };
    },
  },
  {
    mutation: 'withdrawStatement',
    scenario: classification,
    expected: clerks,
    prepare: async (ctx) => {
      const s = await statement(ctx, classification);
      return {
        query: 'mutation($i: WithdrawStatementInput!) { withdrawStatement(input: $i) { id } }',
        variables: { i: { statementId: s.statementId, reason: 'Overtaken by events' } },
      };
    },
  },
]);
