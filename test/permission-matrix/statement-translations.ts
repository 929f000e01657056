import { createBody } from '../support/meetings.js';
import { type MatrixRow, only, OWN } from './matrix.js';

const CLASSIFICATIONS = ['PUBLIC', 'LIMITE', 'RESTRICTED'] as const;

/**
 * addTranslation is the secretariat's (Policy.manageStatements): everyone else is FORBIDDEN before
 * anything is read, whether or not they could read the statement.
 */
export const rows: MatrixRow[] = CLASSIFICATIONS.map((classification): MatrixRow => ({
  mutation: 'addTranslation',
  scenario: classification,
  expected: only('ADMIN', 'CLERK'),
  prepare: async (ctx) => {
    const body = await createBody(ctx.organizer, ctx.app, { members: [OWN], name: ctx.unique('Translation body') });
    const { draftStatement: s } = await ctx.admin.client.data('mutation($i: DraftStatementInput!) { draftStatement(input: $i) { id currentVersion { id } } }', {
      i: {
        bodyId: body.id,
        title: ctx.unique('Joint statement'),
        classification,
        paragraphs: [{ key: 'g1', kind: 'GOAL', text: 'Identify and protect victims.' }],
      },
    });
    return {
      query: 'mutation($i: AddTranslationInput!) { addTranslation(input: $i) { id } }',
      variables: { i: { versionId: s.currentVersion.id, language: 'fr', paragraphs: [{ key: 'g1', text: 'Identifier et protéger les victimes.' }] } },
    };
  },
}));
