import { type EntityManager } from 'typeorm';
import { type NotificationDeliveryEntity } from '../notification-delivery.entity.js';

/** `sent`: done. `skipped`: nothing to send through (e.g. no SMTP configured); not an error. */
export type ChannelOutcome = { status: 'sent' } | { status: 'skipped'; reason: string };

/**
 * One way of delivering. Throwing means a retryable failure. The delivery arrives locked, with its
 * notification and that notification's user loaded in the same statement (absent for webhooks), so
 * user channels read nothing more.
 */
export interface DeliveryChannel {
  send(delivery: NotificationDeliveryEntity, em: EntityManager): Promise<ChannelOutcome>;
}
