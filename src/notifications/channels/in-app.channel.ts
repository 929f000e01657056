import { Injectable } from '@nestjs/common';
import { PubSub } from '../../redis/pubsub.js';
import { type NotificationDeliveryEntity } from '../notification-delivery.entity.js';
import { type ChannelOutcome, type DeliveryChannel } from './channel.js';

export const notificationAddedChannel = (userId: string) => `notificationAdded.${userId}`;

/** The inbox row exists already; this pushes it live to the user's open subscriptions. */
@Injectable()
export class InAppChannel implements DeliveryChannel {
  constructor(private readonly pubsub: PubSub) {}

  async send(delivery: NotificationDeliveryEntity): Promise<ChannelOutcome> {
    const notification = delivery.notification!;
    // One channel per user: a subscriber can only ever receive their own notifications.
    await this.pubsub.publish(notificationAddedChannel(notification.userId), { notificationId: notification.id });
    return { status: 'sent' };
  }
}
