import { isUUID } from 'class-validator';
import { type ObjectLiteral, QueryFailedError, type SelectQueryBuilder } from 'typeorm';
import { AppError } from '../errors/app-error.js';
import { quote, rawReader } from '../loaders/raw-reader.js';
import { type ConnectionArgs, type ConnectionResult } from './connection.js';

export interface SortKey {
  /** SQL expression of the sort column, e.g. `d.code` or `m.starts_at`. */
  expression: string;
  direction?: 'ASC' | 'DESC';
}

type Cursor = [sort: string, id: string];

export function encodeCursor(sort: string, id: string): string {
  return Buffer.from(JSON.stringify([sort, id] satisfies Cursor)).toString('base64url');
}

export function decodeCursor(cursor: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string') && isUUID(value[1])) return value as Cursor;
  } catch {
    // fall through
  }
  throw CURSOR_ERROR();
}

const CURSOR_ERROR = () => AppError.badInput('after', 'after is not a cursor returned by this list');

/**
 * Keyset pagination for a query builder without row-multiplying joins. The cursor holds the sort
 * value as PostgreSQL prints it (full precision, so timestamps never repeat or skip rows) and the id.
 */
export async function paginate<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  args: Pick<ConnectionArgs, 'first' | 'after'>,
  sort: SortKey,
): Promise<ConnectionResult<E>> {
  const alias = qb.alias;
  const direction = sort.direction ?? 'ASC';
  const idExpr = `${alias}.id`;
  // A COUNT over the whole list costs as much as the page again: run it only if the field is read.
  const countQuery = qb.clone();

  const page = qb.clone();
  if (args.after) {
    const [sortValue, id] = decodeCursor(args.after);
    const op = direction === 'ASC' ? '>' : '<';
    page.andWhere(`(${sort.expression}, ${idExpr}) ${op} (:__sort, :__id)`, { __sort: sortValue, __id: id });
  }
  // A query over a derived table (no entity, e.g. a UNION of several kinds) selects its own columns,
  // `id` among them, and its rows come back as they are.
  const derived = !qb.expressionMap.mainAlias!.hasMetadata;
  // Plain entities without joins come back as raw rows, columns aliased to properties: no hydration.
  const reader = !derived && qb.expressionMap.joinAttributes.length === 0 ? rawReader(qb.expressionMap.mainAlias!.metadata) : null;
  if (reader) {
    page.select(reader.columns.map((c) => `${quote(alias)}.${quote(c.databaseName)} AS ${quote(c.propertyName)}`).join(', '));
  }
  page
    .addSelect(`(${sort.expression})::text`, '__sort')
    .orderBy(sort.expression, direction)
    .addOrderBy(idExpr, direction)
    .limit(args.first + 1);

  // A forged cursor whose sort value PostgreSQL cannot read (class 22: data exception) is bad input, not a 500.
  const badCursor = (error: unknown): never => {
    if (args.after && error instanceof QueryFailedError && String((error.driverError as { code?: string }).code).startsWith('22')) throw CURSOR_ERROR();
    throw error;
  };
  let entities: E[];
  const sortById = new Map<string, string>();
  if (reader || derived) {
    entities = await page.getRawMany<E & { __sort: string }>().catch(badCursor);
    for (const row of entities as Array<E & { __sort: string }>) {
      sortById.set(String(row.id), row.__sort);
      delete (row as { __sort?: string }).__sort;
    }
  } else {
    const result = await page.getRawAndEntities<Record<string, unknown>>().catch(badCursor);
    entities = result.entities;
    for (const r of result.raw) sortById.set(String(r[`${alias}_id`]), String(r.__sort));
  }
  const rows = entities.slice(0, args.first);
  const edges = rows.map((node) => ({ node, cursor: encodeCursor(sortById.get(String(node.id)) ?? '', String(node.id)) }));
  let count: Promise<number> | undefined;
  return {
    edges,
    get totalCount() {
      return (count ??= derived ? countRows(countQuery) : countQuery.getCount());
    },
    pageInfo: {
      hasNextPage: entities.length > args.first,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** COUNT of a derived-table query (TypeORM's getCount needs an entity's primary key). */
async function countRows<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>): Promise<number> {
  const [sql, params] = qb.getQueryAndParameters();
  const [{ n }]: { n: number }[] = await qb.connection.query(`SELECT count(*)::int AS n FROM (${sql}) counted`, params);
  return n;
}
