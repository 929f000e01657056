// The arrows of docs/design.md ("Arrows"), checked by `npm run lint`. A broken arrow fails with
// the rule's name and comment. Known exceptions are listed per rule, each with its reason.
// No cycles between feature folders: the feature order (`<feature>-imports-no-feature-above`) and the
// statements rules (core imports no sub-feature, sub-features import core only, adoption also circulation)
// leave no way back, so a cycle between them fails one of those rules by name. (dependency-cruiser's
// folder-scoped cycle check cannot leave out database/entities.ts, the one known arrow back.)

const FLOORS = 'common|config|database|redis|queues|outbox|audit|notifications|auth|delegations|metrics';
// Features in their order: each may import the floors and the features before it.
const FEATURES = ['meetings', 'action-items', 'statements', 'search'];
const SUB_FEATURES = ['drafting', 'circulation', 'adoption', 'publication', 'texts'];
// Composition and tools: they wire everything and nothing imports them.
const TOP = 'demo|health|schema|web|app\\.module\\.ts|worker\\.module\\.ts|main\\.ts|worker\\.ts|reconcile\\.ts|bootstrap\\.ts';

const featuresAbove = (feature) => FEATURES.slice(FEATURES.indexOf(feature) + 1);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'floors-import-no-feature',
      severity: 'error',
      comment:
        'The floors (common, config, database, redis, queues, outbox, audit, notifications, auth, delegations, metrics) ' +
        'are imported by features, never the other way: a feature plugs into a floor through a port it declares. ' +
        "Exception: database/entities.ts collects each feature's *.entities.ts (the CLI and the tests need one list).",
      // list-caps.spec.ts checks every list argument in schema.gql against its cap, the action items' bulk cap included.
      from: { path: `^src/(${FLOORS})/`, pathNot: '^src/database/entities\\.ts$|^src/common/graphql/list-caps\\.spec\\.ts$' },
      to: { path: `^src/(${FEATURES.join('|')})/` },
    },
    {
      name: 'database-entities-lists-only',
      severity: 'error',
      comment: "database/entities.ts may import the features' entity lists (*.entities.ts) and nothing else of theirs.",
      from: { path: '^src/database/entities\\.ts$' },
      to: { path: `^src/(${FEATURES.join('|')})/`, pathNot: '\\.entities\\.ts$' },
    },
    ...FEATURES.filter((f) => featuresAbove(f).length > 0).map((feature) => ({
      name: `${feature}-imports-no-feature-above`,
      severity: 'error',
      comment:
        `Features run one way (meetings <- action-items <- statements <- search): ${feature} imports nothing from ` +
        `${featuresAbove(feature).join(', ')}. What it needs from above comes through a port it declares ` +
        '(e.g. COMMITMENT_READERS, which action items declare and statements provide).',
      from: { path: `^src/${feature}/` },
      to: { path: `^src/(${featuresAbove(feature).join('|')})/` },
    })),
    {
      name: 'nothing-imports-composition',
      severity: 'error',
      comment:
        'The entry points and composition (main, worker, app.module, worker.module, bootstrap) and the tools (demo, health, schema) ' +
        'wire the floors and features together; no floor or feature imports them.',
      from: { path: '^src/', pathNot: `^src/(${TOP})` },
      to: { path: `^src/(${TOP})` },
    },
    {
      name: 'statements-core-imports-no-sub-feature',
      severity: 'error',
      comment: 'statements/core is the floor of the statements sub-features: it imports none of them (declare a port instead).',
      from: { path: '^src/statements/core/' },
      to: { path: `^src/statements/(${SUB_FEATURES.join('|')})/|^src/statements/[^/]+\\.ts$` },
    },
    ...SUB_FEATURES.map((sub) => {
      const allowed = sub === 'adoption' ? ['circulation'] : [];
      const forbiddenSubs = SUB_FEATURES.filter((s) => s !== sub && !allowed.includes(s));
      return {
        name: `statements-${sub}-imports-core-only`,
        severity: 'error',
        comment:
          `Statements sub-features import statements/core only${allowed.length ? ` (adoption may also import circulation)` : ''}: ` +
          `${sub} imports nothing from ${forbiddenSubs.join(', ')} or the statements module files. Declare a port instead ` +
          '(ObjectionHooks, PUBLISHED_TEXTS).',
        from: { path: `^src/statements/${sub}/` },
        to: { path: `^src/statements/(${forbiddenSubs.join('|')})/|^src/statements/[^/]+\\.ts$` },
      };
    }),
    {
      name: 'no-module-cycles',
      severity: 'error',
      comment:
        'No cycles between files: move the shared part into a file both import. ' +
        'Exception: TypeORM entities that name each other in relations (typed through Relation<>, resolved lazily by TypeORM).',
      from: { path: '^(src|test|bench|migrations)/', pathNot: '\\.entity\\.ts$' },
      to: { circular: true },
    },
    {
      name: 'migrations-import-nothing-from-src',
      severity: 'error',
      comment: 'Migrations are frozen SQL: they import nothing from src/, so changing the code never changes a migration.',
      from: { path: '^migrations/' },
      to: { path: '^src/' },
    },
    {
      name: 'no-resolver-imports-resolver',
      severity: 'error',
      comment: "No resolver imports another resolver: shared helpers live in the feature's access or service file.",
      from: { path: '\\.resolver\\.ts$' },
      to: { path: '\\.resolver\\.ts$' },
    },
    {
      name: 'web-client-and-server-apart',
      severity: 'error',
      comment:
        'The web client (web/) talks to the server only over HTTP and graphql-ws, typed from schema.gql by graphql-codegen: ' +
        'it imports nothing from src/, and the server imports nothing from web/ (src/web serves its built files).',
      from: { path: '^web/' },
      to: { path: '^(src|test|bench|migrations)/' },
    },
    {
      name: 'server-imports-no-web-client',
      severity: 'error',
      comment: 'The server serves the built client (web/dist) as files; it imports no web/ module.',
      from: { path: '^(src|migrations|bench)/' },
      to: { path: '^web/' },
    },
    {
      name: 'web-pages-apart',
      severity: 'error',
      comment:
        'A page folder (web/src/pages/<section>/) imports no other page folder: what two sections share goes to ' +
        'web/src/ui (components), web/src/format, web/src/errors or web/src/app. Exception: the layout shows the unread count (pages/notifications/live).',
      from: { path: '^web/src/pages/([^/]+)/' },
      to: { path: '^web/src/pages/', pathNot: '^web/src/pages/$1/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve to a file or an installed package.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage)/|^web/src/gql/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.d.ts', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
