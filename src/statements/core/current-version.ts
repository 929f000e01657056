import { type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import { StatementVersionEntity } from './statement-version.entity.js';
import { type StatementEntity } from './statement.entity.js';

/**
 * The version guard of circulating, launching silence and adopting: `versionId` must name a version
 * of this statement (BAD_USER_INPUT on versionId otherwise) and its current one (CONFLICT naming
 * the current version, so the caller sees what changed). `action` ends the sentence "Only the
 * current version can …".
 */
export async function currentVersionOf(
  em: EntityManager,
  statement: Pick<StatementEntity, 'id' | 'currentVersionId'>,
  versionId: string,
  action: string,
): Promise<StatementVersionEntity> {
  const version = await em.findOneBy(StatementVersionEntity, { id: versionId, statementId: statement.id });
  if (!version) throw AppError.badInput('versionId', 'No such version of this statement');
  if (version.id !== statement.currentVersionId)
    throw AppError.conflict(`Only the current version can ${action}`, { currentVersionId: statement.currentVersionId });
  return version;
}
