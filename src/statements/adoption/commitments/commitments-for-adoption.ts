import { type Tx } from '../../../database/transaction.service.js';
import { type StatementVersionEntity } from '../../core/statement-version.entity.js';
import { ParagraphKind } from '../../core/statement.enums.js';
import { type StatementEntity } from '../../core/statement.entity.js';
import { CommitmentEntity } from './commitment.entity.js';

/**
 * Turns every GOAL paragraph of the adopted version into a commitment, inside the adoption's
 * transaction (AdoptionService.adoptIn). A plain function, not a provider: adoption runs in the API
 * and in the worker (silence deadline), and needs nothing but the transaction. Idempotent: the unique
 * (statement, paragraph key) makes a second call a no-op.
 */
export async function createCommitmentsForAdoption(
  tx: Pick<Tx, 'em'>,
  statement: Pick<StatementEntity, 'id'>,
  version: Pick<StatementVersionEntity, 'id' | 'paragraphs'>,
): Promise<number> {
  const goals = version.paragraphs.filter((p) => p.kind === ParagraphKind.GOAL);
  if (goals.length === 0) return 0;
  const result = await tx.em
    .createQueryBuilder()
    .insert()
    .into(CommitmentEntity)
    .values(goals.map((g, i) => ({ statementId: statement.id, versionId: version.id, paragraphKey: g.key, ordinal: i + 1 })))
    .orIgnore()
    .execute();
  return result.identifiers.filter(Boolean).length;
}
