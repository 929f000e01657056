import { randomBytes } from 'node:crypto';
import { apiToken, DEMO, expect, expectAccessible, gql, pageToken, screenshot, signIn, sql, test } from './support/fixtures.js';

/** Through the API as the organizer (README, "Ids" and "Notifications, live"): a body of DK and US, a meeting, the invitations. */
async function organizerInvitesUs(title: string): Promise<void> {
  const token = await apiToken(DEMO.organizer);
  const ids = await gql('{ dk: delegation(code: "DK") { id } us: delegation(code: "US") { id } }', {}, token);
  const body = await gql(
    'mutation($dk: ID!, $us: ID!, $name: String!) { createBody(input: { name: $name, kind: SENIOR_OFFICIALS, chairDelegationId: $dk, memberDelegationIds: [$dk, $us] }) { id } }',
    { dk: ids.data.dk.id, us: ids.data.us.id, name: `Contact group ${title}` },
    token,
  );
  const meeting = await gql(
    `mutation($bodyId: ID!, $title: String!) { scheduleMeeting(input: { bodyId: $bodyId, title: $title, startsAt: "2030-03-17T13:00:00Z",
      endsAt: "2030-03-17T16:00:00Z", timezone: "America/New_York", location: "Washington" }) { id } }`,
    { bodyId: body.data.createBody.id, title },
    token,
  );
  const invited = await gql('mutation($id: ID!) { inviteDelegations(input: { meetingId: $id }) { rsvp } }', { id: meeting.data.scheduleMeeting.id }, token);
  expect(invited.errors).toBeUndefined();
}

async function unreadInDatabase(email: string): Promise<number> {
  const [row] = await sql<{ n: number }>(
    'SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = $1 AND n.read_at IS NULL',
    [email],
  );
  return row.n;
}

test('a notification caused by another user appears live; marking it read updates the count and the database', async ({ page }) => {
  await signIn(page, DEMO.usDelegate);
  await page.getByRole('navigation').getByRole('link', { name: 'Notifications' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  const before = await unreadInDatabase(DEMO.usDelegate);
  await expect(page.getByText(`${before} unread notification`)).toBeVisible();
  await expectAccessible(page, 'the notifications page');

  const title = `Web follow-up ${randomBytes(3).toString('hex')}`;
  await organizerInvitesUs(title);

  // No reload: the subscription brings it.
  const card = page.getByRole('listitem').filter({ hasText: `Invitation: ${title}` });
  await expect(card).toBeVisible();
  await expect(card.getByText('Meeting invitation')).toBeVisible();
  await expect(page.getByText(`${before + 1} unread notifications`)).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Notifications' })).toContainText(`${before + 1} unread`);
  expect(await unreadInDatabase(DEMO.usDelegate)).toBe(before + 1);
  await expectAccessible(page, 'the notifications page with a new notification');
  await screenshot(page, 'notifications');

  await card.getByRole('button', { name: 'Mark as read' }).click();
  await expect(card.getByRole('button', { name: 'Mark as read' })).toHaveCount(0);
  await expect(page.getByText(`${before} unread notification`)).toBeVisible();
  const [row] = await sql<{ read_at: Date | null }>(
    'SELECT n.read_at FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = $1 AND n.subject = $2',
    [DEMO.usDelegate, `Invitation: ${title}`],
  );
  expect(row.read_at).not.toBeNull();
  expect(await unreadInDatabase(DEMO.usDelegate)).toBe(before);
});

test('a session ended elsewhere while live notifications are on ends here at the next push, without a retry', async ({ page }) => {
  const sockets: { subscribed: boolean; closed: boolean }[] = [];
  page.on('websocket', (ws) => {
    const socket = { subscribed: false, closed: false };
    sockets.push(socket);
    ws.on('framesent', (frame) => (socket.subscribed ||= String(frame.payload).includes('"subscribe"')));
    ws.on('close', () => (socket.closed = true));
  });
  await signIn(page, DEMO.usDelegate);
  await page.getByRole('navigation').getByRole('link', { name: 'Notifications' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  // The live subscription is up: the page subscribed on its socket.
  await expect.poll(() => sockets[0]?.subscribed ?? false).toBe(true);

  expect((await gql('mutation { signOut }', {}, (await pageToken(page))!)).data?.signOut).toBe(true);
  // The next push for this user finds the session ended: the API closes the socket (4403) instead.
  const title = `Web ended ${randomBytes(3).toString('hex')}`;
  await organizerInvitesUs(title);

  await expect.poll(() => sockets[0].closed).toBe(true);
  await expect(page.getByRole('status')).toHaveText('Your session has ended. Please sign in again.');
  await expect(page.getByRole('textbox', { name: 'E-mail' })).toBeVisible();
  expect(await pageToken(page)).toBeNull();
  await expect(page.getByText(`Invitation: ${title}`)).toHaveCount(0);
  // Not retried with the ended session's token.
  expect(sockets).toHaveLength(1);
});
