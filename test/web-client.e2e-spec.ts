import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from './support/test-app.js';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** The built web client served by the API (src/web): files, the index.html fallback, headers, and the API's own paths untouched. */
describe('web client served at /', () => {
  let app: TestApp;
  const get = (path: string, accept?: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${path}`, { headers: { ...(accept ? { Accept: accept } : {}), ...headers } });

  beforeAll(async () => {
    if (!existsSync('web/dist/index.html')) throw new Error('web/dist is missing: run `npm run build` first (npm test does)');
    app = await TestApp.start({ worker: false });
  });
  afterAll(() => app?.close());

  it('serves index.html at / and at client routes to browsers, revalidated, with a same-origin CSP', async () => {
    for (const path of ['/', '/notifications', '/action-items/AI-2026-0001']) {
      const res = await get(path, BROWSER);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'; script-src 'self'");
      expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('<div id="root"></div>');
    }
  });

  it('serves the hashed assets as immutable, gzipped when asked, and 304s an unchanged index.html', async () => {
    const html = await (await get('/', BROWSER)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const res = await get(script, '*/*', { 'Accept-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const etag = (await get('/', BROWSER)).headers.get('etag')!;
    expect((await get('/', BROWSER, { 'If-None-Match': etag })).status).toBe(304);
  });

  it('leaves the API paths to the API, whatever the Accept header', async () => {
    expect(await (await get('/graphql', BROWSER)).text()).toContain('Concordia GraphiQL');
    expect((await get('/health', BROWSER)).headers.get('content-type')).toContain('application/json');
    expect((await get('/metrics', BROWSER)).headers.get('content-type')).toContain('text/plain');
    expect((await get('/calendar/feed/nothing.ics', BROWSER)).headers.get('content-type')).not.toContain('text/html');
    expect((await get('/action-items.csv', BROWSER)).status).toBe(401);
    // Not a browser navigation: the API's 404, not the client.
    expect((await get('/nothing-here', 'application/json')).status).toBe(404);
    expect((await get('/nothing-here')).status).toBe(404);
  });

  it('gives a browser the client for /statements/<reference>, and everyone else the JSON, text or Akoma Ntoso', async () => {
    const page = await get('/statements/12-999', BROWSER);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const accept of [undefined, '*/*', 'application/json', 'text/plain', 'application/akn+xml']) {
      const res = await get('/statements/12-999', accept);
      expect([res.status, res.headers.get('content-type')]).toEqual([404, 'application/json; charset=utf-8']);
    }
    expect((await get('/statements/12-999?format=txt', BROWSER)).headers.get('content-type')).toContain('application/json');
    expect((await get('/statements/00000000-0000-4000-8000-000000000000/akn.xml', BROWSER)).headers.get('content-type')).not.toContain('text/html');
  });
});
