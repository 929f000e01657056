import { Role } from '../../src/auth/role.enum.js';
import { DelegateRole } from '../../src/delegations/delegation-kind.enum.js';
import { createBody } from '../support/meetings.js';
import { type MatrixContext, type MatrixRow, only, OWN } from './matrix.js';
import { CLASSIFICATIONS, type Classification, clerks, statement } from './statements.js';

const PUBLISH = 'mutation($i: PublishStatementInput!) { publishStatement(input: $i) { id } }';

/** A statement of the body whose only member is the own delegation, adopted by consensus. */
async function adopted(ctx: MatrixContext, classification: Classification) {
  const s = await statement(ctx, classification);
  await ctx.users.DELEGATE_OWN.client.data('mutation($i: RecordPositionInput!) { recordPosition(input: $i) { id } }', {
    i: { statementId: s.statementId, versionId: s.versionId, delegationId: ctx.ownId, stance: 'SUPPORT' },
  });
  await ctx.admin.client.data('mutation($i: AdoptStatementInput!) { adoptStatement(input: $i) { id } }', {
    i: { statementId: s.statementId, versionId: s.versionId },
  });
  return s;
}

/**
 * A LIMITE statement adopted by a fresh delegation (the body's only member) and published: the own
 * delegation did not adopt it, so it may endorse it. Published, it is readable by everyone: denials
 * are FORBIDDEN, never NOT_FOUND.
 */
async function publishedElsewhere(ctx: MatrixContext): Promise<string> {
  const code = ctx.code();
  const adopter = await ctx.app.delegation(code);
  const head = await ctx.app.as(Role.DELEGATE, code, DelegateRole.HEAD_OF_DELEGATION);
  const body = await createBody(ctx.organizer, ctx.app, { members: [code], name: ctx.unique('Publication body') });
  const { draftStatement: s } = await ctx.admin.client.data('mutation($i: DraftStatementInput!) { draftStatement(input: $i) { id currentVersion { id } } }', {
    i: {
      bodyId: body.id,
      title: ctx.unique('Joint statement'),
      classification: 'LIMITE',
      paragraphs: [{ key: 'g1', kind: 'GOAL', text: 'Identify and protect victims.' }],
    },
  });
  const versionId = s.currentVersion.id;
  await ctx.admin.client.data('mutation($i: CirculateStatementInput!) { circulateStatement(input: $i) { id } }', {
    i: { statementId: s.id, versionId, purpose: 'COMMENTS', delegationIds: [adopter.id] },
  });
  await head.client.data('mutation($i: RecordPositionInput!) { recordPosition(input: $i) { id } }', {
    i: { statementId: s.id, versionId, delegationId: adopter.id, stance: 'SUPPORT' },
  });
  await ctx.admin.client.data('mutation($i: AdoptStatementInput!) { adoptStatement(input: $i) { id } }', { i: { statementId: s.id, versionId } });
  await ctx.admin.client.data(PUBLISH, { i: { statementId: s.id, pressReference: `M-${code}` } });
  return s.id;
}

const ENDORSE = 'mutation($i: EndorseStatementInput!) { endorseStatement(input: $i) { id } }';

export const rows: MatrixRow[] = [
  ...CLASSIFICATIONS.map((classification): MatrixRow => ({
    mutation: 'publishStatement',
    scenario: classification,
    expected: clerks,
    prepare: async (ctx) => {
      const s = await adopted(ctx, classification);
      return { query: PUBLISH, variables: { i: { statementId: s.statementId, pressReference: ctx.unique('P').replace(' ', '-') } } };
    },
  })),
  {
    mutation: 'endorseStatement',
    scenario: 'for the own delegation; the own delegate is not its head',
    expected: only('ADMIN', 'ORGANIZER'),
    prepare: async (ctx) => ({ query: ENDORSE, variables: { i: { statementId: await publishedElsewhere(ctx), delegationId: ctx.ownId } } }),
  },
  {
    mutation: 'endorseStatement',
    scenario: 'for the own delegation; the own delegate is its head',
    expected: only('ADMIN', 'ORGANIZER', 'DELEGATE_OWN'),
    prepare: async (ctx, actor) => ({
      query: ENDORSE,
      variables: { i: { statementId: await publishedElsewhere(ctx), delegationId: ctx.ownId } },
      ...(actor === 'DELEGATE_OWN' ? { as: await ctx.app.as(Role.DELEGATE, OWN, DelegateRole.HEAD_OF_DELEGATION) } : {}),
    }),
  },
];
