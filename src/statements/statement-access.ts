import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { delegationIdsOf, type AuthUser } from '../auth/auth-user.js';
import { Policy } from '../auth/policy.js';
import { Role } from '../auth/role.enum.js';
import { AppError } from '../common/errors/app-error.js';
import { StatementClassification } from './statement.enums.js';
import { StatementEntity } from './statement.entity.js';

/** SQL: the statement (alias) was circulated to one of the viewer's delegations. */
const recipientOf = (alias: string) =>
  `EXISTS (SELECT 1 FROM circulation_recipients sr JOIN circulations sc ON sc.id = sr.circulation_id
            WHERE sc.statement_id = ${alias}.id AND sr.delegation_id = ANY(:viewerDelegationIds))`;

/**
 * Who may read which statement — the security boundary of the product — as one SQL predicate used
 * by every read: the secretariat and presidency (ADMIN, ORGANIZER, CLERK) read all; PUBLIC is for
 * any signed-in user; LIMITE for members of the body's member delegations, of EU institutions and
 * of delegations it was circulated to; RESTRICTED only for delegations it was circulated to.
 * Observers read PUBLIC texts only. A denied read is NOT_FOUND.
 */
@Injectable()
export class StatementAccess {
  constructor(private readonly dataSource: DataSource) {}

  restrict<T extends object>(qb: SelectQueryBuilder<T>, alias: string, actor: AuthUser): SelectQueryBuilder<T> {
    if (Policy.seeAllStatements(actor)) return qb;
    if (actor.role === Role.OBSERVER) return qb.andWhere(`${alias}.classification = 'PUBLIC'`);
    return qb.andWhere(
      `(${alias}.classification = 'PUBLIC'
        OR (${alias}.classification = 'LIMITE' AND (
              EXISTS (SELECT 1 FROM body_members sbm WHERE sbm.body_id = ${alias}.body_id AND sbm.delegation_id = ANY(:viewerDelegationIds))
              OR EXISTS (SELECT 1 FROM delegations sd WHERE sd.id = ANY(:viewerDelegationIds) AND sd.kind = 'EU_INSTITUTION')
              OR ${recipientOf(alias)}))
        OR (${alias}.classification = 'RESTRICTED' AND ${recipientOf(alias)}))`,
      { viewerDelegationIds: delegationIdsOf(actor) },
    );
  }

  async findVisible(actor: AuthUser, id: string, em: EntityManager = this.dataSource.manager, lock = false): Promise<StatementEntity> {
    const qb = this.restrict(em.createQueryBuilder(StatementEntity, 's').where('s.id = :id', { id }), 's', actor);
    // The visibility check reads other tables; the lock is taken on the statement row only.
    if (lock) qb.setLock('pessimistic_write', undefined, ['s']);
    const statement = await qb.getOne();
    if (!statement) throw AppError.notFound('Statement', id);
    return statement;
  }

  /**
   * Whether the viewer sees every delegation's answers (positions, amendments, acknowledgments):
   * the secretariat always; delegations only on LIMITE/RESTRICTED texts they received. Otherwise
   * a delegate sees their own delegations' answers only.
   */
  seesAllAnswers(actor: AuthUser, statement: Pick<StatementEntity, 'classification'>, recipientDelegationIds: readonly string[]): boolean {
    if (Policy.seeAllStatements(actor)) return true;
    if (statement.classification === StatementClassification.PUBLIC || actor.role === Role.OBSERVER) return false;
    const mine = new Set(delegationIdsOf(actor));
    return recipientDelegationIds.some((id) => mine.has(id));
  }
}

/** Answers the viewer may see of one statement: all, or those of their own delegations. */
export function answerFilter(actor: AuthUser, seesAll: boolean): (row: { delegationId: string }) => boolean {
  if (seesAll) return () => true;
  const mine = new Set(delegationIdsOf(actor));
  return (row) => mine.has(row.delegationId);
}
