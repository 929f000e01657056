import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DelegateRole } from '../delegations/delegation-kind.enum.js';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { type EventOf } from '../notifications/notification-event.js';
import { type NotificationTexts, textsFor } from '../notifications/i18n/notification-texts.js';
import { NotificationKind } from '../notifications/notification-kind.enum.js';
import { type NotificationComposer, type NotificationMessage, type UserMessage } from '../notifications/notification-message.js';
import { overdueEventKey } from './action-item-reminders.js';
import { ActionItemEntity } from './action-item.entity.js';

type ActionItemEvent = EventOf<'action-item.assigned'>;

export interface Reader {
  id: string;
  name: string;
  timezone: string;
  /** Their language (BCP 47); the texts fall back to English. */
  locale: string;
}

/** A notice's subject and first sentence, in one reader's language. */
type Wording = (t: NotificationTexts) => { subject: string; sentence: string };

/** One digest: the reader's items in three sections (an item appears in the first that fits). */
export interface DigestSections {
  overdue: ActionItemEntity[];
  dueThisWeek: ActionItemEntity[];
  recentlyUpdated: ActionItemEntity[];
}

/**
 * Composes what action items tell people, each in their language with due times in their zone:
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
        this.itemText(r, item, owner, (t) => ({
          subject: t.t('actionItem.assigned.subject', { reference: item.reference, title: item.title }),
          sentence: t.t('actionItem.assigned.sentence', { reference: item.reference, owner: owner.name }),
        })),
      ),
    ];
  }

  async dueSoon(item: ActionItemEntity, offsetMs: number): Promise<NotificationMessage> {
    const readers = item.assigneeId
      ? await this.users('u.id = $1', [item.assigneeId])
      : await this.users('u.id IN (SELECT dm.user_id FROM delegation_memberships dm WHERE dm.delegation_id = $1)', [item.ownerDelegationId]);
    const owner = await this.owner(item);
    return this.message(item, `action-item-due:${item.id}:${offsetMs}:${item.dueAt!.getTime()}`, NotificationKind.ACTION_ITEM_DUE_SOON, readers, (r) =>
      this.itemText(r, item, owner, (t) => ({
        subject: t.t('actionItem.dueSoon.subject', { in: t.inDuration(offsetMs), reference: item.reference, title: item.title }),
        sentence: t.t('actionItem.dueSoon.sentence', { in: t.inDuration(offsetMs), reference: item.reference, owner: owner.name }),
      })),
    );
  }

  async overdue(item: ActionItemEntity): Promise<NotificationMessage> {
    const readers = await this.users(
      `(u.id IN (SELECT dm.user_id FROM delegation_memberships dm WHERE dm.delegation_id = $1 AND dm.delegate_role = $2) OR u.id = $3)`,
      [item.ownerDelegationId, DelegateRole.HEAD_OF_DELEGATION, item.createdById],
    );
    const owner = await this.owner(item);
    return this.message(item, overdueEventKey(item.id, item.dueAt!.getTime()), NotificationKind.ACTION_ITEM_OVERDUE, readers, (r) =>
      this.itemText(r, item, owner, (t) => ({
        subject: t.t('actionItem.overdue.subject', { reference: item.reference, title: item.title }),
        sentence: t.t('actionItem.overdue.sentence', {
          reference: item.reference,
          owner: owner.name,
          status: t.t('actionItem.status', { status: item.status }),
        }),
      })),
    );
  }

  /** The weekly digest of one reader, in their language; `weekKey` (e.g. 2026-W48) makes it one per user per week. */
  digest(reader: Reader, weekKey: string, sections: DigestSections): NotificationMessage {
    const t = textsFor(reader.locale);
    const line = (i: ActionItemEntity) => {
      const facts = { reference: i.reference, title: i.title, status: t.t('actionItem.status', { status: i.status }) };
      return i.dueAt ? t.t('actionItem.digest.lineDue', { ...facts, time: t.zoned(i.dueAt, reader.timezone) }) : t.t('actionItem.digest.line', facts);
    };
    const section = (title: 'overdue' | 'dueThisWeek' | 'recentlyUpdated', items: ActionItemEntity[]) =>
      items.length ? ['', t.t(`actionItem.digest.${title}`, { count: items.length }), ...items.map(line)] : [];
    const total = sections.overdue.length + sections.dueThisWeek.length + sections.recentlyUpdated.length;
    const body = [
      t.t('common.greeting', { name: reader.name }),
      '',
      t.t('actionItem.digest.intro', { total }),
      ...section('overdue', sections.overdue),
      ...section('dueThisWeek', sections.dueThisWeek),
      ...section('recentlyUpdated', sections.recentlyUpdated),
    ].join('\n');
    return {
      eventKey: `action-item-digest:${weekKey}`,
      kind: NotificationKind.ACTION_ITEM_DIGEST,
      entityType: 'User',
      entityId: reader.id,
      users: [
        {
          userId: reader.id,
          subject: t.t('actionItem.digest.subject', { week: weekKey, overdue: sections.overdue.length, dueThisWeek: sections.dueThisWeek.length }),
          body,
          language: t.language,
        },
      ],
      delegations: [],
    };
  }

  private message(item: ActionItemEntity, eventKey: string, kind: NotificationKind, readers: Reader[], text: (r: Reader) => UserMessage): NotificationMessage {
    return { eventKey, kind, entityType: 'ActionItem', entityId: item.id, users: readers.map(text), delegations: [] };
  }

  private itemText(reader: Reader, item: ActionItemEntity, owner: DelegationEntity, words: Wording): UserMessage {
    const t = textsFor(reader.locale);
    const { subject, sentence } = words(t);
    const lines = [
      t.t('common.greeting', { name: reader.name }),
      '',
      sentence,
      '',
      t.t('actionItem.reference', { reference: item.reference }),
      t.t('actionItem.title', { title: item.title }),
      t.t('actionItem.owner', { owner: owner.name, code: owner.code }),
      t.t('actionItem.statusLine', {
        status: t.t('actionItem.status', { status: item.status }),
        priority: t.t('actionItem.priority', { priority: item.priority }),
      }),
      ...(item.dueAt ? [t.t('actionItem.due', { time: t.zoned(item.dueAt, reader.timezone) })] : []),
    ];
    return { userId: reader.id, subject, body: lines.join('\n'), language: t.language };
  }

  private owner(item: ActionItemEntity): Promise<DelegationEntity> {
    return this.dataSource.getRepository(DelegationEntity).findOneByOrFail({ id: item.ownerDelegationId });
  }

  private users(where: string, params: unknown[]): Promise<Reader[]> {
    return this.dataSource.query(`SELECT u.id, u.name, u.timezone, u.locale FROM users u WHERE u.active AND ${where} ORDER BY u.id`, params);
  }
}
