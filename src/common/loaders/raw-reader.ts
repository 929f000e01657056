import { type EntityMetadata } from 'typeorm';

/** Column types that node-postgres already returns as TypeORM would hydrate them. */
const PLAIN_TYPES = new Set([
  'uuid',
  'varchar',
  'character varying',
  'text',
  'smallint',
  'int2',
  'int',
  'integer',
  'int4',
  // node-postgres returns int8 as a string, which is also what TypeORM hydrates it to.
  'bigint',
  'int8',
  'boolean',
  'bool',
  'timestamptz',
  'timestamp with time zone',
  'enum',
  'jsonb',
]);
/** Key types a loader can compare with `= ANY($1::<type>[])`. */
const KEY_CASTS: Record<string, string> = { uuid: 'uuid', varchar: 'text', 'character varying': 'text', text: 'text' };

export interface RawReader {
  /** `SELECT <columns AS properties> FROM <table>`: append an alias and conditions for reads of one's own. */
  readonly select: string;
  /** The readable columns: database name and property. */
  readonly columns: ReadonlyArray<{ databaseName: string; propertyName: string }>;
  /** `SELECT <columns AS properties> FROM <table> WHERE <property> = ANY($1) ORDER BY …`, all readable columns or only `only`. */
  whereAny(property: string, order: Record<string, 'ASC' | 'DESC' | undefined>, only?: readonly string[]): string;
  /** `SELECT <columns AS properties>, <extra> FROM <table>`: a row with more computed columns (e.g. its children as JSON). */
  selectWith(extra: readonly string[]): string;
  /** `json_build_object('<property>', <alias>.<column>, …)` of the readable columns (or `only`): rows inside another statement's JSON. */
  jsonObject(alias: string, only?: readonly string[]): string;
  /** A row `jsonObject` built, as the driver returns the plain row (timestamps as Date). */
  fromJson<E>(value: Record<string, unknown>): E;
}

/** Types JSON carries differently: int8 as text (as the driver returns it, and no precision lost), timestamps parsed as the driver does. */
const JSON_TEXT_TYPES = new Set(['bigint', 'int8']);
const TIMESTAMP_TYPES = new Set(['timestamptz', 'timestamp with time zone']);

const readers = new WeakMap<EntityMetadata, RawReader | null>();
export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Reads rows of an entity with plain SQL, columns aliased to property names, so the rows come out of
 * the driver entity-shaped: no query building and no hydration per request (the read path's largest
 * ORM costs). Columns hidden with `select: false` stay unread. Null for entities with column types or
 * transformers that need TypeORM's conversion; callers then use the repository.
 */
export function rawReader(meta: EntityMetadata): RawReader | null {
  if (readers.has(meta)) return readers.get(meta)!;
  const columns = meta.columns.filter(
    (c) => !c.relationMetadata || !meta.columns.some((o) => o !== c && !o.relationMetadata && o.databaseName === c.databaseName),
  );
  // Only the columns read count: one never selected (e.g. a generated tsvector) needs no conversion.
  const plain = columns.filter((c) => c.isSelect).every((c) => !c.transformer && !c.embeddedMetadata && PLAIN_TYPES.has(String(c.type)));
  let reader: RawReader | null = null;
  if (plain) {
    const readable = columns.filter((c) => c.isSelect);
    const head = `SELECT ${readable.map((c) => `${quote(c.databaseName)} AS ${quote(c.propertyName)}`).join(', ')}`;
    const select = `${head} FROM ${quote(meta.tablePath)}`;
    const statements = new Map<string, string>();
    const timestamps = readable.filter((c) => TIMESTAMP_TYPES.has(String(c.type))).map((c) => c.propertyName);
    reader = {
      select,
      selectWith: (extra) => `${head}${extra.map((e) => `, ${e}`).join('')} FROM ${quote(meta.tablePath)}`,
      jsonObject(alias, only) {
        const pairs = (only ? only.map((p) => readable.find((c) => c.propertyName === p)) : readable).map((c) => {
          if (!c) throw new Error(`${meta.name}: not a readable column among ${only?.join(', ')}`);
          const value = `${alias}.${quote(c.databaseName)}${JSON_TEXT_TYPES.has(String(c.type)) ? '::text' : ''}`;
          return `'${c.propertyName}', ${value}`;
        });
        return `json_build_object(${pairs.join(', ')})`;
      },
      fromJson<E>(value: Record<string, unknown>): E {
        for (const p of timestamps) if (typeof value[p] === 'string') value[p] = new Date(value[p]);
        return value as E;
      },
      columns: columns.filter((c) => c.isSelect).map((c) => ({ databaseName: c.databaseName, propertyName: c.propertyName })),
      whereAny(property, order, only) {
        const key = `${property}|${JSON.stringify(order)}|${only?.join(',') ?? '*'}`;
        let sql = statements.get(key);
        if (!sql) {
          const column = meta.findColumnWithPropertyName(property);
          const cast = column && KEY_CASTS[String(column.type)];
          if (!column || !cast) throw new Error(`${meta.name}.${property} cannot key a loader`);
          const head = only
            ? `SELECT ${only
                .map((p) => {
                  const c = meta.findColumnWithPropertyName(p);
                  if (!c?.isSelect) throw new Error(`${meta.name}.${p} is not a readable column`);
                  return `${quote(c.databaseName)} AS ${quote(c.propertyName)}`;
                })
                .join(', ')} FROM ${quote(meta.tablePath)}`
            : select;
          const orderBy = Object.entries(order)
            .filter(([, dir]) => dir)
            .map(([p, dir]) => `${quote(meta.findColumnWithPropertyName(p)!.databaseName)} ${dir === 'DESC' ? 'DESC' : 'ASC'}`);
          sql = `${head} WHERE ${quote(column.databaseName)} = ANY($1::${cast}[])${orderBy.length ? ` ORDER BY ${orderBy.join(', ')}` : ''}`;
          statements.set(key, sql);
        }
        return sql;
      },
    };
  }
  readers.set(meta, reader);
  return reader;
}
