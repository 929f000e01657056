import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { delegationIdsOf, type AuthUser } from '../../auth/auth-user.js';
import { Policy } from '../../auth/policy.js';
import { Role } from '../../auth/role.enum.js';
import { AppError } from '../../common/errors/app-error.js';
import { type GqlContext } from '../../common/graphql/gql-context.js';
import { type Loaders } from '../../common/loaders/loaders.js';
import { StatementEntity } from './statement.entity.js';

/**
 * A viewer as SQL sees them: their platform role and their delegations' ids, each an SQL
 * expression. The same rule is built for a request's viewer (bound values), for every row of
 * `users` (choosing who is told) and for a delegation (its webhook), so "who may read" and "who
 * is told" cannot drift apart.
 */
export interface ViewerSql {
  /** SQL text expression: the platform role. */
  role: string;
  /** SQL uuid[] expression: the viewer's delegations. */
  delegationIds: string;
}

/** Roles that read every statement and every answer (the secretariat), taken from the Policy. */
const SEE_ALL_ROLES = Object.values(Role).filter((role) => Policy.seeAllStatements({ role } as AuthUser));
const roleList = (roles: readonly Role[]) => roles.map((r) => `'${r}'`).join(', ');

/**
 * A request's viewer: the role as a literal (from the enum, so safe; the planner folds the role
 * tests away) and the delegations bound as `:viewerDelegationIds` (see `viewerParams`).
 */
export function requestViewer(actor: AuthUser): ViewerSql {
  if (!Object.values(Role).includes(actor.role)) throw new Error(`unknown role ${String(actor.role)}`);
  return { role: `'${actor.role}'`, delegationIds: ':viewerDelegationIds' };
}
export const viewerParams = (actor: AuthUser) => ({ viewerDelegationIds: delegationIdsOf(actor) });

/**
 * Each row of `users` (by its alias) as the viewer: its role, and its memberships as a uuid[]
 * expression the caller read once per person (the rule names them up to five times; see
 * StatementAudience's `viewers`).
 */
export const userRowViewer = (u: string, delegationIds: string): ViewerSql => ({ role: `${u}.role::text`, delegationIds });

/** A delegation (by its alias) as the viewer, for what its webhook receives: a DELEGATE whose only delegation it is. */
export const delegationViewer = (d: string): ViewerSql => ({ role: `'${Role.DELEGATE}'`, delegationIds: `ARRAY[${d}.id]` });

/**
 * SQL: the statement (alias) was circulated to one of the viewer's delegations. Written from the
 * statement's circulations to their recipients (the unique index on circulation and delegation):
 * as one join, the planner could take every recipient of every circulation first, and an audience
 * runs this once per person (a circulation's audience query went from 35 to 8 ms at 3,000 recipient rows).
 */
const recipientOf = (s: string, v: ViewerSql) =>
  `EXISTS (SELECT 1 FROM circulations sc WHERE sc.statement_id = ${s}.id
            AND EXISTS (SELECT 1 FROM circulation_recipients sr WHERE sr.circulation_id = sc.id AND sr.delegation_id = ANY(${v.delegationIds})))`;

/**
 * The read rule, full access (the statement and its drafting record): the secretariat reads all;
 * PUBLIC is for any signed-in user; observers read nothing else; LIMITE for members of the body's
 * member delegations, of EU institutions and of delegations it was circulated to; RESTRICTED only
 * for delegations it was circulated to.
 */
export function fullAccessSql(s: string, v: ViewerSql): string {
  return `(${v.role} IN (${roleList(SEE_ALL_ROLES)})
        OR ${s}.classification = 'PUBLIC'
        OR (${v.role} <> '${Role.OBSERVER}' AND (
             (${s}.classification = 'LIMITE' AND (
                EXISTS (SELECT 1 FROM body_members sbm WHERE sbm.body_id = ${s}.body_id AND sbm.delegation_id = ANY(${v.delegationIds}))
                OR EXISTS (SELECT 1 FROM delegations sd WHERE sd.id = ANY(${v.delegationIds}) AND sd.kind = 'EU_INSTITUTION')
                OR ${recipientOf(s, v)}))
          OR (${s}.classification = 'RESTRICTED' AND ${recipientOf(s, v)}))))`;
}

/** Readable: full access, or a PUBLISHED statement (its public part only; see statementAccessLoader). */
export function readableSql(s: string, v: ViewerSql): string {
  return `(${s}.status = 'PUBLISHED' OR ${fullAccessSql(s, v)})`;
}

/** The rule at a level. */
export function accessSql(level: AccessLevel, s: string, v: ViewerSql): string {
  return level === 'full' ? fullAccessSql(s, v) : readableSql(s, v);
}

/**
 * The answers rule (`seesAllAnswers` in SQL): the secretariat; delegations only on LIMITE/RESTRICTED
 * texts they received. Everyone else sees their own delegations' answers only.
 */
export function seesAllAnswersSql(s: string, v: ViewerSql): string {
  return `(${v.role} IN (${roleList(SEE_ALL_ROLES)})
        OR (${s}.classification <> 'PUBLIC' AND ${v.role} <> '${Role.OBSERVER}' AND ${recipientOf(s, v)}))`;
}

/**
 * Who may read which statement — the security boundary of the product. The rule itself is
 * `fullAccessSql`/`readableSql` above (and `seesAllAnswersSql` for other delegations' answers); this
 * service binds it to a request's viewer for every read, and StatementAudience binds it to users and
 * delegations to choose who is told. A denied read is NOT_FOUND.
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
    return this.restrictTo('full', qb, alias, actor);
  }

  /** Readable: full access, or a PUBLISHED statement (its public part only; see statementAccessLoader). */
  restrictReadable<T extends object>(qb: SelectQueryBuilder<T>, alias: string, actor: AuthUser): SelectQueryBuilder<T> {
    return this.restrictTo('readable', qb, alias, actor);
  }

  async findVisible(actor: AuthUser, id: string, em: EntityManager = this.dataSource.manager, lock = false): Promise<StatementEntity> {
    return this.find('full', actor, id, em, lock);
  }

  /** A statement the actor fully sees or that is published (NOT_FOUND otherwise). */
  async findReadable(actor: AuthUser, id: string, em: EntityManager = this.dataSource.manager, lock = false): Promise<StatementEntity> {
    return this.find('readable', actor, id, em, lock);
  }

  /** `restrict` (full access) or `restrictReadable`, by name: the rule with the request's viewer bound. */
  restrictTo<T extends object>(level: AccessLevel, qb: SelectQueryBuilder<T>, alias: string, actor: AuthUser): SelectQueryBuilder<T> {
    if (Policy.seeAllStatements(actor)) return qb; // the rule holds for every statement: no predicate to plan
    return qb.andWhere(accessSql(level, alias, requestViewer(actor)), viewerParams(actor));
  }

  private async find(level: AccessLevel, actor: AuthUser, id: string, em: EntityManager, lock: boolean): Promise<StatementEntity> {
    const qb = this.restrictTo(level, em.createQueryBuilder(StatementEntity, 's').where('s.id = :id', { id }), 's', actor);
    // The visibility check reads other tables; the lock is taken on the statement row only.
    if (lock) qb.setLock('pessimistic_write', undefined, ['s']);
    const statement = await qb.getOne();
    if (!statement) throw AppError.notFound('Statement', id);
    return statement;
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
    const qb = loaders.dataSource
      .getRepository(StatementEntity)
      .createQueryBuilder('s')
      .select('s.id', 'id')
      .where('s.id IN (:...ids)', { ids: [...ids] });
    const rows: { id: string }[] = await access.restrictTo(level, qb, 's', viewer).getRawMany();
    const allowed = new Set(rows.map((r) => r.id));
    return ids.map((id) => allowed.has(id));
  });
}

/**
 * Per request: whether the viewer sees every delegation's answers on each of these statements
 * (`seesAllAnswersSql`, the rule notices use too), one query for all of them.
 */
export function seesAllAnswersLoader(loaders: Loaders, viewer: AuthUser) {
  return loaders.get<string, boolean>('statement.seesAllAnswers', async (ids) => {
    if (Policy.seeAllStatements(viewer)) return ids.map(() => true);
    const rows: { id: string; sees_all: boolean }[] = await loaders.dataSource
      .getRepository(StatementEntity)
      .createQueryBuilder('s')
      .select('s.id', 'id')
      .addSelect(seesAllAnswersSql('s', requestViewer(viewer)), 'sees_all')
      .where('s.id IN (:...ids)', { ids: [...ids] })
      .setParameters(viewerParams(viewer))
      .getRawMany();
    const all = new Set(rows.filter((r) => r.sees_all).map((r) => r.id));
    return ids.map((id) => all.has(id));
  });
}

/**
 * Whether the viewer sees the statement's drafting record (versions other than the adopted one,
 * circulations, answers); a reader who may only read it because it is published does not.
 */
export async function fullyReadable(ctx: GqlContext, access: StatementAccess, statementId: string): Promise<boolean> {
  return statementAccessLoader(ctx.loaders, access, ctx.user!, 'full').load(statementId);
}

/** Whether the viewer sees every delegation's answers on this statement (else only their own). */
export async function seesAllAnswers(ctx: GqlContext, s: { id: string }): Promise<boolean> {
  return seesAllAnswersLoader(ctx.loaders, ctx.user!).load(s.id);
}
