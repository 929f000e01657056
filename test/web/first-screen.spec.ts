import { DEMO, DEMO_PASSWORD, expect, test } from './support/fixtures.js';

/**
 * A figure, not a timed test: how long each user group waits from opening http://…/ (cold browser
 * cache) through signing in to their first screen with its data. Printed, never asserted.
 */
for (const [who, email] of [
  ['delegate', DEMO.usDelegate],
  ['organizer', DEMO.organizer],
  ['clerk', DEMO.clerk],
] as const) {
  test(`first screen of the ${who} (printed)`, async ({ page }) => {
    const opened = Date.now();
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    const signInShown = Date.now() - opened;
    await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    const submitted = Date.now();
    await page.getByLabel('Password').press('Enter');
    await expect(page.getByText(/\d+ action items?$/)).toBeVisible();
    const firstScreen = Date.now() - submitted;
    process.stdout.write(`first screen (${who}): sign-in page ${signInShown} ms after opening; action items list ${firstScreen} ms after Enter\n`);
  });
}
