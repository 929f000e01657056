import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { delegationIdsOf, type AuthUser } from '../auth/auth-user.js';
import { Policy } from '../auth/policy.js';
import { Role } from '../auth/role.enum.js';
import { AppError } from '../common/errors/app-error.js';
import { type Loaders } from '../common/loaders/loaders.js';
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
 *
 * Publication adds one thing: a PUBLISHED statement is *readable* by anyone (signed in, and through
 * the public read without a token), whatever its classification — but only its adopted text and
 * what was made public with it (title, references, dates, signatories, endorsements). Its drafting
 * record (other versions, circulations, amendments, positions, consensus) stays behind the
 * classification rules: `restrict`/`findVisible` (full access) keep them, `restrictReadable`/
 * `findReadable` add published statements, and field resolvers of the drafting record ask
 * `statementAccessLoader(…, 'full')` before answering.
 */
@Injectable()
export class StatementAccess {
  constructor(private readonly dataSource: DataSource) {}

  /** Full access: the statement and its whole drafting record. */
  restrict<T extends object>(qb: SelectQueryBuilder<T>, alias: string, actor: AuthUser): SelectQueryBuilder<T> {
    const predicate = this.fullPredicate(alias, actor);
    return predicate ? qb.andWhere(predicate, { viewerDelegationIds: delegationIdsOf(actor) }) : qb;
  }

  /** Readable: full access, or a PUBLISHED statement (its public part only; see statementAccessLoader). */
  restrictReadable<T extends object>(qb: SelectQueryBuilder<T>, alias: string, actor: AuthUser): SelectQueryBuilder<T> {
    const predicate = this.fullPredicate(alias, actor);
    return predicate ? qb.andWhere(`(${alias}.status = 'PUBLISHED' OR ${predicate})`, { viewerDelegationIds: delegationIdsOf(actor) }) : qb;
  }

  /** The SQL condition for full access (null: everything). */
  private fullPredicate(alias: string, actor: AuthUser): string | null {
    if (Policy.seeAllStatements(actor)) return null;
    if (actor.role === Role.OBSERVER) return `${alias}.classification = 'PUBLIC'`;
    return `(${alias}.classification = 'PUBLIC'
        OR (${alias}.classification = 'LIMITE' AND (
              EXISTS (SELECT 1 FROM body_members sbm WHERE sbm.body_id = ${alias}.body_id AND sbm.delegation_id = ANY(:viewerDelegationIds))
              OR EXISTS (SELECT 1 FROM delegations sd WHERE sd.id = ANY(:viewerDelegationIds) AND sd.kind = 'EU_INSTITUTION')
              OR ${recipientOf(alias)}))
        OR (${alias}.classification = 'RESTRICTED' AND ${recipientOf(alias)}))`;
  }

  async findVisible(actor: AuthUser, id: string, em: EntityManager = this.dataSource.manager, lock = false): Promise<StatementEntity> {
    return this.find('full', actor, id, em, lock);
  }

  /** A statement the actor fully sees or that is published (NOT_FOUND otherwise). */
  async findReadable(actor: AuthUser, id: string, em: EntityManager = this.dataSource.manager, lock = false): Promise<StatementEntity> {
    return this.find('readable', actor, id, em, lock);
  }

  /** `restrict` (full access) or `restrictReadable`, by name, for the finders and the loader. */
  restrictTo<T extends object>(level: AccessLevel, qb: SelectQueryBuilder<T>, alias: string, actor: AuthUser): SelectQueryBuilder<T> {
    return level === 'full' ? this.restrict(qb, alias, actor) : this.restrictReadable(qb, alias, actor);
  }

  private async find(level: AccessLevel, actor: AuthUser, id: string, em: EntityManager, lock: boolean): Promise<StatementEntity> {
    const qb = this.restrictTo(level, em.createQueryBuilder(StatementEntity, 's').where('s.id = :id', { id }), 's', actor);
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

/** Full access (the drafting record too), or readable (full access, or published: the adopted text). */
export type AccessLevel = 'full' | 'readable';

/**
 * Per request: which of these statements the viewer may read at that level, one query for all of
 * them. A reader of a published statement without full access sees the adopted text only.
 */
export function statementAccessLoader(loaders: Loaders, access: StatementAccess, viewer: AuthUser, level: AccessLevel) {
  return loaders.get<string, boolean>(`statement.access.${level}`, async (ids) => {
    if (Policy.seeAllStatements(viewer)) return ids.map(() => true);
    const qb = loaders.dataSource.getRepository(StatementEntity).createQueryBuilder('s').select('s.id', 'id').where('s.id IN (:...ids)', { ids: [...ids] });
    const rows: { id: string }[] = await access.restrictTo(level, qb, 's', viewer).getRawMany();
    const allowed = new Set(rows.map((r) => r.id));
    return ids.map((id) => allowed.has(id));
  });
}
