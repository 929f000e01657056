import { type Locator, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, expect, expectAccessible, gql, pageToken, screenshot, signIn, test } from './support/fixtures.js';

/** Presses Tab until `target` has focus (the keyboard path a user takes), at most `max` times. */
async function tabTo(page: Page, target: Locator, max = 10): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`${target.toString()} not reached with ${max} Tab presses`);
}

test('a delegate signs in with the keyboard, switches language, reloads, and signing out ends the session on the server', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Concordia' })).toBeVisible();
  await expectAccessible(page, 'the sign-in page');
  await screenshot(page, 'sign-in');

  // Keyboard only: the skip link comes first, then the form.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  const email = page.getByRole('textbox', { name: 'E-mail' });
  await tabTo(page, email);
  await page.keyboard.type(DEMO.usDelegate);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');

  const nav = page.getByRole('navigation');
  await expect(nav).toBeVisible();
  for (const name of ['Action items', 'Meetings', 'Statements', 'Notifications']) await expect(nav.getByRole('link', { name })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  const language = page.getByRole('combobox', { name: 'Language' });
  await expect(language).toHaveValue('en');
  await expect(language.getByRole('option')).toHaveText(['English', 'Français', 'Deutsch']);
  await expectAccessible(page, 'the first signed-in page');

  // Every section's page, each checked by axe.
  for (const name of ['Meetings', 'Statements', 'Notifications', 'Action items']) {
    await nav.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expectAccessible(page, `the ${name} page`);
  }

  await language.selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(nav.getByRole('link', { name: 'Réunions' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Actions de suivi' })).toBeVisible();
  await expectAccessible(page, 'a page in French');

  await page.getByRole('combobox', { name: 'Langue' }).selectOption('de');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(nav.getByRole('link', { name: 'Sitzungen' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
  await expectAccessible(page, 'a page in German');

  // A reload keeps the session (and the chosen language).
  await page.reload();
  await expect(page.getByRole('navigation')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');

  // Usable at 360 px: nothing wider than the screen.
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page, 'a page at 360 px');
  await page.setViewportSize({ width: 1280, height: 800 });

  const token = await pageToken(page);
  expect(token).toBeTruthy();
  expect((await gql('{ me { id } }', {}, token!)).data?.me.id).toBeTruthy();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('textbox', { name: 'E-mail' })).toBeVisible();
  expect(await pageToken(page)).toBeNull();
  const after = await gql('{ me { id } }', {}, token!);
  expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(page.url()).not.toContain(token!);
});

test('a wrong password is said on the sign-in page, in the chosen language', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await page.getByRole('textbox', { name: 'Courriel' }).fill(DEMO.usDelegate);
  await page.getByLabel('Mot de passe').fill('not the password');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('L’adresse électronique ou le mot de passe est incorrect.');
  await expectAccessible(page, 'the sign-in error');
});

test('a session ended elsewhere brings the sign-in page back, saying so', async ({ page }) => {
  await signIn(page, DEMO.dkDelegate);
  const token = await pageToken(page);
  // The first page's own queries answered before the session ends: one still on its way would meet
  // the ended session itself and bring the sign-in page back before the click below.
  const name = (await gql('{ me { name } }', {}, token!)).data?.me.name as string;
  await expect(page.getByRole('banner').getByText(name)).toBeVisible();
  await expect(page.getByText(/^\d+ action items?$/)).toBeVisible();
  expect((await gql('mutation { signOut }', {}, token!)).data?.signOut).toBe(true);
  await page.getByRole('navigation').getByRole('link', { name: 'Notifications' }).click();
  await expect(page.getByRole('status')).toHaveText('Your session has ended. Please sign in again.');
  await expect(page.getByRole('textbox', { name: 'E-mail' })).toBeVisible();
  expect(await pageToken(page)).toBeNull();
});
