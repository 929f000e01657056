import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditServer, type AuditResult } from 'graphql-http';
import { Role } from '../src/auth/role.enum.js';
import { TestApp, type TestUser } from './support/test-app.js';

const JSON_ONLY = 'application/json';
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

interface Body {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Failures of one requirement level, with the audit's reason, so a failing test says which. */
const failures = (results: AuditResult[], level: 'MUST' | 'SHOULD' | 'MAY') =>
  results.filter((r) => r.name.startsWith(`${level} `) && r.status !== 'ok').map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
const count = (results: AuditResult[], level: string) => results.filter((r) => r.name.startsWith(`${level} `)).length;

/** GET audits of graphql-http; Apollo's CSRF prevention refuses a GET without a preflight header. */
const GET_AUDITS = ['5A70 ', '6A70 ', 'D6D5 '];

describe('GraphQL over HTTP (the GraphQL-over-HTTP spec, graphql-http audit)', () => {
  let app: TestApp;
  let delegate: TestUser;

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Body };
  };

  beforeAll(async () => {
    app = await TestApp.start({ worker: false, env: { GRAPHQL_MAX_DEPTH: '4' } });
    delegate = await app.as(Role.DELEGATE, 'DK');
  });
  afterAll(() => app?.close());

  it('passes every MUST and SHOULD audit of graphql-http (13 and 23), and every MAY but the GETs CSRF prevention refuses', async () => {
    const results = await auditServer({ url: `${app.url}/graphql` });
    expect(failures(results, 'MUST')).toEqual([]);
    expect(failures(results, 'SHOULD')).toEqual([]);
    expect([count(results, 'MUST'), count(results, 'SHOULD'), count(results, 'MAY')]).toEqual([13, 23, 25]);
    // The three GETs without a header: CSRF prevention stays on (see "keeps CSRF prevention").
    expect(
      failures(results, 'MAY')
        .map((f) => f.slice(0, 5))
        .sort(),
    ).toEqual(GET_AUDITS);

    // A client that sends the header Apollo asks of GETs passes those too.
    const withPreflight = await auditServer({
      url: `${app.url}/graphql`,
      fetchFn: (input: RequestInfo | URL, init?: RequestInit) =>
        fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), 'apollo-require-preflight': 'true' } }),
    });
    expect([...failures(withPreflight, 'MUST'), ...failures(withPreflight, 'SHOULD'), ...failures(withPreflight, 'MAY')]).toEqual([]);
  });

  it('answers request errors 200 as application/json and 400 as application/graphql-response+json, without data', async () => {
    const requests: [string, Record<string, unknown>, string][] = [
      ['parse', { query: '{ me { id }' }, 'GRAPHQL_PARSE_FAILED'],
      ['validation', { query: '{ meetingz { totalCount } }' }, 'GRAPHQL_VALIDATION_FAILED'],
      ['depth limit', { query: '{ me { memberships { delegation { members { user { name } } } } } }' }, 'GRAPHQL_VALIDATION_FAILED'],
      ['variable coercion', { query: 'query Find($id: ID!) { delegation(id: $id) { code } }', variables: { id: null } }, 'BAD_USER_INPUT'],
      [
        'input field',
        { query: 'query Items($f: ActionItemFilter) { actionItems(first: 1, filter: $f) { totalCount } }', variables: { f: { kinds: 'x' } } },
        'BAD_USER_INPUT',
      ],
    ];
    for (const [what, request, code] of requests) {
      for (const [accept, status, type] of [
        [JSON_ONLY, 200, JSON_ONLY],
        ['*/*', 200, JSON_ONLY],
        [GRAPHQL_RESPONSE, 400, GRAPHQL_RESPONSE],
        [`${GRAPHQL_RESPONSE}, ${JSON_ONLY};q=0.9`, 400, GRAPHQL_RESPONSE],
      ] as const) {
        const res = await post(request, { accept, authorization: `Bearer ${delegate.token}` });
        expect({ what, accept, status: res.status, type: res.type.split(';')[0], code: res.body.errors?.[0]?.extensions?.code }).toEqual({
          what,
          accept,
          status,
          type,
          code,
        });
        expect(res.body).not.toHaveProperty('data');
      }
    }
  });

  it('keeps 200 for field errors and 400 for requests that are not GraphQL requests, whatever the media type', async () => {
    for (const accept of [JSON_ONLY, GRAPHQL_RESPONSE]) {
      const notFound = await post({ query: '{ delegation(code: "XX") { id } }' }, { accept, authorization: `Bearer ${delegate.token}` });
      expect([notFound.status, notFound.body.errors?.[0]?.extensions?.code]).toEqual([200, 'NOT_FOUND']);
      expect(notFound.body).toHaveProperty('data', null);
      const noQuery = await post({ variables: {} }, { accept });
      expect([noQuery.status, noQuery.body.errors?.[0]?.extensions?.code]).toEqual([400, 'BAD_REQUEST']);
    }
  });

  it('refuses a subscription sent over HTTP with 400 BAD_REQUEST before any resolver runs, pointing to graphql-ws', async () => {
    const subscriptions = [
      { query: 'subscription Live { notificationAdded { id kind subject } }' },
      { query: 'subscription Follow($id: ID!) { statementChanged(id: $id) { id title } }', variables: { id: '00000000-0000-4000-8000-000000000000' } },
      // A document with a query too: the operation chosen is what counts.
      { query: 'query Me { me { id } } subscription Live { notificationAdded { id } }', operationName: 'Live' },
    ];
    for (const request of subscriptions) {
      const headerSets: Record<string, string>[] = [{ accept: JSON_ONLY, authorization: `Bearer ${delegate.token}` }, { accept: GRAPHQL_RESPONSE }, {}];
      for (const headers of headerSets) {
        const res = await post(request, headers);
        expect(res.status).toBe(400);
        expect(res.body).not.toHaveProperty('data');
        expect(res.body.errors).toEqual([{ message: expect.stringMatching(/graphql-ws.*\/graphql/), extensions: { code: 'BAD_REQUEST' } }]);
      }
    }
    // The query of the same document still runs over HTTP.
    const me = await post({ ...subscriptions[2], operationName: 'Me' }, { authorization: `Bearer ${delegate.token}` });
    expect(me).toMatchObject({ status: 200, body: { data: { me: { id: delegate.user.id } } } });
  });

  it('keeps CSRF prevention: a GET or a form/text POST without a preflight header is refused and runs nothing', async () => {
    const get = (headers: Record<string, string> = {}) =>
      fetch(`${app.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: JSON_ONLY, ...headers } });
    const refused = await get();
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/Cross-Site Request Forgery/);
    expect((await get({ 'apollo-require-preflight': 'true' })).status).toBe(200);

    const before = await app.count('users');
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': type, accept: JSON_ONLY, authorization: `Bearer ${delegate.token}` },
        body: JSON.stringify({ query: 'mutation { signOut }' }),
      });
      expect([type, res.status]).toEqual([type, 400]);
    }
    expect(await app.count('users')).toBe(before);
    // The token still works: signOut never ran.
    expect((await delegate.client.data('{ me { id } }')).me.id).toBe(delegate.user.id);
  });
});
