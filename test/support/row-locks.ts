import { type TestApp, waitFor } from './test-app.js';

export interface HeldRows {
  /** Resolves once `n` backends of this database wait on a lock (the requests fired meanwhile have queued up). */
  waiting(n: number): Promise<void>;
  /** Commits the holding transaction: the queued requests go, in the order they queued. */
  release(): Promise<void>;
}

/**
 * Locks rows `FOR UPDATE` from a connection of its own, so that requests fired meanwhile queue
 * behind the lock in a known order and race the moment it is released: a deterministic
 * interleaving instead of hoping two requests overlap.
 */
export async function holdRows(app: TestApp, table: string, ids: string[]): Promise<HeldRows> {
  const runner = app.dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query(`SELECT id FROM ${table} WHERE id = ANY($1) FOR UPDATE`, [ids]);
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await runner.commitTransaction();
    await runner.release();
  };
  return {
    waiting: async (n) => {
      try {
        await waitFor(
          async () => {
            const [{ count }] = await app.dataSource.query(
              `SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            );
            return count >= n;
          },
          15_000,
          `${n} requests to wait on the lock`,
        );
      } catch (error) {
        await release(); // a held connection would keep the app from closing
        throw error;
      }
    },
    release,
  };
}

/**
 * How many backends of this database wait for a row lock on `table`. Seen in pg_locks, not in
 * pg_stat_activity.query, whose text stops at track_activity_query_size (1 kB by default), often
 * before a long query's FOR UPDATE. A backend waiting for a row lock holds (or, queued behind
 * another waiter, awaits) the lock on that tuple.
 */
export async function rowLockWaiters(app: TestApp, table: string): Promise<number> {
  const [{ n }] = await app.dataSource.query(
    `SELECT count(DISTINCT l.pid)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE a.datname = current_database() AND a.wait_event_type = 'Lock' AND l.locktype = 'tuple' AND l.relation = $1::regclass`,
    [table],
  );
  return n;
}
