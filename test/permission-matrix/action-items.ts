import { Role } from '../../src/auth/role.enum.js';
import { DelegateRole } from '../../src/delegations/delegation-kind.enum.js';
import { createItem } from '../support/action-items.js';
import { hoursFromNow } from '../support/meetings.js';
import { type TestUser } from '../support/test-app.js';
import { type Actor, type MatrixContext, type MatrixRow, type Operation, OTHER, only, OWN, type Outcome } from './matrix.js';

/**
 * Action items (issue 9's own table, folded in). Creating is for coordinators and the head or clerk
 * of the owner delegation; changing is for coordinators, the owner delegation's members (not
 * observers) and the creator; cancelling for coordinators and the creator. An item the actor cannot
 * see answers NOT_FOUND, one they see but may not change FORBIDDEN. Delegates act in the matrix as
 * plain members; the `as head` / `as clerk` scenarios let them act as their delegation's head or clerk
 * (the observer then as an observer holding that role), which a plain member is not.
 */

type DelegateRoleName = 'member' | 'head' | 'clerk';
const ROLE_OF: Record<Exclude<DelegateRoleName, 'member'>, DelegateRole> = { head: DelegateRole.HEAD_OF_DELEGATION, clerk: DelegateRole.CLERK };

/** One user per (context, actor, delegate role), made on first use: delegates in another role than the matrix's plain member. */
const cast = new WeakMap<MatrixContext, Map<string, Promise<TestUser>>>();
function actingAs(ctx: MatrixContext, actor: Actor, role: DelegateRoleName): Promise<TestUser> | undefined {
  if (role === 'member' || !['DELEGATE_OWN', 'DELEGATE_OTHER', 'OBSERVER'].includes(actor)) return undefined;
  const users = cast.get(ctx) ?? new Map<string, Promise<TestUser>>();
  cast.set(ctx, users);
  const key = `${actor}/${role}`;
  if (!users.has(key)) {
    const [platformRole, code] = actor === 'OBSERVER' ? [Role.OBSERVER, OWN] : [Role.DELEGATE, actor === 'DELEGATE_OWN' ? OWN : OTHER];
    users.set(key, ctx.app.as(platformRole, code, ROLE_OF[role]));
  }
  return users.get(key);
}

const staff = (): Record<Actor, Outcome> => only('ADMIN', 'ORGANIZER', 'CLERK');

const CREATE = 'mutation($i: CreateActionItemInput!) { createActionItem(input: $i) { id } }';
const CREATE_MANY = 'mutation($i: CreateActionItemsInput!) { createActionItems(input: $i) { id } }';
const UPDATE = 'mutation($i: UpdateActionItemInput!) { updateActionItem(input: $i) { id } }';
const SET_STATUS = 'mutation($i: SetActionItemStatusInput!) { setActionItemStatus(input: $i) { id } }';
const ADD_UPDATE = 'mutation($i: AddActionItemUpdateInput!) { addActionItemUpdate(input: $i) { id } }';

/** A fresh item of the own delegation (or another), due in a month so reminders are part of what a refusal must not write. */
async function item(ctx: MatrixContext, options: { owner?: 'own' | 'other'; meetingId?: string } = {}): Promise<Record<string, any>> {
  return createItem(ctx.organizer, {
    title: ctx.unique('Matrix item'),
    ownerDelegationId: options.owner === 'other' ? ctx.otherId : ctx.ownId,
    dueAt: hoursFromNow(24 * 30),
    meetingId: options.meetingId,
  });
}

const rows: MatrixRow[] = [];

// Creating.
for (const role of ['member', 'head', 'clerk'] as const) {
  const delegates: Outcome = role === 'member' ? 'FORBIDDEN' : 'ALLOWED';
  rows.push(
    {
      mutation: 'createActionItem',
      scenario: `for the own delegation, delegates as ${role}`,
      expected: { ...staff(), DELEGATE_OWN: delegates },
      prepare: async (ctx, actor) => ({
        query: CREATE,
        variables: { i: { title: ctx.unique('Created'), ownerDelegationId: ctx.ownId, dueAt: hoursFromNow(24 * 30).toISOString() } },
        as: await actingAs(ctx, actor, role),
      }),
    },
    {
      mutation: 'createActionItems',
      scenario: `two for the own delegation, delegates as ${role}`,
      expected: { ...staff(), DELEGATE_OWN: delegates },
      prepare: async (ctx, actor) => ({
        query: CREATE_MANY,
        variables: { i: { items: [1, 2].map(() => ({ title: ctx.unique('Created'), ownerDelegationId: ctx.ownId })) } },
        as: await actingAs(ctx, actor, role),
      }),
    },
  );
}
rows.push({
  // All or nothing: leading one delegation does not let a head create for another in the same batch.
  mutation: 'createActionItems',
  scenario: 'one for the own delegation and one for the other, delegates as head',
  expected: staff(),
  prepare: async (ctx, actor) => ({
    query: CREATE_MANY,
    variables: { i: { items: [ctx.ownId, ctx.otherId].map((ownerDelegationId) => ({ title: ctx.unique('Created'), ownerDelegationId })) } },
    as: await actingAs(ctx, actor, 'head'),
  }),
});

// Changing an existing item: the same rules for every change but cancelling.
const changes: { mutation: string; operation: (target: Record<string, any>) => Operation }[] = [
  {
    mutation: 'updateActionItem',
    operation: (t) => ({ query: UPDATE, variables: { i: { actionItemId: t.id, version: t.version, title: `${t.title} (changed)` } } }),
  },
  { mutation: 'setActionItemStatus', operation: (t) => ({ query: SET_STATUS, variables: { i: { actionItemId: t.id, status: 'IN_PROGRESS' } } }) },
  {
    mutation: 'addActionItemUpdate',
    operation: (t) => ({ query: ADD_UPDATE, variables: { i: { actionItemId: t.id, note: 'Progress', percentComplete: 50 } } }),
  },
];
const cancel = (t: Record<string, any>): Operation => ({
  query: SET_STATUS,
  variables: { i: { actionItemId: t.id, status: 'CANCELLED', note: 'Not needed' } },
});

for (const { mutation, operation } of [...changes, { mutation: 'setActionItemStatus', operation: cancel }]) {
  const cancelling = operation === cancel;
  const label = (s: string) => (cancelling ? `cancelling, ${s}` : s);
  // Members change their delegation's items; only coordinators (and the creator, below) cancel them.
  const ownMembers: Outcome = cancelling ? 'FORBIDDEN' : 'ALLOWED';
  for (const role of ['member', 'head', 'clerk'] as const) {
    rows.push({
      mutation,
      scenario: label(`item of the own delegation, delegates as ${role}`),
      expected: { ...staff(), DELEGATE_OWN: ownMembers, DELEGATE_OTHER: 'NOT_FOUND' },
      prepare: async (ctx, actor) => ({ ...operation(await item(ctx)), as: await actingAs(ctx, actor, role) }),
    });
  }
  rows.push(
    {
      mutation,
      scenario: label("item of the other delegation (the observer's is the own one)"),
      expected: { ...staff(), DELEGATE_OWN: 'NOT_FOUND', DELEGATE_OTHER: ownMembers, OBSERVER: 'NOT_FOUND' },
      prepare: async (ctx) => operation(await item(ctx, { owner: 'other' })),
    },
    {
      // Reading the origin meeting shows the item, it does not make it the other delegation's to change.
      mutation,
      scenario: label('item of the own delegation from a meeting the other delegation attends'),
      expected: { ...staff(), DELEGATE_OWN: ownMembers, DELEGATE_OTHER: 'FORBIDDEN' },
      prepare: async (ctx) => {
        const meeting = await ctx.meeting({ invite: [ctx.ownId, ctx.otherId] });
        return operation(await item(ctx, { meetingId: meeting.id }));
      },
    },
  );
}
rows.push({
  // The creator may cancel what they created, whatever their role in the delegation; an observer changes nothing.
  mutation: 'setActionItemStatus',
  scenario: 'cancelling an item the actor created',
  expected: { ...only('ADMIN', 'ORGANIZER', 'CLERK', 'DELEGATE_OWN', 'DELEGATE_OTHER') },
  prepare: async (ctx, actor) => {
    const target = await item(ctx);
    await ctx.app.dataSource.query('UPDATE action_items SET created_by_id = $2 WHERE id = $1', [target.id, ctx.users[actor].user.id]);
    return cancel(target);
  },
});

export { rows };
