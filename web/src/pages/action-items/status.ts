import type { ActionItemStatus } from '../../gql/graphql';

/** The statuses in the order people work through them (labels: actionItems.status.<STATUS>). */
export const STATUSES: ActionItemStatus[] = ['OPEN', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED'];

/** Moves the API allows (src/action-items/action-item-lifecycle.ts); the select offers only these. */
export const NEXT: Record<ActionItemStatus, ActionItemStatus[]> = {
  OPEN: ['IN_PROGRESS', 'BLOCKED', 'CANCELLED'],
  IN_PROGRESS: ['DONE', 'BLOCKED', 'CANCELLED'],
  BLOCKED: ['OPEN', 'IN_PROGRESS', 'CANCELLED'],
  DONE: ['IN_PROGRESS'],
  CANCELLED: [],
};

/** A note is required to block or cancel (SetActionItemStatusInput). */
export const NEEDS_NOTE: ActionItemStatus[] = ['BLOCKED', 'CANCELLED'];

export function isStatus(value: string): value is ActionItemStatus {
  return (STATUSES as string[]).includes(value);
}
