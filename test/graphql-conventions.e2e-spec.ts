import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ModulesContainer } from '@nestjs/core';
import { Role } from '../src/auth/role.enum.js';
import { IS_PUBLIC } from '../src/auth/public.decorator.js';
import { TestApp, type TestUser } from './support/test-app.js';

const RESOLVER_TYPE = 'graphql:resolver_type';
const RESOLVER_NAME = 'graphql:resolver_name';

/**
 * A query `levels` deep: delegations › edges › node, then members › user and memberships ›
 * delegation pairs in turn, then name. Depth, not width: the lists it nests are short ones
 * (members of a delegation, then delegations of a person), so an accepted depth stays cheap.
 */
function nested(levels: number): string {
  const pairs = ['members { user {', 'memberships { delegation {'];
  let open = '';
  let close = '';
  for (let depth = 4, i = 0; depth + 2 <= levels; depth += 2, i++) {
    open += `${pairs[i % 2]} `;
    close += ' } }';
  }
  return `{ delegations(first: 1) { edges { node { ${open}name${close} } } } }`;
}

describe('GraphQL conventions: limits, pagination, public operations, health and metrics', () => {
  let app: TestApp;
  let delegate: TestUser;

  beforeAll(async () => {
    app = await TestApp.start({ demo: true, worker: false });
    delegate = await app.as(Role.DELEGATE, 'DK');
  });
  afterAll(() => app?.close());

  it('rejects a query nested 15 levels deep before executing it', async () => {
    const res = await delegate.client.request(nested(15));
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).toMatch(/depth/i);
  });

  it('accepts a reasonably nested query', async () => {
    const data = await delegate.client.data(nested(8));
    expect(data.delegations.edges).toHaveLength(1);
  });

  it('rejects 100 aliases before executing anything (no mutation runs)', async () => {
    const organizer = await app.as(Role.ORGANIZER);
    const aliases = Array.from(
      { length: 100 },
      (_, i) => `d${i}: createDelegation(input: { code: "Z${String.fromCharCode(65 + (i % 26))}", name: "Z", kind: MEMBER_STATE }) { id }`,
    );
    const before = await app.count('delegations');
    const res = await organizer.client.request(`mutation { ${aliases.join(' ')} }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).toMatch(/alias/i);
    expect(await app.count('delegations')).toBe(before);
  });

  it('rejects a query whose page sizes multiply beyond the cost limit', async () => {
    const res = await delegate.client.request(
      'query($n: Int!) { a: meetings(first: $n) { edges { node { participants { accredited { user { memberships { delegation { members { id } } } } } } } } } }',
      { n: 100 },
    );
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).toMatch(/too expensive/);
  });

  it('pages through all demo delegations five at a time with cursors, without duplicates or gaps', async () => {
    const codes: string[] = [];
    let after: string | null = null;
    let pages = 0;
    let total: number;
    do {
      const { delegations }: any = await delegate.client.data(
        'query($after: String) { delegations(first: 5, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { code } } } }',
        { after },
      );
      total = delegations.totalCount;
      expect(delegations.edges.length).toBeLessThanOrEqual(5);
      codes.push(...delegations.edges.map((e: any) => e.node.code));
      after = delegations.pageInfo.hasNextPage ? delegations.pageInfo.endCursor : null;
      pages++;
    } while (after && pages < 50);
    const [{ n }] = await app.dataSource.query('SELECT count(*)::int AS n FROM delegations');
    expect(total).toBe(n);
    expect(codes).toHaveLength(n);
    expect(new Set(codes).size).toBe(n);
    expect(codes).toEqual([...codes].sort());
    expect(codes).toEqual(expect.arrayContaining(['AT', 'DK', 'CY', 'GB', 'EU', 'COM', 'GSC', 'US']));
    expect(n).toBe(37); // 27 member states of 2012, EU, COM, GSC, the United States and 6 partners that joined the Global Alliance
    expect(pages).toBe(Math.ceil(n / 5));
  });

  it('bounds page sizes and rejects cursors it did not issue', async () => {
    await delegate.client.error('{ delegations(first: 101) { totalCount } }', undefined, 'BAD_USER_INPUT', 'first');
    await delegate.client.error('{ delegations(first: 0) { totalCount } }', undefined, 'BAD_USER_INPUT', 'first');
    await delegate.client.error('{ delegations(first: 5, after: "garbage") { totalCount } }', undefined, 'BAD_USER_INPUT', 'after');
  });

  it('finds a delegation by id or by code (NOT_FOUND otherwise)', async () => {
    const { delegation } = await delegate.client.data('{ delegation(code: "dk") { id code name kind timezone } }');
    expect(delegation).toMatchObject({ code: 'DK', name: 'Denmark', kind: 'MEMBER_STATE', timezone: 'Europe/Copenhagen' });
    const byId = await delegate.client.data('query($id: ID) { delegation(id: $id) { code } }', { id: delegation.id });
    expect(byId.delegation.code).toBe('DK');
    await delegate.client.error('{ delegation(code: "XX") { id } }', undefined, 'NOT_FOUND');
  });

  it('marks only the sign-ins (password, single sign-on code, the sign-in options) and the public read of published statements as public among all operations', () => {
    const publicOps: string[] = [];
    const allOps: string[] = [];
    for (const module of app.api.get(ModulesContainer).values()) {
      for (const wrapper of module.providers.values()) {
        const instance = wrapper.instance as object | undefined;
        if (!instance || !wrapper.metatype) continue;
        const proto = Object.getPrototypeOf(instance);
        for (const key of Object.getOwnPropertyNames(proto)) {
          const method = Object.getOwnPropertyDescriptor(proto, key)?.value;
          if (typeof method !== 'function') continue;
          const type = Reflect.getMetadata(RESOLVER_TYPE, method);
          if (!['Query', 'Mutation', 'Subscription'].includes(type)) continue;
          const name = `${type}.${Reflect.getMetadata(RESOLVER_NAME, method) ?? key}`;
          allOps.push(name);
          if (Reflect.getMetadata(IS_PUBLIC, method) || Reflect.getMetadata(IS_PUBLIC, wrapper.metatype)) publicOps.push(name);
        }
      }
    }
    expect(allOps.length).toBeGreaterThan(30);
    expect(publicOps.sort()).toEqual(['Mutation.login', 'Mutation.signInWithCode', 'Query.publicStatement', 'Query.signInOptions']);
  });

  it('reports health 200 with both dependencies, and serves Prometheus metrics', async () => {
    const health = await fetch(`${app.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, redis: { status: 'up' } } });

    await delegate.client.data('query Probe { me { id } }');
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/concordia_http_request_duration_seconds_count\{[^}]*route="\/graphql"/);
    expect(metrics).toMatch(/concordia_graphql_operation_duration_seconds_count\{operation="Probe",type="query",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/concordia_queue_jobs\{queue="notifications",state="waiting"\} \d+/);
    expect(metrics).toMatch(/concordia_outbox_backlog \d+/);
  });

  it('gives every response a request id, echoing a sane one sent by the client', async () => {
    const res = await fetch(`${app.url}/health`, { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-abc-123');
    const other = await fetch(`${app.url}/health`);
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never shows a stack trace for an unexpected error', async () => {
    const res = await delegate.client.request('{ meeting(id: "00000000-0000-4000-8000-000000000000") { id } }');
    expect(res.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', entity: 'Meeting', id: '00000000-0000-4000-8000-000000000000' });
  });
});
