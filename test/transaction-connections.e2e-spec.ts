import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TransactionService } from '../src/database/transaction.service.js';
import { TestApp } from './support/test-app.js';

/**
 * A transaction that asks the pool for a second connection holds one while it waits for another:
 * with every connection held that way the pool deadlocks until its acquire timeout (the eve's
 * SERVICE_UNAVAILABLE bursts). Under NODE_ENV=test the pool refuses such a connection, so every
 * suite's mutations prove that they read through their transaction; this suite proves the guard bites.
 */
describe('one connection per transaction', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses a read through the pool inside a transaction, and nothing of the transaction commits', async () => {
    const tx = app.api.get(TransactionService);
    const nested = tx.system(async ({ em }) => {
      await em.query(`INSERT INTO audit_events (action, entity_type, entity_id) VALUES ('test.nested', 'Test', gen_random_uuid())`);
      return app.dataSource.query('SELECT 1 AS one');
    });
    await expect(nested).rejects.toThrow(/second database connection was asked for inside a transaction/);
    expect(await app.count('audit_events', `action = 'test.nested'`)).toBe(0);
  });

  it('lets the same read through the transaction’s manager, and the pool outside one', async () => {
    const tx = app.api.get(TransactionService);
    await expect(tx.system(async ({ em }) => em.query('SELECT 1 AS one'))).resolves.toEqual([{ one: 1 }]);
    await expect(app.dataSource.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
  });
});
