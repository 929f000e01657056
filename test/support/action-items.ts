import { type TestUser } from './test-app.js';

export const ITEM_FIELDS = 'id reference title description status priority dueAt overdue version createdAt updatedAt completedAt';

export const CREATE = `mutation($i: CreateActionItemInput!) { createActionItem(input: $i) { ${ITEM_FIELDS} ownerDelegation { code } assignee { id } } }`;
export const CREATE_MANY = `mutation($i: CreateActionItemsInput!) { createActionItems(input: $i) { ${ITEM_FIELDS} } }`;
export const UPDATE = `mutation($i: UpdateActionItemInput!) { updateActionItem(input: $i) { ${ITEM_FIELDS} } }`;
export const SET_STATUS = `mutation($i: SetActionItemStatusInput!) { setActionItemStatus(input: $i) { ${ITEM_FIELDS} } }`;
export const ADD_UPDATE = `mutation($i: AddActionItemUpdateInput!) { addActionItemUpdate(input: $i) { ${ITEM_FIELDS} } }`;
export const GET = `query($id: ID!) { actionItem(id: $id) { ${ITEM_FIELDS} history { kind text changes percentComplete author { id } } } }`;
export const LIST = `query($f: ActionItemFilter, $o: ActionItemOrder, $first: Int, $after: String) {
  actionItems(filter: $f, orderBy: $o, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id reference title status } } } }`;

export interface ItemOptions {
  title?: string;
  ownerDelegationId: string;
  assigneeId?: string | null;
  dueAt?: Date | string | null;
  priority?: string;
  meetingId?: string;
  agendaItemId?: string;
  description?: string;
}

export async function createItem(who: TestUser, o: ItemOptions): Promise<Record<string, any>> {
  const { createActionItem } = await who.client.data(CREATE, {
    i: { title: o.title ?? 'Follow up', ...o, dueAt: o.dueAt ? new Date(o.dueAt).toISOString() : o.dueAt },
  });
  return createActionItem;
}

export async function setItemStatus(who: TestUser, actionItemId: string, status: string, note?: string): Promise<Record<string, any>> {
  const { setActionItemStatus } = await who.client.data(SET_STATUS, { i: { actionItemId, status, note } });
  return setActionItemStatus;
}

/** Every page of a list, following cursors. */
export async function allPages(who: TestUser, variables: Record<string, unknown>, first: number): Promise<{ pages: any[]; ids: string[] }> {
  const pages: any[] = [];
  let after: string | null = null;
  for (;;) {
    const { actionItems }: { actionItems: any } = await who.client.data(LIST, { ...variables, first, after });
    pages.push(actionItems);
    if (!actionItems.pageInfo.hasNextPage) break;
    after = actionItems.pageInfo.endCursor;
  }
  return { pages, ids: pages.flatMap((p) => p.edges.map((e: any) => e.node.id)) };
}
