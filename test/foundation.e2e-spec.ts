import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Job } from 'bullmq';
import { Role } from '../src/auth/role.enum.js';
import { TransactionService } from '../src/database/transaction.service.js';
import { DelegationKind } from '../src/delegations/delegation-kind.enum.js';
import { DelegationEntity } from '../src/delegations/delegation.entity.js';
import { QueueRegistry } from '../src/queues/queue-registry.js';
import { printSortedSchema, SCHEMA_FILE } from '../src/schema/schema-printer.js';
import { TestApp, type TestUser } from './support/test-app.js';

const CREATE_DELEGATION = 'mutation($i: CreateDelegationInput!) { createDelegation(input: $i) { id code name kind timezone } }';
const ADD_MEMBER = 'mutation($i: AddMemberInput!) { addMember(input: $i) { id delegateRole user { email } delegation { code } } }';

/** Rows that any write would leave behind. */
async function footprint(app: TestApp) {
  return {
    delegations: await app.count('delegations'),
    bodies: await app.count('bodies'),
    users: await app.count('users'),
    audit: await app.count('audit_events'),
    outbox: await app.count('outbox_events'),
  };
}

describe('foundation: validation, transactions, audit and outbox', () => {
  let app: TestApp;
  let organizer: TestUser;

  beforeAll(async () => {
    app = await TestApp.start();
    organizer = await app.as(Role.ORGANIZER);
  });
  afterAll(() => app?.close());

  it.each([
    ['an empty name', { code: 'QA', name: '   ', kind: 'MEMBER_STATE' }, 'name'],
    ['an unknown delegation kind', { code: 'QB', name: 'Q', kind: 'PLANET' }, 'kind'],
    ['a malformed contact e-mail', { code: 'QC', name: 'Q', kind: 'MEMBER_STATE', contactEmail: 'not-an-email' }, 'contactEmail'],
    ['an unknown time zone', { code: 'QD', name: 'Q', kind: 'MEMBER_STATE', timezone: 'Europe/Atlantis' }, 'timezone'],
    ['a country code that is not two letters', { code: 'QEE', name: 'Q', kind: 'THIRD_COUNTRY' }, 'code'],
    ['a webhook without a secret', { code: 'QF', name: 'Q', kind: 'MEMBER_STATE', webhookUrl: 'https://example.org/hook' }, 'webhookSecret'],
  ])('rejects %s as BAD_USER_INPUT naming the field, writing nothing', async (_what, input, field) => {
    const before = await footprint(app);
    const error = await organizer.client.error(CREATE_DELEGATION, { i: input }, 'BAD_USER_INPUT', field);
    expect(error.message).toBeTruthy();
    expect(await footprint(app)).toEqual(before);
  });

  it('names the field of a bad literal written into the query, too', async () => {
    await organizer.client.error('mutation { createDelegation(input: { code: "QG", name: "Q", kind: PLANET }) { id } }', undefined, 'BAD_USER_INPUT', 'kind');
  });

  it('rejects a malformed e-mail in createUser and a malformed id', async () => {
    const admin = await app.as(Role.ADMIN);
    const before = await footprint(app);
    await admin.client.error(
      'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
      { i: { email: 'nobody-at-example', name: 'N', password: 'long enough password', role: 'CLERK' } },
      'BAD_USER_INPUT',
      'email',
    );
    await admin.client.error('{ delegation(id: "42") { id } }', undefined, 'BAD_USER_INPUT', 'id');
    expect(await footprint(app)).toEqual(before);
  });

  it('commits a mutation with exactly one audit event, before and after included', async () => {
    const { createDelegation } = await organizer.client.data(CREATE_DELEGATION, {
      i: {
        code: 'mt',
        name: 'Malta',
        kind: 'MEMBER_STATE',
        timezone: 'Europe/Malta',
        webhookUrl: 'https://mt.example/hook',
        webhookSecret: 'a-secret-of-sixteen+',
      },
    });
    expect(createDelegation).toMatchObject({ code: 'MT', name: 'Malta', kind: 'MEMBER_STATE', timezone: 'Europe/Malta' });
    const audits = await app.dataSource.query('SELECT * FROM audit_events WHERE entity_id = $1', [createDelegation.id]);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_id: organizer.user.id, action: 'delegation.created', entity_type: 'Delegation', before: null });
    expect(audits[0].after).toMatchObject({ code: 'MT', webhookUrl: 'https://mt.example/hook' });
    expect(JSON.stringify(audits[0].after)).not.toContain('a-secret-of-sixteen+');
    expect(audits[0].request_id).toBeTruthy();
  });

  it('rolls back the change, its audit event and its outbox rows together when the work fails after writing', async () => {
    const tx = app.api.get(TransactionService);
    const actor = { id: organizer.user.id, email: organizer.user.email, name: 'x', role: Role.ORGANIZER, timezone: 'UTC', memberships: [] };
    const before = await footprint(app);
    await expect(
      tx.mutate(actor, async ({ em, audit, enqueue }) => {
        const d = await em.save(em.create(DelegationEntity, { code: 'RB', name: 'Rolled back', kind: DelegationKind.MEMBER_STATE }));
        audit('delegation.created', 'Delegation', d.id, { after: d });
        enqueue('notify', { event: 'delegation.member-added', membershipId: d.id });
        throw new Error('fails after writing');
      }),
    ).rejects.toThrow('fails after writing');
    // A failure inside the database (a constraint) after the audit and outbox were queued, likewise.
    await expect(
      tx.mutate(actor, async ({ em, audit, enqueue }) => {
        audit('delegation.created', 'Delegation', organizer.user.id, {});
        enqueue('notify', { event: 'delegation.member-added', membershipId: organizer.user.id });
        await em.insert(DelegationEntity, { code: 'MT', name: 'Duplicate code', kind: DelegationKind.MEMBER_STATE });
      }),
    ).rejects.toThrow();
    expect(await footprint(app)).toEqual(before);
    expect(await app.count('delegations', `code = 'RB'`)).toBe(0);
  });

  it('refuses to commit a mutation that forgot its audit event', async () => {
    const tx = app.api.get(TransactionService);
    const actor = { id: organizer.user.id, email: organizer.user.email, name: 'x', role: Role.ORGANIZER, timezone: 'UTC', memberships: [] };
    await expect(
      tx.mutate(actor, async ({ em }) => em.insert(DelegationEntity, { code: 'NA', name: 'No audit', kind: DelegationKind.MEMBER_STATE })),
    ).rejects.toThrow(/exactly one audit event/);
    expect(await app.count('delegations', `code = 'NA'`)).toBe(0);
  });

  it('hands the outbox rows of a committed mutation to the worker: job id = outbox id, run once', async () => {
    const member = await app.as(Role.DELEGATE);
    const mt = await app.delegation('MT');
    const { addMember } = await organizer.client.data(ADD_MEMBER, { i: { delegationId: mt.id, userId: member.user.id, delegateRole: 'EXPERT' } });
    expect(addMember).toMatchObject({ delegateRole: 'EXPERT', user: { email: member.user.email }, delegation: { code: 'MT' } });
    expect(await app.count('audit_events', `entity_id = $1 AND action = 'delegation.member-added'`, [addMember.id])).toBe(1);
    const [row] = await app.dataSource.query(`SELECT * FROM outbox_events WHERE payload->>'membershipId' = $1`, [addMember.id]);
    expect(row).toMatchObject({ queue: 'notifications', job_name: 'notify', job_id: row.id });

    await app.drain();
    const sent = await app.dataSource.query('SELECT sent_at FROM outbox_events WHERE id = $1', [row.id]);
    expect(sent[0].sent_at).not.toBeNull();
    const job = await Job.fromId(app.api.get(QueueRegistry).get('notifications'), row.id);
    expect(job?.finishedOn).toBeTruthy();
    expect(job?.attemptsMade).toBe(1);
    expect(job?.returnvalue).toBe('done');
    // The job's effect: the new member has exactly one notification about it.
    const { notifications } = await member.client.data('{ notifications { totalCount edges { node { kind subject entity { type id } } } } }');
    expect(notifications.totalCount).toBe(1);
    expect(notifications.edges[0].node).toMatchObject({ kind: 'MEMBERSHIP_ADDED', entity: { type: 'Delegation', id: mt.id } });
    expect(notifications.edges[0].node.subject).toContain('Malta');
  });

  it('shows a webhook URL only to organizers and members of the delegation', async () => {
    const query = '{ delegation(code: "MT") { webhookUrl } }';
    expect((await organizer.client.data(query)).delegation.webhookUrl).toBe('https://mt.example/hook');
    expect((await (await app.as(Role.DELEGATE, 'MT')).client.data(query)).delegation.webhookUrl).toBe('https://mt.example/hook');
    expect((await (await app.as(Role.DELEGATE, 'DK')).client.data(query)).delegation.webhookUrl).toBeNull();
  });

  it('purges outbox rows sent more than a week ago, and only those', async () => {
    const { OutboxRelay } = await import('../src/outbox/outbox-relay.js');
    await app.dataSource.query(
      `INSERT INTO outbox_events (id, queue, job_name, job_id, payload, created_at, sent_at) VALUES
         (gen_random_uuid(), 'notifications', 'notify', 'old', '{}', now() - interval '9 days', now() - interval '8 days'),
         (gen_random_uuid(), 'notifications', 'notify', 'recent', '{}', now() - interval '2 days', now() - interval '1 day')`,
    );
    expect(await app.worker!.get(OutboxRelay).purgeSent()).toBe(1);
    expect(await app.count('outbox_events', `job_id IN ('old', 'recent')`)).toBe(1);
  });

  it('settles two concurrent creations of the same code: one wins, the other gets a clear error', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 6 }, () => organizer.client.request(CREATE_DELEGATION, { i: { code: 'LU', name: 'Luxembourg', kind: 'MEMBER_STATE' } })),
    );
    expect(attempts.filter((r) => r.data?.createDelegation)).toHaveLength(1);
    for (const r of attempts.filter((a) => a.errors)) expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(r.errors![0].extensions?.code);
    expect(await app.count('delegations', `code = 'LU'`)).toBe(1);
    expect(await app.count('audit_events', `action = 'delegation.created' AND after->>'code' = 'LU'`)).toBe(1);
  });

  it('refuses a duplicate membership as CONFLICT', async () => {
    const member = await app.as(Role.DELEGATE, 'MT');
    const mt = await app.delegation('MT');
    await organizer.client.error(ADD_MEMBER, { i: { delegationId: mt.id, userId: member.user.id } }, 'CONFLICT');
  });

  it('creates bodies with members and a parent, readable by everyone', async () => {
    const dk = await app.delegation('DK');
    const us = await app.delegation('US', { kind: DelegationKind.THIRD_COUNTRY });
    const create = 'mutation($i: CreateBodyInput!) { createBody(input: $i) { id name kind jha parent { name } chair { code } members { code } } }';
    const { createBody: ministerial } = await organizer.client.data(create, {
      i: { kind: 'MINISTERIAL', name: 'Test Ministerial', chairDelegationId: dk.id, memberDelegationIds: [us.id, dk.id], jha: true },
    });
    expect(ministerial).toMatchObject({ kind: 'MINISTERIAL', jha: true, parent: null, chair: { code: 'DK' }, members: [{ code: 'DK' }, { code: 'US' }] });
    const { createBody: wp } = await organizer.client.data(create, { i: { kind: 'WORKING_PARTY', name: 'Test WP', parentId: ministerial.id } });
    expect(wp.parent).toEqual({ name: 'Test Ministerial' });
    await organizer.client.error(create, { i: { kind: 'MINISTERIAL', name: 'Under a WP', parentId: wp.id } }, 'BAD_USER_INPUT', 'parentId');
    const observer = await app.as(Role.OBSERVER);
    const { bodies } = await observer.client.data('{ bodies(first: 10) { totalCount edges { node { name children { name } } } } }');
    expect(bodies.edges.map((e: any) => e.node)).toContainEqual({ name: 'Test Ministerial', children: [{ name: 'Test WP' }] });
    await (await app.as(Role.CLERK)).client.error(create, { i: { kind: 'MINISTERIAL', name: 'By a clerk' } }, 'FORBIDDEN');
  });

  it('shows the audit trail to ADMIN only, filtered and newest first', async () => {
    const admin = await app.as(Role.ADMIN);
    const { auditEvents } = await admin.client.data(
      '{ auditEvents(first: 50, filter: { entityType: "Delegation" }) { totalCount edges { node { actor action entityType entityId before after at } } } }',
    );
    expect(auditEvents.totalCount).toBeGreaterThanOrEqual(1);
    const nodes = auditEvents.edges.map((e: any) => e.node);
    expect(nodes.every((n: any) => n.entityType === 'Delegation')).toBe(true);
    const times = nodes.map((n: any) => new Date(n.at).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    await organizer.client.error('{ auditEvents { totalCount } }', undefined, 'FORBIDDEN');
  });

  it('keeps schema.gql in step with the code', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(printSortedSchema(app.api.get(GraphQLSchemaHost).schema)).toBe(committed);
  });
});
