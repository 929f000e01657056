import { readFileSync } from 'node:fs';
import { type Page } from '@playwright/test';
import { apiToken, DEMO, expect, expectAccessible, gql, screenshot, signIn, sql, test } from './support/fixtures.js';

// Each test walks a user group's whole flow (a dozen pages and axe runs): under a CPU burner that takes more than the default minute.
test.describe.configure({ timeout: 120_000 });

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

  // The delegation's dashboard, in German: the counts the database has, the blocked item among them.
  await page.getByRole('link', { name: 'Alle Folgemaßnahmen' }).click();
  await page.getByRole('link', { name: 'Übersicht der Folgemaßnahmen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht der Folgemaßnahmen' })).toBeVisible();
  const [us] = await sql<Record<string, number>>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE a.status = 'OPEN')::int AS open, count(*) FILTER (WHERE a.status = 'IN_PROGRESS')::int AS "inProgress",
            count(*) FILTER (WHERE a.status = 'BLOCKED')::int AS blocked, count(*) FILTER (WHERE a.status = 'DONE')::int AS done,
            count(*) FILTER (WHERE a.status = 'CANCELLED')::int AS cancelled
       FROM action_items a JOIN delegations d ON d.id = a.owner_delegation_id WHERE d.code = 'US'`,
  );
  expect(us.blocked).toBeGreaterThan(0);
  const cells = page.getByRole('row', { name: /United States \(US\)/ }).getByRole('cell');
  // Total, open, in progress, blocked, overdue, due within 7 days, done, cancelled.
  await expect(cells).toHaveText(
    [us.total, us.open, us.inProgress, us.blocked, /\d+/, /\d+/, us.done, us.cancelled].map((n) => (typeof n === 'number' ? String(n) : n)),
  );
  await expectAccessible(page, 'the follow-up dashboard');

  // The CSV export of the filtered list: fetched with the token in a header (never in the URL), saved as a file.
  await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
  await page.getByRole('link', { name: 'All action items' }).click();
  await page.getByRole('combobox', { name: 'Status' }).selectOption('BLOCKED');
  const listed = Number((await page.getByText(/^\d+ action items?$/).textContent())!.split(' ')[0]);
  const csvRequest = page.waitForRequest((r) => r.url().includes('/action-items.csv'));
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as CSV' }).click();
  const request = await csvRequest;
  expect(request.url()).toMatch(/\/action-items\.csv\?status=BLOCKED$/);
  expect(await request.headerValue('authorization')).toMatch(/^Bearer /);
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('action-items.csv');
  const csv = readFileSync(await download.path(), 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(csv[0]).toBe('reference,title,status,priority,dueAt,overdue,ownerDelegation,assignee,description,createdAt,updatedAt,completedAt');
  expect(csv).toHaveLength(listed + 1);
  expect(csv.find((line) => line.startsWith(`${item.reference},`))).toContain(',BLOCKED,');
});

/** A filter checkbox: its state lives in the address and is applied in a React transition, so click and wait for it. */
async function toggle(page: Page, name: string, checked: boolean): Promise<void> {
  const box = page.getByRole('checkbox', { name });
  await box.click();
  await expect(box).toBeChecked({ checked });
}

const UPCOMING = 'EU-US Senior Officials: follow-up of the Global Alliance';

test('the US delegate sees the invitation in Meetings, answers it for the US delegation, gets the meeting and the feed for a calendar, and sees a change by the organizer live', async ({
  page,
  request,
}) => {
  await signIn(page, DEMO.usDelegate);
  await page.getByRole('navigation').getByRole('link', { name: 'Meetings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Meetings' })).toBeVisible();

  const upcoming = page.getByRole('list', { name: 'Upcoming meetings' });
  const card = upcoming.getByRole('listitem').filter({ hasText: UPCOMING });
  await expect(card.getByText('Answer of United States: Invited, no answer yet')).toBeVisible();
  await expect(
    page
      .getByRole('list', { name: 'Past meetings' })
      .getByRole('link', { name: /Ministerial/ })
      .first(),
  ).toBeVisible();
  await expectAccessible(page, 'the meetings list');
  await screenshot(page, 'meetings');

  // The private calendar feed: its address is its own credential (calendar apps send no header); replacing it shuts out the old one.
  const feed = page.getByRole('textbox', { name: 'Address of your private feed' });
  await expect(feed).toHaveValue(/\/calendar\/feed\/[\w-]+\.ics$/);
  const oldFeed = await feed.inputValue();
  expect((await request.get(oldFeed)).status()).toBe(200);
  await page.getByRole('button', { name: 'Replace the feed address' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'New address ready' })).toBeVisible();
  await expect(feed).not.toHaveValue(oldFeed);
  const newFeed = await feed.inputValue();
  expect((await request.get(oldFeed)).status()).toBe(404);
  const ics = await request.get(newFeed);
  expect(await ics.text()).toContain(`SUMMARY:${UPCOMING}`);

  await card.getByRole('link', { name: UPCOMING }).click();
  await expect(page.getByRole('heading', { level: 1, name: UPCOMING })).toBeVisible();
  const agenda = page.getByRole('list', { name: 'Agenda' });
  await expect(agenda.getByRole('heading', { level: 3 })).toHaveText([
    'Implementation report per goal and delegation',
    'Partners who joined the Global Alliance since June 2012',
    'Preparation of the next Ministerial under the Cyprus Presidency',
  ]);
  await expect(agenda.getByRole('listitem').nth(1)).toContainText('For information · led by United States');
  await expect(page.getByRole('link', { name: /calendar app/ })).toHaveAttribute('href', /\/calendar\//);
  // A delegate has no organizer controls.
  await expect(page.getByRole('button', { name: 'Convene' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Add an agenda item' })).toHaveCount(0);

  const invitation = page.getByRole('region', { name: 'Invitation of United States' });
  await expect(invitation).toContainText('Invited, no answer yet');
  await expect(invitation.getByRole('checkbox', { name: /Delegate/ }).first()).toBeChecked();
  await expectAccessible(page, 'the meeting page of a delegate');

  // The meeting's own .ics: fetched with the token (the API wants it), handed over as a file.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Add this meeting to my calendar (.ics)' }).click();
  const download = await downloading;
  expect(readFileSync(await download.path(), 'utf8')).toContain(`SUMMARY:${UPCOMING}`);

  // A tentative answer first, then the acceptance.
  await invitation.getByRole('button', { name: 'Answer tentatively' }).click();
  await expect(invitation).toContainText("Your delegation's answer: Tentative");
  await expect.poll(async () => (await usAnswer()).rsvp).toBe('TENTATIVE');
  await invitation.getByRole('button', { name: 'Accept the invitation' }).click();
  await expect(invitation).toContainText("Your delegation's answer: Accepted");
  await expect(page.getByRole('table').getByRole('row', { name: /United States/ })).toContainText('Accepted');
  await screenshot(page, 'meeting');

  expect(await usAnswer()).toEqual({ rsvp: 'ACCEPTED', accredited: [DEMO.usDelegate] });

  // The organizer moves the meeting meanwhile: the notification brings the change to the open page, no reload.
  const organizer = await apiToken(DEMO.organizer);
  const [meeting] = await sql<{ id: string; version: number }>('SELECT id, version FROM meetings WHERE title = $1', [UPCOMING]);
  const moved = await gql(
    'mutation($i: UpdateMeetingInput!) { updateMeeting(input: $i) { location } }',
    { i: { meetingId: meeting.id, version: meeting.version, location: 'Berlaymont, Brussels' } },
    organizer,
  );
  expect(moved.errors).toBeUndefined();
  await expect(page.getByRole('definition').filter({ hasText: 'Berlaymont, Brussels' })).toBeVisible();

  // Usable at 360 px: nothing wider than the screen, still accessible.
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(invitation.getByRole('button', { name: 'Accept the invitation' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page, 'the meeting page at 360 px');
  await page.setViewportSize({ width: 1280, height: 800 });

  // A meeting the delegate may not open says so next to the page's heading.
  await page.goto('/meetings/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('alert')).toHaveText('This meeting does not exist, or you are not invited to it.');
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: UPCOMING })).toBeVisible();

  // The same page in French: the domain's words, not a word-for-word translation.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await expect(page.getByRole('heading', { level: 2, name: 'Ordre du jour' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Invitation de la délégation United States' })).toContainText('Acceptée');
  await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
});

/** The US delegation's answer to the upcoming demo meeting, as stored. */
async function usAnswer(): Promise<{ rsvp: string; accredited: string[] }> {
  const [row] = await sql<{ rsvp: string; accredited: string[] }>(
    `SELECT i.rsvp, array(SELECT u.email FROM meeting_accreditations a JOIN users u ON u.id = a.user_id WHERE a.invitation_id = i.id) AS accredited
       FROM meeting_invitations i JOIN meetings m ON m.id = i.meeting_id JOIN delegations d ON d.id = i.delegation_id
      WHERE m.title = $1 AND d.code = 'US'`,
    [UPCOMING],
  );
  return row;
}
