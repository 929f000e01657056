import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { TEST_PASSWORD, TestApp } from './support/test-app.js';

const LOGIN = 'mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }';

/** One sign-in, as a client behind `forwardedFor` would reach us through a proxy (or claim to). The error code, or 'OK'. */
async function login(url: string, email: string, password: string, forwardedFor?: string): Promise<string> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ query: LOGIN, variables: { input: { email, password } } }),
  });
  const body = (await res.json()) as { data?: { login?: { accessToken: string } }; errors?: { extensions?: { code?: string } }[] };
  return body.data?.login?.accessToken ? 'OK' : (body.errors?.[0]?.extensions?.code ?? 'NONE');
}

/** `n` codes from `attempt(i)`, five at a time (the limits are taken before verifying, so order does not matter). */
async function attempts(n: number, attempt: (i: number) => Promise<string>): Promise<string[]> {
  const codes: string[] = [];
  for (let i = 0; i < n; i += 5) codes.push(...(await Promise.all(Array.from({ length: Math.min(5, n - i) }, (_, j) => attempt(i + j)))));
  return codes;
}
const count = (codes: string[], code: string) => codes.filter((c) => c === code).length;

describe('sign-in throttling behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  let app: TestApp;

  beforeAll(async () => {
    // Per account and address 2, per address 20, per account (all addresses) the default 20.
    app = await TestApp.start({ worker: false, env: { TRUST_PROXY: 'loopback', LOGIN_MAX_FAILURES: '2' } });
  });
  afterAll(() => app?.close());

  it('verifies at most 20 of 30 wrong passwords for one account sent from 30 addresses, then refuses even the right one', async () => {
    const victim = await app.as(Role.OBSERVER);
    const codes = await attempts(30, (i) => login(app.url, victim.user.email, `guess ${i}`, `203.0.113.${i + 1}`));
    expect(count(codes, 'UNAUTHENTICATED')).toBe(20);
    expect(count(codes, 'RATE_LIMITED')).toBe(10);
    expect(await login(app.url, victim.user.email, TEST_PASSWORD, '198.51.100.7')).toBe('RATE_LIMITED');
  }, 120_000);

  it('lets the user in from an address they signed in from before, while strangers stay refused', async () => {
    const victim = await app.as(Role.OBSERVER);
    expect(await login(app.url, victim.user.email, TEST_PASSWORD, '192.0.2.10')).toBe('OK');
    const codes = await attempts(25, (i) => login(app.url, victim.user.email, `guess ${i}`, `203.0.114.${i + 1}`));
    expect(count(codes, 'UNAUTHENTICATED')).toBe(20);
    expect(await login(app.url, victim.user.email, TEST_PASSWORD, '198.51.100.8')).toBe('RATE_LIMITED');
    expect(await login(app.url, victim.user.email, TEST_PASSWORD, '192.0.2.10')).toBe('OK');
  }, 120_000);

  it('limits one address trying many accounts: the 21st failure from it is refused, whatever the e-mail', async () => {
    const codes = await attempts(20, (i) => login(app.url, `nobody.${i}@x.test`, 'wrong password', '203.0.115.1'));
    expect(count(codes, 'UNAUTHENTICATED')).toBe(20);
    const someone = await app.as(Role.OBSERVER);
    expect(await login(app.url, someone.user.email, TEST_PASSWORD, '203.0.115.1')).toBe('RATE_LIMITED');
    expect(await login(app.url, 'nobody.99@x.test', 'wrong password', '203.0.115.1')).toBe('RATE_LIMITED');
    // Another address is not affected.
    expect(await login(app.url, someone.user.email, TEST_PASSWORD, '203.0.115.2')).toBe('OK');
  }, 120_000);
});

describe('sign-in throttling by default (no TRUST_PROXY) and while Redis is down', () => {
  const redis = new TcpProxy('127.0.0.1', 6379);
  let app: TestApp;

  beforeAll(async () => {
    const port = await redis.start();
    // The API reaches Redis only through the proxy, so stopping it is Redis going down.
    app = await TestApp.start({ worker: false, env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
  });
  afterAll(async () => {
    await redis.start().catch(() => undefined);
    await app?.close();
    await redis.stop();
  });

  it('ignores X-Forwarded-For: a client cannot pick a new address per guess', async () => {
    const victim = await app.as(Role.OBSERVER);
    const codes = await attempts(10, (i) => login(app.url, victim.user.email, `guess ${i}`, `203.0.113.${i + 1}`));
    expect(count(codes, 'UNAUTHENTICATED')).toBe(10);
    expect(await login(app.url, victim.user.email, TEST_PASSWORD, '203.0.113.99')).toBe('RATE_LIMITED');
  });

  it('keeps throttling with its in-memory stand-in while Redis is down, and signs in meanwhile', async () => {
    const victim = await app.as(Role.OBSERVER);
    const other = await app.as(Role.OBSERVER);
    await redis.stop();
    try {
      const codes = await attempts(10, (i) => login(app.url, victim.user.email, `guess ${i}`));
      expect(count(codes, 'UNAUTHENTICATED')).toBe(10);
      expect(await login(app.url, victim.user.email, TEST_PASSWORD)).toBe('RATE_LIMITED');
      expect(await login(app.url, other.user.email, TEST_PASSWORD)).toBe('OK');
    } finally {
      await redis.start();
    }
  });
});
