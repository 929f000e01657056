import { type EntityManager } from 'typeorm';
import { signatoriesOf } from '../../core/signatories.js';
import { StatementStatus } from '../../core/statement.enums.js';
import { type StatementEntity } from '../../core/statement.entity.js';

/** A statement's goals can be committed to once it is adopted (and after publication). */
export const COMMITTABLE: ReadonlySet<StatementStatus> = new Set([StatementStatus.ADOPTED, StatementStatus.PUBLISHED]);

/**
 * Whether a delegation may commit to a statement's goals: its signatories — the delegations that
 * adopted it and those that endorsed it since (signatories.ts, the same rule as
 * `Statement.signatories`). The one place this rule lives.
 */
export async function mayCommit(em: EntityManager, statement: Pick<StatementEntity, 'id'>, delegationId: string): Promise<boolean> {
  const signatories = (await signatoriesOf(em, [statement.id])).get(statement.id) ?? [];
  return signatories.some((s) => s.delegationId === delegationId);
}
