import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import { type DataSource, type EntityManager } from 'typeorm';

/**
 * A transaction holds one pool connection. Work inside it that asks the pool for another (a read
 * through the DataSource or a repository instead of the transaction's manager) waits for a free
 * connection while holding its own: once every connection is held by such transactions they all
 * wait, until the pool's acquire timeout fails them and every request queued behind them
 * (SERVICE_UNAVAILABLE under load). Such a read also sees neither the transaction's writes nor its
 * locks. So every read inside a transaction goes through its manager; this guard keeps it so.
 */
const openTransaction = new AsyncLocalStorage<DataSource>();
const guarded = new WeakSet<DataSource>();
const logger = new Logger('Transactions');

/** `dataSource.transaction(work)`, with the work marked as inside it where the guard is on. */
export function transaction<T>(dataSource: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (!guarded.has(dataSource)) return dataSource.transaction(work);
  return dataSource.transaction((em) => openTransaction.run(dataSource, () => work(em)));
}

type PoolConnect = (callback?: (error: Error | undefined, ...rest: unknown[]) => void) => unknown;

/**
 * From now on, a pool connection asked for inside one of this DataSource's transactions is refused
 * (`throw`: tests fail on it) or reported with its stack (`warn`). Off in production: on Node 22 an
 * active AsyncLocalStorage hooks every promise of the process, and the tests have checked every path.
 */
export function guardNestedConnections(dataSource: DataSource, onNested: 'throw' | 'warn'): void {
  if (guarded.has(dataSource)) return;
  const pool = (dataSource.driver as unknown as { master: { connect: PoolConnect } }).master;
  const connect = pool.connect.bind(pool);
  pool.connect = (callback) => {
    if (openTransaction.getStore() === dataSource) {
      const error = new Error('A second database connection was asked for inside a transaction: read through the transaction’s EntityManager');
      if (onNested === 'warn') logger.warn(error.stack);
      else if (callback) return callback(error);
      else return Promise.reject(error);
    }
    return connect(callback);
  };
  guarded.add(dataSource);
}
