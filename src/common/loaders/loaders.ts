import DataLoader from 'dataloader';
import { type GraphQLResolveInfo } from 'graphql';
import { type DataSource, type EntityMetadata, type EntityTarget, In, type ObjectLiteral } from 'typeorm';
import { rawReader, type RawReader } from './raw-reader.js';
import { selects } from './selects.js';

const HOLD_MS = 100;

/**
 * Per-request DataLoaders, created with the GraphQL context, so nested fields batch into one query
 * per kind of thing and nothing is cached across requests or users.
 */
export class Loaders {
  private readonly cache = new Map<string, DataLoader<unknown, unknown>>();
  /** The common loaders by entity, found without building their key on every field. */
  private readonly byEntity = new Map<unknown, DataLoader<string, unknown>>();
  /** Rows the byId loaders have read (null: no such row), by entity: `ref` hands them out without a promise. */
  private readonly loaded = new Map<unknown, Map<string, unknown>>();
  /** One model per row and mapping function, however many fields refer to the row. */
  private readonly models = new Map<unknown, Map<string, unknown>>();
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
      this.cache.set(key, loader);
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
      const loaded = new Map<string, E | null>();
      loader = this.get(`byId:${meta.name}`, async (ids: readonly string[]) => {
        const rows = await this.rows<E>(meta, 'id', ids, {});
        for (const id of ids) loaded.set(id, null);
        for (const r of rows) loaded.set(r.id, r);
        return ids.map((id) => loaded.get(id)!);
      });
      this.byEntity.set(entity, loader);
      this.loaded.set(entity, loaded);
    }
    return loader;
  }

  /**
   * The model of the row `id` refers to (null when there is none), for the field resolver of a
   * reference: synchronously when the row is already loaded (see `prefetch`), else through the
   * byId loader. A list whose references were prefetched then completes without a promise, a
   * loader call and a model per item: the per-row cost of the read path.
   */
  ref<E extends ObjectLiteral & { id: string }, M>(entity: EntityTarget<E>, id: string, map: (row: E) => M): M | null | Promise<M | null> {
    const loader = this.byId(entity);
    const row = this.loaded.get(entity)!.get(id) as E | null | undefined;
    if (row === undefined) return loader.load(id).then((r) => (r ? this.model(map, r) : null));
    return row ? this.model(map, row) : null;
  }

  /**
   * Reads, in one batch with the request's other references (see `schedule`), the rows the items
   * just read refer to — when the query asks for `field` on them — so that `ref` answers their
   * field resolvers at once. Call it in the list's resolver before returning the items.
   */
  async prefetch<E extends ObjectLiteral & { id: string }>(
    info: GraphQLResolveInfo,
    field: string,
    entity: EntityTarget<E>,
    ids: Iterable<string | null>,
  ): Promise<void> {
    if (!selects(info, field)) return;
    const loader = this.byId(entity);
    const loaded = this.loaded.get(entity)!;
    // Rows already here (read or primed) need no loader call: the list then completes at once.
    const wanted = new Set<string>();
    for (const id of ids) if (id !== null && !loaded.has(id)) wanted.add(id);
    // Failures are not thrown here: the field resolvers then meet them through the loader, per field.
    if (wanted.size > 0) await loader.loadMany([...wanted]);
  }

  /**
   * Rows read elsewhere (in a parent's statement, see meeting-prefetch.ts) handed to the byId loader:
   * `ref` and `load` then answer with them, as if the loader had read them. The rows must be what the
   * loader reads (all readable columns).
   */
  primeById<E extends ObjectLiteral & { id: string }>(entity: EntityTarget<E>, rows: readonly E[]): void {
    const loader = this.byId(entity);
    const loaded = this.loaded.get(entity)!;
    for (const row of rows) {
      if (loaded.has(row.id)) continue;
      loaded.set(row.id, row);
      loader.prime(row.id, row);
    }
  }

  private model<E extends { id: string }, M>(map: (row: E) => M, row: E): M {
    let models = this.models.get(map) as Map<string, M> | undefined;
    if (!models) this.models.set(map, (models = new Map<string, M>()));
    let m = models.get(row.id);
    if (m === undefined) models.set(row.id, (m = map(row)));
    return m;
  }

  /**
   * All rows whose `property` equals the key (e.g. agenda items per meeting), in `order`. With
   * `columns`, only those are read (the columns a model is made of: no parsing of unused ones); the
   * key property must be among them.
   */
  manyBy<E extends ObjectLiteral>(
    entity: EntityTarget<E>,
    property: keyof E & string,
    order?: Partial<Record<keyof E & string, 'ASC' | 'DESC'>>,
  ): DataLoader<string, E[]>;
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
