import { randomBytes } from 'node:crypto';
import { type Page } from '@playwright/test';
import { apiToken, DEMO, expect, expectAccessible, gql, signIn, sql, test } from './support/fixtures.js';

/**
 * The clerk's statement flows past circulation: deciding amendments (reject with a reason, accept,
 * revise), any two versions compared word by word, the consensus view, the silence procedure
 * launched and watched live (a delegation's support arrives through the API, another's objection
 * through its own browser, and breaks silence), adoption at the silence deadline, a French language
 * version, publication with the press reference and the public page read without signing in.
 */

const MINISTERIAL = 'EU-US Justice and Home Affairs Ministerial';

async function as(email: string) {
  const token = await apiToken(email);
  return async <T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await gql<T>(query, variables, token);
    expect(res.errors, query).toBeUndefined();
    return res.data!;
  };
}

/** A statement of the Ministerial drafted by the clerk through the API: its id, reference and paragraph keys. */
async function draft(clerk: Awaited<ReturnType<typeof as>>, title: string, classification: string, paragraphs: string[]) {
  const { bodies } = await clerk<{ bodies: { edges: { node: { id: string; name: string } }[] } }>('{ bodies(first: 50) { edges { node { id name } } } }');
  const bodyId = bodies.edges.find((e) => e.node.name === MINISTERIAL)!.node.id;
  const { draftStatement } = await clerk(
    'mutation($i: DraftStatementInput!) { draftStatement(input: $i) { id reference currentVersion { id paragraphs { key } } } }',
    { i: { bodyId, title, classification, paragraphs: paragraphs.map((text) => ({ kind: 'OPERATIVE', text })) } },
  );
  return {
    id: draftStatement.id as string,
    versionId: draftStatement.currentVersion.id as string,
    keys: (draftStatement.currentVersion.paragraphs as { key: string }[]).map((p) => p.key),
  };
}

const delegationId = async (api: Awaited<ReturnType<typeof as>>, code: string) =>
  (await api<{ delegation: { id: string } }>('query($c: String!) { delegation(code: $c) { id } }', { c: code })).delegation.id;

// Long flows through a statement's life, each step waiting on what the page shows.
test.describe.configure({ timeout: 120_000 });

/** Nothing wider than a 360 px screen: the page does not scroll sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
}

test('adopted at the silence deadline, the clerk adds a French version and publishes; the public reads it, also at 360 px', async ({
  page,
  browser,
  baseURL,
}) => {
  const clerk = await as(DEMO.clerk);
  const title = `Joint statement on drug precursors ${randomBytes(3).toString('hex')}`;
  const s = await draft(clerk, title, 'PUBLIC', ['The Ministers welcome the joint action plan on drug precursors.', 'They will review it in 2013.']);
  // Silence until a moment from now (the database clock decides): the worker adopts it then.
  const [{ deadline }] = await sql<{ deadline: Date }>(`SELECT clock_timestamp() + interval '3 seconds' AS deadline`);
  await clerk('mutation($i: LaunchSilenceProcedureInput!) { launchSilenceProcedure(input: $i) { status } }', {
    i: { statementId: s.id, versionId: s.versionId, deadline: deadline.toISOString() },
  });

  await signIn(page, DEMO.clerk);
  await page.goto(`/statements/${s.id}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  // Live: the page open before the deadline turns to adopted when the worker concludes silence
  // (first in this file: behind the other test's deliveries, the worker's queue would be longer).
  const adoption = page.getByRole('region', { name: 'Adoption and publication' });
  await expect(adoption).toContainText('Adopted under the silence procedure on', { timeout: 90_000 });
  await expect(page.getByRole('region', { name: 'Silence procedure' }).getByRole('status')).toContainText('Silence held on');
  const [adopted] = await sql<{ status: string; adoption_method: string }>(`SELECT status::text, adoption_method::text FROM statements WHERE id = $1`, [s.id]);
  expect(adopted).toEqual({ status: 'ADOPTED', adoption_method: 'SILENCE' });

  // A French language version of the adopted text.
  const versions = page.getByRole('region', { name: /^Language versions of / });
  await versions.getByRole('button', { name: 'Add a language version' }).click();
  await versions.getByRole('combobox', { name: 'Translate into' }).selectOption('fr');
  await versions.getByRole('textbox', { name: 'Title in this language' }).fill('Déclaration commune sur les précurseurs de drogues');
  await versions
    .getByRole('textbox', { name: 'Translation of paragraph 1' })
    .fill('Les ministres saluent le plan d’action commun sur les précurseurs de drogues.');
  await versions.getByRole('textbox', { name: 'Translation of paragraph 2' }).fill('Ils le réexamineront en 2013.');
  await expectAccessible(page, 'the language version form');
  await versions.getByRole('button', { name: 'Save language version' }).click();
  await expect(versions.getByRole('listitem')).toContainText('Déclaration commune sur les précurseurs de drogues');
  const translations = await sql<{ language: string; title: string }>(
    `SELECT t.language, t.title FROM statement_translations t JOIN statement_versions v ON v.id = t.version_id WHERE v.statement_id = $1`,
    [s.id],
  );
  expect(translations).toEqual([{ language: 'fr', title: 'Déclaration commune sur les précurseurs de drogues' }]);

  // Publish with the press reference; the page links to the public page.
  const press = `13-${randomBytes(2).toString('hex')}`;
  await adoption.getByRole('textbox', { name: 'Press reference' }).fill(press);
  await adoption.getByRole('button', { name: 'Publish' }).click();
  await expect(adoption).toContainText(`Published as press release ${press} on`);
  const [published] = await sql<{ status: string; press_reference: string }>(`SELECT status::text, press_reference FROM statements WHERE id = $1`, [s.id]);
  expect(published).toEqual({ status: 'PUBLISHED', press_reference: press });
  await adoption.getByRole('link', { name: 'Public page' }).click();
  await expect(page).toHaveURL(new RegExp(`/statements/${press}$`));
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // The statement page on a small screen: one column, nothing cut off, accessible.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`/statements/${s.id}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(adoption).toContainText(`Published as press release ${press} on`);
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, 'a published statement at 360 px');

  // Anyone, without signing in, reads it at /statements/<press reference>.
  const anonymous = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 } });
  const reader = await anonymous.newPage();
  await reader.goto(`/statements/${press}`);
  await expect(reader.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(reader.getByText('The Ministers welcome the joint action plan on drug precursors.')).toBeVisible();
  await expect(reader.getByRole('navigation')).toHaveCount(0);
  await expectNoSidewaysScroll(reader);
  await expectAccessible(reader, 'the public page of the published statement');
  await anonymous.close();
});

test('the clerk decides amendments, compares versions and launches silence; an objection breaks it live', async ({ page, browser, baseURL }) => {
  const clerk = await as(DEMO.clerk);
  const dk = await as(DEMO.dkDelegate);
  const us = await as(DEMO.usDelegate);
  const title = `Joint statement on migration ${randomBytes(3).toString('hex')}`;
  const s = await draft(clerk, title, 'LIMITE', [
    'The Ministers recall their shared responsibility for managing migration flows.',
    'They agree to exchange information on document fraud.',
  ]);
  const { circulateStatement } = await clerk('mutation($i: CirculateStatementInput!) { circulateStatement(input: $i) { id } }', {
    i: { statementId: s.id, versionId: s.versionId, purpose: 'COMMENTS' },
  });
  expect(circulateStatement.id).toBeTruthy();
  const [dkId, usId] = [await delegationId(dk, 'DK'), await delegationId(us, 'US')];
  const propose = (api: typeof dk, delegation: string, key: string, text: string, rationale: string) =>
    api('mutation($i: ProposeAmendmentInput!) { proposeAmendment(input: $i) { id } }', {
      i: { statementId: s.id, versionId: s.versionId, delegationId: delegation, paragraphKey: key, action: 'REPLACE', text, rationale },
    });
  await propose(dk, dkId, s.keys[0], 'The Ministers recall their responsibility for migration.', 'Shorter');
  await propose(us, usId, s.keys[1], 'They agree to exchange information on document and identity fraud without delay.', 'Identity fraud too');

  await signIn(page, DEMO.clerk);
  // A statement that is not there (or not for this user): the page says what the user may not do.
  await page.goto('/statements/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('alert')).toHaveText('You cannot open this statement: it was not found, or you may not see it.');
  await page.goto(`/statements/${s.id}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const amendments = page.getByRole('region', { name: 'Amendments' });

  // Reject Denmark's amendment, with the reason the delegation reads.
  const denmark = amendments.getByRole('row', { name: /^Denmark/ });
  await denmark.getByRole('button', { name: 'Reject' }).click();
  await denmark.getByRole('textbox', { name: 'Reason for rejecting' }).fill('The shared responsibility is agreed language (2011 conclusions).');
  await denmark.getByRole('button', { name: 'Confirm rejection' }).click();
  await expect(denmark).toContainText('Rejected');
  await expect(denmark).toContainText('agreed language (2011 conclusions)');
  const decided = await sql<{ code: string; status: string; decision_reason: string | null }>(
    `SELECT d.code, a.status::text, a.decision_reason FROM amendments a JOIN delegations d ON d.id = a.delegation_id WHERE a.statement_id = $1 ORDER BY d.code`,
    [s.id],
  );
  expect(decided).toEqual([
    { code: 'DK', status: 'REJECTED', decision_reason: 'The shared responsibility is agreed language (2011 conclusions).' },
    { code: 'US', status: 'PROPOSED', decision_reason: null },
  ]);

  // Accept the US one and revise: REV 1, whose changes show word by word.
  await amendments
    .getByRole('row', { name: /^United States/ })
    .getByRole('button', { name: 'Accept' })
    .click();
  await page.getByRole('button', { name: 'Revise with 1 accepted amendment' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Text of .* REV 1$/ })).toBeVisible();
  const changes = page.getByRole('region', { name: /^Changes in .* REV 1$/ });
  await expect(changes.getByRole('listitem')).toHaveCount(1);
  await expect(changes.locator('ins').first()).toContainText('identity');
  // Any two versions: the first one shown against REV 1, the same change the other way round.
  const [v1] = await sql<{ label: string }>(`SELECT reference AS label FROM statements WHERE id = $1`, [s.id]);
  await changes.getByRole('combobox', { name: 'Version shown' }).selectOption({ label: v1.label });
  await expect(page.getByRole('region', { name: `Changes in ${v1.label}` }).getByRole('combobox', { name: 'Compared with' })).toHaveValue(/.+/);
  await expect(
    page
      .getByRole('region', { name: `Changes in ${v1.label}` })
      .locator('del')
      .first(),
  ).toContainText('identity');

  // Launch the silence procedure on REV 1, the deadline a few days ahead by default.
  const silence = page.getByRole('region', { name: 'Silence procedure' });
  await silence.getByRole('button', { name: 'Launch silence procedure' }).click();
  await expect(silence.getByLabel('Silence deadline (Europe/Brussels)')).toHaveValue(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
  await expectAccessible(page, 'the silence procedure form');
  await silence.getByRole('button', { name: 'Launch', exact: true }).click();
  await expect(silence.getByRole('status')).toContainText('REV 1 is under the silence procedure until');
  const [launched] = await sql<{ status: string; purpose: string; recipients: number }>(
    `SELECT s.status::text, c.purpose::text, (SELECT count(*)::int FROM circulation_recipients r WHERE r.circulation_id = c.id) AS recipients
     FROM statements s JOIN circulations c ON c.statement_id = s.id AND c.version_id = s.current_version_id WHERE s.id = $1`,
    [s.id],
  );
  expect(launched).toMatchObject({ status: 'SILENCE_PROCEDURE', purpose: 'SILENCE' });

  // The consensus view: every member delegation, none has answered REV 1 yet.
  const consensus = page.getByRole('region', { name: /^Consensus on .* REV 1$/ });
  await expect(consensus.getByRole('status')).toHaveText(`No consensus yet: 0 of ${launched.recipients} member delegations support or abstain.`);
  await expect(consensus.getByRole('row', { name: /^Denmark/ })).toContainText('No answer');

  // Denmark supports through the API: the clerk's open page shows it without a reload.
  const [rev1] = await sql<{ id: string }>(`SELECT current_version_id AS id FROM statements WHERE id = $1`, [s.id]);
  await dk('mutation($i: RecordPositionInput!) { recordPosition(input: $i) { id } }', {
    i: { statementId: s.id, versionId: rev1.id, delegationId: dkId, stance: 'SUPPORT' },
  });
  await expect(consensus.getByRole('row', { name: /^Denmark/ })).toContainText('Support');
  await expect(consensus.getByRole('status')).toHaveText(`No consensus yet: 1 of ${launched.recipients} member delegations supports or abstains.`);

  // The US delegate objects in their own browser: silence is broken, on the clerk's page too.
  const other = await browser.newContext({ baseURL });
  const usPage = await other.newPage();
  await signIn(usPage, DEMO.usDelegate);
  await usPage.goto(`/statements/${s.id}`);
  const objection = usPage.getByRole('form', { name: 'Object under the silence procedure' });
  await objection.getByRole('textbox', { name: 'Reason for the objection' }).fill('The fraud paragraph needs inter-agency clearance in Washington.');
  await expectAccessible(usPage, 'a statement under silence, for a member delegation');
  await objection.getByRole('button', { name: 'Break silence' }).click();
  await expect(usPage.getByRole('region', { name: 'Silence procedure' }).getByRole('status')).toContainText('Silence broken by United States');
  await other.close();

  await expect(silence.getByRole('status')).toContainText('Silence broken by United States on');
  await expect(silence).toContainText('inter-agency clearance in Washington');
  await expect(page.getByText('Circulated', { exact: true })).toBeVisible();
  const [broken] = await sql<{ status: string; circulation: string; stance: string }>(
    `SELECT s.status::text, c.status::text AS circulation, p.stance::text FROM statements s
     JOIN circulations c ON c.statement_id = s.id AND c.purpose = 'SILENCE'
     JOIN positions p ON p.statement_id = s.id AND p.current AND p.delegation_id = $2 WHERE s.id = $1`,
    [s.id, usId],
  );
  expect(broken).toEqual({ status: 'CIRCULATED', circulation: 'BROKEN', stance: 'OBJECTION' });
  await expectAccessible(page, 'a statement whose silence was broken');

  // Launching again while the objection stands: the API refuses, and the page says why, in place.
  await silence.getByRole('button', { name: 'Launch silence procedure' }).click();
  await silence.getByRole('button', { name: 'Launch', exact: true }).click();
  await expect(silence.getByRole('alert')).toContainText('A member delegation objects to this version');
  // The same in French and in German.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  const silenceFr = page.getByRole('region', { name: 'Procédure de silence' });
  await expect(silenceFr.getByRole('status')).toContainText('Silence rompu par United States le');
  await expect(silenceFr.getByRole('alert')).toContainText('Une délégation membre s’oppose à cette version');
  await expect(page.getByRole('button', { name: 'Adopter par consensus' })).toBeDisabled();
  await page.getByRole('combobox', { name: 'Langue' }).selectOption('de');
  await expect(page.getByRole('region', { name: 'Schweigeverfahren' }).getByRole('status')).toContainText('Schweigen gebrochen durch United States am');
  await expect(page.getByRole('button', { name: 'Im Konsens annehmen' })).toBeDisabled();
  await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
});
