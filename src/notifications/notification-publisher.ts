import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { PubSub } from '../redis/pubsub.js';
import { notificationAddedChannel } from './channels/in-app.channel.js';
import { DeliveryStatus, NotificationChannel } from './notification-kind.enum.js';
import { NotificationDeliveryEntity } from './notification-delivery.entity.js';
import { type NotificationMessage } from './notification-message.js';

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
      // One statement per chunk, a column per array (unnest): a batch job writes hundreds of rows, and
      // TypeORM's insert builder cost a third of a millisecond of CPU per row to write the SQL.
      for (const part of chunks(rows)) {
        const inserted: typeof created = await em.query(
          `INSERT INTO notifications (user_id, kind, subject, body, language, entity_type, entity_id, event_key)
           SELECT * FROM unnest($1::uuid[], $2::notification_kind[], $3::varchar[], $4::text[], $5::varchar[], $6::varchar[], $7::uuid[], $8::varchar[])
           ON CONFLICT DO NOTHING
           RETURNING id, user_id, event_key, kind`,
          [
            part.map((r) => r.userId),
            part.map((r) => r.kind),
            part.map((r) => r.subject),
            part.map((r) => r.body),
            part.map((r) => r.language),
            part.map((r) => r.entityType),
            part.map((r) => r.entityId),
            part.map((r) => r.eventKey),
          ],
        );
        created.push(...inserted);
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
        const rows: { id: string; channel: NotificationChannel }[] = await em.query(
          `INSERT INTO notification_deliveries (channel, notification_id, delegation_id, event_key, payload, status, attempts, sent_at)
           SELECT * FROM unnest($1::notification_channel[], $2::uuid[], $3::uuid[], $4::varchar[], $5::jsonb[], $6::delivery_status[], $7::int[], $8::timestamptz[])
           ON CONFLICT DO NOTHING
           RETURNING id, channel`,
          [
            part.map((d) => d.channel),
            part.map((d) => d.notificationId ?? null),
            part.map((d) => d.delegationId ?? null),
            part.map((d) => d.eventKey),
            part.map((d) => (d.payload ? JSON.stringify(d.payload) : null)),
            part.map((d) => d.status ?? DeliveryStatus.PENDING),
            part.map((d) => d.attempts ?? 0),
            part.map((d) => d.sentAt ?? null),
          ],
        );
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
