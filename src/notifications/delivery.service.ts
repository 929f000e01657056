import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type JobResult } from '../queues/queue-processor.js';
import { type DeliveryChannel } from './channels/channel.js';
import { EmailChannel } from './channels/email.channel.js';
import { InAppChannel } from './channels/in-app.channel.js';
import { WebhookChannel } from './channels/webhook.channel.js';
import { DeliveryStatus, NotificationChannel } from './notification-kind.enum.js';
import { NotificationDeliveryEntity } from './notification-delivery.entity.js';

/** A delivery that will not change any more: sent, skipped, or failed on its last attempt. */
export interface SettledDelivery {
  id: string;
  eventKey: string;
  delegationId: string | null;
  status: DeliveryStatus;
  lastError: string | null;
}

/**
 * Sends one delivery at most once in effect: the row is locked for the duration of the send (a
 * duplicate job skips it), and marked SENT in the same transaction. A failure is recorded and
 * rethrown after commit so BullMQ retries with backoff. Features that wait for their deliveries
 * (a circulation recipient is DELIVERED once its e-mails and webhook call went out) register a
 * listener; it hears each settled delivery after commit, again when a re-run finds it settled (so a
 * crash between the commit and the listener loses nothing), and must be idempotent.
 */
@Injectable()
export class DeliveryService {
  private readonly channels: Record<NotificationChannel, DeliveryChannel>;
  private readonly listeners: ((delivery: SettledDelivery) => Promise<void>)[] = [];

  constructor(
    private readonly dataSource: DataSource,
    inApp: InAppChannel,
    email: EmailChannel,
    webhook: WebhookChannel,
  ) {
    this.channels = { [NotificationChannel.IN_APP]: inApp, [NotificationChannel.EMAIL]: email, [NotificationChannel.WEBHOOK]: webhook };
  }

  onSettled(listener: (delivery: SettledDelivery) => Promise<void>): void {
    this.listeners.push(listener);
  }

  /** `isLastAttempt` tells whether a failure is final (no retry will follow). */
  async deliver(deliveryId: string, isLastAttempt: (error: Error) => boolean = () => false): Promise<JobResult> {
    let failure: Error | null = null;
    let settled: SettledDelivery | null = null;
    const result = await this.dataSource.transaction(async (em): Promise<JobResult> => {
      // One statement: the row locked (only it: FOR UPDATE OF d) with what a channel needs to send.
      const delivery = await em
        .createQueryBuilder(NotificationDeliveryEntity, 'd')
        .leftJoinAndSelect('d.notification', 'n')
        .leftJoinAndSelect('n.user', 'u')
        .setLock('pessimistic_write', undefined, ['d'])
        .setOnLocked('skip_locked')
        .where('d.id = :id', { id: deliveryId })
        .getOne();
      // Missing, being sent by another worker right now, or already done.
      if (!delivery) return 'skipped';
      if (delivery.status === DeliveryStatus.SENT || delivery.status === DeliveryStatus.SKIPPED) {
        settled = { id: delivery.id, eventKey: delivery.eventKey, delegationId: delivery.delegationId, status: delivery.status, lastError: delivery.lastError };
        return 'skipped';
      }

      const change: Pick<NotificationDeliveryEntity, 'attempts' | 'status' | 'lastError' | 'sentAt'> = {
        attempts: delivery.attempts + 1,
        status: DeliveryStatus.FAILED,
        lastError: null,
        sentAt: null,
      };
      try {
        const outcome = await this.channels[delivery.channel].send(delivery, em);
        change.status = outcome.status === 'sent' ? DeliveryStatus.SENT : DeliveryStatus.SKIPPED;
        change.lastError = outcome.status === 'skipped' ? outcome.reason : null;
        change.sentAt = outcome.status === 'sent' ? new Date() : null;
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        change.lastError = failure.message.slice(0, 1000);
      }
      // The row is locked and known: a plain UPDATE, no re-read as save() would do.
      await em.update(NotificationDeliveryEntity, { id: delivery.id }, change);
      if (change.status !== DeliveryStatus.FAILED || isLastAttempt(failure!)) {
        settled = { id: delivery.id, eventKey: delivery.eventKey, delegationId: delivery.delegationId, status: change.status, lastError: change.lastError };
      }
      return change.status === DeliveryStatus.SENT ? 'done' : 'skipped';
    });
    if (settled) for (const listener of this.listeners) await listener(settled);
    if (failure) throw failure;
    return result;
  }
}
