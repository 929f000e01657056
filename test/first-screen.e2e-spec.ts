import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TextDecoder, TextEncoder } from 'node:util';
import { getIntrospectionQuery } from 'graphql';
import { JSDOM, ResourceLoader, VirtualConsole, type FetchOptions } from 'jsdom';
import { Role } from '../src/auth/role.enum.js';
import { TestApp, waitFor } from './support/test-app.js';

/** A browser's network seen from the test: every request is recorded, and only the service is reached. */
class LocalOnlyNetwork extends ResourceLoader {
  readonly requests: string[] = [];
  readonly refused: string[] = [];

  constructor(private readonly origin: string) {
    super();
  }

  allowed(url: string): boolean {
    this.requests.push(url);
    const ok = new URL(url).origin === this.origin;
    if (!ok) this.refused.push(url);
    return ok;
  }

  override fetch(url: string, options: FetchOptions) {
    if (!this.allowed(url)) return null;
    return super.fetch(url, options);
  }
}

const INTROSPECTION = getIntrospectionQuery();

describe('the first screen: GraphiQL offline, introspection, CORS', () => {
  let app: TestApp;
  const ALLOWED = 'http://app.example.test';

  beforeAll(async () => {
    app = await TestApp.start({ worker: false, env: { NODE_ENV: 'development', CORS_ORIGINS: `${ALLOWED}, https://other.example.test` } });
  });
  afterAll(() => app?.close());

  it('serves GraphiQL with every asset from the service itself: the page renders and reads the schema, no request leaves 127.0.0.1', async () => {
    const page = await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//); // every reference is relative to the service

    const network = new LocalOnlyNetwork(app.url);
    const errors: string[] = [];
    let schemaRead = false;
    const virtualConsole = new VirtualConsole();
    virtualConsole.on('jsdomError', (e) => errors.push(e.message));
    virtualConsole.on('error', (...args: unknown[]) => errors.push(args.map(String).join(' ')));
    const dom = new JSDOM(html, {
      url: `${app.url}/graphql`,
      runScripts: 'dangerously',
      resources: network,
      pretendToBeVisual: true,
      virtualConsole,
      beforeParse(window) {
        // What jsdom lacks of a browser, through the same network rule.
        const w = window as unknown as Record<string, unknown>;
        w.fetch = (input: string, init?: RequestInit) => {
          const url = new URL(String(input), window.location.href).toString();
          if (!network.allowed(url)) return Promise.reject(new TypeError(`blocked ${url}`));
          return fetch(url, init).then(async (res) => {
            const body = (await res
              .clone()
              .json()
              .catch(() => null)) as { data?: { __schema?: unknown } } | null;
            if (res.status === 200 && body?.data?.__schema) schemaRead = true;
            return res;
          });
        };
        w.TextEncoder ??= TextEncoder;
        w.TextDecoder ??= TextDecoder;
        window.addEventListener('error', (e) => errors.push(e.message));
        // CodeMirror measures text ranges, which jsdom does not lay out.
        const rangeProto = window.Range.prototype as unknown as Record<string, unknown>;
        rangeProto.getBoundingClientRect ??= () => ({ x: 0, y: 0, top: 0, left: 0, bottom: 0, right: 0, width: 0, height: 0 });
        rangeProto.getClientRects ??= () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] });
        w.matchMedia ??= () => ({ matches: false, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {} });
        w.ResizeObserver ??= class {
          observe() {}
          unobserve() {}
          disconnect() {}
        };
      },
    });
    try {
      const introspected = await waitFor(
        async () => {
          const doc = dom.window.document;
          // GraphiQL rendered and its introspection query was answered (the docs pane has a schema).
          return doc.querySelector('.graphiql-container') && schemaRead ? doc : null;
        },
        // Parsing a megabyte of GraphiQL in jsdom is slow on a busy machine: a generous bound.
        90_000,
        `GraphiQL to render (errors: ${errors.join('; ')}; requests: ${network.requests.join(', ')}; body: ${dom.window.document.body.innerHTML.slice(0, 300)})`,
      );
      expect(introspected.querySelector('.graphiql-container')).not.toBeNull();
      const assets = [...new Set(network.requests.filter((r) => r.includes('/graphiql/')))].map((r) => new URL(r).pathname).sort();
      expect(assets).toEqual([
        '/graphiql/graphiql.min.css',
        '/graphiql/graphiql.min.js',
        '/graphiql/react-dom.production.min.js',
        '/graphiql/react.production.min.js',
      ]);
      expect(network.refused).toEqual([]);
      expect(errors).toEqual([]);
      expect(dom.window.document.body.textContent).not.toContain('Error fetching schema');
    } finally {
      dom.window.close();
    }

    // The stylesheet brings its fonts inline; React is the production build.
    const css = await (await fetch(`${app.url}/graphiql/graphiql.min.css`)).text();
    for (const [, ref] of css.matchAll(/url\(\s*['"]?([^'")]+)/g)) expect(ref).toMatch(/^data:/);
    expect(await (await fetch(`${app.url}/graphiql/react.production.min.js`)).text()).not.toContain('development');
    expect((await fetch(`${app.url}/graphiql/../package.json`)).status).toBe(404);
    expect((await fetch(`${app.url}/graphiql/index.js`)).status).toBe(404);
  }, 120_000);

  it('answers getIntrospectionQuery() in development, without lifting the limits for anything else', async () => {
    const res = await app.anonymous.request<{ __schema: { types: unknown[] } }>(INTROSPECTION);
    expect(res.errors).toBeUndefined();
    expect(res.data!.__schema.types.length).toBeGreaterThan(50);

    // The same introspection with one expensive data field is costed like any query.
    const { client } = await app.as(Role.ADMIN);
    const data = 'meetings(first: 100) { edges { node { participants { delegation { members { user { name email } } } } } } }';
    const expensive = `{ __schema { queryType { name } } ${data} }`;
    const rejected = await client.request(expensive);
    expect(rejected.errors?.[0]?.message).toMatch(/too expensive/);
    // Hidden behind a fragment or an alias, too.
    const viaFragment = `query Q { ...F } fragment F on Query { __schema { queryType { name } } ${data} }`;
    expect((await client.request(viaFragment)).errors?.[0]?.message).toMatch(/too expensive/);
    // Nested introspection stays bounded by graphql-js's own introspection depth rule.
    const deep = '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }';
    expect((await app.anonymous.request(deep)).errors?.[0]?.message).toMatch(/[Mm]aximum introspection depth/);
  });

  it('lets an allowed origin through CORS preflight and turns another away', async () => {
    const preflight = (origin: string) =>
      fetch(`${app.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const ok = await preflight(ALLOWED);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');

    const other = await preflight('https://evil.example.test');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    // The real request from the allowed origin carries the header the browser needs.
    const real = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { origin: ALLOWED, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(real.status).toBe(200);
    expect(real.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });
});

describe('in production', () => {
  const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-characters' };
  let closed: TestApp;
  let opened: TestApp;

  beforeAll(async () => {
    [closed, opened] = await Promise.all([
      TestApp.start({ worker: false, env: PRODUCTION }),
      TestApp.start({ worker: false, env: { ...PRODUCTION, GRAPHQL_INTROSPECTION: 'true' } }),
    ]);
  });
  afterAll(() => Promise.all([closed?.close(), opened?.close()]));

  it('keeps introspection, GraphiQL and field suggestions off unless GRAPHQL_INTROSPECTION=true', async () => {
    const denied = await closed.anonymous.request(INTROSPECTION);
    expect(denied.data ?? null).toBeNull();
    expect(denied.errors?.[0]?.message).toMatch(/[Ii]ntrospection/);
    const typo = await closed.anonymous.request('{ meetingz { totalCount } }');
    expect(typo.errors?.[0]?.message).toMatch(/Cannot query field "meetingz"/);
    expect(JSON.stringify(typo.errors)).not.toMatch(/Did you mean/);
    const page = await fetch(`${closed.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/graphiql/i);
    expect((await fetch(`${closed.url}/graphiql/graphiql.min.js`)).status).toBe(404);

    const allowed = await opened.anonymous.request<{ __schema: { types: unknown[] } }>(INTROSPECTION);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data!.__schema.types.length).toBeGreaterThan(50);
    // Still production: no suggestions, no GraphiQL.
    expect(JSON.stringify((await opened.anonymous.request('{ meetingz { totalCount } }')).errors)).not.toMatch(/Did you mean/);
    expect((await fetch(`${opened.url}/graphiql/graphiql.min.js`)).status).toBe(404);
  });
});
