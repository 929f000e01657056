import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { type AuthUser } from '../auth/auth-user.js';
import { authorize, Policy } from '../auth/policy.js';
import { AppError } from '../common/errors/app-error.js';
import { type ConnectionArgs } from '../common/pagination/connection.js';
import { paginate } from '../common/pagination/paginate.js';
import { TransactionService } from '../database/transaction.service.js';
import { DeliveryStatus, NotificationChannel, NotificationKind } from './notification-kind.enum.js';
import { NotificationDeliveryEntity } from './notification-delivery.entity.js';
import { type MarkNotificationsReadInput, type UpdateNotificationPreferencesInput } from './notification.inputs.js';
import { NotificationPreferenceEntity } from './notification-preference.entity.js';
import { NotificationEntity } from './notification.entity.js';

@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
  ) {}

  /** The user's own inbox, newest first. */
  inbox(user: AuthUser, unreadOnly: boolean, args: ConnectionArgs) {
    const qb = this.dataSource.getRepository(NotificationEntity).createQueryBuilder('n').where('n.user_id = :userId', { userId: user.id });
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    return paginate(qb, args, { expression: 'n.created_at', direction: 'DESC' });
  }

  unreadCount(userId: string): Promise<number> {
    return this.dataSource.getRepository(NotificationEntity).countBy({ userId, readAt: IsNull() });
  }

  /** A user's own notification (others' look missing). */
  async findOwn(user: AuthUser, id: string): Promise<NotificationEntity> {
    const n = await this.dataSource.getRepository(NotificationEntity).findOneBy({ id, userId: user.id });
    if (!n) throw AppError.notFound('Notification', id);
    return n;
  }

  async markRead(user: AuthUser, input: MarkNotificationsReadInput): Promise<{ marked: number; unreadCount: number }> {
    if (!input.all && !input.ids?.length) throw AppError.badInput('ids', 'Give the ids to mark read, or all: true');
    return this.tx.mutate(user, async ({ em, audit }) => {
      const qb = em
        .createQueryBuilder()
        .update(NotificationEntity)
        .set({ readAt: () => 'now()' })
        .where('user_id = :userId AND read_at IS NULL', { userId: user.id });
      if (!input.all) qb.andWhere('id IN (:...ids)', { ids: input.ids });
      const marked = (await qb.execute()).affected ?? 0;
      audit('notifications.read', 'User', user.id, { after: { marked, all: Boolean(input.all), ids: input.ids ?? null } });
      const unreadCount = await em.countBy(NotificationEntity, { userId: user.id, readAt: IsNull() });
      return { marked, unreadCount };
    });
  }

  async preferences(userId: string): Promise<{ kind: NotificationKind; channels: NotificationChannel[] }[]> {
    const rows = await this.dataSource.getRepository(NotificationPreferenceEntity).findBy({ userId });
    const emailOff = new Set(rows.filter((r) => !r.email).map((r) => r.kind));
    return Object.values(NotificationKind).map((kind) => ({
      kind,
      channels: emailOff.has(kind) ? [NotificationChannel.IN_APP] : [NotificationChannel.IN_APP, NotificationChannel.EMAIL],
    }));
  }

  async updatePreferences(user: AuthUser, input: UpdateNotificationPreferencesInput) {
    input.preferences.forEach((p, i) => {
      if (!p.channels.includes(NotificationChannel.IN_APP)) {
        throw AppError.badInput(`preferences.${i}.channels`, 'In-app notifications cannot be turned off; include IN_APP');
      }
      if (p.channels.includes(NotificationChannel.WEBHOOK)) {
        throw AppError.badInput(`preferences.${i}.channels`, 'Webhooks are set per delegation, not per user');
      }
    });
    const before = await this.preferences(user.id);
    await this.tx.mutate(user, async ({ em, audit }) => {
      await em.upsert(
        NotificationPreferenceEntity,
        input.preferences.map((p) => ({ userId: user.id, kind: p.kind, email: p.channels.includes(NotificationChannel.EMAIL) })),
        ['userId', 'kind'],
      );
      audit('notifications.preferences-updated', 'User', user.id, { before: { preferences: before }, after: { preferences: input.preferences } });
    });
    return this.preferences(user.id);
  }

  deliveryFailures(actor: AuthUser, args: ConnectionArgs) {
    authorize(Policy.readDeliveryFailures(actor), 'Only administrators see delivery failures');
    const qb = this.dataSource.getRepository(NotificationDeliveryEntity).createQueryBuilder('d').where('d.status = :status', { status: DeliveryStatus.FAILED });
    return paginate(qb, args, { expression: 'd.updated_at', direction: 'DESC' });
  }

  /** Notifications by id, for the subscription (which only ever receives the subscriber's own ids). */
  byIds(ids: string[]) {
    return this.dataSource.getRepository(NotificationEntity).findBy({ id: In(ids) });
  }
}
