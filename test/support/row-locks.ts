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
