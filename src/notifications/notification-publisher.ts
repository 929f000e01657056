import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionService } from '../database/transaction.service.js';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { NotificationChannel } from './notification-kind.enum.js';
import { NotificationDeliveryEntity } from './notification-delivery.entity.js';
import { type NotificationMessage } from './notification-message.js';
import { NotificationPreferenceEntity } from './notification-preference.entity.js';
import { NotificationEntity } from './notification.entity.js';

/**
 * Writes a composed message: one notification per user (skipped if that occurrence was already
 * written), its deliveries per the user's channels, one webhook delivery per delegation that has a
 * webhook, and a `deliver` job per new delivery — all in one transaction, so running it twice
 * writes nothing the second time.
 */
@Injectable()
export class NotificationPublisher {
  constructor(private readonly tx: TransactionService) {}

  async publish(message: NotificationMessage): Promise<{ notifications: number; deliveries: number }> {
    return this.tx.system(async ({ em, enqueue }) => {
      const created: { id: string; user_id: string }[] = message.users.length
        ? (
            await em
              .createQueryBuilder()
              .insert()
              .into(NotificationEntity)
              .values(
                message.users.map((u) => ({
                  userId: u.userId,
                  kind: message.kind,
                  subject: u.subject.slice(0, 300),
                  body: u.body,
                  entityType: message.entityType,
                  entityId: message.entityId,
                  eventKey: message.eventKey,
                })),
              )
              .orIgnore()
              .returning('id, user_id')
              .execute()
          ).raw
        : [];

      const optedOut = created.length
        ? new Set(
            (await em.findBy(NotificationPreferenceEntity, { userId: In(created.map((c) => c.user_id)), kind: message.kind, email: false })).map((p) => p.userId),
          )
        : new Set<string>();

      const deliveries: Partial<NotificationDeliveryEntity>[] = created.flatMap((n) => [
        { channel: NotificationChannel.IN_APP, notificationId: n.id, eventKey: message.eventKey },
        ...(optedOut.has(n.user_id) ? [] : [{ channel: NotificationChannel.EMAIL, notificationId: n.id, eventKey: message.eventKey }]),
      ]);

      const hooked = message.delegations.length
        ? await em.findBy(DelegationEntity, { id: In(message.delegations.map((d) => d.delegationId)) })
        : [];
      const withWebhook = new Set(hooked.filter((d) => d.webhookUrl).map((d) => d.id));
      for (const d of message.delegations.filter((m) => withWebhook.has(m.delegationId))) {
        deliveries.push({
          channel: NotificationChannel.WEBHOOK,
          delegationId: d.delegationId,
          eventKey: message.eventKey,
          payload: { kind: message.kind, subject: d.subject, body: d.body, entity: { type: message.entityType, id: message.entityId }, data: d.data },
        });
      }

      if (deliveries.length === 0) return { notifications: created.length, deliveries: 0 };
      const inserted: { id: string }[] = (
        await em.createQueryBuilder().insert().into(NotificationDeliveryEntity).values(deliveries).orIgnore().returning('id').execute()
      ).raw;
      for (const d of inserted) enqueue('deliver', { deliveryId: d.id }, { jobId: `delivery-${d.id}` });
      return { notifications: created.length, deliveries: inserted.length };
    });
  }
}
