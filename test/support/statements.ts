import { type TestUser } from './test-app.js';

export const STATEMENT_FIELDS = 'id reference title classification status language currentVersion { id number label contentHash paragraphs { key kind text } }';

export const GLOBAL_ALLIANCE_PARAGRAPHS = [
  { key: 'pre1', kind: 'PREAMBLE', text: 'We, the Ministers of Justice and Home Affairs of the European Union and the United States,' },
  { key: 'g1', kind: 'GOAL', text: 'Enhance efforts to identify victims and ensure that they receive the necessary assistance, support and protection.' },
  { key: 'g2', kind: 'GOAL', text: 'Enhance efforts to investigate cases of child sexual abuse online and to identify and prosecute offenders.' },
  { key: 'g3', kind: 'GOAL', text: 'Increase awareness among children, parents, educators and communities.' },
  { key: 'g4', kind: 'GOAL', text: 'Reduce the availability of child pornography online and the re-victimization of children.' },
  { key: 'op1', kind: 'OPERATIVE', text: 'We invite partners worldwide to join this Global Alliance.' },
];

export async function draft(
  clerk: TestUser,
  input: { bodyId: string; title?: string; classification?: string; paragraphs?: unknown[]; meetingId?: string; agendaItemId?: string; language?: string },
): Promise<Record<string, any>> {
  const { draftStatement } = await clerk.client.data(`mutation($i: DraftStatementInput!) { draftStatement(input: $i) { ${STATEMENT_FIELDS} } }`, {
    i: { title: 'Global Alliance against Child Sexual Abuse Online', paragraphs: GLOBAL_ALLIANCE_PARAGRAPHS, ...input },
  });
  return draftStatement;
}

export async function circulate(
  clerk: TestUser,
  statement: Record<string, any>,
  options: { purpose?: string; deadline?: Date; delegationIds?: string[] } = {},
): Promise<Record<string, any>> {
  const { circulateStatement } = await clerk.client.data(
    'mutation($i: CirculateStatementInput!) { circulateStatement(input: $i) { id purpose deadline status version { id number } } }',
    {
      i: {
        statementId: statement.id,
        versionId: statement.currentVersion.id,
        purpose: options.purpose ?? 'COMMENTS',
        deadline: options.deadline,
        delegationIds: options.delegationIds,
      },
    },
  );
  return circulateStatement;
}

export const ACK =
  'mutation($i: AcknowledgeCirculationInput!) { acknowledgeCirculation(input: $i) { id status acknowledgedAt late delegation { code } acknowledgedBy { id } } }';
export const POSITION = 'mutation($i: RecordPositionInput!) { recordPosition(input: $i) { id stance reason current delegation { code } } }';
export const PROPOSE =
  'mutation($i: ProposeAmendmentInput!) { proposeAmendment(input: $i) { id status paragraphKey action text rationale delegation { code } } }';
export const DECIDE = 'mutation($i: DecideAmendmentInput!) { decideAmendment(input: $i) { id status decisionReason } }';
export const WITHDRAW = 'mutation($i: WithdrawAmendmentInput!) { withdrawAmendment(input: $i) { id status } }';
export const REVISE = `mutation($i: ReviseStatementInput!) { reviseStatement(input: $i) { ${STATEMENT_FIELDS} } }`;

export const ADOPT = 'mutation($i: AdoptStatementInput!) { adoptStatement(input: $i) { id status adoptedAt adoptionMethod adoptedVersion { id number } } }';
export const WITHDRAW_STATEMENT = 'mutation($i: WithdrawStatementInput!) { withdrawStatement(input: $i) { id status withdrawnAt withdrawalReason } }';

/**
 * Takes a drafted statement to ADOPTED the usual way: circulated for comments to the voters'
 * delegations, each records SUPPORT, the clerk adopts by consensus. The voters must be every member
 * delegation of the statement's body.
 */
export async function adoptByConsensus(
  clerk: TestUser,
  statement: Record<string, any>,
  voters: { user: TestUser; delegationId: string }[],
): Promise<Record<string, any>> {
  await circulate(clerk, statement, { delegationIds: voters.map((v) => v.delegationId) });
  const versionId = statement.currentVersion.id;
  for (const v of voters) await v.user.client.data(POSITION, { i: { statementId: statement.id, versionId, delegationId: v.delegationId, stance: 'SUPPORT' } });
  const { adoptStatement } = await clerk.client.data(ADOPT, { i: { statementId: statement.id, versionId } });
  return adoptStatement;
}
