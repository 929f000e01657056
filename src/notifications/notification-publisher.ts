import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { PubSub } from '../redis/pubsub.js';
import { notificationAddedChannel } from './channels/in-app.channel.js';
import { DeliveryStatus, NotificationChannel } from './notification-kind.enum.js';
import { NotificationDeliveryEntity } from './notification-delivery.entity.js';
import { type NotificationMessage } from './notification-message.js';
import { NotificationEntity } from './notification.entity.js';

/** Rows per INSERT: far below PostgreSQL's 65,535 parameters, large enough for any usual event. */
const CHUNK = 2000;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/**
 * Writes the composed messages of one event in one transaction: one notification per user (skipped
 * if that occurrence was already written) and the deliveries of every channel that is on, all in
 * one INSERT. Channels that are off get no row and no job: e-mail without SMTP_URL or turned off in
 * the user's preferences, webhooks of delegations without one. The in-app delivery needs no job: it
 * is recorded SENT here and pushed to live subscriptions once the transaction commits. Only external
 * calls (e-mail, webhook) get a `deliver` job each, unless the caller sends the e-mails itself
 * (`emailsInline`). Running it twice writes nothing the second time.
 */
@Injectable()
export class NotificationPublisher {
  constructor(
    private readonly tx: TransactionService,
    private readonly pubsub: PubSub,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /**
   * `emailsInline`: the caller sends the e-mails of these messages itself, in the job that publishes
   * them (DeliveryService.deliverEmailsOf), so they get no `deliver` job each; webhooks still do.
   */
  async publish(
    input: NotificationMessage | NotificationMessage[],
    options: { emailsInline?: boolean } = {},
  ): Promise<{ notifications: number; deliveries: number }> {
    const messages = (Array.isArray(input) ? input : [input]).filter((m) => m.users.length > 0 || m.delegations.length > 0);
    if (messages.length === 0) return { notifications: 0, deliveries: 0 };
    const emailOn = Boolean(this.config.mail.smtpUrl);

    const { created, deliveries } = await this.tx.system(async ({ em, enqueue }) => {
      const created: { id: string; user_id: string; event_key: string; kind: string }[] = [];
      const rows = messages.flatMap((m) =>
        m.users.map((u) => ({
          userId: u.userId,
          kind: m.kind,
          subject: u.subject.slice(0, 300),
          body: u.body,
          language: u.language ?? 'en',
          entityType: m.entityType,
          entityId: m.entityId,
          eventKey: m.eventKey,
        })),
      );
      for (const part of chunks(rows)) {
        const result = await em
          .createQueryBuilder()
          .insert()
          .into(NotificationEntity)
          .values(part)
          .orIgnore()
          .returning('id, user_id, event_key, kind')
          .execute();
        created.push(...(result.raw as typeof created));
      }

      // E-mail is on for a user unless they turned it off for this kind; webhooks go to delegations that
      // have one. Both read in one statement.
      const delegationIds = [...new Set(messages.flatMap((m) => m.delegations.map((d) => d.delegationId)))];
      const wantPrefs = emailOn && created.length > 0;
      const emailOff = new Set<string>();
      const hooked = new Set<string>();
      if (wantPrefs || delegationIds.length > 0) {
        const [found]: { email_off: string[]; hooked: string[] }[] = await em.query(
          `SELECT ARRAY(SELECT p.user_id::text || '|' || p.kind::text FROM notification_preferences p
                         WHERE p.user_id = ANY($1::uuid[]) AND p.kind::text = ANY($2::text[]) AND NOT p.email) AS email_off,
                  ARRAY(SELECT d.id::text FROM delegations d WHERE d.id = ANY($3::uuid[]) AND d.webhook_url <> '') AS hooked`,
          [wantPrefs ? [...new Set(created.map((c) => c.user_id))] : [], wantPrefs ? [...new Set(messages.map((m) => m.kind))] : [], delegationIds],
        );
        for (const key of found.email_off) emailOff.add(key);
        for (const id of found.hooked) hooked.add(id);
      }

      const sentAt = new Date();
      const deliveries: Partial<NotificationDeliveryEntity>[] = created.flatMap((n) => [
        { channel: NotificationChannel.IN_APP, notificationId: n.id, eventKey: n.event_key, status: DeliveryStatus.SENT, attempts: 1, sentAt },
        ...(emailOn && !emailOff.has(`${n.user_id}|${n.kind}`) ? [{ channel: NotificationChannel.EMAIL, notificationId: n.id, eventKey: n.event_key }] : []),
      ]);

      for (const m of messages) {
        for (const d of m.delegations.filter((x) => hooked.has(x.delegationId))) {
          deliveries.push({
            channel: NotificationChannel.WEBHOOK,
            delegationId: d.delegationId,
            eventKey: m.eventKey,
            payload: { kind: m.kind, subject: d.subject, body: d.body, entity: { type: m.entityType, id: m.entityId }, data: d.data },
          });
        }
      }

      let inserted = 0;
      for (const part of chunks(deliveries)) {
        const result = await em.createQueryBuilder().insert().into(NotificationDeliveryEntity).values(part).orIgnore().returning('id, channel').execute();
        const rows = result.raw as { id: string; channel: NotificationChannel }[];
        inserted += rows.length;
        for (const d of rows) {
          if (d.channel === NotificationChannel.IN_APP || (options.emailsInline && d.channel === NotificationChannel.EMAIL)) continue;
          enqueue('deliver', { deliveryId: d.id }, { jobId: `delivery-${d.id}` });
        }
      }
      return { created, deliveries: inserted };
    });

    // Live push after commit, so a subscriber never asks for a row it cannot see yet. Best effort, as
    // any push to whoever is connected at the moment: the inbox row is the record.
    // One pipeline for all of them: a batch job's hundreds of pushes in one write.
    await this.pubsub.publishMany(created.map((n) => ({ channel: notificationAddedChannel(n.user_id), payload: { notificationId: n.id } })));
    return { notifications: created.length, deliveries };
  }
}
