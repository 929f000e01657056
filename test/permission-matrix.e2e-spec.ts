import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ACTORS, type Actor, MatrixContext, type MatrixRow } from './permission-matrix/matrix.js';
import { TestApp } from './support/test-app.js';

/** Every file of test/permission-matrix/ but the shared matrix.ts contributes rows: a feature adds its own file. */
const ROWS_DIR = join(__dirname, 'permission-matrix');
const rows: MatrixRow[] = readdirSync(ROWS_DIR)
  .filter((f) => f.endsWith('.ts') && f !== 'matrix.ts')
  .sort()
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the rows are collected before Jest defines the tests
  .flatMap((f) => (require(join(ROWS_DIR, f)) as { rows: MatrixRow[] }).rows);

/**
 * Every mutation × every role (and for delegates: a member of the target's delegation or of another)
 * → allowed (with its audit event, by that actor), or FORBIDDEN / NOT_FOUND with nothing written:
 * no row, no audit event, no outbox job. Without a worker, nothing else writes while a case runs,
 * so "nothing written" is checked on a fingerprint of every table: its row count (a delete) and its
 * rows written since a transaction id taken before the call (an insert, or an update: a new row
 * version, even one that leaves every value as it was). Cheaper than hashing every row, and no weaker.
 */
describe('the permission matrix', () => {
  let app: TestApp;
  let ctx: MatrixContext;
  let fingerprintSql: string;

  /** The id of a transaction begun after every earlier write committed: rows written later have a younger xmin. */
  const mark = async (): Promise<string> => (await app.dataSource.query('SELECT pg_current_xact_id()::xid::text AS xid'))[0].xid;
  const fingerprint = async (since: string): Promise<Record<string, string>> => (await app.dataSource.query(fingerprintSql, [since]))[0];
  const audits = async (): Promise<number> => app.count('audit_events');

  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
    ctx = await MatrixContext.create(app);
    const tables: { table_name: string }[] = await app.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY table_name`,
    );
    fingerprintSql = `SELECT ${tables
      .map(({ table_name: t }) => `(SELECT count(*) || ' rows, ' || count(*) FILTER (WHERE age(x.xmin) < age($1::xid)) || ' written' FROM "${t}" x) AS "${t}"`)
      .join(', ')}`;
  });
  afterAll(() => app?.close());

  it('has a row for every mutation of the schema, and no row for a mutation that does not exist', () => {
    const mutations = Object.keys(app.api.get(GraphQLSchemaHost).schema.getMutationType()!.getFields()).sort();
    const covered = [...new Set(rows.map((r) => r.mutation))].sort();
    expect(mutations.filter((m) => !covered.includes(m))).toEqual([]); // add a row in test/permission-matrix/
    expect(covered.filter((m) => !mutations.includes(m))).toEqual([]);
  });

  for (const row of rows) {
    const name = `${row.mutation}${row.scenario ? ` (${row.scenario})` : ''}: ${ACTORS.map((a) => `${a} ${row.expected[a]}`).join(', ')}`;
    it(name, async () => {
      const outcomes: Record<string, string> = {};
      for (const actor of ACTORS) outcomes[actor] = await runCase(row, actor);
      expect(outcomes).toEqual(row.expected);
    });
  }

  /** One call; returns what happened, after checking that a denial wrote nothing and an allowed call audited itself. */
  async function runCase(row: MatrixRow, actor: Actor): Promise<string> {
    const op = await row.prepare(ctx, actor);
    const user = op.as ?? ctx.users[actor];
    const since = await mark();
    const before = await fingerprint(since);
    const auditsBefore = await audits();
    const byActorBefore = await app.count('audit_events', 'actor_id = $1', [user.user.id]);
    const res = await user.client.request(op.query, op.variables, op.headers);
    if (!res.errors?.length) {
      if (row.audited !== false) {
        const byActor = (await app.count('audit_events', 'actor_id = $1', [user.user.id])) - byActorBefore;
        expect({ actor, audits: (await audits()) - auditsBefore, byActor }).toEqual({ actor, audits: 1, byActor: 1 });
      }
      return 'ALLOWED';
    }
    const code = String(res.errors[0].extensions?.code);
    if (code === 'FORBIDDEN' || code === 'NOT_FOUND') {
      const after = await fingerprint(since);
      const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
      expect({ actor, changed }).toEqual({ actor, changed: [] });
    }
    return code === 'FORBIDDEN' || code === 'NOT_FOUND' ? code : `${code}: ${res.errors[0].message}`;
  }
});
