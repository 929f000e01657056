import DataLoader from 'dataloader';
import { type DataSource, type EntityMetadata, type EntityTarget, In, type ObjectLiteral } from 'typeorm';
import { rawReader, type RawReader } from './raw-reader.js';

const HOLD_MS = 100;

/**
 * Per-request DataLoaders, created with the GraphQL context, so nested fields batch into one query
 * per kind of thing and nothing is cached across requests or users.
 */
export class Loaders {
  private readonly cache = new Map<string, DataLoader<unknown, unknown>>();
  /** The common loaders by entity, found without building their key on every field. */
  private readonly byEntity = new Map<unknown, DataLoader<string, unknown>>();
  /**
   * Batches wait while other batches of this request are still running: sibling lists (an agenda and
   * its participants) come back at different moments, and the references of both (their delegations)
   * then go out as one query instead of one per list. A batch never waits more than HOLD_MS (a batch
   * function that itself waits for another loader must not stall).
   */
  private inFlight = 0;
  private readonly held = new Map<() => void, NodeJS.Timeout>();
  private scheduled: Array<() => void> = [];

  constructor(readonly dataSource: DataSource) {}

  /** A loader registered under `key` on first use; for batch logic of a feature's own. */
  get<K, V>(key: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    let loader = this.cache.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      const counted = async (keys: readonly K[]) => {
        this.inFlight += 1;
        try {
          return await batch(keys);
        } finally {
          this.inFlight -= 1;
          if (this.inFlight === 0 && this.held.size > 0) setImmediate(() => this.release());
        }
      };
      loader = new DataLoader<K, V>(counted, { maxBatchSize: 500, batchScheduleFn: (dispatch) => this.schedule(dispatch) });
      this.cache.set(key, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /** Batches asked for in the same tick go out together (DataLoader's own moment), or are held together. */
  private schedule(dispatch: () => void): void {
    this.scheduled.push(dispatch);
    if (this.scheduled.length > 1) return;
    void Promise.resolve().then(() =>
      process.nextTick(() => {
        const group = this.scheduled;
        this.scheduled = [];
        if (this.inFlight === 0) return group.forEach((d) => d());
        for (const d of group) {
          this.held.set(
            d,
            setTimeout(() => {
              this.held.delete(d);
              d();
            }, HOLD_MS),
          );
        }
      }),
    );
  }

  /** Runs after the last running batch's results reached their fields (a macrotask later), so the keys they asked for joined the held batches. */
  private release(): void {
    if (this.inFlight > 0) return;
    const held = [...this.held];
    this.held.clear();
    for (const [dispatch, timer] of held) {
      clearTimeout(timer);
      dispatch();
    }
  }

  /** One row per id (null when missing). */
  byId<E extends ObjectLiteral & { id: string }>(entity: EntityTarget<E>): DataLoader<string, E | null> {
    let loader = this.byEntity.get(entity) as DataLoader<string, E | null> | undefined;
    if (!loader) {
      const meta = this.dataSource.getMetadata(entity);
      loader = this.get(`byId:${meta.name}`, async (ids: readonly string[]) => {
        const rows = await this.rows<E>(meta, 'id', ids, {});
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      this.byEntity.set(entity, loader as DataLoader<string, unknown>);
    }
    return loader;
  }

  /**
   * All rows whose `property` equals the key (e.g. agenda items per meeting), in `order`. With
   * `columns`, only those are read (the columns a model is made of: no parsing of unused ones); the
   * key property must be among them.
   */
  manyBy<E extends ObjectLiteral>(entity: EntityTarget<E>, property: keyof E & string, order?: Partial<Record<keyof E & string, 'ASC' | 'DESC'>>): DataLoader<string, E[]>;
  manyBy<E extends ObjectLiteral, K extends keyof E & string>(
    entity: EntityTarget<E>,
    property: K,
    order: Partial<Record<keyof E & string, 'ASC' | 'DESC'>>,
    columns: readonly K[],
  ): DataLoader<string, Pick<E, K>[]>;
  manyBy<E extends ObjectLiteral>(
    entity: EntityTarget<E>,
    property: keyof E & string,
    order: Partial<Record<keyof E & string, 'ASC' | 'DESC'>> = {},
    columns?: readonly string[],
  ): DataLoader<string, E[]> {
    if (columns && !columns.includes(property)) throw new Error(`manyBy: the key ${property} must be among the columns read`);
    const meta = this.dataSource.getMetadata(entity);
    return this.get(`manyBy:${meta.name}:${property}:${JSON.stringify(order)}:${columns?.join(',') ?? '*'}`, async (keys: readonly string[]) => {
      const rows = await this.rows<E>(meta, property, keys, order, columns);
      const groups = new Map<string, E[]>(keys.map((k) => [k, []]));
      for (const row of rows) groups.get(String(row[property]))?.push(row);
      return keys.map((k) => groups.get(k) ?? []);
    });
  }

  /** Plain SQL when the entity's columns need no conversion (the usual case), else the repository. */
  private rows<E extends ObjectLiteral>(
    meta: EntityMetadata,
    property: string,
    keys: readonly string[],
    order: Record<string, 'ASC' | 'DESC' | undefined>,
    columns?: readonly string[],
  ): Promise<E[]> {
    const reader: RawReader | null = rawReader(meta);
    if (reader) return this.dataSource.query(reader.whereAny(property, order, columns), [keys]);
    return this.dataSource.getRepository<E>(meta.target).find({
      ...(columns ? { select: Object.fromEntries(columns.map((c) => [c, true])) as never } : {}),
      where: { [property]: In([...keys]) } as never,
      order: order as never,
    });
  }
}
