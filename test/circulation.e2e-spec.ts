import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { createBody } from './support/meetings.js';
import { SmtpSink } from './support/smtp-sink.js';
import { ACK, circulate, draft, POSITION } from './support/statements.js';
import { TestApp, type TestUser, waitFor } from './support/test-app.js';

const RECIPIENTS = 27;
const codes = Array.from({ length: RECIPIENTS }, (_, i) => `C${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`);

/**
 * Circulation through the worker and the delivery pipeline, with a real SMTP server: one
 * notification and one e-mail per member, every recipient DELIVERED once; reminders only to the
 * delegations that have not answered; closing at the deadline; late answers marked.
 */
describe('circulating a statement', () => {
  const smtp = new SmtpSink();
  let app: TestApp;
  let clerk: TestUser;
  const members = new Map<string, TestUser[]>();
  const ids: Record<string, string> = {};
  let bodyId: string;

  beforeAll(async () => {
    await smtp.start();
    // Reminders 4 s and 2 s before a deadline, so the test can run through them.
    app = await TestApp.start({ env: { SMTP_URL: smtp.url, CIRCULATION_REMINDER_OFFSETS: '4s,2s', OUTBOX_POLL_MS: '100' } });
    const organizer = await app.as(Role.ORGANIZER);
    clerk = await app.as(Role.CLERK);
    for (const code of codes) {
      members.set(code, [await app.as(Role.DELEGATE, code, DelegateRole.HEAD_OF_DELEGATION), await app.as(Role.DELEGATE, code, DelegateRole.EXPERT)]);
      ids[code] = (await app.delegation(code)).id;
    }
    bodyId = (await createBody(organizer, app, { name: 'Council', members: codes, kind: 'MINISTERIAL', jha: true })).id;
  });
  afterAll(async () => {
    await app?.close();
    await smtp.stop();
  });

  it(`delivers to ${RECIPIENTS} delegations: each member one notification and one e-mail, each recipient DELIVERED once`, async () => {
    const s = await draft(clerk, { bodyId });
    const c = await circulate(clerk, s, { purpose: 'COMMENTS' });
    expect(await app.count('circulation_recipients', `circulation_id = $1 AND status = 'QUEUED'`, [c.id])).toBe(RECIPIENTS);
    await app.drain(60_000);

    expect(await app.count('circulation_recipients', `circulation_id = $1 AND status = 'DELIVERED' AND delivered_at IS NOT NULL`, [c.id])).toBe(RECIPIENTS);
    for (const [code, users] of members) {
      for (const u of users) {
        expect(
          await app.count('notifications', `user_id = $1 AND kind = 'STATEMENT_CIRCULATED' AND event_key = $2`, [
            u.user.id,
            `circulation:${c.id}:${ids[code]}`,
          ]),
        ).toBe(1);
        const mails = smtp.to(u.user.email);
        expect(mails).toHaveLength(1);
        expect(mails[0].subject).toBe(`Circulated: ${s.reference} ${s.title}`);
        expect(mails[0].text).toContain(s.currentVersion.contentHash);
      }
    }
    expect(smtp.messages).toHaveLength(RECIPIENTS * 2);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(RECIPIENTS * 2);
    // Pooled SMTP: the e-mails share at most SMTP_POOL_SIZE connections, not one each.
    expect(smtp.connections).toBeGreaterThan(0);
    expect(smtp.connections).toBeLessThanOrEqual(app.config.mail.poolSize);
    expect(app.config.mail.poolSize).toBeLessThan(RECIPIENTS * 2);

    // Running the fan-out again creates nothing twice.
    const worker = app.worker!.get((await import('../src/statements/circulation/circulation.service.js')).CirculationService);
    expect(await worker.fanOut({ circulationId: c.id })).toBe('skipped');
    const [recipient] = await app.dataSource.query(`SELECT id, delivered_at FROM circulation_recipients WHERE circulation_id = $1 LIMIT 1`, [c.id]);
    expect(await worker.deliver({ recipientId: recipient.id })).toBe('skipped');
    await app.drain();
    expect(smtp.messages).toHaveLength(RECIPIENTS * 2);
    expect(await app.count('notifications', `kind = 'STATEMENT_CIRCULATED'`)).toBe(RECIPIENTS * 2);
    const [after] = await app.dataSource.query(`SELECT delivered_at FROM circulation_recipients WHERE id = $1`, [recipient.id]);
    expect(after.delivered_at).toEqual(recipient.delivered_at);

    const { statement } = await clerk.client.data(
      'query($id: ID!) { statement(id: $id) { status circulations { recipients { status deliveredAt delegation { code } } } } }',
      { id: s.id },
    );
    expect(statement.status).toBe('CIRCULATED');
    expect(statement.circulations[0].recipients).toHaveLength(RECIPIENTS);
    expect(statement.circulations[0].recipients.every((r: any) => r.status === 'DELIVERED' && r.deliveredAt)).toBe(true);
  });

  it('reminds only the delegations that have not answered, closes at the deadline, keeps late answers marked late', async () => {
    const s = await draft(clerk, { bodyId });
    const deadline = new Date(Date.now() + 9000);
    const [a, b, c] = codes;
    const cInfo = await circulate(clerk, s, { purpose: 'INFORMATION', deadline, delegationIds: [ids[a], ids[b], ids[c]] });
    await members.get(a)![0].client.data(ACK, { i: { circulationId: cInfo.id, delegationId: ids[a] } });
    // Answered for COMMENTS is a position; here (INFORMATION) an acknowledgment.
    const reminded = async (code: string) => {
      let n = 0;
      for (const u of members.get(code)!) n += await app.count('notifications', `user_id = $1 AND kind = 'CIRCULATION_REMINDER'`, [u.user.id]);
      return n;
    };
    // Both reminders (4 s and 2 s before) reach the two silent delegations' members, none the one that answered.
    await waitFor(async () => (await reminded(b)) === 4 && (await reminded(c)) === 4, 20_000, 'two reminders to each silent member');
    expect(await reminded(a)).toBe(0);

    await waitFor(async () => (await app.count('circulations', `id = $1 AND status = 'CLOSED'`, [cInfo.id])) === 1, 20_000, 'the circulation to close');
    const late = (await members.get(b)![1].client.data(ACK, { i: { circulationId: cInfo.id, delegationId: ids[b] } })).acknowledgeCirculation;
    expect(late).toMatchObject({ status: 'ACKNOWLEDGED', late: true });
    const { statement } = await clerk.client.data(
      'query($id: ID!) { statement(id: $id) { circulations { status closedAt recipients { late delegation { code } } } } }',
      { id: s.id },
    );
    expect(statement.circulations[0].status).toBe('CLOSED');
    expect(Object.fromEntries(statement.circulations[0].recipients.map((r: any) => [r.delegation.code, r.late]))).toEqual({
      [a]: false,
      [b]: true,
      [c]: false,
    });
  });

  it('for COMMENTS counts a position as the answer that stops reminders', async () => {
    const s = await draft(clerk, { bodyId });
    const [, , , d, e] = codes;
    const cc = await circulate(clerk, s, { purpose: 'COMMENTS', deadline: new Date(Date.now() + 7000), delegationIds: [ids[d], ids[e]] });
    await members.get(d)![0].client.data(ACK, { i: { circulationId: cc.id, delegationId: ids[d] } });
    await members.get(e)![0].client.data(POSITION, { i: { statementId: s.id, versionId: s.currentVersion.id, delegationId: ids[e], stance: 'SUPPORT' } });
    const eventKeys = async () =>
      (
        await app.dataSource.query(`SELECT DISTINCT n.user_id FROM notifications n WHERE n.kind = 'CIRCULATION_REMINDER' AND n.event_key LIKE $1`, [
          `circulation-reminder:${cc.id}:%`,
        ])
      )
        .map((r: any) => r.user_id)
        .sort();
    await waitFor(async () => (await app.count('circulations', `id = $1 AND status = 'CLOSED'`, [cc.id])) === 1, 20_000, 'the circulation to close');
    expect(await eventKeys()).toEqual(
      members
        .get(d)!
        .map((u) => u.user.id)
        .sort(),
    );
  });

  it('pushes statementChanged to a reader who may see the statement, and refuses one who may not', async () => {
    const s = await draft(clerk, { bodyId, classification: 'RESTRICTED' });
    const [f, g] = codes.slice(6);
    await circulate(clerk, s, { delegationIds: [ids[f]] });
    const subscribe = (u: TestUser) => {
      const events: any[] = [];
      const errors: any[] = [];
      let connected!: () => void;
      const ready = new Promise<void>((resolve) => (connected = resolve));
      const client = createClient({
        url: `${app.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${u.token}` },
        retryAttempts: 0,
        on: { connected: () => setTimeout(connected, 300) },
      });
      client.subscribe(
        { query: 'subscription($id: ID!) { statementChanged(id: $id) { id currentVersion { number } } }', variables: { id: s.id } },
        {
          next: (v) => (v.errors ? errors.push(...v.errors) : events.push(v.data?.statementChanged)),
          error: (err) => errors.push(err),
          complete: () => undefined,
        },
      );
      return { client, events, errors, ready };
    };
    const reader = subscribe(members.get(f)![0]);
    const outsider = subscribe(members.get(g)![0]);
    await Promise.all([reader.ready, outsider.ready]);
    await waitFor(async () => outsider.errors.length > 0, 10_000, 'the outsider’s refusal');
    expect(outsider.errors[0].extensions?.code).toBe('NOT_FOUND'); // masked like a missing one

    await members.get(f)![0].client.data(ACK, {
      i: {
        circulationId: (await clerk.client.data('query($id: ID!) { statement(id: $id) { circulations { id } } }', { id: s.id })).statement.circulations[0].id,
        delegationId: ids[f],
      },
    });
    await waitFor(async () => reader.events.length > 0, 10_000, 'a statementChanged event');
    expect(reader.events[0]).toEqual({ id: s.id, currentVersion: { number: 1 } });
    expect(outsider.events).toEqual([]);
    await reader.client.dispose();
    await outsider.client.dispose();
  });
  it('reads each statementChanged event afresh: a later answer shows in a later event, not the rows of the first', async () => {
    const s = await draft(clerk, { bodyId, classification: 'RESTRICTED' });
    const [f] = codes.slice(8);
    const c = await circulate(clerk, s, { delegationIds: [ids[f]] });
    const events: any[] = [];
    let connected!: () => void;
    const ready = new Promise<void>((resolve) => (connected = resolve));
    const client = createClient({
      url: `${app.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${clerk.token}` },
      retryAttempts: 0,
      on: { connected: () => setTimeout(connected, 300) },
    });
    client.subscribe(
      { query: 'subscription($id: ID!) { statementChanged(id: $id) { positions { stance } } }', variables: { id: s.id } },
      { next: (v) => events.push(v.data?.statementChanged ?? v.errors), error: () => undefined, complete: () => undefined },
    );
    await ready;
    const answer = (stance: string, reason?: string) =>
      members.get(f)![0].client.data(POSITION, { i: { statementId: s.id, versionId: c.version.id, delegationId: ids[f], stance, reason } });
    await answer('SUPPORT');
    await waitFor(async () => events.some((e) => e?.positions?.[0]?.stance === 'SUPPORT'), 10_000, 'the first position, live');
    await answer('RESERVATION', 'Pending scrutiny');
    // One context serves every event of a subscription; with loaders kept from the first event, this stayed SUPPORT.
    await waitFor(async () => events.some((e) => e?.positions?.[0]?.stance === 'RESERVATION'), 10_000, 'the second position, live');
    await client.dispose();
  });
});
