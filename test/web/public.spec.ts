import { expect, expectAccessible, test } from './support/fixtures.js';

test('a published statement reads as a page at /statements/<press reference>, without signing in', async ({ page, request }) => {
  await page.goto('/statements/12-784');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Global Alliance');
  await expect(page.getByText(/press release 12-784/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Signatories' })).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expectAccessible(page, 'the public statement page');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await expect(page.getByRole('heading', { name: 'Unterzeichner' })).toBeVisible();
  // The machine-readable forms stay at the same address.
  const json = await request.get('/statements/12-784');
  expect(json.headers()['content-type']).toContain('application/json');
  expect((await json.json()).pressReference).toBe('12-784');
  await page.goto('/statements/99-999');
  await expect(page.getByRole('alert')).toContainText('Keine veröffentlichte Erklärung');
});
