import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test as base } from '@playwright/test';
import pg from 'pg';

/** The demo accounts of the README (password `concordia`). */
export const DEMO = {
  usDelegate: 'delegate.us@concordia.test',
  dkDelegate: 'delegate.dk@concordia.test',
  organizer: 'organizer@concordia.test',
  clerk: 'clerk@concordia.test',
  admin: 'admin@concordia.test',
  observer: 'observer@concordia.test',
} as const;
export const DEMO_PASSWORD = 'concordia';

export function serverUrl(): string {
  const url = process.env.CONCORDIA_WEB_URL;
  if (!url) throw new Error('CONCORDIA_WEB_URL is not set: run the web specs with `npx playwright test` (global-setup.ts starts the server)');
  return url;
}

/**
 * Every spec imports `test` from here: baseURL is the server global-setup started, and each test
 * fails if the page sent any request (or opened a websocket) to another origin than the service's.
 */
export const test = base.extend<{ offOrigin: string[] }>({
  baseURL: async ({}, use) => use(serverUrl()),
  offOrigin: [
    async ({ page }, use) => {
      const origin = new URL(serverUrl()).host;
      const off: string[] = [];
      const check = (url: string) => {
        if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return;
        if (new URL(url).host !== origin) off.push(url);
      };
      page.on('request', (r) => check(r.url()));
      page.on('websocket', (ws) => check(ws.url()));
      await use(off);
      expect(off, 'requests that left the service origin').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Signs in through the form (mouse-free: fill, then Enter) and waits for the navigation landmark. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('navigation')).toBeVisible();
}

/** axe-core on the page as it is now: no serious or critical violation (WCAG 2.1 A/AA rules). */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${what}`).toEqual([]);
}

/** The token the page keeps (sessionStorage), to check the server's side of a session. */
export async function pageToken(page: Page): Promise<string | null> {
  return page.evaluate(() => sessionStorage.getItem('concordia.token'));
}

/** A GraphQL call to the same server, as a user would through the API (README examples). */
export async function gql<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<{ data?: T; errors?: any[] }> {
  const res = await fetch(`${serverUrl()}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T; errors?: any[] };
}

export async function apiToken(email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await gql<{ login: { accessToken: string } }>('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { email, password } });
  if (!res.data) throw new Error(`login ${email}: ${JSON.stringify(res.errors)}`);
  return res.data.login.accessToken;
}

/** One SQL query against the server's database, for assertions on what was stored. */
export async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.CONCORDIA_WEB_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Screenshots for the README: docs/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: false });
}
