import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { GRAPHQL_ACCEPT, GraphQLClient } from './support/graphql-client.js';
import { HttpBrowser } from './support/http-browser.js';
import { freePort, TestOidcProvider } from './support/oidc-provider.js';
import { TEST_PASSWORD, TestApp, type TestUser } from './support/test-app.js';

/**
 * Single sign-on (issue 19) against a real OpenID Connect provider (oidc-provider, OpenID Certified)
 * on 127.0.0.1: its login page is posted like a browser would, the app's callback runs
 * openid-client for real, and the landing's one-time code is exchanged for the usual token.
 */

const EXCHANGE = 'mutation($i: SignInWithCodeInput!) { signInWithCode(input: $i) { accessToken user { id email role } } }';
const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }';

interface Setup {
  app: TestApp;
  provider: TestOidcProvider;
}

async function start(env: Record<string, string> = {}): Promise<Setup> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const provider = await TestOidcProvider.start(publicUrl);
  try {
    const app = await TestApp.start({ worker: false, port, env: { PUBLIC_URL: publicUrl, ...provider.env(env) } });
    return { app, provider };
  } catch (error) {
    await provider.stop();
    throw error;
  }
}

const isLanding = (url: URL) => url.pathname === '/sign-in/sso';
const isCallback = (url: URL) => url.pathname === '/auth/oidc/callback';
const fragment = (url: URL) => Object.fromEntries(new URLSearchParams(url.hash.slice(1)));

/**
 * Goes from the app's sign-in link through the provider's login page as `login`; returns where the
 * browser is sent back: the app's landing (/sign-in/sso#code=… or #error=…), or with
 * `stopAtCallback` the callback URL the provider redirects to (not yet requested).
 */
async function signIn(browser: HttpBrowser, app: TestApp, login: string, stopAtCallback = false): Promise<URL> {
  const stop = (url: URL) => isLanding(url) || (stopAtCallback && isCallback(url));
  const first = await browser.follow(new URL('/auth/oidc/login', app.url), stop);
  if (!first.response) return first.url; // the provider remembered this browser: no login page
  const html = await first.response.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no login form at ${first.url.href}: ${html.slice(0, 300)}`);
  const posted = await browser.follow(new URL(action.replace(/&amp;/g, '&'), first.url), stop, { prompt: 'login', login, password: 'any password' });
  if (posted.response) throw new Error(`stopped at ${posted.url.href} (${posted.response.status})`);
  return posted.url;
}

async function exchange(browser: HttpBrowser, app: TestApp, code: string) {
  const url = new URL('/graphql', app.url);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: GRAPHQL_ACCEPT, cookie: browser.cookieHeader(url) },
    body: JSON.stringify({ query: EXCHANGE, variables: { i: { code } } }),
  });
  return (await res.json()) as {
    data?: { signInWithCode: { accessToken: string; user: { id: string; email: string; role: string } } };
    errors?: { extensions: { code: string } }[];
  };
}

/** The audit rows of single sign-on attempts whose subject (or, before a subject is known, whose detail) matches. */
async function attempts(app: TestApp, where: string, params: unknown[]) {
  return app.dataSource.query<{ action: string; entity_type: string; entity_id: string; after: Record<string, unknown> }[]>(
    `SELECT action, entity_type, entity_id, after FROM audit_events WHERE action IN ('user.sso-signed-in', 'user.sso-refused') AND ${where} ORDER BY at`,
    params,
  );
}

describe('single sign-on (OpenID Connect)', () => {
  let s: Setup;
  let admin: TestUser;
  let delegate: TestUser;

  beforeAll(async () => {
    s = await start({ OIDC_LABEL: 'EU Login' });
    admin = await s.app.as(Role.ADMIN);
    delegate = await s.app.as(Role.DELEGATE, 'FR');
  });
  afterAll(async () => {
    await s?.app.close();
    await s?.provider.stop();
  });

  it('offers the button with its label before anyone signs in', async () => {
    const { signInOptions } = await s.app.anonymous.data('{ signInOptions { singleSignOn { label loginPath } } }');
    expect(signInOptions).toEqual({ singleSignOn: { label: 'EU Login', loginPath: '/auth/oidc/login' } });
  });

  it('starts with state, nonce and PKCE (S256), the state kept server side and tied to the browser by an httpOnly cookie', async () => {
    const res = await new HttpBrowser().request(new URL('/auth/oidc/login', s.app.url));
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(s.provider.issuer);
    expect(to.searchParams.get('response_type')).toBe('code');
    expect(to.searchParams.get('redirect_uri')).toBe(`${s.app.url}/auth/oidc/callback`);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['state', 'nonce', 'code_challenge']) expect(to.searchParams.get(p)?.length).toBeGreaterThanOrEqual(43);
    expect(res.headers.get('set-cookie')).toMatch(/^concordia_sso=[\w-]{43}; Max-Age=600; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
  });

  it('signs in the active user whose verified e-mail the provider vouches for: one-time code, then the usual token', async () => {
    const browser = new HttpBrowser();
    const landing = await signIn(browser, s.app, delegate.user.email.toUpperCase());
    expect(landing.origin).toBe(s.app.url);
    const { code } = fragment(landing);
    expect(code).toMatch(/^[\w-]{43}$/);
    expect(landing.search).toBe(''); // the code rides in the fragment: never sent to a server, never in a log

    const answer = await exchange(browser, s.app, code);
    expect(answer.data?.signInWithCode.user).toEqual({ id: delegate.user.id, email: delegate.user.email, role: 'DELEGATE' });
    const me = new GraphQLClient(s.app.url, answer.data!.signInWithCode.accessToken);
    expect((await me.data('{ me { id } }')).me.id).toBe(delegate.user.id);

    // Single use.
    expect((await exchange(browser, s.app, code)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const rows = await attempts(s.app, "after->>'subject' = $1", [delegate.user.email.toUpperCase()]);
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'user.sso-signed-in',
        entity_type: 'User',
        entity_id: delegate.user.id,
        after: expect.objectContaining({
          outcome: 'signed-in',
          subject: delegate.user.email.toUpperCase(),
          issuer: `${s.provider.issuer}/`,
          userId: delegate.user.id,
        }),
      }),
    ]);

    // Signing out ends this token like any other.
    await me.data('mutation { signOut }');
    await me.error('{ me { id } }', undefined, 'UNAUTHENTICATED');
  });

  it('hands the token only to the browser that signed in', async () => {
    const landing = await signIn(new HttpBrowser(), s.app, delegate.user.email);
    expect((await exchange(new HttpBrowser(), s.app, fragment(landing).code)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('an SSO token ends when the user is disabled', async () => {
    const user = await s.app.as(Role.CLERK, 'GSC');
    const browser = new HttpBrowser();
    const { data } = await exchange(browser, s.app, fragment(await signIn(browser, s.app, user.user.email)).code);
    const client = new GraphQLClient(s.app.url, data!.signInWithCode.accessToken);
    await client.data('{ me { id } }');
    await admin.client.data('mutation($i: SetUserActiveInput!) { setUserActive(input: $i) { id } }', { i: { userId: user.user.id, active: false } });
    await client.error('{ me { id } }', undefined, 'UNAUTHENTICATED');
  });

  describe('refusals: a reason on the sign-in page, nothing created, the attempt audited', () => {
    const refusedWith = async (landing: URL, reason: string) => {
      expect(landing.pathname).toBe('/sign-in/sso');
      expect(fragment(landing)).toEqual({ error: reason });
    };

    it('an e-mail the provider has not verified', async () => {
      const users = await s.app.count('users');
      await refusedWith(await signIn(new HttpBrowser(), s.app, `unverified:${delegate.user.email}`), 'email_unverified');
      expect(await s.app.count('users')).toBe(users);
      const [row] = await attempts(s.app, "after->>'subject' = $1", [`unverified:${delegate.user.email}`]);
      expect(row).toMatchObject({ action: 'user.sso-refused', entity_type: 'SignInAttempt', after: { outcome: 'email_unverified', userId: null } });
    });

    it('an e-mail no user has (auto-provisioning is off by default)', async () => {
      const users = await s.app.count('users');
      await refusedWith(await signIn(new HttpBrowser(), s.app, 'stranger@elsewhere.example'), 'unknown_email');
      expect(await s.app.count('users')).toBe(users);
      expect(await s.app.count('users', 'email = $1', ['stranger@elsewhere.example'])).toBe(0);
      const [row] = await attempts(s.app, "after->>'subject' = $1", ['stranger@elsewhere.example']);
      expect(row.after).toMatchObject({ outcome: 'unknown_email', email: 'stranger@elsewhere.example', userId: null });
    });

    it('a disabled user', async () => {
      const user = await s.app.as(Role.OBSERVER, undefined, undefined, { active: false });
      await refusedWith(await signIn(new HttpBrowser(), s.app, user.user.email), 'disabled');
      const [row] = await attempts(s.app, "after->>'subject' = $1", [user.user.email]);
      expect(row).toMatchObject({ action: 'user.sso-refused', entity_type: 'User', entity_id: user.user.id, after: { outcome: 'disabled' } });
    });

    it('an unknown state, and a state this browser did not start', async () => {
      const browser = new HttpBrowser();
      const bogus = await browser.follow(new URL('/auth/oidc/callback?code=abc&state=not-a-state-we-issued', s.app.url), isLanding);
      await refusedWith(bogus.url, 'state');
      expect((await attempts(s.app, "after->>'detail' = $1", ['unknown, expired or reused state'])).length).toBeGreaterThanOrEqual(1);

      // Login CSRF: a callback started (and signed in) by someone else's browser.
      const callback = await signIn(new HttpBrowser(), s.app, delegate.user.email, true);
      await refusedWith((await browser.follow(callback, isLanding)).url, 'state');
    });

    it('a reused state (the same callback twice)', async () => {
      const browser = new HttpBrowser();
      const callback = await signIn(browser, s.app, delegate.user.email, true);
      expect(fragment((await browser.follow(callback, isLanding)).url).code).toBeDefined();
      await refusedWith((await browser.follow(callback, isLanding)).url, 'state');
    });

    it('a replayed authorization code (with a fresh state of this browser)', async () => {
      const browser = new HttpBrowser();
      const first = await signIn(browser, s.app, delegate.user.email, true);
      expect(fragment((await browser.follow(first, isLanding)).url).code).toBeDefined();
      const second = await signIn(browser, s.app, delegate.user.email, true); // the provider remembers the browser
      const replay = new URL(second);
      replay.searchParams.set('code', first.searchParams.get('code')!);
      await refusedWith((await browser.follow(replay, isLanding)).url, 'code');
      const rows = await attempts(s.app, "after->>'outcome' = 'code'", []);
      expect(rows.at(-1)).toMatchObject({ entity_type: 'SignInAttempt', after: { outcome: 'code', subject: null } });
    });

    it.each([
      ['audience', /aud/],
      ['issuer', /iss/],
      ['signature', /signature/i],
    ] as const)('an ID token with the wrong %s', async (mode, detail) => {
      const users = await s.app.count('users');
      await s.provider.tamperNext(mode);
      await refusedWith(await signIn(new HttpBrowser(), s.app, delegate.user.email), 'token');
      expect(await s.app.count('users')).toBe(users);
      const rows = await attempts(s.app, "after->>'outcome' = 'token'", []);
      expect(String(rows.at(-1)!.after.detail)).toMatch(detail);
    });

    it('the provider answering with an error (the user cancelled)', async () => {
      const browser = new HttpBrowser();
      const callback = await signIn(browser, s.app, delegate.user.email, true);
      const cancelled = new URL(`/auth/oidc/callback?error=access_denied&state=${callback.searchParams.get('state')}`, s.app.url);
      await refusedWith((await browser.follow(cancelled, isLanding)).url, 'provider');
    });
  });

  describe('passwordLogin: false', () => {
    it('an administrator requires single sign-on: the password is refused with SSO_REQUIRED, single sign-on works', async () => {
      const user = await s.app.as(Role.DELEGATE, 'DE');
      const { setUserPasswordLogin } = await admin.client.data(
        'mutation($i: SetUserPasswordLoginInput!) { setUserPasswordLogin(input: $i) { id passwordLogin } }',
        { i: { userId: user.user.id, passwordLogin: false } },
      );
      expect(setUserPasswordLogin).toEqual({ id: user.user.id, passwordLogin: false });
      await s.app.anonymous.error(LOGIN, { i: { email: user.user.email, password: TEST_PASSWORD } }, 'SSO_REQUIRED');
      // A wrong password is still just a wrong password: the rule is told only to whoever knows it.
      await s.app.anonymous.error(LOGIN, { i: { email: user.user.email, password: 'not the password' } }, 'UNAUTHENTICATED');
      const browser = new HttpBrowser();
      expect((await exchange(browser, s.app, fragment(await signIn(browser, s.app, user.user.email)).code)).data?.signInWithCode.user.id).toBe(user.user.id);
      expect(await s.app.count('audit_events', "action = 'user.password-login-changed' AND entity_id = $1", [user.user.id])).toBe(1);
      await delegate.client.error(
        'mutation($i: SetUserPasswordLoginInput!) { setUserPasswordLogin(input: $i) { id } }',
        { i: { userId: user.user.id, passwordLogin: true } },
        'FORBIDDEN',
      );
    });
  });
});

describe('single sign-on with OIDC_AUTO_PROVISION=observer (and an address allowance of 10 a minute)', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await start({ OIDC_AUTO_PROVISION: 'observer', LOGIN_MAX_FAILURES: '1', LOGIN_WINDOW_SECONDS: '3600' });
  });
  afterAll(async () => {
    await s?.app.close();
    await s?.provider.stop();
  });

  it('creates an OBSERVER with no delegation for an unknown verified e-mail, who signs in through the provider only', async () => {
    const browser = new HttpBrowser();
    const { data } = await exchange(browser, s.app, fragment(await signIn(browser, s.app, 'newcomer@ministry.example')).code);
    expect(data?.signInWithCode.user).toMatchObject({ email: 'newcomer@ministry.example', role: 'OBSERVER' });
    const id = data!.signInWithCode.user.id;
    expect(await s.app.count('delegation_memberships', 'user_id = $1', [id])).toBe(0);
    expect(await s.app.count('users', 'id = $1 AND password_login = false', [id])).toBe(1);
    expect(await s.app.count('audit_events', "action IN ('user.created', 'user.sso-signed-in') AND entity_id = $1", [id])).toBe(2);
    // Still no account for an unverified e-mail.
    await signIn(new HttpBrowser(), s.app, 'unverified:other@ministry.example');
    expect(await s.app.count('users', 'email = $1', ['other@ministry.example'])).toBe(0);
  });

  it('shows the default label', async () => {
    const { signInOptions } = await s.app.anonymous.data('{ signInOptions { singleSignOn { label } } }');
    expect(signInOptions.singleSignOn.label).toBe('Single sign-on');
  });

  it('limits the starts and callbacks one address makes, so it cannot fill Redis or the audit trail', async () => {
    const browser = new HttpBrowser();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await browser.request(new URL(`/auth/oidc/callback?state=flood-${i}&code=x`, s.app.url));
      statuses.push(res.status);
      if (res.status === 429) {
        expect(await res.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
        break;
      }
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.length).toBeLessThanOrEqual(10);
    expect((await browser.request(new URL('/auth/oidc/login', s.app.url))).status).toBe(429);
  });
});

describe('single sign-on not configured', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
  });
  afterAll(() => app?.close());

  it('shows nothing of it: no button to offer, no routes', async () => {
    expect((await app.anonymous.data('{ signInOptions { singleSignOn { label } } }')).signInOptions).toEqual({ singleSignOn: null });
    for (const path of ['/auth/oidc/login', '/auth/oidc/callback?state=x&code=y'])
      expect((await fetch(`${app.url}${path}`, { redirect: 'manual' })).status).toBe(404);
    await app.anonymous.error(EXCHANGE, { i: { code: 'anything' } }, 'UNAUTHENTICATED');
  });
});
