import { Module } from '@nestjs/common';
import { EmailChannel } from './channels/email.channel.js';
import { InAppChannel } from './channels/in-app.channel.js';
import { WebhookChannel } from './channels/webhook.channel.js';
import { DeliveryService } from './delivery.service.js';
import { NotificationPublisher } from './notification-publisher.js';
import { NotificationsResolver } from './notifications.resolver.js';
import { NotificationsService } from './notifications.service.js';

@Module({
  providers: [NotificationsService, NotificationsResolver, NotificationPublisher, DeliveryService, InAppChannel, EmailChannel, WebhookChannel],
  exports: [NotificationsService, NotificationPublisher, DeliveryService],
})
export class NotificationsModule {}
