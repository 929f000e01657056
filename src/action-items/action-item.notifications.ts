import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DelegateRole } from '../delegations/delegation-kind.enum.js';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { type EventOf } from '../notifications/notification-event.js';
import { NotificationKind } from '../notifications/notification-kind.enum.js';
import { type NotificationComposer, type NotificationMessage, type UserMessage } from '../notifications/notification-message.js';
import { describeOffset } from '../meetings/reminders/meeting-reminders.js';
import { describeDue, overdueEventKey } from './action-item-reminders.js';
import { ActionItemEntity } from './action-item.entity.js';

type ActionItemEvent = EventOf<'action-item.assigned'>;

export interface Reader {
  id: string;
  name: string;
  timezone: string;
}

/** One digest: the reader's items in three sections (an item appears in the first that fits). */
export interface DigestSections {
  overdue: ActionItemEntity[];
  dueThisWeek: ActionItemEntity[];
  recentlyUpdated: ActionItemEntity[];
}

/**
 * Composes what action items tell people, with due times in each reader's zone:
 * - assignment: the new assignee (never someone who assigned themself: the service does not ask);
 * - due soon: the assignee, or every active member of the owner delegation when unassigned;
 * - overdue: the owner delegation's heads and the creator;
 * - the weekly digest: one reader.
 */
@Injectable()
export class ActionItemNotifications implements NotificationComposer<ActionItemEvent> {
  constructor(private readonly dataSource: DataSource) {}

  async compose(event: ActionItemEvent): Promise<NotificationMessage[]> {
    const item = await this.dataSource.getRepository(ActionItemEntity).findOneBy({ id: event.actionItemId });
    // Reassigned again since: the later assignment has its own notification.
    if (!item || item.assigneeId !== event.assigneeId) return [];
    const readers = await this.users('u.id = $1', [event.assigneeId]);
    const owner = await this.owner(item);
    return [
      this.message(item, `action-item-assigned:${item.id}:${event.assigneeId}:${event.version}`, NotificationKind.ACTION_ITEM_ASSIGNED, readers, (r) =>
        this.itemText(
          r,
          item,
          owner,
          `Assigned to you: ${item.reference} ${item.title}`,
          `You have been assigned action item ${item.reference} of ${owner.name}.`,
        ),
      ),
    ];
  }

  async dueSoon(item: ActionItemEntity, offsetMs: number): Promise<NotificationMessage> {
    const readers = item.assigneeId
      ? await this.users('u.id = $1', [item.assigneeId])
      : await this.users('u.id IN (SELECT dm.user_id FROM delegation_memberships dm WHERE dm.delegation_id = $1)', [item.ownerDelegationId]);
    const owner = await this.owner(item);
    const when = describeOffset(offsetMs);
    return this.message(item, `action-item-due:${item.id}:${offsetMs}:${item.dueAt!.getTime()}`, NotificationKind.ACTION_ITEM_DUE_SOON, readers, (r) =>
      this.itemText(r, item, owner, `Due in ${when}: ${item.reference} ${item.title}`, `Action item ${item.reference} of ${owner.name} is due in ${when}.`),
    );
  }

  async overdue(item: ActionItemEntity): Promise<NotificationMessage> {
    const readers = await this.users(
      `(u.id IN (SELECT dm.user_id FROM delegation_memberships dm WHERE dm.delegation_id = $1 AND dm.delegate_role = $2) OR u.id = $3)`,
      [item.ownerDelegationId, DelegateRole.HEAD_OF_DELEGATION, item.createdById],
    );
    const owner = await this.owner(item);
    return this.message(item, overdueEventKey(item.id, item.dueAt!.getTime()), NotificationKind.ACTION_ITEM_OVERDUE, readers, (r) =>
      this.itemText(
        r,
        item,
        owner,
        `Overdue: ${item.reference} ${item.title}`,
        `Action item ${item.reference} of ${owner.name} is overdue and still ${item.status}.`,
      ),
    );
  }

  /** The weekly digest of one reader; `weekKey` (e.g. 2026-W48) makes it one per user per week. */
  digest(reader: Reader, weekKey: string, sections: DigestSections): NotificationMessage {
    const line = (i: ActionItemEntity) => `- ${i.reference} ${i.title} (${i.status}${i.dueAt ? `, due ${describeDue(i.dueAt, reader.timezone)}` : ''})`;
    const section = (title: string, items: ActionItemEntity[]) => (items.length ? ['', `${title} (${items.length}):`, ...items.map(line)] : []);
    const total = sections.overdue.length + sections.dueThisWeek.length + sections.recentlyUpdated.length;
    const body = [
      `Dear ${reader.name},`,
      '',
      `Your action items this week (${total}):`,
      ...section('Overdue', sections.overdue),
      ...section('Due this week', sections.dueThisWeek),
      ...section('Recently updated', sections.recentlyUpdated),
    ].join('\n');
    return {
      eventKey: `action-item-digest:${weekKey}`,
      kind: NotificationKind.ACTION_ITEM_DIGEST,
      entityType: 'User',
      entityId: reader.id,
      users: [
        {
          userId: reader.id,
          subject: `Your action items, week ${weekKey}: ${sections.overdue.length} overdue, ${sections.dueThisWeek.length} due this week`,
          body,
        },
      ],
      delegations: [],
    };
  }

  private message(item: ActionItemEntity, eventKey: string, kind: NotificationKind, readers: Reader[], text: (r: Reader) => UserMessage): NotificationMessage {
    return { eventKey, kind, entityType: 'ActionItem', entityId: item.id, users: readers.map(text), delegations: [] };
  }

  private itemText(reader: Reader, item: ActionItemEntity, owner: DelegationEntity, subject: string, sentence: string): UserMessage {
    const lines = [
      `Dear ${reader.name},`,
      '',
      sentence,
      '',
      `Reference: ${item.reference}`,
      `Title:     ${item.title}`,
      `Owner:     ${owner.name} (${owner.code})`,
      `Status:    ${item.status}, priority ${item.priority}`,
      ...(item.dueAt ? [`Due:       ${describeDue(item.dueAt, reader.timezone)}`] : []),
    ];
    return { userId: reader.id, subject, body: lines.join('\n') };
  }

  private owner(item: ActionItemEntity): Promise<DelegationEntity> {
    return this.dataSource.getRepository(DelegationEntity).findOneByOrFail({ id: item.ownerDelegationId });
  }

  private users(where: string, params: unknown[]): Promise<Reader[]> {
    return this.dataSource.query(`SELECT u.id, u.name, u.timezone FROM users u WHERE u.active AND ${where} ORDER BY u.id`, params);
  }
}
