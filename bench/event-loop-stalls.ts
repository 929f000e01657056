import 'reflect-metadata';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { prepareInfrastructure } from '../src/bootstrap.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { dropDatabase } from '../src/database/prepare-database.js';
import { API_NODE_FLAGS, nodeFlags, startBenchRun } from './lib/bench-env.js';
import { Child } from './lib/child.js';
import { median, pad } from './lib/stats.js';
import { runMain } from './lib/run-main.js';

/**
 * `npm run bench:stalls`: the longest event-loop stall of the API process (perf_hooks
 * monitorEventLoopDelay, read in that process) while it serves one request of each heavy kind, on
 * the largest texts the inputs let through: a statement of 10 paragraphs × 19,000 characters
 * (190,000), revised with 6 of them rewritten.
 *   idle (the noise floor) / draft / revise / diff (3 aliases, and 1) / addTranslation / translation read / Akoma Ntoso
 *   (original, translated) / search over 21 such statements / CSV of 100,000 action items.
 * During the 3-alias diff /health is polled every 100 ms and its slowest answer printed too; for
 * each row, the longest garbage-collection pause (a stall that is GC is not the request's code).
 * BENCH_REPS repetitions (default 3) of each; the stall is the worst of them, the time the median.
 * Prints figures; asserts nothing about time. The API runs in a process of its own
 * (bench/servers/api-server.ts, NODE_ENV=production).
 * Knobs: BENCH_REPS (3), BENCH_CSV_ITEMS (100000), BENCH_ONLY (comma-separated first words of the rows),
 * BENCH_PROFILE (a file: the API process's CPU profile during the last repetition of the rows run;
 * `node dist/bench/profile-summary.js <file>` sums it by layer), BENCH_SERVER_FLAGS (node flags for the API, e.g. --trace-gc; unset: those of `npm run start:api`).
 */
const env = process.env;
const REPS = Number(env.BENCH_REPS ?? 3);
const CSV_ITEMS = Number(env.BENCH_CSV_ITEMS ?? 100_000);
const ONLY = env.BENCH_ONLY ? new Set(env.BENCH_ONLY.split(',')) : null;
const PARAGRAPH = 19_000;
const PARAGRAPHS = 10;
const REWRITTEN = 6;
const SEARCH_STATEMENTS = 20;
const SERVER_FLAGS = nodeFlags(env.BENCH_SERVER_FLAGS, API_NODE_FLAGS);

const log = (s = '') => process.stdout.write(`${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const WORDS = (
  'victims identification protection offenders investigation prosecution awareness campaign children parents educators ' +
  'communities images online availability material hosting takedown reporting statistics convention ratification police ' +
  'cooperation extradition evidence forensic training hotline schools platforms providers partners alliance ministers ' +
  'justice home affairs union united states enhance reduce increase ensure assistance support necessary worldwide join'
).split(' ');

/** Text that reads like a statement; a different seed gives a rewrite sharing only short runs. */
function prose(seed: number, length: number): string {
  let out = '';
  for (let i = seed + 1; out.length < length; i = (i * 1103515245 + 12345) % 2 ** 31) out += `${WORDS[(i >>> 16) % WORDS.length]} `;
  return `${out.slice(0, length - 1).trim()}.`;
}

async function main(): Promise<void> {
  const { redis, childEnv, config } = await startBenchRun();
  log(
    `Event-loop stalls per request type — longest stall of the API process over ${REPS} repetitions (monitorEventLoopDelay, 5 ms resolution), median request time.`,
  );
  log(
    `Node ${process.version}, NODE_ENV=production. Load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  await prepareInfrastructure(config);
  const ds = await new DataSource(dataSourceOptions(config.databaseUrl)).initialize();
  const api = await Child.start<{ port: number }>('api', new URL('./servers/api-server.js', import.meta.url), childEnv, SERVER_FLAGS);
  const base = `http://127.0.0.1:${api.ready.port}`;
  try {
    const [clerk] = await ds.query(
      `INSERT INTO users (email, name, password_hash, role, timezone) VALUES ('clerk@bench.concordia', 'Bench Clerk', 'x', 'CLERK', 'Europe/Brussels') RETURNING id, role`,
    );
    const [organizer] = await ds.query(
      `INSERT INTO users (email, name, password_hash, role, timezone) VALUES ('organizer@bench.concordia', 'Bench Organizer', 'x', 'ORGANIZER', 'Europe/Brussels') RETURNING id, role`,
    );
    const [body] = await ds.query(`INSERT INTO bodies (kind, name, jha) VALUES ('MINISTERIAL', 'Bench Ministerial', true) RETURNING id`);
    const [delegation] = await ds.query(
      `INSERT INTO delegations (code, name, kind, timezone) VALUES ('D001', 'Bench delegation', 'MEMBER_STATE', 'Europe/Brussels') RETURNING id`,
    );
    const clerkToken = await api.call<string>('token', clerk);
    const organizerToken = await api.call<string>('token', organizer);

    const gql = async (query: string, variables?: Record<string, unknown>) => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${clerkToken}` },
        body: JSON.stringify({ query, variables }),
      });
      const out = (await res.json()) as { data: any; errors?: { message: string }[] };
      if (out.errors)
        throw new Error(
          out.errors
            .map((e) => e.message)
            .join('; ')
            .slice(0, 500),
        );
      return out.data;
    };
    const get = async (path: string, token = clerkToken) => {
      const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const bytes = (await res.arrayBuffer()).byteLength;
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      return bytes;
    };

    const v1 = Array.from({ length: PARAGRAPHS }, (_, i) => ({ key: `p${i + 1}`, kind: 'OPERATIVE', text: prose(i, PARAGRAPH) }));
    const v2 = v1.map((p, i) => (i < REWRITTEN ? { ...p, text: prose(100 + i, PARAGRAPH) } : p));
    const DRAFT = 'mutation($i: DraftStatementInput!) { draftStatement(input: $i) { id currentVersion { id } } }';
    const REVISE = 'mutation($i: ReviseStatementInput!) { reviseStatement(input: $i) { id currentVersion { id } } }';
    const draft = async (title: string) => (await gql(DRAFT, { i: { bodyId: body.id, title, paragraphs: v1 } })).draftStatement;

    // The statement the reads below use: drafted, revised, adopted (directly in SQL), translated.
    const statement = await draft('Global Alliance (bench)');
    const first = statement.currentVersion.id as string;
    const revised = (await gql(REVISE, { i: { statementId: statement.id, baseVersionId: first, paragraphs: v2 } })).reviseStatement;
    const current = revised.currentVersion.id as string;
    await ds.query(
      `UPDATE statements SET status = 'ADOPTED', adopted_version_id = current_version_id, adopted_at = now(), adoption_method = 'CONSENSUS' WHERE id = $1`,
      [statement.id],
    );
    const TRANSLATE = 'mutation($i: AddTranslationInput!) { addTranslation(input: $i) { language } }';
    const translation = (seed: number) => ({
      versionId: current,
      language: 'fr',
      title: 'Alliance mondiale',
      replace: true,
      paragraphs: v2.map((p, i) => ({ key: p.key, text: prose(seed + i, PARAGRAPH) })),
    });
    await gql(TRANSLATE, { i: translation(500) });
    for (let i = 0; i < SEARCH_STATEMENTS; i++) await draft(`Search bench ${i}`);
    await ds.query(
      `INSERT INTO action_items (reference, title, description, status, priority, due_at, owner_delegation_id, version)
       SELECT 'B-' || g, 'Follow-up ' || g || ': victims identification and protection', 'Report on the ratification of the convention, item ' || g,
              'OPEN', 'NORMAL', timestamptz '2027-01-01' + g * interval '1 minute', $1, 1
         FROM generate_series(1, $2) g`,
      [delegation.id, CSV_ITEMS],
    );
    await ds.query('ANALYZE');

    const diffs = (n: number) =>
      `query($id: ID!, $against: ID!) { statement(id: $id) { currentVersion { ${Array.from({ length: n }, (_, i) => `d${i}: diff(against: $against) { key type }`).join(' ')} } } }`;
    let revisions = 0;
    const cases: Array<{ name: string; run: () => Promise<unknown>; health?: boolean }> = [
      // The noise floor: the longest stall of an idle API over a second (GC, timers, this machine's other load).
      { name: 'idle API, 1 s (noise floor)', run: () => sleep(1_000) },
      { name: `draftStatement (${PARAGRAPHS} × ${PARAGRAPH.toLocaleString('en')} characters)`, run: () => draft('Draft bench') },
      {
        name: `reviseStatement (${REWRITTEN} of ${PARAGRAPHS} paragraphs rewritten)`,
        run: async () => {
          const s = await draft(`Revise bench ${revisions++}`);
          await api.call('loopReset'); // the draft is measured above
          return gql(REVISE, { i: { statementId: s.id, baseVersionId: s.currentVersion.id, paragraphs: v2 } });
        },
      },
      { name: `diff, 3 aliases (${REWRITTEN} rewritten paragraphs each)`, run: () => gql(diffs(3), { id: statement.id, against: first }), health: true },
      { name: 'diff, 1 alias', run: () => gql(diffs(1), { id: statement.id, against: first }) },
      { name: 'addTranslation (10 × 19,000, replacing)', run: () => gql(TRANSLATE, { i: translation(600 + revisions++) }) },
      {
        name: 'translation read (text(language) + translations)',
        run: () =>
          gql('query($id: ID!) { statement(id: $id) { currentVersion { text(language: "fr") { key text } translations { language paragraphs { text } } } } }', {
            id: statement.id,
          }),
      },
      { name: 'Akoma Ntoso (original)', run: () => get(`/statements/${statement.id}/akn.xml`) },
      { name: 'Akoma Ntoso (translation)', run: () => get(`/statements/${statement.id}/akn.xml?lang=fr`) },
      {
        name: `search (${SEARCH_STATEMENTS + 1} large statements match, page of 20 snippets)`,
        run: () => gql('{ search(query: "victims protection", first: 20) { edges { node { kind snippet } } } }'),
      },
      { name: `action-items.csv (${CSV_ITEMS.toLocaleString('en')} items)`, run: () => get('/action-items.csv', organizerToken) },
    ];

    log();
    log(`${'request'.padEnd(58)} ${pad('longest stall', 14)} ${pad('median time', 12)}  notes`);
    for (const c of cases) {
      if (ONLY && !ONLY.has(c.name.split(/[ ,(]/)[0])) continue;
      const stalls: number[] = [];
      const gcs: number[] = [];
      const times: number[] = [];
      let healthMax = 0;
      let healthFailed = 0;
      for (let rep = 0; rep < REPS; rep++) {
        await api.call('loopReset');
        let polling = c.health ?? false;
        const poller = (async () => {
          while (polling) {
            const t = performance.now();
            // Any answer counts (this API runs without a worker, so it reports 503 not ready): the process answered.
            const answered = await fetch(`${base}/health`, { signal: AbortSignal.timeout(120_000) }).then(
              () => true,
              () => false,
            );
            if (!answered) healthFailed++;
            healthMax = Math.max(healthMax, performance.now() - t);
            await sleep(100);
          }
        })();
        const profile = env.BENCH_PROFILE && rep === REPS - 1;
        if (profile) await api.call('profileStart');
        const t = performance.now();
        let error = '';
        await c.run().catch((e: Error) => (error = e.message));
        times.push(performance.now() - t);
        if (profile) await api.call('profileStop', env.BENCH_PROFILE);
        polling = false;
        await poller;
        stalls.push(await api.call<number>('loopMax'));
        gcs.push(await api.call<number>('gcMax'));
        if (error) log(`  ${c.name}: ${error}`);
      }
      const notes = [
        `longest GC pause ${Math.max(...gcs).toFixed(0)} ms`,
        c.health ? `/health slowest ${healthMax.toFixed(0)} ms${healthFailed ? `, ${healthFailed} unanswered` : ''}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      const row = `${c.name.padEnd(58)} ${pad(`${Math.max(...stalls).toFixed(0)} ms`, 14)} ${pad(`${median(times).toFixed(0)} ms`, 12)}  ${notes}`;
      log(row);
    }
    log();
    log(
      `Load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (2 shared cores: figures are noisy).`,
    );
  } finally {
    await api.stop().catch(() => undefined);
    await ds.destroy();
    await dropDatabase(config.databaseUrl).catch(() => undefined);
    redis.stop();
  }
}

runMain(main);
