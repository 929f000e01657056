import DataLoader from 'dataloader';
import { type DataSource, type EntityTarget, In, type ObjectLiteral } from 'typeorm';

/**
 * Per-request DataLoaders, created with the GraphQL context, so nested fields batch into one query
 * per kind of thing and nothing is cached across requests or users.
 */
export class Loaders {
  private readonly cache = new Map<string, DataLoader<unknown, unknown>>();

  constructor(readonly dataSource: DataSource) {}

  /** A loader registered under `key` on first use; for batch logic of a feature's own. */
  get<K, V>(key: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    let loader = this.cache.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 500 });
      this.cache.set(key, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /** One row per id (null when missing). */
  byId<E extends ObjectLiteral & { id: string }>(entity: EntityTarget<E>): DataLoader<string, E | null> {
    return this.get(`byId:${this.name(entity)}`, async (ids: readonly string[]) => {
      const rows = await this.dataSource.getRepository(entity).findBy({ id: In([...ids]) } as never);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /** All rows whose `property` equals the key (e.g. agenda items per meeting), in `order`. */
  manyBy<E extends ObjectLiteral>(entity: EntityTarget<E>, property: keyof E & string, order: Partial<Record<keyof E & string, 'ASC' | 'DESC'>> = {}): DataLoader<string, E[]> {
    return this.get(`manyBy:${this.name(entity)}:${property}:${JSON.stringify(order)}`, async (keys: readonly string[]) => {
      const rows = await this.dataSource.getRepository(entity).find({ where: { [property]: In([...keys]) } as never, order: order as never });
      const groups = new Map<string, E[]>(keys.map((k) => [k, []]));
      for (const row of rows) groups.get(String(row[property]))?.push(row);
      return keys.map((k) => groups.get(k) ?? []);
    });
  }

  private name(entity: EntityTarget<ObjectLiteral>): string {
    return this.dataSource.getMetadata(entity).name;
  }
}
