import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { type EntityManager } from 'typeorm';
import { UserEntity } from '../../auth/user.entity.js';
import { AppConfig } from '../../config/app-config.js';
import { type NotificationDeliveryEntity } from '../notification-delivery.entity.js';
import { NotificationEntity } from '../notification.entity.js';
import { type ChannelOutcome, type DeliveryChannel } from './channel.js';

/** E-mail through the configured SMTP server; without SMTP_URL e-mail is switched off (SKIPPED). */
@Injectable()
export class EmailChannel implements DeliveryChannel, OnApplicationShutdown {
  private readonly transport: Transporter | null;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {
    this.transport = config.mail.smtpUrl ? nodemailer.createTransport(config.mail.smtpUrl) : null;
  }

  async send(delivery: NotificationDeliveryEntity, em: EntityManager): Promise<ChannelOutcome> {
    if (!this.transport) return { status: 'skipped', reason: 'SMTP_URL is not configured' };
    const notification = await em.findOneByOrFail(NotificationEntity, { id: delivery.notificationId! });
    const user = await em.findOneByOrFail(UserEntity, { id: notification.userId });
    if (!user.active) return { status: 'skipped', reason: 'user is disabled' };
    await this.transport.sendMail({
      from: this.config.mail.from,
      to: { name: user.name, address: user.email },
      subject: notification.subject,
      text: `${notification.body}\n\n--\nConcordia · ${this.config.publicUrl}\nYou can choose which notifications reach you by e-mail in your notification preferences.`,
      // Stable per delivery, so a receiving system can drop a resend after a crash.
      messageId: `<${delivery.id}@concordia>`,
      headers: { 'X-Concordia-Delivery': delivery.id, 'X-Concordia-Kind': notification.kind },
    });
    return { status: 'sent' };
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
