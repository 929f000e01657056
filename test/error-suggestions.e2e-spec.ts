import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { TestApp } from './support/test-app.js';
import { WsTestClient } from './support/ws-client.js';

const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-characters' };

/** Requests whose errors graphql-js words with a "Did you mean …?" — before sign-in, as anyone can send them. */
const HTTP_CASES: [string, string, Record<string, unknown> | undefined][] = [
  ['input field (variables)', 'query Delegations($f: DelegationFilter) { delegations(first: 1, filter: $f) { totalCount } }', { f: { kinds: 'x' } }],
  ['input field (sign-in)', 'mutation SignIn($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { emial: 'a@b.test', password: 'x' } }],
  ['enum value (variables)', 'query Delegations($f: DelegationFilter) { delegations(first: 1, filter: $f) { totalCount } }', { f: { kind: 'MEMBER_STATES' } }],
  ['enum value (literal)', '{ delegations(first: 1, filter: { kind: MEMBER_STATES }) { totalCount } }', undefined],
  ['field', '{ meetingz { totalCount } }', undefined],
  ['argument', '{ delegations(frist: 1) { totalCount } }', undefined],
  ['type', 'query Delegations($f: DelegationFiltr) { delegations(first: 1, filter: $f) { totalCount } }', undefined],
];

const WS_CASES: [string, string, Record<string, unknown> | undefined][] = [
  ['field', 'subscription { notificationAdded { kindd } }', undefined],
  ['variable', 'subscription Follow($id: IDD!) { statementChanged(id: $id) { id } }', { id: 'x' }],
];

async function messages(app: TestApp): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [what, query, variables] of HTTP_CASES) {
    const res = await app.anonymous.request(query, variables);
    expect([what, res.errors?.length]).toEqual([what, expect.any(Number)]);
    out[`http ${what}`] = res.errors!.map((e) => e.message).join(' | ');
  }
  const { token } = await app.as(Role.DELEGATE, 'DK');
  const ws = new WsTestClient(app.url, token);
  try {
    for (const [what, query, variables] of WS_CASES) {
      const outcome = await ws.start(query, variables).done;
      out[`ws ${what}`] = ((outcome.errors ?? []) as { message: string }[]).map((e) => e.message).join(' | ');
    }
  } finally {
    await ws.dispose();
  }
  return out;
}

describe('"Did you mean …?" in error messages', () => {
  let production: TestApp;
  let development: TestApp;

  beforeAll(async () => {
    [production, development] = await Promise.all([
      TestApp.start({ worker: false, env: PRODUCTION }),
      TestApp.start({ worker: false, env: { NODE_ENV: 'development' } }),
    ]);
  });
  afterAll(() => Promise.all([production?.close(), development?.close()]));

  it('are never sent in production, over HTTP or graphql-ws, before or after sign-in', async () => {
    const seen = await messages(production);
    for (const [what, message] of Object.entries(seen)) {
      expect([what, message]).toEqual([what, expect.not.stringMatching(/Did you mean|"kind"|"MEMBER_STATE"|"meetings"|"first"|"DelegationFilter"\?/)]);
      expect([what, message]).not.toEqual([what, '']);
    }
    // The rest of the message still says what is wrong.
    expect(seen['http input field (variables)']).toBe(
      'Variable "$f" got invalid value { kinds: "x" }; Field "kinds" is not defined by type "DelegationFilter".',
    );
    expect(seen['http input field (sign-in)']).toMatch(/Field "emial" is not defined by type "LoginInput"\./);
    expect(seen['http field']).toBe('Cannot query field "meetingz" on type "Query".');
  });

  it('are kept in development, where they help', async () => {
    const seen = await messages(development);
    for (const [what, message] of Object.entries(seen)) expect([what, message]).toEqual([what, expect.stringMatching(/Did you mean/)]);
    expect(seen['http input field (variables)']).toBe(
      'Variable "$f" got invalid value { kinds: "x" }; Field "kinds" is not defined by type "DelegationFilter". Did you mean "kind"?',
    );
  });
});
