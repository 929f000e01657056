import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { loadConfig } from '../src/config/app-config.js';
import { notificationAddedChannel } from '../src/notifications/channels/in-app.channel.js';
import { PubSub } from '../src/redis/pubsub.js';
import { StatementEvents } from '../src/statements/core/statement-events.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { createBody } from './support/meetings.js';
import { SmtpSink } from './support/smtp-sink.js';
import { TestApp, testEnv, type TestUser, waitFor } from './support/test-app.js';
import { WebhookSink } from './support/webhook-sink.js';
import { WsTestClient, type WsOutcome } from './support/ws-client.js';
import { loadSchema, PLACEMENT, reachableFields, selectionParts, valuesOf } from './who-may-know/fields.js';
import { answer, BODY, type Classification, delegationAsViewer, full, type ViewerFacts, type ViewerName, VIEWERS } from './who-may-know/rule.js';
import { buildScenario, ENDORSE, type Mark, marks, type Published, type Scenario } from './who-may-know/scenario.js';

const CLASSIFICATIONS: Classification[] = ['PUBLIC', 'LIMITE', 'RESTRICTED'];
const NAMES = Object.keys(VIEWERS) as ViewerName[];
const A_RECIPIENTS = ['DK'];
const B_RECIPIENTS = ['DK', 'US']; // silence goes to every member delegation
const schema = loadSchema();
const MAX_COST = 1_000_000;
/** The app's limits (as configured below): each part of the matrix's reads must pass them. */
const LIMITS = loadConfig(testEnv({ GRAPHQL_MAX_COST: String(MAX_COST) })).graphql;
const variables = (selection: string) => ['$id: ID!', ...['against', 'draft'].filter((v) => selection.includes(`$${v}`)).map((v) => `$${v}: ID!`)].join(', ');
const read = (selection: string) => `query(${variables(selection)}) { statement(id: $id) { ${selection} } }`;
const change = (selection: string) => `subscription(${variables(selection)}) { statementChanged(id: $id) { ${selection} } }`;
/** Every field reachable from Statement, in as few queries as the cost limit allows. */
const READ_PARTS = selectionParts(schema, read, LIMITS);
const READS = READ_PARTS.parts.map(read);
const CHANGES = selectionParts(schema, change, LIMITS).parts.map(change);
const SECRET = 'who-may-know-webhook-secret';
/** A notification id that is no notice: the probe that shows a subscription is listening. */
const PROBE = '00000000-0000-4000-8000-000000000000';

type Expected = Partial<Record<Mark, boolean>>;
const member = (v: ViewerFacts, codes: readonly string[]) => v.delegations.some((d) => codes.includes(d));

/** What a reader of statement A (never published), B and C (published) may know through GraphQL. */
function readExpectations(v: ViewerFacts, c: Classification): { a: Expected | 'NOT_FOUND'; b: Expected; c: Expected } {
  const fullB = full(v, c, B_RECIPIENTS);
  return {
    a: full(v, c, A_RECIPIENTS) ? { aTitle: true, aText: true, aWithdrawn: true, aDkReason: answer(v, c, A_RECIPIENTS, 'DK') } : 'NOT_FOUND',
    b: {
      bTitle: true,
      bAdopted: true,
      bDraft: fullB,
      bObjection: fullB && answer(v, c, B_RECIPIENTS, 'DK'),
      // adoptionReservations is part of the published statement, under the answers rule
      bDkReservation: answer(v, c, B_RECIPIENTS, 'DK'),
      bUsReservation: answer(v, c, B_RECIPIENTS, 'US'),
    },
    // C's recipients are B's (silence and the consensus circulation went to both members)
    c: { cTitle: true, cAdopted: true, cDraft: fullB, cObjection: fullB && answer(v, c, B_RECIPIENTS, 'DK') },
  };
}

/**
 * What a notice (inbox, e-mail, webhook) may tell a person or a delegation: those concerned (members
 * of the body's and the recipient delegations) who may read what it names; the clerk who launched a
 * silence procedure hears it broken; the endorsing delegation hears of its endorsement. Statement
 * texts never leave in notices.
 */
function noticeExpectations(v: ViewerFacts, c: Classification, launcher: boolean): Expected {
  const concerned = member(v, BODY);
  const fullA = full(v, c, A_RECIPIENTS);
  const fullB = full(v, c, B_RECIPIENTS);
  return {
    aTitle: concerned && fullA,
    aWithdrawn: concerned && fullA,
    aText: false,
    aDkReason: false,
    bTitle: concerned || launcher || member(v, ['FR']),
    bObjection: ((concerned && fullB) || launcher) && answer(v, c, B_RECIPIENTS, 'DK'),
    bDkReservation: concerned && fullB && answer(v, c, B_RECIPIENTS, 'DK'),
    bUsReservation: concerned && fullB && answer(v, c, B_RECIPIENTS, 'US'),
    bDraft: false,
    bAdopted: false,
    cTitle: concerned || launcher || member(v, ['FR']),
    cObjection: ((concerned && fullB) || launcher) && answer(v, c, B_RECIPIENTS, 'DK'),
    cDraft: false,
    cAdopted: false,
  };
}

interface Answer {
  data?: { statement: Record<string, unknown> } | null;
  errors?: readonly { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** The parts' answers together: each part's statement (a Statement-shaped object), the errors together. */
function merged(answers: Answer[]): { data: Record<string, unknown>[] | null; errors: Answer['errors'] } {
  const errors = answers.flatMap((a) => a.errors ?? []);
  const parts = answers.map((a) => a.data?.statement);
  return { data: parts.every(Boolean) ? (parts as Record<string, unknown>[]) : null, errors: errors.length ? errors : undefined };
}

/** The variables an operation declares (unused ones are refused). */
const usedIn = (operation: string, vars: Record<string, string>) => Object.fromEntries(Object.entries(vars).filter(([k]) => operation.includes(`$${k}:`)));

/** A published statement's variables: its adopted version (readable by all) and its never-adopted first one. */
const publishedVars = (s: Published) => ({ id: s.id, against: s.adoptedVersionId, draft: s.draftVersionId });

/** Reads the statement with every field, as one user. */
async function readAll(client: TestUser['client'], vars: { id: string; against: string; draft: string }): Promise<ReturnType<typeof merged>> {
  return merged(await Promise.all(READS.map((q) => client.request<{ statement: Record<string, unknown> }>(q, usedIn(q, vars)))));
}

/** The marks of `c` a text holds, against those expected: one `expect` with a readable diff. */
function expectMarks(text: string, c: Classification, expected: Expected, where: string): void {
  const m = marks(c);
  const seen = Object.fromEntries(Object.keys(expected).map((k) => [k, text.includes(m[k as Mark])]));
  expect({ where, seen }).toEqual({ where, seen: expected });
}

describe('who may know: one rule at every exit', () => {
  const smtp = new SmtpSink();
  const hooks = new WebhookSink();
  let app: TestApp;
  const users = {} as Record<ViewerName, TestUser>;
  const sockets = {} as Record<ViewerName, WsTestClient>;
  const added = {} as Record<ViewerName, WsOutcome>;
  const changed = {} as Record<ViewerName, Partial<Record<Classification, { a: WsOutcome[]; b: WsOutcome[]; c: WsOutcome[] }>>>;
  const scenarios = {} as Record<Classification, Scenario>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await Promise.all([smtp.start(), hooks.start()]);
    // One query asks for every field reachable from Statement at once: far above the cost a client may ask (lists at their maxima), so the limit is lifted here.
    app = await TestApp.start({ env: { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100', GRAPHQL_MAX_COST: String(MAX_COST) } });
    const organizer = await app.as(Role.ORGANIZER);
    for (const code of ['DK', 'US', 'FR']) ids[code] = (await app.delegation(code)).id;
    users.ADMIN = await app.as(Role.ADMIN);
    users.ORGANIZER = organizer;
    users.CLERK = await app.as(Role.CLERK);
    users.recipientHead = await app.as(Role.DELEGATE, 'DK', DelegateRole.HEAD_OF_DELEGATION);
    users.bodyMember = await app.as(Role.DELEGATE, 'US', DelegateRole.HEAD_OF_DELEGATION);
    users.outsider = await app.as(Role.DELEGATE, 'FR', DelegateRole.HEAD_OF_DELEGATION);
    users.OBSERVER = await app.as(Role.OBSERVER, 'DK', DelegateRole.EXPERT);
    await app.dataSource.query('UPDATE delegations SET webhook_url = $1, webhook_secret = $2', [hooks.url, SECRET]);
    const bodyId = (await createBody(organizer, app, { name: 'Ministerial', members: BODY, kind: 'MINISTERIAL' })).id;

    // Live exits open before anything happens: every notice pushed to each viewer.
    for (const name of NAMES) {
      sockets[name] = new WsTestClient(app.url, users[name].token);
      added[name] = sockets[name].start('subscription { notificationAdded { id } }').outcome;
    }
    // Subscribing is asynchronous (Redis SUBSCRIBE): a probe is published until each socket has it, so no notice is missed.
    const pubsub = app.api.get(PubSub);
    await waitFor(
      async () => {
        await Promise.all(
          NAMES.filter((n) => added[n].data.length === 0).map((n) => pubsub.publish(notificationAddedChannel(users[n].user.id), { notificationId: PROBE })),
        );
        return NAMES.every((n) => added[n].data.length > 0);
      },
      20_000,
      'notificationAdded subscriptions',
    );

    const cast = { clerk: users.CLERK, dkHead: users.recipientHead, usHead: users.bodyMember, ids };
    await Promise.all(CLASSIFICATIONS.map(async (c, n) => (scenarios[c] = await buildScenario(app, cast, bodyId, c, n))));

    for (const c of CLASSIFICATIONS) {
      const s = scenarios[c];
      for (const p of [s.b, s.c]) await users.outsider.client.data(ENDORSE, { i: { statementId: p.id, delegationId: ids.FR } });
    }
    await app.drain();

    // statementChanged: each viewer on A (withdrawn: refused or accepted) and on B and C (published),
    // one classification at a time (each part of the selection is a subscription).
    const answered = (o: WsOutcome) => o.data.length > 0 || o.errors !== null;
    const events = app.api.get(StatementEvents);
    for (const c of CLASSIFICATIONS) {
      const s = scenarios[c];
      for (const name of NAMES) {
        changed[name] ??= {};
        changed[name][c] = {
          // A is never changed again: only whether the subscription is accepted matters.
          a: [sockets[name].start('subscription($id: ID!) { statementChanged(id: $id) { id } }', { id: s.a.id }).outcome],
          b: CHANGES.map((q) => sockets[name].start(q, usedIn(q, publishedVars(s.b))).outcome),
          c: CHANGES.map((q) => sockets[name].start(q, usedIn(q, publishedVars(s.c))).outcome),
        };
      }
      // Refusals (as the oracle expects them) arrive first, and on each socket that of a statement
      // that does not exist, asked last: the server has mostly taken up the subscriptions before.
      const last = NAMES.map((n) => sockets[n].start('subscription($id: ID!) { statementChanged(id: $id) { id } }', { id: PROBE }).outcome);
      await waitFor(
        async () => last.every(answered) && NAMES.every((n) => full(VIEWERS[n], c, A_RECIPIENTS) || changed[n][c]!.a.every(answered)),
        20_000,
        'statementChanged refusals',
      );
      // Subscribing is asynchronous (Redis SUBSCRIBE): announce a change until every subscription has had a push.
      const pushed = () => NAMES.every((n) => [...changed[n][c]!.b, ...changed[n][c]!.c].every(answered));
      for (let round = 0; round < 15 && !pushed(); round++) {
        await Promise.all([events.changed(s.b.id, 'ENDORSED'), events.changed(s.c.id, 'ENDORSED')]);
        await waitFor(async () => pushed(), 3_000, 'statementChanged pushes').catch(() => undefined);
      }
      expect(pushed()).toBe(true);
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(Object.values(sockets).map((s) => s.dispose().catch(() => undefined)));
    await app?.close();
    await Promise.all([smtp.stop(), hooks.stop()]);
  });

  it('places every field reachable from Statement in schema.gql (a new field fails here until placed)', () => {
    const reachable = reachableFields(schema);
    expect(reachable.filter((f) => !(f in PLACEMENT))).toEqual([]);
    expect(Object.keys(PLACEMENT).filter((f) => !reachable.includes(f))).toEqual([]);
    // …and every one of them is asked by the matrix's queries, at every path the cost limit allows.
    expect(reachable.filter((f) => !READ_PARTS.covered.has(f))).toEqual([]);
  });

  describe.each(CLASSIFICATIONS)('%s', (c) => {
    it('statement and every field reachable from it: a fact exactly when the rule says so', async () => {
      const s = scenarios[c];
      await Promise.all(
        NAMES.map(async (name) => {
          const v = VIEWERS[name];
          const expected = readExpectations(v, c);
          const [a, b, cc] = await Promise.all([
            readAll(users[name].client, { id: s.a.id, against: s.a.versionId, draft: s.a.versionId }),
            readAll(users[name].client, publishedVars(s.b)),
            readAll(users[name].client, publishedVars(s.c)),
          ]);
          if (expected.a === 'NOT_FOUND') {
            expect({ name, codes: [...new Set(a.errors?.map((e) => e.extensions?.code))], data: a.data }).toEqual({ name, codes: ['NOT_FOUND'], data: null });
          } else {
            // A was never adopted: its Akoma Ntoso export is a CONFLICT, nothing else fails.
            expect({ name, errors: a.errors?.map((e) => `${e.path?.join('.')}:${String(e.extensions?.code)}`) }).toEqual({
              name,
              errors: ['statement.akomaNtoso:CONFLICT'],
            });
            expectMarks(JSON.stringify(a.data), c, expected.a, `${name} reads A`);
          }
          for (const [label, answer, published] of [
            ['B', b, s.b],
            ['C', cc, s.c],
          ] as const) {
            expect({ name, label, errors: answer.errors }).toEqual({ name, label, errors: undefined });
            expectMarks(JSON.stringify(answer.data), c, label === 'B' ? expected.b : expected.c, `${name} reads ${label}`);
            // A reader of the published statement only: the drafting record is empty wherever it is reachable, and the only version is the adopted one.
            if (!full(v, c, B_RECIPIENTS)) {
              const values = answer.data!.flatMap((part) => [...valuesOf(schema, 'Statement', part)]);
              const leaks = values.filter(({ key, value }) => PLACEMENT[key] === 'drafting' && value !== null && !(Array.isArray(value) && value.length === 0));
              expect({ name, label, leaks: leaks.map((l) => l.key) }).toEqual({ name, label, leaks: [] });
              const versions = values.filter(({ key }) => key === 'StatementVersion.id').map(({ value }) => value);
              expect({ name, label, versions: new Set(versions) }).toEqual({ name, label, versions: new Set([published.adoptedVersionId]) });
            }
          }
        }),
      );
    });

    it('inbox, notificationAdded and e-mail: told exactly what the rule lets them know', async () => {
      for (const name of NAMES) {
        const expected = noticeExpectations(VIEWERS[name], c, name === 'CLERK');
        const { notifications } = await users[name].client.data<{ notifications: { edges: { node: { id: string; subject: string; body: string } }[] } }>(
          'query { notifications(first: 100) { edges { node { id subject body } } } }',
        );
        const inbox = notifications.edges.map((e) => e.node);
        expectMarks(JSON.stringify(inbox), c, expected, `${name}'s inbox`);
        // Pushed live: the same notices, no others.
        const live = added[name].data
          .map((d) => (d.data as { notificationAdded?: { id: string } } | null)?.notificationAdded?.id)
          .filter((id) => id && id !== PROBE);
        expect(new Set(live)).toEqual(new Set(inbox.map((n) => n.id)));
        const mails = smtp.to(users[name].user.email).map((mail) => `${mail.subject}\n${mail.text}`);
        expectMarks(mails.join('\n'), c, expected, `${name}'s e-mail`);
      }
    });

    it('webhooks: a delegation is told what a delegate of it alone may know', () => {
      for (const code of ['DK', 'US', 'FR']) {
        const received = hooks.received.filter((h) => h.json.delegation === code).map((h) => h.body);
        expectMarks(received.join('\n'), c, noticeExpectations(delegationAsViewer(code), c, false), `${code}'s webhook`);
      }
    });

    it('statementChanged: refused without access, and a push tells what a read tells', () => {
      for (const name of NAMES) {
        const v = VIEWERS[name];
        const expected = readExpectations(v, c);
        const { a, b } = changed[name][c]!;
        // A refusal comes as the operation's error, or as its one result carrying the error.
        const aCodes = a.map(
          (o) => ((o.errors ?? o.data[0]?.errors) as { extensions?: { code?: string } }[] | undefined)?.map((e) => e.extensions?.code) ?? null,
        );
        expect({ name, a: aCodes }).toEqual({ name, a: a.map(() => (expected.a === 'NOT_FOUND' ? ['NOT_FOUND'] : null)) });
        for (const [label, outcomes] of [
          ['B', b],
          ['C', changed[name][c]!.c],
        ] as const) {
          const pushed = merged(
            outcomes
              .map((o) => o.data[0] as Answer & { data?: { statementChanged: Record<string, unknown> } })
              .map((r) => ({ data: r?.data ? { statement: r.data.statementChanged } : null, errors: r?.errors })),
          );
          expect({ name, label, errors: pushed.errors }).toEqual({ name, label, errors: undefined });
          expectMarks(JSON.stringify(pushed.data), c, label === 'B' ? expected.b : expected.c, `${name}'s statementChanged on ${label}`);
        }
      }
    });

    it('search: finds a statement exactly for those with full access to it', async () => {
      const s = scenarios[c];
      for (const name of NAMES) {
        const v = VIEWERS[name];
        const { search } = await users[name].client.data<{ search: { edges: { node: { id: string; snippet: string } }[] } }>(
          'query { search(query: "whomayknow", first: 100) { edges { node { id snippet } } } }',
        );
        const found = search.edges.map((e) => e.node.id);
        expect({ name, a: found.includes(s.a.id), b: found.includes(s.b.id), c: found.includes(s.c.id) }).toEqual({
          name,
          a: full(v, c, A_RECIPIENTS),
          b: full(v, c, B_RECIPIENTS),
          c: full(v, c, B_RECIPIENTS),
        });
      }
    });

    it('Akoma Ntoso: the adopted text only, signed in or not', async () => {
      const s = scenarios[c];
      for (const p of [s.b, s.c]) {
        const texts = await Promise.all([
          ...NAMES.map(async (name) => (await users[name].client.get(`/statements/${p.id}/akn.xml`)).text()),
          app.anonymous.get(`/statements/${encodeURIComponent(p.pressReference)}?format=akn`).then((r) => r.text()),
        ]);
        const expected =
          p === s.b
            ? { bAdopted: true, bDraft: false, bObjection: false, bDkReservation: false, bUsReservation: false }
            : { cAdopted: true, cDraft: false, cObjection: false };
        for (const xml of texts) expectMarks(xml, c, expected, `Akoma Ntoso of ${p.pressReference}`);
      }
      const refused = await Promise.all(
        NAMES.filter((n) => !full(VIEWERS[n], c, A_RECIPIENTS)).map(async (n) => (await users[n].client.get(`/statements/${s.a.id}/akn.xml`)).status),
      );
      expect(refused.every((status) => status === 404)).toBe(true);
    });
  });
});
