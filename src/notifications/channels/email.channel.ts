import { Readable } from 'node:stream';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type MailMessage from 'nodemailer/lib/mailer/mail-message';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import { nextTurn } from '../../common/event-loop.js';
import { AppConfig } from '../../config/app-config.js';
import { type UserEntity } from '../../auth/user.entity.js';
import { type NotificationDeliveryEntity } from '../notification-delivery.entity.js';
import { type NotificationEntity } from '../notification.entity.js';
import { type ChannelOutcome, type DeliveryChannel } from './channel.js';
import { type BuiltEmail, EmailBuilder } from './email-messages.js';
import { renderEmail } from './email-template.js';

/** What an e-mail is made of: the delivery's id, its notification and that notification's reader. */
export interface EmailDelivery {
  id: string;
  notification?: (Pick<NotificationEntity, 'kind' | 'subject' | 'body' | 'language'> & { user?: Pick<UserEntity, 'active' | 'name' | 'email'> }) | null;
}

/** E-mails built per turn of the event loop (≈ 1–2 ms of CPU). */
const BUILDS_PER_TURN = 25;

/**
 * E-mail through the configured SMTP server over nodemailer's connection pool; without SMTP_URL
 * e-mail is switched off (SKIPPED). A send resolves once the server accepted the message.
 *
 * Messages are built here (EmailBuilder, synchronously) and handed to the pool ready to go, as
 * nodemailer's transport contract allows (`send(mail)` reads the envelope, the Message-ID and the
 * message stream), without the Mailer's per-message compile: the composer's streams and that compile
 * were three quarters of an e-mail's CPU, and a circulation sends hundreds at once (issue 17).
 */
@Injectable()
export class EmailChannel implements DeliveryChannel, OnApplicationShutdown {
  private readonly pool: SMTPPool | null;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {
    // A connection is replaced after SMTP_MESSAGES_PER_CONNECTION messages (1000; nodemailer's default is
    // 100). The pool's connections fill evenly, so they all reconnect together, and every new session
    // waits for a fresh greeting. At 100 per connection, a 300-e-mail circulation paid that wait one
    // time in three (docs/design.md, "Circulation, fourth round").
    this.pool = config.mail.smtpUrl
      ? new SMTPPool({ url: config.mail.smtpUrl, maxConnections: config.mail.poolSize, maxMessages: config.mail.messagesPerConnection })
      : null;
  }

  async send(delivery: NotificationDeliveryEntity): Promise<ChannelOutcome> {
    const [outcome] = await this.sendMany([delivery]);
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }

  /**
   * Several deliveries at once, each built and sent on its own (one message, one Message-ID per
   * delivery): answers each one's outcome, or the error that kept it from the server, in order.
   * One EmailBuilder serves the whole call, so the header lines the messages share (sender, subject,
   * kind) are encoded once. Building is synchronous (≈ 0.02–0.05 ms a message), so it takes turns
   * with other work every BUILDS_PER_TURN messages: a batch of any size holds the event loop a few ms
   * at a time (it is the API's loop too when the worker runs in-process), and the first messages are
   * on the wire meanwhile.
   */
  async sendMany(deliveries: readonly EmailDelivery[]): Promise<(ChannelOutcome | Error)[]> {
    const pool = this.pool;
    if (!pool) return deliveries.map(() => ({ status: 'skipped', reason: 'SMTP_URL is not configured' }));
    const builder = new EmailBuilder();
    const sends: Promise<ChannelOutcome | Error>[] = [];
    for (const [index, delivery] of deliveries.entries()) {
      if (index > 0 && index % BUILDS_PER_TURN === 0) await nextTurn();
      sends.push(this.sendOne(pool, delivery, builder));
    }
    return Promise.all(sends);
  }

  private async sendOne(pool: SMTPPool, delivery: EmailDelivery, builder: EmailBuilder): Promise<ChannelOutcome | Error> {
    const notification = delivery.notification!;
    const user = notification.user!;
    if (!user.active) return { status: 'skipped', reason: 'user is disabled' };
    try {
      // In the language the notification was written in (the reader's), as text and HTML.
      const mail = renderEmail(notification, this.config.publicUrl);
      await sendBuilt(
        pool,
        builder.build({
          from: this.config.mail.from,
          to: { name: user.name, address: user.email },
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          kind: notification.kind,
          deliveryId: delivery.id,
        }),
      );
      return { status: 'sent' };
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  // Closes the pooled connections (workers have stopped taking jobs by now).
  onApplicationShutdown(): void {
    this.pool?.close();
  }
}

/** Hands a built message to the pool: the parts of a MailMessage that SMTPPool reads, nothing to compile. */
function sendBuilt(pool: SMTPPool, email: BuiltEmail): Promise<void> {
  const mail = {
    data: {},
    message: {
      getEnvelope: () => email.envelope,
      messageId: () => email.messageId,
      getHeader: (key: string) => (key.toLowerCase() === 'message-id' ? email.messageId : undefined),
      createReadStream: () => Readable.from([email.raw], { objectMode: false }),
    },
  } as unknown as MailMessage<SMTPPool.SentMessageInfo>;
  return new Promise((resolve, reject) => pool.send(mail, (error) => (error ? reject(error) : resolve())));
}
