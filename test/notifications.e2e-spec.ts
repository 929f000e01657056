import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { DeliveryService } from '../src/notifications/delivery.service.js';
import { NotificationsProcessor } from '../src/notifications/notifications.processor.js';
import { createBody, hoursFromNow, invite, MEETING_FIELDS, scheduleMeeting } from './support/meetings.js';
import { SmtpSink } from './support/smtp-sink.js';
import { TestApp, type TestUser, waitFor } from './support/test-app.js';
import { WebhookSink } from './support/webhook-sink.js';

const SECRET = 'denmark-webhook-secret-0001';

function subscribe(app: TestApp, token: string): { client: Client; received: any[]; ready: Promise<void> } {
  const received: any[] = [];
  let onReady!: () => void;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const client = createClient({
    url: `${app.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    on: { connected: () => setTimeout(onReady, 200) },
    retryAttempts: 0,
  });
  client.subscribe(
    { query: 'subscription { notificationAdded { id kind subject entity { type id } } }' },
    { next: (v) => received.push(v.data?.notificationAdded), error: () => undefined, complete: () => undefined },
  );
  return { client, received, ready };
}

describe('notifications: in-app, e-mail and webhook, exactly once', () => {
  const smtp = new SmtpSink();
  const hooks = new WebhookSink();
  let app: TestApp;
  let organizer: TestUser;
  let copenhagen: TestUser;
  let washington: TestUser; // a Danish liaison based in Washington
  let outsider: TestUser;
  let dkId: string;
  let body: { id: string };

  beforeAll(async () => {
    await smtp.start();
    await hooks.start();
    app = await TestApp.start({ env: { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' } });
    organizer = await app.as(Role.ORGANIZER);
    dkId = (await app.delegation('DK', { timezone: 'Europe/Copenhagen' })).id;
    await organizer.client.data('mutation($i: UpdateDelegationInput!) { updateDelegation(input: $i) { webhookUrl } }', {
      i: { delegationId: dkId, webhookUrl: hooks.url, webhookSecret: SECRET },
    });
    copenhagen = await app.as(Role.DELEGATE, 'DK', DelegateRole.HEAD_OF_DELEGATION, { timezone: 'Europe/Copenhagen' });
    washington = await app.as(Role.DELEGATE, 'DK', DelegateRole.EXPERT, { timezone: 'America/New_York' });
    outsider = await app.as(Role.DELEGATE, 'SE');
    body = await createBody(organizer, app, { members: ['DK', 'SE'] });
    await app.drain(); // membership notifications of the set-up
  });
  afterAll(async () => {
    await app?.close();
    await smtp.stop();
    await hooks.stop();
  });

  it('invites: one in-app notification, one e-mail and one signed webhook call each, pushed live only to the addressee', async () => {
    const subA = subscribe(app, copenhagen.token);
    const subOutsider = subscribe(app, outsider.token);
    await Promise.all([subA.ready, subOutsider.ready]);
    const emailsBefore = smtp.messages.length;

    const m = await scheduleMeeting(organizer, {
      bodyId: body.id,
      title: 'EU-US JHA Ministerial',
      startsAt: '2027-06-21T07:30:00Z',
      endsAt: '2027-06-21T15:00:00Z',
      timezone: 'Europe/Copenhagen',
      location: 'Eigtveds Pakhus, Copenhagen',
    });
    await invite(organizer, m.id, [dkId]);
    await app.drain();

    for (const u of [copenhagen, washington]) {
      const { notifications } = await u.client.data(
        '{ notifications(unreadOnly: true) { totalCount edges { node { id kind subject body entity { type id } readAt } } } }',
      );
      const invitations = notifications.edges.map((e: any) => e.node).filter((n: any) => n.kind === 'MEETING_INVITATION');
      expect(invitations).toHaveLength(1);
      expect(invitations[0]).toMatchObject({ subject: 'Invitation: EU-US JHA Ministerial', entity: { type: 'Meeting', id: m.id }, readAt: null });
      expect(smtp.to(u.user.email).filter((mail) => mail.subject === 'Invitation: EU-US JHA Ministerial')).toHaveLength(1);
    }
    expect(smtp.messages.length - emailsBefore).toBe(2);

    // Times in the reader's zone and the venue's.
    const toWashington = smtp.to(washington.user.email).find((mail) => mail.subject?.startsWith('Invitation'))!;
    expect(toWashington.text).toContain(
      'Starts: Mon 21 Jun 2027, 03:30 GMT-4 your time (America/New_York); Mon 21 Jun 2027, 09:30 CEST (Europe/Copenhagen) at the venue',
    );
    expect(toWashington.messageId).toMatch(/@concordia>$/);
    const toCopenhagen = smtp.to(copenhagen.user.email).find((mail) => mail.subject?.startsWith('Invitation'))!;
    expect(toCopenhagen.text).toContain('Starts: Mon 21 Jun 2027, 09:30 CEST (Europe/Copenhagen)');

    const calls = hooks.received.filter((h) => h.json.kind === 'MEETING_INVITATION');
    expect(calls).toHaveLength(1);
    const expected = `sha256=${createHmac('sha256', SECRET).update(calls[0].body).digest('hex')}`;
    expect(calls[0].headers['x-concordia-signature']).toBe(expected);
    expect(calls[0].json).toMatchObject({
      delegation: 'DK',
      subject: 'Invitation: EU-US JHA Ministerial',
      entity: { type: 'Meeting', id: m.id },
      data: { startsAt: '2027-06-21T07:30:00.000Z', timezone: 'Europe/Copenhagen' },
    });

    await waitFor(async () => subA.received.some((n) => n?.kind === 'MEETING_INVITATION'), 5000, 'the live notification');
    expect(subA.received.filter((n) => n?.kind === 'MEETING_INVITATION')).toEqual([
      { id: expect.any(String), kind: 'MEETING_INVITATION', subject: 'Invitation: EU-US JHA Ministerial', entity: { type: 'Meeting', id: m.id } },
    ]);
    expect(subOutsider.received).toEqual([]);
    await subA.client.dispose();
    await subOutsider.client.dispose();
  });

  it('sends nothing twice when a notify or deliver job runs again', async () => {
    const m = await scheduleMeeting(organizer, { bodyId: body.id, title: 'Repeated jobs', startsAt: hoursFromNow(500) });
    await invite(organizer, m.id, [dkId]);
    await app.drain();
    const counts = async () => ({ notifications: await app.count('notifications'), emails: smtp.messages.length, hooks: hooks.received.length });
    const before = await counts();

    const processor = app.worker!.get(NotificationsProcessor);
    expect(await processor.handlers.notify({ event: 'meeting.invited', meetingId: m.id, delegationIds: [dkId] }, undefined as never)).toBe('skipped');
    const deliveries: { id: string }[] = await app.dataSource.query(
      `SELECT d.id FROM notification_deliveries d LEFT JOIN notifications n ON n.id = d.notification_id WHERE d.event_key LIKE $1`,
      [`meeting-invited:${m.id}:%`],
    );
    expect(deliveries.length).toBe(5); // 2 in-app, 2 e-mail, 1 webhook
    for (const d of deliveries) expect(await app.worker!.get(DeliveryService).deliver(d.id)).toBe('skipped');
    expect(await counts()).toEqual(before);
  });

  it('respects e-mail preferences per kind; in-app cannot be turned off', async () => {
    const prefs = 'mutation($i: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $i) { kind channels } }';
    await washington.client.error(
      prefs,
      { i: { preferences: [{ kind: 'MEETING_UPDATED', channels: ['EMAIL'] }] } },
      'BAD_USER_INPUT',
      'preferences.0.channels',
    );
    const { updateNotificationPreferences } = await washington.client.data(prefs, { i: { preferences: [{ kind: 'MEETING_UPDATED', channels: ['IN_APP'] }] } });
    expect(updateNotificationPreferences).toContainEqual({ kind: 'MEETING_UPDATED', channels: ['IN_APP'] });
    expect(updateNotificationPreferences).toContainEqual({ kind: 'MEETING_INVITATION', channels: ['IN_APP', 'EMAIL'] });

    const m = await scheduleMeeting(organizer, { bodyId: body.id, title: 'Moved meeting', startsAt: hoursFromNow(600) });
    await invite(organizer, m.id, [dkId]);
    await app.drain();
    await organizer.client.data(`mutation($i: UpdateMeetingInput!) { updateMeeting(input: $i) { ${MEETING_FIELDS} } }`, {
      i: { meetingId: m.id, version: m.version, location: 'Aarhus' },
    });
    await app.drain();
    const changed = (u: TestUser) => smtp.to(u.user.email).filter((mail) => mail.subject === 'Changed: Moved meeting');
    expect(changed(copenhagen)).toHaveLength(1);
    expect(changed(copenhagen)[0].text).toContain('Where:  Aarhus');
    expect(changed(washington)).toHaveLength(0);
    expect(await app.count('notifications', `user_id = $1 AND kind = 'MEETING_UPDATED'`, [washington.user.id])).toBe(1);
  });

  it('marks notifications read, one by one or all', async () => {
    const { notifications } = await copenhagen.client.data('{ notifications(unreadOnly: true, first: 100) { edges { node { id } } } unreadNotificationCount }');
    const [first, ...rest] = notifications.edges.map((e: any) => e.node.id);
    const mark = 'mutation($i: MarkNotificationsReadInput!) { markNotificationsRead(input: $i) { marked unreadCount } }';
    expect((await copenhagen.client.data(mark, { i: { ids: [first] } })).markNotificationsRead).toEqual({ marked: 1, unreadCount: rest.length });
    // Someone else's notification ids are not theirs to mark.
    expect((await washington.client.data(mark, { i: { ids: rest } })).markNotificationsRead.marked).toBe(0);
    expect((await copenhagen.client.data(mark, { i: { all: true } })).markNotificationsRead).toEqual({ marked: rest.length, unreadCount: 0 });
    await copenhagen.client.error(mark, { i: {} }, 'BAD_USER_INPUT', 'ids');
  });

  it('records webhook failures for ADMIN and in /metrics, retrying with backoff until the receiver answers', async () => {
    hooks.failNext = 1000;
    const m = await scheduleMeeting(organizer, { bodyId: body.id, title: 'Receiver down', startsAt: hoursFromNow(700) });
    await invite(organizer, m.id, [dkId]);
    // No drain(): it would wait out every retry of the failing webhook.
    const admin = await app.as(Role.ADMIN);
    const failures = await waitFor(async () => {
      const { deliveryFailures } = await admin.client.data(
        '{ deliveryFailures { totalCount edges { node { channel status attempts lastError delegationId eventKey } } } }',
      );
      return deliveryFailures.totalCount > 0 && deliveryFailures.edges.length > 0 ? deliveryFailures : null; // page and count are two statements
    });
    expect(failures.edges[0].node).toMatchObject({
      channel: 'WEBHOOK',
      status: 'FAILED',
      lastError: 'webhook answered HTTP 503',
      delegationId: dkId,
      eventKey: `meeting-invited:${m.id}:${dkId}`,
    });
    expect(await (await fetch(`${app.url}/metrics`)).text()).toMatch(/concordia_notification_delivery_failures\{channel="WEBHOOK"\} 1/);
    await copenhagen.client.error('{ deliveryFailures { totalCount } }', undefined, 'FORBIDDEN');

    hooks.failNext = 0;
    await waitFor(
      async () =>
        (await app.count('notification_deliveries', `event_key = $1 AND channel = 'WEBHOOK' AND status = 'SENT'`, [`meeting-invited:${m.id}:${dkId}`])) === 1,
      20_000,
      'the retried webhook',
    );
    expect(hooks.received.filter((h) => h.json.entity?.id === m.id)).toHaveLength(1);
    const [row] = await app.dataSource.query(`SELECT attempts FROM notification_deliveries WHERE event_key = $1 AND channel = 'WEBHOOK'`, [
      `meeting-invited:${m.id}:${dkId}`,
    ]);
    expect(row.attempts).toBeGreaterThanOrEqual(2);
  });
});
