import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { type JobResult } from '../queues/queue-processor.js';
import { type DeliveryChannel } from './channels/channel.js';
import { type EmailDelivery, EmailChannel } from './channels/email.channel.js';
import { InAppChannel } from './channels/in-app.channel.js';
import { WebhookChannel } from './channels/webhook.channel.js';
import { DeliveryStatus, NotificationChannel, type NotificationKind } from './notification-kind.enum.js';
import { NotificationDeliveryEntity } from './notification-delivery.entity.js';
import { transaction } from '../database/transaction-scope.js';

/** A delivery that will not change any more: sent, skipped, or failed on its last attempt. */
export interface SettledDelivery {
  id: string;
  eventKey: string;
  delegationId: string | null;
  status: DeliveryStatus;
  lastError: string | null;
}

/**
 * A feature that waits for its deliveries: it reads its own typed subject back from the event key
 * it built (null: not one of its events) and hears each of its settled deliveries with it.
 */
export interface SettleHandler<S> {
  subjectOf(eventKey: string): S | null;
  settled(subject: S, delivery: SettledDelivery): Promise<void>;
  /** Several subjects at once (one delivery each), e.g. in one statement; without it, `settled` for each. */
  settledMany?(items: { subject: S; delivery: SettledDelivery }[]): Promise<void>;
}

/** How long a run waits for another run's claim on a delivery before it gives up and is retried. */
const CLAIM_WAIT_MS = 10_000;

/** Thrown when another run still holds the delivery: BullMQ retries the job, and the retry finds the outcome. */
export class DeliveryInProgressError extends Error {
  constructor(deliveryId: string) {
    super(`delivery ${deliveryId} is being sent by another run; retried once that run has ended`);
    this.name = 'DeliveryInProgressError';
  }
}

/** A claim's lock wait ran out (lock_not_available): another run still holds `what`; anything else is rethrown as is. */
function claimHeldElsewhere(what: string): (error: unknown) => never {
  return (error) => {
    throw error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '55P03' ? new DeliveryInProgressError(what) : error;
  };
}

/**
 * Sends one delivery at most once in effect, as long as a run that sent it lives to record it: the
 * row lock is the claim, held from before the send until the status is written in the same
 * transaction. A second run (a stalled job handed to another worker while the first is stopped)
 * waits for that claim: once the first commits it finds SENT and does nothing; if the first dies
 * (its connection closes, the transaction rolls back) it sends, so a delivery is never given up
 * while nobody sends it. A run that waits longer than CLAIM_WAIT_MS fails and is retried with
 * backoff. Only a run that dies after the server accepted and before its commit repeats the send,
 * under the same idempotency key (Message-ID, X-Concordia-Delivery). A failure is recorded and
 * rethrown after commit so BullMQ retries with backoff. Features that wait for their deliveries
 * (a circulation recipient is DELIVERED once its e-mails and webhook call went out) register a
 * SettleHandler; it hears each settled delivery after commit, again when a re-run finds it settled (so a
 * crash between the commit and the listener loses nothing), and must be idempotent.
 */
@Injectable()
export class DeliveryService {
  private readonly channels: Record<NotificationChannel, DeliveryChannel>;
  private readonly handlers: SettleHandler<unknown>[] = [];

  constructor(
    private readonly dataSource: DataSource,
    inApp: InAppChannel,
    private readonly email: EmailChannel,
    webhook: WebhookChannel,
  ) {
    this.channels = { [NotificationChannel.IN_APP]: inApp, [NotificationChannel.EMAIL]: email, [NotificationChannel.WEBHOOK]: webhook };
  }

  onSettled<S>(handler: SettleHandler<S>): void {
    this.handlers.push(handler);
  }

  /** `isLastAttempt` tells whether a failure is final (no retry will follow). */
  async deliver(deliveryId: string, isLastAttempt: (error: Error) => boolean = () => false): Promise<JobResult> {
    let failure: Error | null = null;
    let settled: SettledDelivery | null = null;
    const result = await transaction(this.dataSource, async (em): Promise<JobResult> => {
      // Waits for another run's claim (never skips it: that run may die before it sends), boundedly.
      await em.query(`SET LOCAL lock_timeout = ${CLAIM_WAIT_MS}`);
      // One statement: the row locked (only it: FOR UPDATE OF d) with what a channel needs to send.
      const delivery = await em
        .createQueryBuilder(NotificationDeliveryEntity, 'd')
        .leftJoinAndSelect('d.notification', 'n')
        .leftJoinAndSelect('n.user', 'u')
        .setLock('pessimistic_write', undefined, ['d'])
        .where('d.id = :id', { id: deliveryId })
        .getOne()
        .catch(claimHeldElsewhere(deliveryId));
      // Missing, or already done (by an earlier run, or by the one this run waited for).
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
    // Assigned inside the transaction callback, which TypeScript's narrowing does not follow.
    const done = settled as SettledDelivery | null;
    if (done) await this.tellSettled(done);
    // Assigned inside the transaction callback too.
    const failed = failure as Error | null;
    if (failed) throw failed;
    return result;
  }

  /**
   * The e-mails of one or several occurrences (a batch job publishes several events at once), sent
   * together by the job that published them (publish with `emailsInline`), with `deliver`'s claim:
   * one transaction locks every e-mail delivery of the events (in id order, so two runs never
   * deadlock), sends those not yet SENT or SKIPPED at once through the SMTP pool, writes all outcomes
   * in one UPDATE and commits. A second run waits for that claim as `deliver` does. So a re-run (a
   * retry, a stalled job handed to another worker) sends only what is not recorded: never an e-mail
   * recorded SENT, always one that failed or whose run died before its commit (then under the same
   * Message-ID). A failure is rethrown after the commit, the others recorded, so the job is retried
   * with backoff; on the last attempt the failed ones are FAILED for good. The settle handlers hear
   * each event once (a failed delivery if there is one, else any), all events in one call to a
   * handler's `settledMany`. Answers how many e-mail deliveries each event has: an event with none
   * is absent, and no handler was told of it.
   */
  async deliverEmailsOf(
    eventKeys: string | readonly string[],
    isLastAttempt: (error: Error) => boolean = () => false,
  ): Promise<{ emails: number; byEventKey: Map<string, number> }> {
    const keys = [...new Set(typeof eventKeys === 'string' ? [eventKeys] : eventKeys)];
    const failures: Error[] = [];
    const settled: SettledDelivery[] = [];
    const byEventKey = new Map<string, number>();
    if (keys.length === 0) return { emails: 0, byEventKey };
    const emails = await transaction(this.dataSource, async (em) => {
      await em.query(`SET LOCAL lock_timeout = ${CLAIM_WAIT_MS}`);
      // The rows locked (only them: FOR UPDATE OF d) with what an e-mail needs, read as plain rows:
      // TypeORM's three-entity hydration was a tenth of a batch's CPU.
      const rows = (
        await em
          .query<EmailDeliveryRow[]>(
            `SELECT d.id, d.event_key, d.delegation_id, d.status, d.last_error, n.kind, n.subject, n.body, n.language, u.name, u.email, u.active
               FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id JOIN users u ON u.id = n.user_id
              WHERE n.event_key = ANY($1::varchar[]) AND d.channel = 'EMAIL'
              ORDER BY d.id
              FOR UPDATE OF d`,
            [keys],
          )
          .catch(claimHeldElsewhere(`e-mails of ${keys.length === 1 ? keys[0] : `${keys.length} events`}`))
      ).map(emailDeliveryOf);
      for (const d of rows) byEventKey.set(d.eventKey, (byEventKey.get(d.eventKey) ?? 0) + 1);
      const pending = rows.filter((d) => d.status !== DeliveryStatus.SENT && d.status !== DeliveryStatus.SKIPPED);
      settled.push(...rows.filter((d) => !pending.includes(d)).map((d) => settledOf(d, d.status, d.lastError)));
      // All at once through the SMTP pool (EmailChannel.sendMany), each message built and sent on its own.
      const sent = await this.email.sendMany(pending);
      const outcomes = pending.map((d, i) => {
        const outcome = sent[i];
        if (outcome instanceof Error) {
          failures.push(outcome);
          return { d, status: DeliveryStatus.FAILED, lastError: outcome.message.slice(0, 1000), sentAt: null, failure: outcome };
        }
        return outcome.status === 'sent'
          ? { d, status: DeliveryStatus.SENT, lastError: null, sentAt: new Date() }
          : { d, status: DeliveryStatus.SKIPPED, lastError: outcome.reason, sentAt: null };
      });
      if (outcomes.length > 0) {
        await em.query(
          `UPDATE notification_deliveries d SET status = v.status::delivery_status, attempts = d.attempts + 1, last_error = v.last_error,
                  sent_at = v.sent_at, updated_at = now()
             FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) AS v(id, status, last_error, sent_at) WHERE d.id = v.id`,
          [outcomes.map((o) => o.d.id), outcomes.map((o) => o.status), outcomes.map((o) => o.lastError), outcomes.map((o) => o.sentAt)],
        );
      }
      for (const o of outcomes) if (!o.failure || isLastAttempt(o.failure)) settled.push(settledOf(o.d, o.status, o.lastError));
      return rows.length;
    });
    // One delivery per event: a failed one if the event has one (its recipient then fails), else any.
    const perEvent = new Map<string, SettledDelivery>();
    for (const d of settled) {
      const seen = perEvent.get(d.eventKey);
      if (!seen || (seen.status !== DeliveryStatus.FAILED && d.status === DeliveryStatus.FAILED)) perEvent.set(d.eventKey, d);
    }
    if (perEvent.size > 0) await this.tellSettled([...perEvent.values()]);
    if (failures.length > 0) {
      const first = failures[0];
      throw failures.length === 1 ? first : Object.assign(new Error(`${failures.length} e-mails failed; the first: ${first.message}`), { cause: first });
    }
    return { emails, byEventKey };
  }

  private async tellSettled(done: SettledDelivery | SettledDelivery[]): Promise<void> {
    const all = Array.isArray(done) ? done : [done];
    for (const handler of this.handlers) {
      const items = all.flatMap((delivery) => {
        const subject = handler.subjectOf(delivery.eventKey);
        return subject === null ? [] : [{ subject, delivery }];
      });
      if (items.length === 0) continue;
      if (handler.settledMany && items.length > 1) await handler.settledMany(items);
      else for (const { subject, delivery } of items) await handler.settled(subject, delivery);
    }
  }
}

interface EmailDeliveryRow {
  id: string;
  event_key: string;
  delegation_id: string | null;
  status: DeliveryStatus;
  last_error: string | null;
  kind: NotificationKind;
  subject: string;
  body: string;
  language: string;
  name: string;
  email: string;
  active: boolean;
}

function emailDeliveryOf(r: EmailDeliveryRow): EmailDelivery & Pick<SettledDelivery, 'eventKey' | 'delegationId' | 'status' | 'lastError'> {
  return {
    id: r.id,
    eventKey: r.event_key,
    delegationId: r.delegation_id,
    status: r.status,
    lastError: r.last_error,
    notification: { kind: r.kind, subject: r.subject, body: r.body, language: r.language, user: { name: r.name, email: r.email, active: r.active } },
  };
}

function settledOf(d: Pick<SettledDelivery, 'id' | 'eventKey' | 'delegationId'>, status: DeliveryStatus, lastError: string | null): SettledDelivery {
  return { id: d.id, eventKey: d.eventKey, delegationId: d.delegationId, status, lastError };
}
