import { createBody } from '../support/meetings.js';
import { type Actor, type MatrixContext, type MatrixRow, only, OWN, type Outcome } from './matrix.js';

export const CLASSIFICATIONS = ['PUBLIC', 'LIMITE', 'RESTRICTED'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const clerks = only('ADMIN', 'CLERK');

/**
 * A delegation answers for itself only (DELEGATE_OWN); the others are FORBIDDEN where they can read
 * the text and NOT_FOUND where they cannot: the other delegation (neither member of the body nor a
 * recipient) on LIMITE and RESTRICTED texts, observers on anything but PUBLIC.
 */
export function ownDelegationOnly(classification: Classification): Record<Actor, Outcome> {
  const hidden: Outcome = classification === 'PUBLIC' ? 'FORBIDDEN' : 'NOT_FOUND';
  return { ...only('DELEGATE_OWN'), DELEGATE_OTHER: hidden, OBSERVER: hidden };
}

/** A statement of a body whose only member is the own delegation, drafted and (unless not) circulated to it. */
export async function statement(ctx: MatrixContext, classification: Classification, circulated = true) {
  const body = await createBody(ctx.organizer, ctx.app, { members: [OWN], name: ctx.unique('Statement body') });
  const { draftStatement: s } = await ctx.admin.client.data('mutation($i: DraftStatementInput!) { draftStatement(input: $i) { id currentVersion { id } } }', {
    i: {
      bodyId: body.id,
      title: ctx.unique('Joint statement'),
      classification,
      paragraphs: [{ key: 'g1', kind: 'GOAL', text: 'Identify and protect victims.' }],
    },
  });
  let circulationId = '';
  if (circulated) {
    const { circulateStatement } = await ctx.admin.client.data('mutation($i: CirculateStatementInput!) { circulateStatement(input: $i) { id } }', {
      i: { statementId: s.id, versionId: s.currentVersion.id, purpose: 'COMMENTS', delegationIds: [ctx.ownId] },
    });
    circulationId = circulateStatement.id;
  }
  return { statementId: s.id as string, versionId: s.currentVersion.id as string, bodyId: body.id, circulationId };
}

async function amendment(ctx: MatrixContext, classification: Classification): Promise<string> {
  const s = await statement(ctx, classification);
  const { proposeAmendment } = await ctx.users.DELEGATE_OWN.client.data('mutation($i: ProposeAmendmentInput!) { proposeAmendment(input: $i) { id } }', {
    i: {
      statementId: s.statementId,
      versionId: s.versionId,
      delegationId: ctx.ownId,
      paragraphKey: 'g1',
      action: 'REPLACE',
      text: 'Identify victims.',
      rationale: 'Shorter',
    },
  });
  return proposeAmendment.id;
}

export const rows: MatrixRow[] = CLASSIFICATIONS.flatMap((classification): MatrixRow[] => [
  {
    mutation: 'draftStatement',
    scenario: classification,
    expected: clerks,
    prepare: async (ctx) => {
      const body = await createBody(ctx.organizer, ctx.app, { members: [OWN], name: ctx.unique('Statement body') });
      return {
        query: 'mutation($i: DraftStatementInput!) { draftStatement(input: $i) { id } }',
        variables: { i: { bodyId: body.id, title: 'Draft', classification, paragraphs: [{ kind: 'GOAL', text: 'Goal.' }] } },
      };
    },
  },
  {
    mutation: 'reviseStatement',
    scenario: classification,
    expected: clerks,
    prepare: async (ctx) => {
      const s = await statement(ctx, classification, false);
      return {
        query: 'mutation($i: ReviseStatementInput!) { reviseStatement(input: $i) { id } }',
        variables: {
          i: {
            statementId: s.statementId,
            baseVersionId: s.versionId,
            paragraphs: [{ key: 'g1', kind: 'GOAL', text: 'Identify, protect and support victims.' }],
          },
        },
      };
    },
  },
  {
    mutation: 'circulateStatement',
    scenario: classification,
    expected: clerks,
    prepare: async (ctx) => {
      const s = await statement(ctx, classification, false);
      return {
        query: 'mutation($i: CirculateStatementInput!) { circulateStatement(input: $i) { id } }',
        variables: { i: { statementId: s.statementId, versionId: s.versionId, purpose: 'INFORMATION', delegationIds: [ctx.ownId] } },
      };
    },
  },
  {
    mutation: 'acknowledgeCirculation',
    scenario: classification,
    expected: ownDelegationOnly(classification),
    prepare: async (ctx) => {
      const s = await statement(ctx, classification);
      return {
        query: 'mutation($i: AcknowledgeCirculationInput!) { acknowledgeCirculation(input: $i) { id } }',
        variables: { i: { circulationId: s.circulationId, delegationId: ctx.ownId } },
      };
    },
  },
  {
    mutation: 'proposeAmendment',
    scenario: classification,
    expected: ownDelegationOnly(classification),
    prepare: async (ctx) => {
      const s = await statement(ctx, classification);
      return {
        query: 'mutation($i: ProposeAmendmentInput!) { proposeAmendment(input: $i) { id } }',
        variables: {
          i: { statementId: s.statementId, versionId: s.versionId, delegationId: ctx.ownId, paragraphKey: 'g1', action: 'DELETE', rationale: 'Redundant' },
        },
      };
    },
  },
  {
    mutation: 'recordPosition',
    scenario: classification,
    expected: ownDelegationOnly(classification),
    prepare: async (ctx) => {
      const s = await statement(ctx, classification);
      return {
        query: 'mutation($i: RecordPositionInput!) { recordPosition(input: $i) { id } }',
        variables: {
          i: { statementId: s.statementId, versionId: s.versionId, delegationId: ctx.ownId, stance: 'SCRUTINY_RESERVATION', reason: 'Parliamentary scrutiny' },
        },
      };
    },
  },
  {
    mutation: 'decideAmendment',
    scenario: classification,
    expected: clerks,
    prepare: async (ctx) => ({
      query: 'mutation($i: DecideAmendmentInput!) { decideAmendment(input: $i) { id } }',
      variables: { i: { amendmentId: await amendment(ctx, classification), decision: 'REJECTED', reason: 'Out of scope' } },
    }),
  },
  {
    mutation: 'withdrawAmendment',
    scenario: classification,
    expected: ownDelegationOnly(classification),
    prepare: async (ctx) => ({
      query: 'mutation($i: WithdrawAmendmentInput!) { withdrawAmendment(input: $i) { id } }',
      variables: { i: { amendmentId: await amendment(ctx, classification) } },
    }),
  },
]);
