import { type EntityManager } from 'typeorm';
import { StatementStatus } from '../statements/statement.enums.js';
import { type StatementEntity } from '../statements/statement.entity.js';

/** A statement's goals can be committed to once it is adopted (and after publication). */
export const COMMITTABLE: ReadonlySet<StatementStatus> = new Set([StatementStatus.ADOPTED, StatementStatus.PUBLISHED]);

/**
 * Whether a delegation may commit to a statement's goals: the delegations that adopted it (the
 * member delegations of its body). The one place this rule lives — endorsers (delegations that join
 * a published statement) are to be added here when endorsements exist.
 */
export async function mayCommit(em: EntityManager, statement: Pick<StatementEntity, 'id' | 'bodyId'>, delegationId: string): Promise<boolean> {
  const rows: unknown[] = await em.query('SELECT 1 FROM body_members WHERE body_id = $1 AND delegation_id = $2', [statement.bodyId, delegationId]);
  return rows.length > 0;
}
