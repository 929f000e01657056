import { registerEnumType } from '@nestjs/graphql';

export enum ActionItemStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  BLOCKED = 'BLOCKED',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ActionItemStatus, { name: 'ActionItemStatus' });

/** Declared most urgent first: the database enum sorts in this order, so PRIORITY ascending is HIGH first. */
export enum ActionItemPriority {
  HIGH = 'HIGH',
  NORMAL = 'NORMAL',
  LOW = 'LOW',
}
registerEnumType(ActionItemPriority, { name: 'ActionItemPriority' });

/** What an entry of an item's history records. */
export enum ActionItemUpdateKind {
  CREATED = 'CREATED',
  CHANGED = 'CHANGED',
  STATUS = 'STATUS',
  NOTE = 'NOTE',
}
registerEnumType(ActionItemUpdateKind, { name: 'ActionItemUpdateKind' });

export enum ActionItemOrder {
  /** Soonest due first; items without a due date last. */
  DUE_AT = 'DUE_AT',
  /** Most recently changed first. */
  UPDATED_AT = 'UPDATED_AT',
  /** HIGH first. */
  PRIORITY = 'PRIORITY',
  /** Best full-text match first (the default when `search` is given). */
  RELEVANCE = 'RELEVANCE',
}
registerEnumType(ActionItemOrder, { name: 'ActionItemOrder' });

/** Statuses in which an item still needs work (and reminders). */
export const OPEN_STATUSES = [ActionItemStatus.OPEN, ActionItemStatus.IN_PROGRESS, ActionItemStatus.BLOCKED] as const;

export function isOpen(status: ActionItemStatus): boolean {
  return (OPEN_STATUSES as readonly ActionItemStatus[]).includes(status);
}
