import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import { GraphQLClient } from './support/graphql-client.js';
import { TestApp } from './support/test-app.js';

const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

interface Block {
  source: string;
  operations: string[];
  /** Variables each operation declares. */
  declared: Map<string, string[]>;
  /** The `{"name": "<where it comes from>"}` the README shows after the block, if any. */
  hint: Record<string, string> | null;
}

/** Every ```graphql block of the README, with the variables it tells the reader to fill in. */
function readmeBlocks(): Block[] {
  const fences = [...README.matchAll(/```(\w*)\n([\s\S]*?)```/g)];
  return fences.flatMap((fence, i) => {
    if (fence[1] !== 'graphql') return [];
    const source = fence[2];
    const after = README.slice(fence.index + fence[0].length, fences[i + 1]?.index ?? README.length);
    const hint = /`(\{"[^`]*\})`/.exec(after)?.[1];
    const operations = parse(source).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    return [
      {
        source,
        operations: operations.map((o) => o.name?.value ?? '(anonymous)'),
        declared: new Map(operations.map((o) => [o.name?.value ?? '(anonymous)', (o.variableDefinitions ?? []).map((v) => v.variable.name.value)])),
        hint: hint ? (JSON.parse(hint) as Record<string, string>) : null,
      },
    ];
  });
}

type Account = 'admin' | 'organizer' | 'clerk' | 'delegate.dk' | 'delegate.us' | 'observer' | 'anonymous';

/**
 * The README's examples in its order, each run as the account the README names, with the variables
 * it tells the reader to take from earlier results (`ids`). A new example fails the test until it
 * is listed here, so it is run too.
 */
describe('README examples run as written on a fresh demo', () => {
  let app: TestApp;
  const blocks = readmeBlocks();
  const clients = new Map<Account, GraphQLClient>();
  const ids: Record<string, string> = {};

  const blockOf = (operation: string) => {
    const found = blocks.filter((b) => b.operations.includes(operation));
    expect([operation, found.length]).toEqual([operation, 1]);
    return found[0];
  };

  /** Runs one README operation as written, with variables the README tells the reader to fill in. */
  async function run(operation: string, as: Account, variables: Record<string, unknown> = {}): Promise<any> {
    const block = blockOf(operation);
    const declared = block.declared.get(operation)!;
    // Every variable the operation declares is explained next to its block, and the test passes only those.
    expect([operation, [...declared].sort()]).toEqual([operation, Object.keys(variables).sort()]);
    for (const name of declared) expect([operation, name, block.hint?.[name]]).toEqual([operation, name, expect.stringMatching(/^<.+>$/)]);
    const client = clients.get(as)!;
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(client.token ? { authorization: `Bearer ${client.token}` } : {}) },
      body: JSON.stringify({ query: block.source, operationName: operation, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    expect({ operation, as, status: res.status, errors: body.errors }).toEqual({ operation, as, status: 200, errors: undefined });
    return body.data;
  }

  beforeAll(async () => {
    app = await TestApp.start({ demo: true, worker: false });
  });
  afterAll(() => app?.close());

  it('names every operation, and says where each variable comes from', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(10);
    for (const block of blocks) {
      for (const operation of block.operations) expect(operation).not.toBe('(anonymous)');
      const declared = [...block.declared.values()].flat();
      if (declared.length) expect(Object.keys(block.hint ?? {}).sort()).toEqual([...new Set(declared)].sort());
    }
    const all = blocks.flatMap((b) => b.operations);
    expect(new Set(all).size).toBe(all.length);
  });

  it('runs every example, in order, as the account the README names', async () => {
    // Sign in as the README says: its SignIn mutation, with each demo account of its table.
    const accounts = [...README.matchAll(/^\| `([\w.]+)@concordia\.test` \|/gm)].map((m) => m[1]);
    expect(accounts).toEqual(['admin', 'organizer', 'clerk', 'delegate.dk', 'delegate.us', 'observer']);
    expect(README).toMatch(/every demo account has the password\s+`concordia`/);
    clients.set('anonymous', new GraphQLClient(app.url));
    const signIn = blockOf('SignIn').source;
    for (const account of accounts) {
      const { login } = await new GraphQLClient(app.url).data(signIn.replace('delegate.us@', `${account}@`));
      clients.set(account as Account, new GraphQLClient(app.url, login.accessToken));
    }
    const ran: string[] = [];
    const step = async (operation: string, as: Account, variables?: Record<string, unknown>) => {
      ran.push(operation);
      return run(operation, as, variables);
    };

    expect((await step('SignIn', 'anonymous')).login.accessToken).toEqual(expect.any(String));

    const start = await step('Start', 'delegate.us');
    const upcoming = start.meetings.edges.map((e: any) => e.node).find((m: any) => new Date(m.startsAt) > new Date());
    expect(upcoming.title).toMatch(/Senior Officials/);
    const us = start.me.memberships.find((m: any) => m.delegation.code === 'US').delegation;
    const respond = await step('Respond', 'delegate.us', { meetingId: upcoming.id, delegationId: us.id, userId: start.me.id });
    expect(respond.respondToInvitation).toEqual({ rsvp: 'ACCEPTED', accredited: [{ user: { name: expect.any(String) } }] });

    const found = await step('Ids', 'organizer');
    expect(found.bodies.edges.length).toBeGreaterThan(0);
    Object.assign(ids, { dk: found.dk.id, us: found.us.id, no: found.no.id });
    ids.bodyId = (await step('CreateBody', 'organizer', { dk: ids.dk, us: ids.us })).createBody.id;
    const meetingId = (await step('Schedule', 'organizer', { bodyId: ids.bodyId })).scheduleMeeting.id;
    expect((await step('Invite', 'organizer', { meetingId })).inviteDelegations.map((p: any) => p.delegation.code).sort()).toEqual(['DK', 'US']);

    const followUp = await step('FollowUp', 'delegate.us');
    expect(followUp.actionItemSummary.length).toBeGreaterThan(0);
    expect(followUp.actionItems.totalCount).toBeGreaterThan(0);

    const draft = (await step('Draft', 'clerk', { bodyId: ids.bodyId })).draftStatement;
    const v1 = draft.currentVersion.id;
    const v2 = (await step('Revise', 'clerk', { statementId: draft.id, baseVersionId: v1 })).reviseStatement.currentVersion.id;
    const circulated = (await step('Circulate', 'clerk', { statementId: draft.id, versionId: v2 })).circulateStatement;
    expect(circulated.recipients.map((r: any) => r.delegation.code).sort()).toEqual(['DK', 'US']);
    const diff = (await step('Diff', 'clerk', { statementId: draft.id, baseVersionId: v1 })).statement;
    expect(diff.currentVersion.diff).toEqual([expect.objectContaining({ key: 'g1', type: 'CHANGED' })]);

    for (const delegate of ['delegate.dk', 'delegate.us'] as const) {
      const awaiting = (await step('Awaiting', delegate)).myCirculations.edges.map((e: any) => e.node);
      const mine = awaiting.find((n: any) => n.circulation.statement.id === draft.id);
      const support = await step('Support', delegate, {
        statementId: mine.circulation.statement.id,
        versionId: mine.circulation.version.id,
        delegationId: mine.delegation.id,
      });
      expect(support.recordPosition.stance).toBe('SUPPORT');
    }

    // The silence procedure on a second draft, as the README says.
    const second = (await step('Draft', 'clerk', { bodyId: ids.bodyId })).draftStatement;
    const silence = (await step('LaunchSilence', 'clerk', { statementId: second.id, versionId: second.currentVersion.id })).launchSilenceProcedure;
    expect(silence.status).toBe('SILENCE_PROCEDURE');
    expect((await step('ExtendSilence', 'clerk', { statementId: second.id })).extendSilenceDeadline.silenceDeadline).toBe('2030-06-20T18:00:00.000Z');
    expect((await step('Silence', 'clerk', { statementId: second.id })).statement.silenceProcedure.status).toBe('OPEN');

    expect((await step('Adopt', 'clerk', { statementId: draft.id, versionId: v2 })).adoptStatement).toMatchObject({
      status: 'ADOPTED',
      adoptionMethod: 'CONSENSUS',
    });
    expect((await step('Publish', 'clerk', { statementId: draft.id })).publishStatement).toMatchObject({ status: 'PUBLISHED', pressReference: '26-101' });
    expect((await step('Endorse', 'organizer', { statementId: draft.id, delegationId: ids.no })).endorseStatement.delegation.code).toBe('NO');
    const published = (await step('PublicStatement', 'anonymous')).publicStatement;
    expect(published.signatories.map((s: any) => s.delegation.code).sort()).toEqual(['DK', 'NO', 'US']);

    const implementation = (await step('Implementation', 'delegate.us', { statementId: draft.id })).statement;
    expect(implementation.commitments).toEqual([expect.objectContaining({ paragraphKey: 'g1' })]);
    const commit = await step('Commit', 'delegate.us', { commitmentId: implementation.commitments[0].id, delegationId: ids.us });
    expect(commit.commitToGoal.actionItems).toEqual([expect.objectContaining({ title: 'Connect the police to the ICSE database' })]);

    expect((await step('Search', 'delegate.us')).search.edges.length).toBeGreaterThan(0);

    // Every example of the README ran, in the README's order.
    expect([...new Set(ran)]).toEqual(blocks.flatMap((b) => b.operations));
  });
});
