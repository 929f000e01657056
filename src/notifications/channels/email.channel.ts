import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config.js';
import { type NotificationDeliveryEntity } from '../notification-delivery.entity.js';
import { type ChannelOutcome, type DeliveryChannel } from './channel.js';
import { renderEmail } from './email-template.js';

/**
 * Reused SMTP connections: one per concurrent worker slot (queue-workers runs 5), each renewed after
 * a bounded number of messages so a long-lived connection does not collect server-side state.
 */
const POOL = { pool: true, maxConnections: 5, maxMessages: 100 } as const;

/**
 * E-mail through the configured SMTP server over a connection pool; without SMTP_URL e-mail is
 * switched off (SKIPPED). A pooled send resolves once the server accepted the message, as before.
 */
@Injectable()
export class EmailChannel implements DeliveryChannel, OnApplicationShutdown {
  private readonly transport: Transporter | null;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {
    this.transport = config.mail.smtpUrl ? nodemailer.createTransport({ url: config.mail.smtpUrl, ...POOL }) : null;
  }

  async send(delivery: NotificationDeliveryEntity): Promise<ChannelOutcome> {
    if (!this.transport) return { status: 'skipped', reason: 'SMTP_URL is not configured' };
    const notification = delivery.notification!;
    const user = notification.user!;
    if (!user.active) return { status: 'skipped', reason: 'user is disabled' };
    // In the language the notification was written in (the reader's), as text and HTML.
    const mail = renderEmail(notification, this.config.publicUrl);
    await this.transport.sendMail({
      from: this.config.mail.from,
      to: { name: user.name, address: user.email },
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      // Stable per delivery, so a receiving system can drop a resend after a crash.
      messageId: `<${delivery.id}@concordia>`,
      headers: { 'X-Concordia-Delivery': delivery.id, 'X-Concordia-Kind': notification.kind },
    });
    return { status: 'sent' };
  }

  // Closes the pooled connections (workers have stopped taking jobs by now).
  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
