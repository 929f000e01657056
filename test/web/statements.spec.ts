import { randomBytes } from 'node:crypto';
import { apiToken, DEMO, expect, expectAccessible, gql, screenshot, signIn, sql, test } from './support/fixtures.js';

const MINISTERIAL = 'EU-US Justice and Home Affairs Ministerial';

/** An instant as the wall clock of a zone shows it, in the form of a datetime-local input. */
function wallClock(instant: Date, timeZone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

test('the clerk drafts and circulates a statement; DK acknowledges and the US records a position, live on the clerk’s page', async ({
  page,
  browser,
  baseURL,
}) => {
  // A long flow whose page grew the consensus table (axe reads every row of it): room under load.
  test.setTimeout(120_000);
  const title = `Joint statement on cyber security ${randomBytes(3).toString('hex')}`;
  await signIn(page, DEMO.clerk);
  await page.getByRole('navigation').getByRole('link', { name: 'Statements' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Statements' })).toBeVisible();
  // The demo statement is in the list with its status and classification.
  await expect(page.getByRole('row', { name: /Global Alliance against Child Sexual Abuse Online/ })).toContainText('Published');
  await expectAccessible(page, 'the statements list');

  // Draft: title, body, classification, two paragraphs (the second a goal).
  await page.getByRole('link', { name: 'Draft a statement' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Draft a statement' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Title' }).fill(title);
  await page.getByRole('combobox', { name: 'Body' }).selectOption({ label: MINISTERIAL });
  await page.getByRole('combobox', { name: 'Classification' }).selectOption({ label: 'LIMITE' });
  await page.getByRole('textbox', { name: 'Paragraph 1' }).fill('The Ministers recall their commitment to an open and secure cyberspace.');
  await page.getByRole('button', { name: 'Add a paragraph' }).click();
  await page.getByRole('combobox', { name: 'Kind of paragraph 2' }).selectOption({ label: 'Goal (commitment)' });
  await page.getByRole('textbox', { name: 'Paragraph 2' }).fill('They will exchange information on cyber incidents within 24 hours.');
  await expectAccessible(page, 'the draft form');
  await page.getByRole('button', { name: 'Save draft' }).click();

  // Lands on the statement's page.
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Drafting', { exact: true })).toBeVisible();
  await expect(page.getByText('They will exchange information on cyber incidents within 24 hours.')).toBeVisible();
  const [stored] = await sql<{ id: string; classification: string; paragraphs: { kind: string; text: string }[] }>(
    `SELECT s.id, s.classification, v.paragraphs FROM statements s JOIN statement_versions v ON v.id = s.current_version_id WHERE s.title = $1`,
    [title],
  );
  expect(stored.classification).toBe('LIMITE');
  expect(stored.paragraphs.map((p) => p.kind)).toEqual(['OPERATIVE', 'GOAL']);
  await expect(page).toHaveURL(new RegExp(`/statements/${stored.id}$`));
  await expectAccessible(page, 'a drafted statement');

  // Circulate with the defaults: every member delegation, for comments, a week ahead in Brussels.
  await page.getByRole('button', { name: 'Circulate' }).click();
  await expect(page.getByRole('checkbox', { name: 'Denmark' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'United States' })).toBeChecked();
  await expect(page.getByRole('combobox', { name: 'Purpose' })).toHaveValue('COMMENTS');
  const deadline = page.getByLabel('Deadline (Europe/Brussels)');
  const deadlineValue = await deadline.inputValue();
  expect(deadlineValue.slice(0, 10)).toBe(wallClock(new Date(Date.now() + 7 * 86_400_000), 'Europe/Brussels').slice(0, 10));
  await expectAccessible(page, 'the circulation form');
  await page.getByRole('button', { name: 'Send' }).click();

  const circulations = page.getByRole('region', { name: 'Circulations' });
  const denmark = circulations.getByRole('row', { name: /^Denmark/ });
  await expect(denmark).toContainText(/Queued|Delivered/); // delivery runs in the worker (e-mail, webhooks): either may show yet
  const [circulation] = await sql<{ id: string; purpose: string; deadline: Date; recipients: number }>(
    `SELECT c.id, c.purpose, c.deadline, (SELECT count(*)::int FROM circulation_recipients r WHERE r.circulation_id = c.id) AS recipients
     FROM circulations c WHERE c.statement_id = $1`,
    [stored.id],
  );
  expect(circulation.purpose).toBe('COMMENTS');
  expect(wallClock(circulation.deadline, 'Europe/Brussels')).toBe(deadlineValue);
  await expect(circulations.getByRole('row')).toHaveCount(circulation.recipients + 1);
  await expect(page.getByText('Circulated', { exact: true })).toBeVisible();

  // DK acknowledges through the API: the clerk's open page shows it without a reload.
  const dkToken = await apiToken(DEMO.dkDelegate);
  const dk = await gql('{ delegation(code: "DK") { id } }', {}, dkToken);
  const ack = await gql(
    'mutation($i: AcknowledgeCirculationInput!) { acknowledgeCirculation(input: $i) { status } }',
    { i: { circulationId: circulation.id, delegationId: dk.data.delegation.id } },
    dkToken,
  );
  expect(ack.errors).toBeUndefined();
  await expect(denmark).toContainText('Acknowledged');
  await expect(page.getByText(`1 of ${circulation.recipients} acknowledged`)).toBeVisible();

  // The US delegate, in a browser of their own, acknowledges and records a reservation.
  const other = await browser.newContext({ baseURL });
  const us = await other.newPage();
  await signIn(us, DEMO.usDelegate);
  await us.goto(`/statements/${stored.id}`);
  await expect(us.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await us.getByRole('button', { name: 'Acknowledge receipt' }).click();
  await expect(us.getByText('Receipt acknowledged.')).toBeVisible();
  await us.getByRole('combobox', { name: 'Position' }).selectOption({ label: 'Reservation' });
  await us.getByRole('textbox', { name: 'Reason' }).fill('Pending consultation of the Department of Homeland Security');
  await us.getByRole('button', { name: 'Record position' }).click();
  await expect(us.getByRole('region', { name: 'Circulations' }).getByRole('row', { name: /^United States/ })).toContainText(
    'Reservation: Pending consultation',
  );
  // …and proposes an amendment to paragraph 1.
  await us.getByRole('combobox', { name: 'Paragraph' }).selectOption({ label: 'Paragraph 1' });
  await us.getByRole('combobox', { name: 'Change' }).selectOption({ label: 'Replace the paragraph' });
  await us.getByRole('textbox', { name: 'New text' }).fill('The Ministers recall their commitment to an open, free and secure cyberspace.');
  await us.getByRole('textbox', { name: 'Rationale' }).fill('Consistency with the 2011 cyber dialogue');
  await us.getByRole('button', { name: 'Propose amendment' }).click();
  await expect(us.getByRole('region', { name: 'Amendments' }).getByRole('row', { name: /^United States/ })).toContainText('Proposed');
  await expectAccessible(us, 'a statement circulated to the delegate');
  await other.close();
  const amendments = page.getByRole('region', { name: 'Amendments' });
  await expect(amendments.getByRole('row', { name: /^United States/ })).toContainText('open, free and secure cyberspace');
  const [amendment] = await sql<{ action: string; status: string; rationale: string }>(
    `SELECT a.action, a.status, a.rationale FROM amendments a WHERE a.version_id = (SELECT current_version_id FROM statements WHERE id = $1)`,
    [stored.id],
  );
  expect(amendment).toEqual({ action: 'REPLACE', status: 'PROPOSED', rationale: 'Consistency with the 2011 cyber dialogue' });

  const unitedStates = page.getByRole('region', { name: 'Circulations' }).getByRole('row', { name: /^United States/ });
  await expect(unitedStates).toContainText('Acknowledged');
  await expect(unitedStates).toContainText('Reservation: Pending consultation of the Department of Homeland Security');
  const positions = await sql<{ stance: string; reason: string }>(
    `SELECT p.stance, p.reason FROM positions p JOIN delegations d ON d.id = p.delegation_id WHERE p.statement_id = $1 AND d.code = 'US' AND p.current`,
    [stored.id],
  );
  expect(positions).toEqual([{ stance: 'RESERVATION', reason: 'Pending consultation of the Department of Homeland Security' }]);
  await expectAccessible(page, 'a circulated statement with answers');
  await screenshot(page, 'statement-circulated');

  // The clerk accepts the amendment and revises: REV 1 carries it, and its changes are shown.
  await amendments
    .getByRole('row', { name: /^United States/ })
    .getByRole('button', { name: 'Accept' })
    .click();
  await expect(amendments.getByRole('row', { name: /^United States/ })).toContainText('Accepted');
  await page.getByRole('button', { name: 'Revise with 1 accepted amendment' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Text of .* REV 1$/ })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Text of / })).toContainText('open, free and secure cyberspace');
  await expect(
    page
      .getByRole('region', { name: /^Changes in / })
      .getByRole('listitem')
      .first(),
  ).toContainText('Paragraph 1 changed');
  const versions = await sql<{ number: number; applied: string | null }>(
    `SELECT v.number, (SELECT a.status::text FROM amendments a WHERE a.applied_in_version_id = v.id) AS applied
     FROM statement_versions v WHERE v.statement_id = $1 ORDER BY v.number`,
    [stored.id],
  );
  expect(versions).toEqual([
    { number: 1, applied: null },
    { number: 2, applied: 'ACCEPTED' },
  ]);
  await expectAccessible(page, 'a revised statement');
});

test('the statements pages speak French and German', async ({ page }) => {
  await signIn(page, DEMO.clerk);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await page.getByRole('navigation').getByRole('link', { name: 'Déclarations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Déclarations' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Global Alliance/ })).toContainText('Publiée');
  await page.getByRole('link', { name: 'Rédiger une déclaration' }).click();
  await expect(page.getByRole('button', { name: 'Enregistrer le projet' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Langue' }).selectOption('de');
  await expect(page.getByRole('heading', { level: 1, name: 'Erklärung entwerfen' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Absatz 1' })).toBeVisible();
  await expectAccessible(page, 'the draft form in German');
  await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
});

test('a statement page shows what changed in the current version', async ({ page }) => {
  await signIn(page, DEMO.clerk);
  await page.goto('/statements');
  await page.getByRole('link', { name: 'Global Alliance against Child Sexual Abuse Online' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Global Alliance against Child Sexual Abuse Online' })).toBeVisible();
  const [demo] = await sql<{ versions: number; label: string }>(
    `SELECT count(v.id)::int AS versions, max(s.reference) AS label FROM statements s JOIN statement_versions v ON v.statement_id = s.id
     WHERE s.title = 'Global Alliance against Child Sexual Abuse Online' GROUP BY s.id`,
  );
  expect(demo.versions).toBeGreaterThan(1);
  const changes = page.getByRole('region', { name: /^Changes in / });
  await expect(changes.getByRole('combobox', { name: 'Compared with' })).toHaveValue(/.+/);
  await expect(changes.getByRole('listitem').first()).toContainText(/Paragraph \d+ (changed|added|removed|moved)/);
  await expect(changes.locator('ins, del').first()).toBeVisible();
  await expectAccessible(page, 'the demo statement with its changes');
});
