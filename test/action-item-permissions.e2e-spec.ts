import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { ADD_UPDATE, CREATE, createItem, SET_STATUS, UPDATE } from './support/action-items.js';
import { TestApp, type TestUser } from './support/test-app.js';

/**
 * Every action-item mutation × every role, for the actor's own delegation (DK) and another one
 * (FR): allowed, or refused with NOT_FOUND (the item is invisible to the actor) or FORBIDDEN (it is
 * visible but not theirs to change) — and a refusal writes no row and no audit event. Rows are kept
 * in one table so they can be folded into the schema-driven permission matrix (issue 7).
 */
type Actor = 'ADMIN' | 'ORGANIZER' | 'CLERK' | 'HEAD' | 'DELEGATION_CLERK' | 'MEMBER' | 'OBSERVER';
type Mutation = 'createActionItem' | 'updateActionItem' | 'setActionItemStatus' | 'cancelActionItem' | 'addActionItemUpdate';
type Outcome = 'ok' | 'NOT_FOUND' | 'FORBIDDEN';

const ACTORS: Actor[] = ['ADMIN', 'ORGANIZER', 'CLERK', 'HEAD', 'DELEGATION_CLERK', 'MEMBER', 'OBSERVER'];

/** [own delegation, other delegation]; the items are created by an organizer, not by the actor. */
export const ACTION_ITEM_MATRIX: Record<Mutation, Record<Actor, [own: Outcome, other: Outcome]>> = {
  createActionItem: {
    ADMIN: ['ok', 'ok'],
    ORGANIZER: ['ok', 'ok'],
    CLERK: ['ok', 'ok'],
    HEAD: ['ok', 'FORBIDDEN'],
    DELEGATION_CLERK: ['ok', 'FORBIDDEN'],
    MEMBER: ['FORBIDDEN', 'FORBIDDEN'],
    OBSERVER: ['FORBIDDEN', 'FORBIDDEN'],
  },
  updateActionItem: {
    ADMIN: ['ok', 'ok'],
    ORGANIZER: ['ok', 'ok'],
    CLERK: ['ok', 'ok'],
    HEAD: ['ok', 'NOT_FOUND'],
    DELEGATION_CLERK: ['ok', 'NOT_FOUND'],
    MEMBER: ['ok', 'NOT_FOUND'],
    OBSERVER: ['FORBIDDEN', 'NOT_FOUND'],
  },
  setActionItemStatus: {
    ADMIN: ['ok', 'ok'],
    ORGANIZER: ['ok', 'ok'],
    CLERK: ['ok', 'ok'],
    HEAD: ['ok', 'NOT_FOUND'],
    DELEGATION_CLERK: ['ok', 'NOT_FOUND'],
    MEMBER: ['ok', 'NOT_FOUND'],
    OBSERVER: ['FORBIDDEN', 'NOT_FOUND'],
  },
  cancelActionItem: {
    ADMIN: ['ok', 'ok'],
    ORGANIZER: ['ok', 'ok'],
    CLERK: ['ok', 'ok'],
    HEAD: ['FORBIDDEN', 'NOT_FOUND'],
    DELEGATION_CLERK: ['FORBIDDEN', 'NOT_FOUND'],
    MEMBER: ['FORBIDDEN', 'NOT_FOUND'],
    OBSERVER: ['FORBIDDEN', 'NOT_FOUND'],
  },
  addActionItemUpdate: {
    ADMIN: ['ok', 'ok'],
    ORGANIZER: ['ok', 'ok'],
    CLERK: ['ok', 'ok'],
    HEAD: ['ok', 'NOT_FOUND'],
    DELEGATION_CLERK: ['ok', 'NOT_FOUND'],
    MEMBER: ['ok', 'NOT_FOUND'],
    OBSERVER: ['FORBIDDEN', 'NOT_FOUND'],
  },
};

describe('action item permissions', () => {
  let app: TestApp;
  let creator: TestUser;
  const actors = {} as Record<Actor, TestUser>;
  const delegations = {} as Record<'own' | 'other', string>;

  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
    creator = await app.as(Role.ORGANIZER);
    delegations.own = (await app.delegation('DK')).id;
    delegations.other = (await app.delegation('FR')).id;
    actors.ADMIN = await app.as(Role.ADMIN);
    actors.ORGANIZER = await app.as(Role.ORGANIZER);
    actors.CLERK = await app.as(Role.CLERK);
    actors.HEAD = await app.as(Role.DELEGATE, 'DK', DelegateRole.HEAD_OF_DELEGATION);
    actors.DELEGATION_CLERK = await app.as(Role.DELEGATE, 'DK', DelegateRole.CLERK);
    actors.MEMBER = await app.as(Role.DELEGATE, 'DK', DelegateRole.DELEGATE);
    actors.OBSERVER = await app.as(Role.OBSERVER, 'DK', DelegateRole.HEAD_OF_DELEGATION);
  });
  afterAll(() => app.close());

  const run: Record<Mutation, (who: TestUser, delegationId: string) => Promise<{ errors?: readonly any[]; action: string }>> = {
    createActionItem: async (who, delegationId) => ({ ...(await who.client.request(CREATE, { i: { title: 'Matrix', ownerDelegationId: delegationId } })), action: 'action-item.created' }),
    updateActionItem: async (who, delegationId) => {
      const item = await createItem(creator, { ownerDelegationId: delegationId });
      return { ...(await who.client.request(UPDATE, { i: { actionItemId: item.id, version: item.version, title: 'Changed' } })), action: 'action-item.updated' };
    },
    setActionItemStatus: async (who, delegationId) => {
      const item = await createItem(creator, { ownerDelegationId: delegationId });
      return { ...(await who.client.request(SET_STATUS, { i: { actionItemId: item.id, status: 'IN_PROGRESS' } })), action: 'action-item.status-changed' };
    },
    cancelActionItem: async (who, delegationId) => {
      const item = await createItem(creator, { ownerDelegationId: delegationId });
      return { ...(await who.client.request(SET_STATUS, { i: { actionItemId: item.id, status: 'CANCELLED', note: 'Not needed' } })), action: 'action-item.status-changed' };
    },
    addActionItemUpdate: async (who, delegationId) => {
      const item = await createItem(creator, { ownerDelegationId: delegationId });
      return { ...(await who.client.request(ADD_UPDATE, { i: { actionItemId: item.id, note: 'Progress' } })), action: 'action-item.progress-noted' };
    },
  };

  const cases = (Object.keys(ACTION_ITEM_MATRIX) as Mutation[]).flatMap((mutation) =>
    ACTORS.flatMap((actor) => (['own', 'other'] as const).map((which, i) => [mutation, actor, which, ACTION_ITEM_MATRIX[mutation][actor][i]] as const)),
  );

  it.each(cases)('%s by %s for the %s delegation → %s', async (mutation, actor, which, expected) => {
    const who = actors[actor];
    const rows = async () => ({
      items: await app.count('action_items', 'created_by_id = $1', [who.user.id]),
      history: await app.count('action_item_updates', 'author_id = $1', [who.user.id]),
      audit: await app.count('audit_events', 'actor_id = $1', [who.user.id]),
      outbox: await app.count('outbox_events'),
    });
    const before = await rows();
    const result = await run[mutation](who, delegations[which]);
    const after = await rows();
    if (expected === 'ok') {
      expect(result.errors).toBeUndefined();
      expect(after.audit).toBe(before.audit + 1);
      expect(await app.count('audit_events', 'actor_id = $1 AND action = $2', [who.user.id, result.action])).toBeGreaterThan(0);
      expect(after.history).toBe(before.history + 1);
    } else {
      expect(result.errors?.[0]?.extensions?.code).toBe(expected);
      // Setup items have no due date and no assignee, so they enqueue nothing: any outbox row would be the refusal's.
      expect(after).toEqual(before);
    }
  });

  it('lets the creator of an item cancel it whatever their delegate role', async () => {
    const head = actors.HEAD;
    const item = await createItem(head, { ownerDelegationId: delegations.own });
    const { data, errors } = await head.client.request(SET_STATUS, { i: { actionItemId: item.id, status: 'CANCELLED', note: 'Mine to drop' } });
    expect(errors).toBeUndefined();
    expect((data as any).setActionItemStatus.status).toBe('CANCELLED');
  });
});
