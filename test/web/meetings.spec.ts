import { randomBytes } from 'node:crypto';
import { apiToken, DEMO, expect, expectAccessible, gql, screenshot, signIn, sql, test } from './support/fixtures.js';

const UPCOMING = 'EU-US Senior Officials: follow-up of the Global Alliance';

test('the US delegate sees the invitation in Meetings, accepts it for the US delegation, and the database has the answer', async ({ page }) => {
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
  await invitation.getByRole('button', { name: 'Accept the invitation' }).click();
  await expect(invitation).toContainText("Your delegation's answer: Accepted");
  await expect(page.getByRole('table').getByRole('row', { name: /United States/ })).toContainText('Accepted');
  await screenshot(page, 'meeting');

  const rows = await sql<{ rsvp: string; accredited: string[] }>(
    `SELECT i.rsvp, array(SELECT u.email FROM meeting_accreditations a JOIN users u ON u.id = a.user_id WHERE a.invitation_id = i.id) AS accredited
       FROM meeting_invitations i JOIN meetings m ON m.id = i.meeting_id JOIN delegations d ON d.id = i.delegation_id
      WHERE m.title = $1 AND d.code = 'US'`,
    [UPCOMING],
  );
  expect(rows).toEqual([{ rsvp: 'ACCEPTED', accredited: [DEMO.usDelegate] }]);

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

test('an organizer schedules a meeting in a chosen time zone, builds its agenda, invites a delegation, changes its place, convenes it, opens it, records attendance and the outcome of proceedings; a stale button gets CONFLICT and Reload', async ({
  page,
}) => {
  const title = `Web-scheduled ${randomBytes(3).toString('hex')}`;
  await signIn(page, DEMO.organizer);
  await page.getByRole('navigation').getByRole('link', { name: 'Meetings' }).click();
  await page.getByRole('link', { name: 'Schedule a meeting' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Schedule a meeting' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Body' }).selectOption({ label: 'EU-US Justice and Home Affairs Ministerial' });
  await page.getByRole('textbox', { name: 'Title' }).fill(title);
  await page.getByLabel('Start (in the chosen time zone)').fill('2031-05-12T10:00');
  await page.getByLabel('End (in the chosen time zone)').fill('2031-05-12T12:30');
  await page.getByRole('combobox', { name: 'Time zone' }).selectOption('Europe/Brussels');
  await page.getByRole('textbox', { name: 'Location' }).fill('Justus Lipsius, Brussels');
  await expectAccessible(page, 'the schedule form');
  await page.getByRole('button', { name: 'Schedule the meeting' }).click();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const [meeting] = await sql<{ id: string; starts_at: Date; ends_at: Date; timezone: string }>(
    'SELECT id, starts_at, ends_at, timezone FROM meetings WHERE title = $1',
    [title],
  );
  // 10:00 in Brussels in May is 08:00 UTC (CEST).
  expect(meeting.starts_at.toISOString()).toBe('2031-05-12T08:00:00.000Z');
  expect(meeting.ends_at.toISOString()).toBe('2031-05-12T10:30:00.000Z');
  expect(meeting.timezone).toBe('Europe/Brussels');
  await expect(page.getByText('The agenda has no items yet.')).toBeVisible();

  const form = page.getByRole('form', { name: 'Add an agenda item' });
  for (const [item, kind] of [
    ['Adoption of the agenda', 'For decision'],
    ['Exchange of views on data protection', 'For discussion'],
  ]) {
    await form.getByRole('textbox', { name: 'Item title' }).fill(item);
    await form.getByRole('combobox', { name: 'Kind of item' }).selectOption({ label: kind });
    await form.getByRole('button', { name: 'Add to the agenda' }).click();
    await expect(page.getByRole('list', { name: 'Agenda' }).getByRole('heading', { name: item })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Move “Exchange of views on data protection” up' }).click();
  const agenda = page.getByRole('list', { name: 'Agenda' });
  await expect(agenda.getByRole('heading', { level: 3 })).toHaveText(['Exchange of views on data protection', 'Adoption of the agenda']);
  const items = await sql<{ title: string; position: number; kind: string }>(
    'SELECT title, position, kind FROM agenda_items WHERE meeting_id = $1 ORDER BY position',
    [meeting.id],
  );
  expect(items).toEqual([
    { title: 'Exchange of views on data protection', position: 1, kind: 'FOR_DISCUSSION' },
    { title: 'Adoption of the agenda', position: 2, kind: 'FOR_DECISION' },
  ]);

  await page.getByRole('group', { name: 'Invite delegations of the body' }).getByRole('checkbox', { name: 'Denmark' }).check();
  await page.getByRole('button', { name: 'Invite the selected delegations' }).click();
  await expect(page.getByRole('table').getByRole('row', { name: /Denmark/ })).toContainText('Invited, no answer yet');
  const invited = await sql<{ code: string; rsvp: string }>(
    'SELECT d.code, i.rsvp FROM meeting_invitations i JOIN delegations d ON d.id = i.delegation_id WHERE i.meeting_id = $1',
    [meeting.id],
  );
  expect(invited).toEqual([{ code: 'DK', rsvp: 'INVITED' }]);
  await expectAccessible(page, 'the meeting page of an organizer');

  await expect(page.getByText('Status: Planned').or(page.getByRole('definition').filter({ hasText: 'Planned' }))).toBeVisible();
  // A change of place, the time kept in the venue's zone.
  await page.getByText('Change the title, time or place').click();
  await expect(page.getByLabel('Start (in the chosen time zone)')).toHaveValue('2031-05-12T10:00');
  await page.getByRole('textbox', { name: 'Location' }).fill('Europa building, Brussels');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Changes saved.' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Europa building, Brussels' })).toBeVisible();
  const [moved] = await sql<{ location: string; starts_at: Date }>('SELECT location, starts_at FROM meetings WHERE id = $1', [meeting.id]);
  expect(moved).toEqual({ location: 'Europa building, Brussels', starts_at: new Date('2031-05-12T08:00:00Z') });

  await page.getByRole('button', { name: 'Convene' }).click();
  await expect(page.getByRole('button', { name: 'Open the session' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Convened' })).toBeVisible();
  const [after] = await sql<{ status: string }>('SELECT status FROM meetings WHERE id = $1', [meeting.id]);
  expect(after.status).toBe('CONVENED');

  // In session: attendance, then the outcome of proceedings.
  await page.getByRole('button', { name: 'Open the session' }).click();
  await expect(page.getByRole('button', { name: 'Close the meeting' })).toBeVisible();
  await page.getByRole('group', { name: 'Delegations present' }).getByRole('checkbox', { name: 'Denmark' }).check();
  await page.getByRole('button', { name: 'Save the attendance' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Attendance saved.' })).toBeVisible();
  await expect(page.getByRole('table').getByRole('row', { name: /Denmark/ })).toContainText('Yes');
  await page.getByRole('textbox', { name: 'Outcome of “Adoption of the agenda”' }).fill('Adopted without changes.');
  await page.getByRole('button', { name: 'Save the outcome of “Adoption of the agenda”' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Outcome saved.' })).toBeVisible();
  const [outcome] = await sql<{ outcome: string }>('SELECT outcome FROM agenda_items WHERE meeting_id = $1 AND position = 2', [meeting.id]);
  expect(outcome.outcome).toBe('Adopted without changes.');
  const minutes = page.getByRole('region', { name: 'Outcome of proceedings' });
  await minutes.getByRole('textbox', { name: 'Text of the outcome of proceedings' }).fill('The agenda was adopted. Views on data protection were exchanged.');
  await minutes.getByRole('button', { name: 'Save a new revision' }).click();
  await expect(minutes.getByText(/Revision 1 by Ole Organizer/)).toBeVisible();
  const [record] = await sql<{ attended: boolean; text: string }>(
    `SELECT i.attended, r.text FROM meeting_invitations i JOIN meeting_minutes_revisions r ON r.meeting_id = i.meeting_id WHERE i.meeting_id = $1`,
    [meeting.id],
  );
  expect(record).toEqual({ attended: true, text: 'The agenda was adopted. Views on data protection were exchanged.' });
  await expectAccessible(page, 'a meeting in session');

  // Someone else closes the meeting meanwhile: the stale button gets CONFLICT, with Reload next to it.
  const token = await apiToken(DEMO.organizer);
  const closed = await gql('mutation($id: ID!) { setMeetingStatus(input: { meetingId: $id, status: CONCLUDED }) { status } }', { id: meeting.id }, token);
  expect(closed.errors).toBeUndefined();
  await page.getByRole('button', { name: 'Close the meeting' }).click();
  const status = page.getByRole('region', { name: 'Meeting status' });
  await expect(status.getByRole('alert')).toContainText('Someone else changed this in the meantime');
  await status.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('definition').filter({ hasText: 'Concluded' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Close the meeting' })).toHaveCount(0);
});
