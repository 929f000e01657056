import { expect, type Page, test } from '@playwright/test';
import pg from 'pg';
import { TestOidcProvider } from '../support/oidc-provider.js';
import { DEMO, DEMO_PASSWORD, expectAccessible } from './support/fixtures.js';
import { freePort, startWebServer, type WebServer } from './support/web-server.js';

/**
 * Single sign-on in the browser (issue 19): a server of its own (the shared one has no provider, so
 * the other specs' sign-in page stays as it is) configured against a real OpenID Connect provider,
 * oidc-provider, on 127.0.0.1. The browser goes through the provider's own login page.
 */
let provider: TestOidcProvider;
let server: WebServer;

test.beforeAll(async () => {
  const port = await freePort();
  provider = await TestOidcProvider.start(`http://127.0.0.1:${port}`);
  server = await startWebServer({ port, env: provider.env({ OIDC_LABEL: 'EU Login' }) });
});
test.afterAll(async () => {
  await server?.stop();
  await provider?.stop();
});

/** Only the two services on 127.0.0.1: the provider's development page links a web font, never fetched here. */
async function localOnly(page: Page): Promise<void> {
  await page.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
}

/** From Concordia's sign-in page through the provider's login page as `login`. */
async function throughProvider(page: Page, login: string): Promise<void> {
  await localOnly(page);
  await page.goto(server.url);
  await page.getByRole('link', { name: 'EU Login' }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: server.databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

test('the sign-in page offers the provider; the browser signs in there and lands signed in as the right user, no token in any URL', async ({ page }) => {
  const urls: string[] = [];
  page.on('framenavigated', (frame) => urls.push(frame.url()));
  // The password form stays beside it.
  await localOnly(page);
  await page.goto(server.url);
  await expect(page.getByLabel('Password')).toBeVisible();
  await throughProvider(page, DEMO.usDelegate);

  await expect(page.getByRole('navigation')).toBeVisible();
  await expect(page).toHaveURL(`${server.url}/action-items`);
  const [user] = await sql<{ name: string }>('SELECT name FROM users WHERE email = $1', [DEMO.usDelegate]);
  await expect(page.locator('.who')).toHaveText(user.name);
  // The session is the usual token: the API answers `me` with it as this user.
  const token = await page.evaluate(() => sessionStorage.getItem('concordia.token'));
  const me = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ me { email } }' }),
  }).then((r) => r.json());
  expect(me).toEqual({ data: { me: { email: DEMO.usDelegate } } });
  expect(urls.filter((u) => u.includes(token!))).toEqual([]);
  expect(urls.filter((u) => u.startsWith(server.url) && new URL(u).searchParams.has('code'))).toEqual([]);
  const [audit] = await sql<{ after: { outcome: string; subject: string } }>("SELECT after FROM audit_events WHERE action = 'user.sso-signed-in'");
  expect(audit.after).toMatchObject({ outcome: 'signed-in', subject: DEMO.usDelegate });
});

test('an e-mail no user has is refused with a message on the sign-in page, and no account is made', async ({ page }) => {
  await throughProvider(page, 'stranger@ministry.example');
  await expect(page.getByRole('alert')).toHaveText(/No active Concordia account has the e-mail address your identity provider gave/);
  await expect(page).toHaveURL(`${server.url}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Concordia' })).toBeVisible();
  await expectAccessible(page, 'the sign-in page with single sign-on and a refusal');
  expect(await sql('SELECT id FROM users WHERE email = $1', ['stranger@ministry.example'])).toEqual([]);
});

test('a user an administrator requires single sign-on for is told so at the password form', async ({ page }) => {
  await sql('UPDATE users SET password_login = false WHERE email = $1', [DEMO.observer]);
  await localOnly(page);
  await page.goto(server.url);
  await page.getByRole('textbox', { name: 'E-mail' }).fill(DEMO.observer);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('alert')).toHaveText('This account signs in through single sign-on only: use the single sign-on button.');
});
