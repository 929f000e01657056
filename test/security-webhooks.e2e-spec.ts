import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { urlProblem } from '../src/common/net/url-safety.js';
import { QueueRegistry } from '../src/queues/queue-registry.js';
import { DnsServer } from './support/dns-server.js';
import { createBody, hoursFromNow, invite, scheduleMeeting } from './support/meetings.js';
import { TestApp, type TestUser, waitFor } from './support/test-app.js';

const SECRET = 'ssrf-test-webhook-secret-01';

/** A real listener on 127.0.0.1 that records every request it gets (and may answer with a redirect). */
class Listener {
  readonly hits: string[] = [];
  private server: http.Server | null = null;
  port = 0;
  constructor(private readonly answer: (res: http.ServerResponse) => void = (res) => res.writeHead(204).end()) {}
  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.hits.push(`${req.method} ${req.url}`);
      req.resume();
      this.answer(res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }
  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }
  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Points a delegation's webhook at `url` directly in the database (as if stored before the input check, or via DNS). */
async function pointWebhook(app: TestApp, code: string, url: string): Promise<string> {
  const d = await app.delegation(code);
  await app.dataSource.query('UPDATE delegations SET webhook_url = $1, webhook_secret = $2 WHERE id = $3', [url, SECRET, d.id]);
  return d.id;
}

/** No delivery waits for a retry (BullMQ keeps a retry with backoff as a delayed job). */
async function retriesPending(app: TestApp): Promise<number> {
  const queue = app.api
    .get(QueueRegistry)
    .all()
    .find((q) => q.name === 'notifications')!;
  return (await queue.getJobCounts('delayed')).delayed ?? 0;
}

async function webhookDelivery(app: TestApp, organizer: TestUser, delegationId: string) {
  const body = await createBody(organizer, app, { members: [] });
  const m = await scheduleMeeting(organizer, { bodyId: body.id, title: 'SSRF probe', startsAt: hoursFromNow(500) });
  await invite(organizer, m.id, [delegationId]);
  const eventKey = `meeting-invited:${m.id}:${delegationId}`;
  return waitFor(async () => {
    const [row] = await app.dataSource.query(`SELECT status, attempts, last_error FROM notification_deliveries WHERE event_key = $1 AND channel = 'WEBHOOK'`, [
      eventKey,
    ]);
    return row && row.status !== 'PENDING' ? { ...row, eventKey } : null;
  });
}

describe('webhooks never reach the inside of the network (SSRF)', () => {
  // Host names get their addresses from this server (WEBHOOK_DNS_SERVERS): real DNS, no network needed.
  const dns = new DnsServer();
  beforeAll(() => dns.start());
  afterAll(() => dns.stop());

  describe('without an allow-list', () => {
    let app: TestApp;
    let organizer: TestUser;
    let admin: TestUser;
    const inside = new Listener();

    beforeAll(async () => {
      await inside.start();
      app = await TestApp.start({ env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: '', WEBHOOK_DNS_SERVERS: dns.address } });
      organizer = await app.as(Role.ORGANIZER);
      admin = await app.as(Role.ADMIN);
    });
    afterAll(async () => {
      await app.close();
      await inside.stop();
    });

    it.each([
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/hook',
      'http://localhost/hook',
      'http://0.0.0.0/',
      'http://0x7f000001/',
      'http://10.0.0.1/',
      'http://127.0.0.1:6379/',
      'https://user:pass@hooks.example.org/hook',
    ])('refuses %s when it is entered, writing nothing', async (url) => {
      const dk = await app.delegation('DK');
      const audits = await app.count('audit_events');
      await organizer.client.error(
        'mutation($i: UpdateDelegationInput!) { updateDelegation(input: $i) { id } }',
        { i: { delegationId: dk.id, webhookUrl: url, webhookSecret: SECRET } },
        'BAD_USER_INPUT',
        'webhookUrl',
      );
      expect(await app.count('delegations', 'id = $1 AND webhook_url IS NOT NULL', [dk.id])).toBe(0);
      expect(await app.count('audit_events')).toBe(audits);
    });

    it('refuses at delivery a stored URL on 127.0.0.1: the listener is never called, FAILED once with the reason, no retries', async () => {
      const id = await pointWebhook(app, 'SE', inside.url());
      const delivery = await webhookDelivery(app, organizer, id);
      await app.drain();
      expect(inside.hits).toEqual([]);
      expect(delivery).toMatchObject({ status: 'FAILED', attempts: 1 });
      expect(delivery.last_error).toMatch(/^webhook refused: 127\.0\.0\.1 is loopback/);
      const [after] = await app.dataSource.query(`SELECT attempts FROM notification_deliveries WHERE event_key = $1 AND channel = 'WEBHOOK'`, [
        delivery.eventKey,
      ]);
      expect(after.attempts).toBe(1);
      expect(await retriesPending(app)).toBe(0); // failed for good, not waiting for a retry
      const { deliveryFailures } = await admin.client.data('{ deliveryFailures { edges { node { eventKey lastError status } } } }');
      expect(deliveryFailures.edges.map((e: any) => e.node)).toContainEqual({ eventKey: delivery.eventKey, lastError: delivery.last_error, status: 'FAILED' });
    });

    it('refuses a stored localhost name the same way', async () => {
      const id = await pointWebhook(app, 'FI', `http://localhost:${inside.port}/hook`);
      const delivery = await webhookDelivery(app, organizer, id);
      expect(inside.hits).toEqual([]);
      expect(delivery).toMatchObject({ status: 'FAILED', attempts: 1 });
      expect(delivery.last_error).toMatch(/^webhook refused: .*loopback/);
    });

    it('refuses a name that resolves to a public address and 127.0.0.1: every address is checked, the listener is never called', async () => {
      dns.records.set('mixed.hooks.test', ['93.184.216.34', '127.0.0.1']);
      const id = await pointWebhook(app, 'NO', `http://mixed.hooks.test:${inside.port}/mixed`);
      const delivery = await webhookDelivery(app, organizer, id);
      await app.drain();
      expect(dns.questions).toContain('mixed.hooks.test');
      expect(inside.hits).not.toContain('POST /mixed');
      expect(delivery).toMatchObject({ status: 'FAILED', attempts: 1 });
      expect(delivery.last_error).toMatch(/^webhook refused: mixed\.hooks\.test resolves to a refused address: 127\.0\.0\.1 is loopback/);
      expect(await retriesPending(app)).toBe(0);
    });

    it('refuses a name that resolves to loopback but is not `localhost`: only the lookup the connection uses can tell', async () => {
      dns.records.set('inside.hooks.test', ['127.0.0.1']);
      const url = `http://inside.hooks.test:${inside.port}/inside`;
      expect(urlProblem(url, [])).toBeNull(); // nothing in the URL itself gives it away
      const id = await pointWebhook(app, 'IS', url);
      const delivery = await webhookDelivery(app, organizer, id);
      expect(dns.questions).toContain('inside.hooks.test');
      expect(inside.hits).not.toContain('POST /inside');
      expect(delivery).toMatchObject({ status: 'FAILED', attempts: 1 });
      expect(delivery.last_error).toMatch(/^webhook refused: inside\.hooks\.test resolves to a refused address: 127\.0\.0\.1 is loopback/);
    });
  });

  describe('with 127.0.0.1/32 allow-listed', () => {
    let app: TestApp;
    let organizer: TestUser;
    const target = new Listener();
    const redirector = new Listener((res) => res.writeHead(302, { Location: target.url('/stolen') }).end());
    const receiver = new Listener();

    beforeAll(async () => {
      await Promise.all([target.start(), redirector.start(), receiver.start()]);
      app = await TestApp.start({ env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: '127.0.0.1/32', WEBHOOK_DNS_SERVERS: dns.address } });
      organizer = await app.as(Role.ORGANIZER);
    });
    afterAll(async () => {
      await app.close();
      await Promise.all([target.stop(), redirector.stop(), receiver.stop()]);
    });

    it('delivers to an allow-listed listener', async () => {
      const dk = await app.delegation('DK');
      await organizer.client.data('mutation($i: UpdateDelegationInput!) { updateDelegation(input: $i) { id } }', {
        i: { delegationId: dk.id, webhookUrl: receiver.url(), webhookSecret: SECRET },
      });
      const delivery = await webhookDelivery(app, organizer, dk.id);
      expect(delivery).toMatchObject({ status: 'SENT', attempts: 1 });
      expect(receiver.hits).toEqual(['POST /hook']);
    });

    it('delivers by name to an allow-listed address, resolved through the configured DNS server', async () => {
      dns.records.set('receiver.hooks.test', ['127.0.0.1']);
      const no = await app.delegation('NO');
      await organizer.client.data('mutation($i: UpdateDelegationInput!) { updateDelegation(input: $i) { id } }', {
        i: { delegationId: no.id, webhookUrl: `http://receiver.hooks.test:${receiver.port}/named`, webhookSecret: SECRET },
      });
      const delivery = await webhookDelivery(app, organizer, no.id);
      expect(delivery).toMatchObject({ status: 'SENT', attempts: 1 });
      expect(receiver.hits).toContain('POST /named');
      expect(dns.questions).toContain('receiver.hooks.test');
    });

    it('does not follow a redirect: FAILED with the reason, the redirect target never called, no retries', async () => {
      const id = await pointWebhook(app, 'SE', redirector.url());
      const delivery = await webhookDelivery(app, organizer, id);
      await app.drain();
      expect(redirector.hits).toEqual(['POST /hook']);
      expect(target.hits).toEqual([]);
      expect(delivery).toMatchObject({ status: 'FAILED', attempts: 1, last_error: 'webhook refused: redirects are not followed (HTTP 302)' });
      expect(await retriesPending(app)).toBe(0);
    });

    it('still refuses other private addresses', async () => {
      const dk = await app.delegation('DK');
      await organizer.client.error(
        'mutation($i: UpdateDelegationInput!) { updateDelegation(input: $i) { id } }',
        { i: { delegationId: dk.id, webhookUrl: 'http://127.0.0.2/hook' } },
        'BAD_USER_INPUT',
        'webhookUrl',
      );
    });
  });
});
