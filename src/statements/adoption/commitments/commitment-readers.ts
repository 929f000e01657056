import { Global, Injectable, Module } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { COMMITMENT_READERS, type CommitmentReaders } from '../../../action-items/commitment-readers.port.js';
import { delegationIdsOf, type AuthUser } from '../../../auth/auth-user.js';
import { signedBySql } from '../../core/signatories.js';
import { StatementAccess } from '../../core/statement-access.js';
import { StatementEntity } from '../../core/statement.entity.js';
import { StatementsCoreModule } from '../../core/statements-core.module.js';
import { CommitmentEntity } from './commitment.entity.js';

/** The statements side of ActionItemAccess's rule for items that serve a commitment. */
@Injectable()
export class StatementCommitmentReaders implements CommitmentReaders {
  constructor(private readonly statements: StatementAccess) {}

  /**
   * The commitments of the statements one of the viewer's delegations signed and the viewer may
   * read (one query; none without a delegation). Reading the statement is asked too so that an
   * observer member, who reads PUBLIC or PUBLISHED statements only, learns nothing more here.
   */
  async followedCommitmentIds(actor: AuthUser, em: EntityManager): Promise<string[]> {
    const delegationIds = delegationIdsOf(actor);
    if (delegationIds.length === 0) return [];
    const qb = em
      .createQueryBuilder(CommitmentEntity, 'aicm')
      .innerJoin(StatementEntity, 'aist', 'aist.id = aicm.statement_id')
      .select('aicm.id', 'id')
      .where(`aicm.statement_id IN (${signedBySql(':aiSignatoryDelegations')})`, { aiSignatoryDelegations: delegationIds });
    const rows = await this.statements.restrictReadable(qb, 'aist', actor).getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }
}

/**
 * Provides COMMITMENT_READERS to ActionItemsModule, which does not import statements: global, and
 * imported by the app and the worker next to ActionItemsModule.
 */
@Global()
@Module({
  imports: [StatementsCoreModule],
  providers: [{ provide: COMMITMENT_READERS, useClass: StatementCommitmentReaders }],
  exports: [COMMITMENT_READERS],
})
export class CommitmentReadersModule {}
