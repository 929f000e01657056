import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type NotificationMessage } from '../notifications/notification-message.js';
import { NotificationPublisher } from '../notifications/notification-publisher.js';
import { OPEN_STATUSES } from './action-item.enums.js';
import { ActionItemEntity } from './action-item.entity.js';
import { ActionItemNotifications, type DigestSections, type Reader } from './action-item.notifications.js';

const WEEK_MS = 7 * 24 * 3600_000;

/**
 * The weekly digest. Each run (the scheduler fires it every few minutes) serves the users for whom
 * it is Monday, 08:00 or later, in their own time zone, who have open items and no digest yet this
 * (ISO) week. The digest's event key holds the week, so a second run — or a second scheduler —
 * writes nothing more. `now` is a parameter: tests choose the instant.
 */
@Injectable()
export class ActionItemDigestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly composer: ActionItemNotifications,
    private readonly publisher: NotificationPublisher,
  ) {}

  async send(now = new Date()): Promise<number> {
    const readers: (Reader & { week: string })[] = await this.dataSource.query(
      `WITH local AS (SELECT u.id, u.name, u.timezone, u.locale, $1::timestamptz AT TIME ZONE u.timezone AS t FROM users u WHERE u.active)
       SELECT l.id, l.name, l.timezone, l.locale, to_char(l.t, 'IYYY-"W"IW') AS week FROM local l
        WHERE extract(isodow FROM l.t) = 1 AND l.t::time >= '08:00'
          AND EXISTS (SELECT 1 FROM action_items ai WHERE ai.status = ANY($2)
                        AND (ai.assignee_id = l.id OR ai.owner_delegation_id IN (SELECT dm.delegation_id FROM delegation_memberships dm WHERE dm.user_id = l.id)))
          AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = l.id AND n.event_key = 'action-item-digest:' || to_char(l.t, 'IYYY-"W"IW'))`,
      [now, OPEN_STATUSES],
    );
    const digests: NotificationMessage[] = [];
    for (const reader of readers) {
      const sections = await this.sections(reader.id, now);
      if (sections.overdue.length + sections.dueThisWeek.length + sections.recentlyUpdated.length === 0) continue; // nothing to say
      digests.push(this.composer.digest(reader, reader.week, sections));
    }
    // One fan-out for the run (one transaction, deliveries in bulk INSERTs), as for any event with many readers.
    return (await this.publisher.publish(digests)).notifications;
  }

  private async sections(userId: string, now: Date): Promise<DigestSections> {
    const items = await this.dataSource
      .getRepository(ActionItemEntity)
      .createQueryBuilder('ai')
      .where('ai.status = ANY(:open)', { open: OPEN_STATUSES })
      .andWhere('(ai.assignee_id = :userId OR ai.owner_delegation_id IN (SELECT dm.delegation_id FROM delegation_memberships dm WHERE dm.user_id = :userId))', {
        userId,
      })
      .andWhere('(ai.due_at < :weekAhead OR ai.updated_at >= :weekAgo)', {
        weekAhead: new Date(now.getTime() + WEEK_MS),
        weekAgo: new Date(now.getTime() - WEEK_MS),
      })
      .orderBy('ai.due_at', 'ASC', 'NULLS LAST')
      .addOrderBy('ai.id')
      .limit(200)
      .getMany();
    const t = now.getTime();
    const overdue = items.filter((i) => i.dueAt && i.dueAt.getTime() < t);
    const dueThisWeek = items.filter((i) => i.dueAt && i.dueAt.getTime() >= t && i.dueAt.getTime() < t + WEEK_MS);
    const listed = new Set([...overdue, ...dueThisWeek]);
    const recentlyUpdated = items.filter((i) => !listed.has(i) && i.updatedAt.getTime() >= t - WEEK_MS);
    return { overdue, dueThisWeek, recentlyUpdated };
  }
}
