import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Connection } from '../common/pagination/connection.js';
import { ActionItemPriority, ActionItemStatus, ActionItemUpdateKind, isOpen } from './action-item.enums.js';
import { type ActionItemEntity } from './action-item.entity.js';
import { type ActionItemUpdateEntity } from './action-item-update.entity.js';
import { type ActionItemSummaryRow } from './action-item-query.js';

@ObjectType({ description: 'Follow-up a delegation agreed to do, by when' })
export class ActionItem {
  @Field(() => ID) id: string;
  @Field({ description: 'Short, unique, gap-free per year, e.g. AI-2012-0042' }) reference: string;
  @Field() title: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => ActionItemStatus) status: ActionItemStatus;
  @Field(() => ActionItemPriority) priority: ActionItemPriority;
  @Field(() => Date, { nullable: true, description: 'UTC instant' }) dueAt: Date | null;
  @Field({ description: 'Past due and neither DONE nor CANCELLED' }) overdue: boolean;
  @Field(() => Int, { description: 'Send it back with updates (optimistic locking)' }) version: number;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
  ownerDelegationId: string;
  assigneeId: string | null;
  createdById: string | null;
  meetingId: string | null;
  agendaItemId: string | null;
  commitmentId: string | null;

  static from(e: ActionItemEntity, now = new Date()): ActionItem {
    return Object.assign(new ActionItem(), {
      id: e.id,
      reference: e.reference,
      title: e.title,
      description: e.description,
      status: e.status,
      priority: e.priority,
      dueAt: e.dueAt,
      overdue: !!e.dueAt && e.dueAt < now && isOpen(e.status),
      version: e.version,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      completedAt: e.completedAt,
      ownerDelegationId: e.ownerDelegationId,
      assigneeId: e.assigneeId,
      createdById: e.createdById,
      meetingId: e.meetingId,
      agendaItemId: e.agendaItemId,
      commitmentId: e.commitmentId,
    });
  }
}

@ObjectType()
export class ActionItemConnection extends Connection(ActionItem) {}

@ObjectType({ description: 'One entry of an action item’s history: creation, a change, a status move or a progress note' })
export class ActionItemUpdate {
  @Field(() => ID) id: string;
  @Field(() => ActionItemUpdateKind) kind: ActionItemUpdateKind;
  @Field() text: string;
  @Field(() => Int, { nullable: true }) percentComplete: number | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: '{ field: { before, after } } for changes and status moves' }) changes: Record<
    string,
    unknown
  > | null;
  @Field() createdAt: Date;
  authorId: string | null;

  static from(e: ActionItemUpdateEntity): ActionItemUpdate {
    return Object.assign(new ActionItemUpdate(), {
      id: e.id,
      kind: e.kind,
      text: e.text,
      percentComplete: e.percentComplete,
      changes: e.changes,
      createdAt: e.createdAt,
      authorId: e.authorId,
    });
  }
}

@ObjectType({ description: 'Follow-up of one owner delegation: counts of the items you may see' })
export class ActionItemSummary {
  @Field(() => Int) open: number;
  @Field(() => Int) inProgress: number;
  @Field(() => Int) blocked: number;
  @Field(() => Int) done: number;
  @Field(() => Int) cancelled: number;
  @Field(() => Int) total: number;
  @Field(() => Int, { description: 'Past due, not DONE or CANCELLED' }) overdue: number;
  @Field(() => Int, { description: 'Open and due within the next 7 days' }) dueIn7Days: number;
  delegationId: string;

  static from(r: ActionItemSummaryRow): ActionItemSummary {
    return Object.assign(new ActionItemSummary(), r);
  }
}
