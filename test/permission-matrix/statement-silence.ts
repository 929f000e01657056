import { type MatrixContext, type MatrixRow } from './matrix.js';
import { CLASSIFICATIONS, type Classification, clerks, statement } from './statements.js';

const DAY = 24 * 3600_000;
const LAUNCH = 'mutation($i: LaunchSilenceProcedureInput!) { launchSilenceProcedure(input: $i) { id } }';

/** A statement circulated to the own delegation (the body's only member), put under silence for a day by the admin. */
async function underSilence(ctx: MatrixContext, classification: Classification) {
  const s = await statement(ctx, classification);
  await ctx.admin.client.data(LAUNCH, { i: { statementId: s.statementId, versionId: s.versionId, deadline: new Date(Date.now() + DAY).toISOString() } });
  return s;
}

export const rows: MatrixRow[] = CLASSIFICATIONS.flatMap((classification): MatrixRow[] => [
  {
    mutation: 'launchSilenceProcedure',
    scenario: classification,
    expected: clerks,
    prepare: async (ctx) => {
      const s = await statement(ctx, classification);
      return { query: LAUNCH, variables: { i: { statementId: s.statementId, versionId: s.versionId, deadline: new Date(Date.now() + DAY).toISOString() } } };
    },
  },
  {
    mutation: 'extendSilenceDeadline',
    scenario: classification,
    expected: clerks,
    prepare: async (ctx) => {
      const s = await underSilence(ctx, classification);
      return {
        query: 'mutation($i: ExtendSilenceDeadlineInput!) { extendSilenceDeadline(input: $i) { id } }',
        variables: { i: { statementId: s.statementId, deadline: new Date(Date.now() + 2 * DAY).toISOString() } },
      };
    },
  },
]);
