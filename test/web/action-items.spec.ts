import { type Page } from '@playwright/test';
import { DEMO, expect, expectAccessible, screenshot, signIn, sql, test } from './support/fixtures.js';

/** The US delegate's item in progress (demo: "Share prosecution statistics…", due in five days). */
async function usItemInProgress(): Promise<{ id: string; reference: string; title: string }> {
  const [row] = await sql<{ id: string; reference: string; title: string }>(
    `SELECT a.id, a.reference, a.title FROM action_items a JOIN delegations d ON d.id = a.owner_delegation_id
      WHERE d.code = 'US' AND a.status = 'IN_PROGRESS' ORDER BY a.reference LIMIT 1`,
  );
  return row;
}

test('a delegate finds an item with the filters and search, and blocks it with the keyboard alone', async ({ page }) => {
  const item = await usItemInProgress();
  await signIn(page, DEMO.usDelegate);
  await expect(page.getByRole('heading', { level: 1, name: 'Action items' })).toBeVisible();
  await expect(page.getByRole('link', { name: item.reference })).toBeVisible();
  await expectAccessible(page, 'the action items list');
  await screenshot(page, 'action-items');

  // Filters: a status that the item lacks hides it; its own status and "due soon" show it; search by title.
  const status = page.getByRole('combobox', { name: 'Status' });
  await status.selectOption('DONE');
  await expect(page.getByRole('link', { name: item.reference })).toHaveCount(0);
  await status.selectOption('IN_PROGRESS');
  await expect(page.getByRole('link', { name: item.reference })).toBeVisible();
  await toggle(page, 'Due within 7 days', true);
  await expect(page.getByRole('link', { name: item.reference })).toBeVisible();
  await toggle(page, 'Overdue only', true);
  await expect(page.getByRole('link', { name: item.reference })).toHaveCount(0);
  await toggle(page, 'Overdue only', false);
  await toggle(page, 'Only my delegation (US)', true);
  await expect(page.getByRole('link', { name: item.reference })).toBeVisible();
  await expect(page.getByText(/\bCOM\b/)).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search' }).fill('prosecution statistics');
  await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
  await expect(page).toHaveURL(/q=prosecution/);
  await expect(page.getByRole('link', { name: item.reference })).toBeVisible();
  await expect(page.getByText('1 action item', { exact: true })).toBeVisible();

  // Keyboard alone from here: the link, the Status combobox, the Note, Save status.
  await page.getByRole('link', { name: item.reference }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `${item.reference} ${item.title}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The commitment it serves' })).toBeVisible();
  await expectAccessible(page, 'an action item page');
  const itemStatus = page.getByRole('combobox', { name: 'Status' });
  for (let i = 0; i < 20 && !(await itemStatus.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(itemStatus).toBeFocused();
  await page.keyboard.type('Blocked');
  await expect(itemStatus).toHaveValue('BLOCKED');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Note' })).toBeFocused();
  await page.keyboard.type('Waiting for the 2012 figures from the Department of Justice.');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Save status' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Status saved: Blocked.');
  await expect(page.getByRole('listitem').filter({ hasText: 'Waiting for the 2012 figures' })).toBeVisible();

  const [row] = await sql<{ status: string }>('SELECT status FROM action_items WHERE id = $1', [item.id]);
  expect(row.status).toBe('BLOCKED');
  const notes = await sql('SELECT kind, text FROM action_item_updates WHERE action_item_id = $1 AND text LIKE $2', [item.id, '%2012 figures%']);
  expect(notes).toHaveLength(1);
  await expectAccessible(page, 'an action item page after saving');

  // The same page in French and German.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await expect(page.getByRole('button', { name: 'Enregistrer le statut' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Statut' })).toHaveValue('BLOCKED');
  await page.getByRole('combobox', { name: 'Langue' }).selectOption('de');
  await expect(page.getByRole('button', { name: 'Status speichern' })).toBeVisible();
  await expect(page.getByText('Blockiert').first()).toBeVisible();
});

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

/** A filter checkbox: its state lives in the address and is applied in a React transition, so click and wait for it. */
async function toggle(page: Page, name: string, checked: boolean): Promise<void> {
  const box = page.getByRole('checkbox', { name });
  await box.click();
  await expect(box).toBeChecked({ checked });
}
