import { randomBytes } from 'node:crypto';
import { apiToken, DEMO, expect, expectAccessible, gql, signIn, sql, test } from './support/fixtures.js';

// Each test walks a user group's whole flow (a dozen pages and axe runs): under a CPU burner that takes more than the default minute.
test.describe.configure({ timeout: 120_000 });

const MINISTERIAL = 'EU-US Justice and Home Affairs Ministerial';

test('an organizer pages through more meetings than a page holds', async ({ page }) => {
  const token = await apiToken(DEMO.organizer);
  // More meetings than a page (20, what a page of the list costs within the API's limit): "Show more" brings the rest.
  const batch = `Paging ${randomBytes(3).toString('hex')}`;
  const [body] = await sql<{ id: string }>('SELECT id FROM bodies WHERE name = $1', [MINISTERIAL]);
  const made = await Promise.all(
    Array.from({ length: 20 }, (_, i) => {
      const day = String(i + 1).padStart(2, '0');
      return gql(
        'mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }',
        {
          i: {
            bodyId: body.id,
            title: `${batch} #${day}`,
            startsAt: `2040-03-${day}T09:00:00Z`,
            endsAt: `2040-03-${day}T11:00:00Z`,
            timezone: 'Europe/Brussels',
          },
        },
        token,
      );
    }),
  );
  expect(made.flatMap((m) => m.errors ?? [])).toEqual([]);
  await signIn(page, DEMO.organizer);
  await page.getByRole('navigation').getByRole('link', { name: 'Meetings' }).click();
  const upcoming = page.getByRole('list', { name: 'Upcoming meetings' });
  await expect(upcoming.getByRole('link', { name: `${batch} #01` })).toBeVisible();
  await expect(upcoming.getByRole('listitem')).toHaveCount(20);
  await expect(upcoming.getByRole('link', { name: `${batch} #20` })).toHaveCount(0);
  await page.getByRole('button', { name: 'Show more upcoming meetings' }).click();
  await expect(upcoming.getByRole('link', { name: `${batch} #20` })).toBeVisible();
  await expect(upcoming.getByRole('link', { name: `${batch} #01` })).toBeVisible();
  await expectAccessible(page, 'the meetings list of an organizer');
});

test('an organizer schedules a meeting in a chosen time zone, edits its agenda, invites a delegation, changes its place, convenes it, opens it, records attendance per person and the outcome of proceedings in revisions; a stale button gets CONFLICT and Reload', async ({
  page,
}) => {
  const title = `Web-scheduled ${randomBytes(3).toString('hex')}`;
  const token = await apiToken(DEMO.organizer);

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

  // Edit an item (title, lead delegation); add one and remove it again.
  await page.getByRole('button', { name: 'Edit “Adoption of the agenda”' }).click();
  const edit = page.getByRole('form', { name: 'Edit agenda item “Adoption of the agenda”' });
  await edit.getByRole('textbox', { name: 'Item title' }).fill('Adoption of the provisional agenda');
  await edit.getByRole('combobox', { name: 'Lead delegation' }).selectOption({ label: 'Denmark' });
  await expectAccessible(page, 'an agenda item being edited');
  await edit.getByRole('button', { name: 'Save the item' }).click();
  await expect(edit).toHaveCount(0);
  await expect(agenda.getByRole('listitem').nth(1)).toContainText('For decision · led by Denmark');
  await form.getByRole('textbox', { name: 'Item title' }).fill('Any other business');
  await form.getByRole('button', { name: 'Add to the agenda' }).click();
  await expect(agenda.getByRole('heading', { level: 3 })).toHaveCount(3);
  await page.getByRole('button', { name: 'Remove “Any other business”' }).click();
  await expect(agenda.getByRole('heading', { level: 3 })).toHaveText(['Exchange of views on data protection', 'Adoption of the provisional agenda']);
  const items = await sql<{ title: string; position: number; kind: string; lead: string | null }>(
    `SELECT a.title, a.position, a.kind, d.code AS lead FROM agenda_items a LEFT JOIN delegations d ON d.id = a.lead_delegation_id
      WHERE a.meeting_id = $1 ORDER BY a.position`,
    [meeting.id],
  );
  expect(items).toEqual([
    { title: 'Exchange of views on data protection', position: 1, kind: 'FOR_DISCUSSION', lead: null },
    { title: 'Adoption of the provisional agenda', position: 2, kind: 'FOR_DECISION', lead: 'DK' },
  ]);

  await page.getByRole('group', { name: 'Invite delegations of the body' }).getByRole('checkbox', { name: 'Denmark' }).check();
  await page.getByRole('button', { name: 'Invite the selected delegations' }).click();
  await expect(page.getByRole('table').getByRole('row', { name: /Denmark/ })).toContainText('Invited, no answer yet');
  const invited = await sql<{ code: string; rsvp: string }>(
    'SELECT d.code, i.rsvp FROM meeting_invitations i JOIN delegations d ON d.id = i.delegation_id WHERE i.meeting_id = $1',
    [meeting.id],
  );
  expect(invited).toEqual([{ code: 'DK', rsvp: 'INVITED' }]);
  // Denmark accepts through the API, accrediting two of its people; the organizer's page reads it again.
  const dk = await apiToken(DEMO.dkDelegate);
  const people = await sql<{ id: string; email: string }>('SELECT id, email FROM users WHERE email = ANY($1)', [[DEMO.dkDelegate, DEMO.organizer]]);
  const accepted = await gql(
    'mutation($i: RespondToInvitationInput!) { respondToInvitation(input: $i) { rsvp } }',
    {
      i: {
        meetingId: meeting.id,
        delegationId: (await sql('SELECT id FROM delegations WHERE code = $1', ['DK']))[0].id,
        rsvp: 'ACCEPTED',
        accreditedUserIds: people.map((p) => p.id),
      },
    },
    dk,
  );
  expect(accepted.errors).toBeUndefined();
  await page.reload();
  await expect(page.getByRole('table').getByRole('row', { name: /Denmark/ })).toContainText('Accepted');
  // The agenda goes out to the invited delegations.
  await expect(page.getByText('The agenda has not been circulated yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Circulate the agenda' }).click();
  await expect(page.getByText(/^Agenda circulated to the delegations on /)).toBeVisible();
  const [circulated] = await sql<{ at: Date | null }>('SELECT agenda_circulated_at AS at FROM meetings WHERE id = $1', [meeting.id]);
  expect(circulated.at).not.toBeNull();
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
  // Attendance per person: Denmark was there, Dorte but not Ole.
  await page.getByRole('group', { name: 'Delegations present' }).getByRole('checkbox', { name: 'Denmark', exact: true }).check();
  const dkPeople = page.getByRole('group', { name: 'People of Denmark present' });
  await expect(dkPeople.getByRole('checkbox', { name: /Dorte Delegate/ })).toBeChecked();
  await dkPeople.getByRole('checkbox', { name: /Ole Organizer/ }).uncheck();
  await page.getByRole('button', { name: 'Save the attendance' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Attendance saved.' })).toBeVisible();
  const dkRow = page.getByRole('table').getByRole('row', { name: /Denmark/ });
  await expect(dkRow).toContainText('Yes');
  await expect(dkRow).toContainText('Dorte Delegate (Denmark) (present)');
  await expect(dkRow).toContainText('Ole Organizer (Danish Presidency) (absent)');
  const present = await sql<{ email: string; attended: boolean }>(
    'SELECT u.email, a.attended FROM meeting_accreditations a JOIN users u ON u.id = a.user_id WHERE a.meeting_id = $1 ORDER BY u.email',
    [meeting.id],
  );
  expect(present).toEqual([
    { email: DEMO.dkDelegate, attended: true },
    { email: DEMO.organizer, attended: false },
  ]);
  await page.getByRole('textbox', { name: 'Outcome of “Adoption of the provisional agenda”' }).fill('Adopted without changes.');
  await page.getByRole('button', { name: 'Save the outcome of “Adoption of the provisional agenda”' }).click();
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
  // A second revision; the earlier one stays readable.
  await minutes
    .getByRole('textbox', { name: 'Text of the outcome of proceedings' })
    .fill('The provisional agenda was adopted. Views on data protection were exchanged.');
  await minutes.getByRole('button', { name: 'Save a new revision' }).click();
  await expect(minutes.getByText(/Revision 2 by Ole Organizer/)).toBeVisible();
  await minutes.getByRole('button', { name: 'Show all revisions' }).click();
  const revisions = minutes.getByRole('list', { name: 'Earlier revisions' });
  await expect(revisions.getByRole('heading', { level: 3 })).toHaveText([/^Revision 2 by Ole Organizer/, /^Revision 1 by Ole Organizer/]);
  await expect(revisions.getByRole('listitem').nth(1)).toContainText('The agenda was adopted.');
  const saved = await sql<{ revision: number }>('SELECT revision FROM meeting_minutes_revisions WHERE meeting_id = $1 ORDER BY revision', [meeting.id]);
  expect(saved).toEqual([{ revision: 1 }, { revision: 2 }]);
  await expectAccessible(page, 'a meeting in session');

  // The same page in German: Tagesordnung, Anwesenheit, Ergebnis der Beratungen.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await expect(page.getByRole('heading', { level: 2, name: 'Tagesordnung' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Anwesende Mitglieder der Delegation Denmark' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Ergebnis der Beratungen' }).getByRole('button', { name: 'Neue Fassung speichern' })).toBeVisible();
  await expectAccessible(page, 'a meeting in session, in German');
  await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');

  // Someone else closes the meeting meanwhile: the stale button gets CONFLICT, with Reload next to it.
  const closed = await gql('mutation($id: ID!) { setMeetingStatus(input: { meetingId: $id, status: CONCLUDED }) { status } }', { id: meeting.id }, token);
  expect(closed.errors).toBeUndefined();
  await page.getByRole('button', { name: 'Close the meeting' }).click();
  const status = page.getByRole('region', { name: 'Meeting status' });
  await expect(status.getByRole('alert')).toContainText('Someone else changed this in the meantime');
  await status.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('definition').filter({ hasText: 'Concluded' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Close the meeting' })).toHaveCount(0);
});
