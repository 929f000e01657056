import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type Job } from 'bullmq';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type AuthUser } from '../../auth/auth-user.js';
import { authorize, Policy } from '../../auth/policy.js';
import { AppError } from '../../common/errors/app-error.js';
import { enforceListCap } from '../../common/graphql/list-caps.js';
import { AppConfig } from '../../config/app-config.js';
import { TransactionService, type Tx } from '../../database/transaction.service.js';
import { BodiesService } from '../../delegations/bodies.service.js';
import { DelegationEntity } from '../../delegations/delegation.entity.js';
import { DeliveryService, type SettledDelivery } from '../../notifications/delivery.service.js';
import { DeliveryStatus } from '../../notifications/notification-kind.enum.js';
import { NotificationPublisher } from '../../notifications/notification-publisher.js';
import { type JobPayloads } from '../../queues/jobs.js';
import { type JobResult } from '../../queues/queue-processor.js';
import { circulationCloseJobId, circulationReminderJobId, recipientBatchJobs, reminderTimes } from './circulation-reminders.js';
import { circulationSettleHandler, type CirculationDeliverySubject, failRecipient, settleRecipients } from './circulation-delivery.js';
import { CirculationEntity, CirculationRecipientEntity } from '../core/circulation.entity.js';
import { currentVersionOf } from '../core/current-version.js';
import { StatementAccess } from '../core/statement-access.js';
import { StatementEvents } from '../core/statement-events.js';
import { StatementVersionEntity } from '../core/statement-version.entity.js';
import { StatementEntity } from '../core/statement.entity.js';
import { CirculationPurpose, CirculationStatus, RecipientStatus, StatementClassification, StatementStatus } from '../core/statement.enums.js';
import { type AcknowledgeCirculationInput, type CirculateStatementInput } from './circulation.inputs.js';
import { type CirculatedRecipient, StatementNotifications } from './statement.notifications.js';
import { unansweredDelegations } from './unanswered.js';

const CIRCULABLE: ReadonlySet<StatementStatus> = new Set([StatementStatus.DRAFTING, StatementStatus.CIRCULATED]);

/**
 * Circulation: the mutation records the circulation and one QUEUED recipient per delegation, and
 * through the outbox one delivery job per batch of recipients (deterministic ids, so a re-run adds
 * nothing), reminder jobs and a closing job. A recipient's job writes its notifications through the delivery pipeline
 * (NotificationPublisher: in-app at once, a `deliver` job per webhook call) and sends its members'
 * e-mails itself, together (several e-mails per job, each still one delivery row); the pipeline
 * tells this service when each delivery has settled, and the recipient is DELIVERED once all have
 * gone out, FAILED when one failed for good.
 */
@Injectable()
export class CirculationService implements OnModuleInit {
  private readonly log = new Logger('Circulation');

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly access: StatementAccess,
    private readonly bodies: BodiesService,
    private readonly events: StatementEvents,
    private readonly composer: StatementNotifications,
    private readonly publisher: NotificationPublisher,
    private readonly deliveries: DeliveryService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.deliveries.onSettled(circulationSettleHandler((items) => this.deliveriesSettled(items)));
  }

  async circulate(actor: AuthUser, input: CirculateStatementInput, now = new Date()): Promise<CirculationEntity> {
    authorize(Policy.manageStatements(actor), 'Only clerks circulate statements');
    if (input.purpose === CirculationPurpose.SILENCE) throw AppError.badInput('purpose', 'The silence procedure is launched with launchSilenceProcedure');
    if (input.deadline && input.deadline.getTime() <= now.getTime()) throw AppError.badInput('deadline', 'deadline must be in the future');
    const circulation = await this.tx.mutate(actor, async (tx) => {
      const { em } = tx;
      const statement = await this.access.findVisible(actor, input.statementId, em, true);
      if (!CIRCULABLE.has(statement.status)) throw AppError.conflict(`A ${statement.status} statement cannot be circulated`, { status: statement.status });
      const version = await currentVersionOf(em, statement, input.versionId, 'be circulated');

      let delegationIds: string[];
      if (input.delegationIds) {
        delegationIds = [...new Set(input.delegationIds)];
        if ((await em.countBy(DelegationEntity, { id: In(delegationIds) })) !== delegationIds.length)
          throw AppError.badInput('delegationIds', 'Some delegations do not exist');
      } else {
        if (statement.classification === StatementClassification.RESTRICTED)
          throw AppError.badInput('delegationIds', 'A RESTRICTED statement goes only to the delegations you name');
        delegationIds = await this.memberDelegationIds(statement, em);
        if (delegationIds.length === 0) throw AppError.badInput('delegationIds', 'The body has no member delegations; name the recipients');
      }

      const circulation = await this.open(tx, actor.id, { statement, version, purpose: input.purpose, deadline: input.deadline ?? null, delegationIds });
      const before = { status: statement.status };
      if (statement.status === StatementStatus.DRAFTING) {
        statement.status = StatementStatus.CIRCULATED;
        // The row is locked and known: an UPDATE (with the version and updated_at), not save()'s re-read.
        await em.update(StatementEntity, { id: statement.id }, { status: statement.status });
      }
      tx.audit('statement.circulated', 'Statement', statement.id, {
        before,
        after: {
          status: statement.status,
          circulationId: circulation.id,
          versionId: version.id,
          purpose: circulation.purpose,
          deadline: circulation.deadline,
          delegationIds,
        },
      });
      this.scheduleDeadline(tx, circulation, now);
      return circulation;
    });
    await this.events.changed(circulation.statementId, 'CIRCULATED');
    return circulation;
  }

  /** The body's member delegations: the default recipients, and those of a silence procedure. */
  async memberDelegationIds(statement: Pick<StatementEntity, 'bodyId'>, em: EntityManager): Promise<string[]> {
    return (await this.bodies.memberIds([statement.bodyId], em)).get(statement.bodyId) ?? [];
  }

  /**
   * The one way a circulation is created (circulateStatement and the silence procedure): the
   * circulation, one QUEUED recipient per delegation, and one delivery job per batch of recipients,
   * in the caller's transaction. The caller checks the statement and version, moves the status and audits.
   */
  async open(
    tx: Tx,
    createdById: string | null,
    input: { statement: StatementEntity; version: StatementVersionEntity; purpose: CirculationPurpose; deadline: Date | null; delegationIds: string[] },
  ): Promise<CirculationEntity> {
    const { em } = tx;
    const circulation = em.create(CirculationEntity, {
      statementId: input.statement.id,
      versionId: input.version.id,
      purpose: input.purpose,
      deadline: input.deadline,
      createdById,
    });
    await em.save(circulation);
    await enforceListCap(em, 'Statement.circulations', input.statement.id);
    // One row per delegation from one array parameter (TypeORM's insert writes 11 parameters per row).
    const inserted: { id: string }[] = await em.query(
      `INSERT INTO circulation_recipients (circulation_id, delegation_id) SELECT $1, unnest($2::uuid[]) RETURNING id`,
      [circulation.id, input.delegationIds],
    );
    // The delivery jobs at once, batched as fanOut would (same ids), not after a fan-out job's own trip through the outbox.
    const recipients = inserted.map((r) => ({ id: r.id, status: RecipientStatus.QUEUED })).sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const b of recipientBatchJobs(circulation.id, recipients)) tx.enqueue('deliverCirculation', b.data, { jobId: b.jobId });
    return circulation;
  }

  /** Reminders before the deadline and the closing at it, as delayed jobs with deterministic ids. */
  private scheduleDeadline(tx: Tx, circulation: CirculationEntity, now: Date): void {
    if (!circulation.deadline) return;
    const deadlineEpochMs = circulation.deadline.getTime();
    for (const r of reminderTimes(circulation.deadline, this.config.circulationReminderOffsetsMs, now)) {
      tx.enqueue(
        'circulationReminder',
        { circulationId: circulation.id, offsetMs: r.offsetMs, deadlineEpochMs },
        { jobId: circulationReminderJobId(circulation.id, r.offsetMs, circulation.deadline), runAt: r.at },
      );
    }
    tx.enqueue(
      'closeCirculation',
      { circulationId: circulation.id, deadlineEpochMs },
      { jobId: circulationCloseJobId(circulation.id, circulation.deadline), runAt: circulation.deadline },
    );
  }

  /** Any member of the recipient delegation acknowledges receipt; again is a no-op with the first time kept. */
  async acknowledge(actor: AuthUser, input: AcknowledgeCirculationInput): Promise<CirculationRecipientEntity> {
    let changed = false;
    const recipient = await this.tx.mutate(actor, async ({ em, audit }) => {
      const circulation = await em.findOneBy(CirculationEntity, { id: input.circulationId });
      if (!circulation) throw AppError.notFound('Circulation', input.circulationId);
      // Hidden statement: the circulation does not exist for this reader.
      await this.access.findVisible(actor, circulation.statementId, em).catch(() => {
        throw AppError.notFound('Circulation', input.circulationId);
      });
      authorize(Policy.actForDelegation(actor, input.delegationId), 'You can only acknowledge for a delegation you belong to');
      const recipient = await em.findOne(CirculationRecipientEntity, {
        where: { circulationId: circulation.id, delegationId: input.delegationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!recipient) throw AppError.badInput('delegationId', 'The circulation was not sent to this delegation');
      const before = { ...recipient };
      if (!recipient.acknowledgedAt) {
        changed = true;
        recipient.acknowledgedAt = new Date();
        recipient.acknowledgedById = actor.id;
        // A FAILED delivery that the delegation nonetheless received counts as answered.
        recipient.status = RecipientStatus.ACKNOWLEDGED;
        await em.save(recipient);
      }
      audit(changed ? 'circulation.acknowledged' : 'circulation.acknowledged-again', 'CirculationRecipient', recipient.id, { before, after: recipient });
      return recipient;
    });
    if (changed)
      await this.events.changed(
        (await this.dataSource.getRepository(CirculationEntity).findOneByOrFail({ id: recipient.circulationId })).statementId,
        'ACKNOWLEDGED',
      );
    return recipient;
  }

  /**
   * Job (queued by circulations created before `open` enqueued the batches itself, and kept as the way
   * to re-drive one): one delivery job per batch of recipients still QUEUED (recipientBatchJobs;
   * deterministic ids: a re-run adds nothing).
   */
  async fanOut({ circulationId }: JobPayloads['circulate']): Promise<JobResult> {
    return this.tx.system(async ({ em, enqueue }) => {
      const all = await em.find(CirculationRecipientEntity, { select: { id: true, status: true }, where: { circulationId }, order: { id: 'ASC' } });
      const batches = recipientBatchJobs(circulationId, all);
      for (const b of batches) enqueue('deliverCirculation', b.data, { jobId: b.jobId });
      return batches.length > 0 ? 'done' : 'skipped';
    });
  }

  /**
   * Job: a batch of recipient delegations (`recipientId`: one, as jobs queued before batching carry):
   * their notifications (audience read once) in one transaction through the delivery pipeline (in-app
   * at once, a `deliver` job per webhook call), their members' e-mails sent here under one claim
   * (DeliveryService.deliverEmailsOf: a retry sends only those not recorded SENT). Each recipient is
   * DELIVERED when the last of its own deliveries has gone out (deliveriesSettled), at once when there
   * is nothing external.
   */
  async deliver(data: JobPayloads['deliverCirculation'], job?: Job): Promise<JobResult> {
    const recipientIds = 'recipientIds' in data ? data.recipientIds : [data.recipientId];
    const lastAttempt = () => !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    let composed: CirculatedRecipient[] | null = null;
    let published: CirculationDeliverySubject[] = [];
    try {
      composed = await this.composer.circulatedMany(recipientIds);
      const messages = composed.flatMap((c) => (c.message ? [c.message] : []));
      if (messages.length === 0) return 'skipped'; // gone, or already DELIVERED or FAILED
      await this.publisher.publish(messages, { emailsInline: true });
      published = composed.filter((c) => c.message).map((c) => c.recipient);
      const { byEventKey } = await this.deliveries.deliverEmailsOf(
        messages.map((m) => m.eventKey),
        lastAttempt,
      );
      const withoutEmails = composed.filter((c) => c.message && !byEventKey.has(c.message.eventKey)).map((c) => c.recipient);
      await this.settle(withoutEmails); // the others were settled as their e-mails settled (deliveriesSettled)
      return 'done';
    } catch (error) {
      // Its notices written, a recipient whose own deliveries all went out is DELIVERED whatever another's e-mail did.
      await this.settle(published).catch(() => undefined);
      if (lastAttempt()) {
        const recipients =
          composed?.map((c) => c.recipient) ?? (await this.dataSource.getRepository(CirculationRecipientEntity).findBy({ id: In(recipientIds) }));
        // Only those still QUEUED become FAILED: the batch's delivered ones stay DELIVERED.
        for (const r of recipients) await this.fail(r.circulationId, r.delegationId, error instanceof Error ? error.message : String(error));
      }
      throw error;
    }
  }

  /** Listener of the delivery pipeline: circulation deliveries went out (or failed for good); the delivered ones settled in one statement. */
  async deliveriesSettled(items: { subject: CirculationDeliverySubject; delivery: SettledDelivery }[]): Promise<void> {
    for (const { subject, delivery } of items) {
      if (delivery.status === DeliveryStatus.FAILED) await this.fail(subject.circulationId, subject.delegationId, delivery.lastError ?? 'a delivery failed');
    }
    await this.settle(items.filter((i) => i.delivery.status !== DeliveryStatus.FAILED).map((i) => i.subject));
  }

  /** DELIVERED (once) for each recipient none of whose deliveries is still pending or failed; in one statement. */
  private async settle(recipients: readonly CirculationDeliverySubject[]): Promise<void> {
    for (const statementId of await settleRecipients(this.dataSource, recipients)) await this.events.changed(statementId, 'DELIVERY');
  }

  /** FAILED: a delivery to the recipient failed for good (after its retries, or refused). */
  private async fail(circulationId: string, delegationId: string, reason: string): Promise<void> {
    const statementId = await failRecipient(this.dataSource, { circulationId, delegationId }, reason);
    if (!statementId) return;
    this.log.warn(`Circulation ${circulationId} to delegation ${delegationId} FAILED: ${reason}`);
    await this.events.changed(statementId, 'DELIVERY');
  }

  /** Job: remind the recipients that have not answered (acknowledged; for COMMENTS: recorded a position). */
  async remind(data: JobPayloads['circulationReminder']): Promise<JobResult> {
    const circulation = await this.dataSource.getRepository(CirculationEntity).findOneBy({ id: data.circulationId });
    if (!circulation || circulation.status !== CirculationStatus.OPEN || circulation.deadline?.getTime() !== data.deadlineEpochMs) return 'skipped';
    if (Date.now() >= data.deadlineEpochMs) return 'skipped';
    const silent = await unansweredDelegations(this.dataSource, circulation);
    const message = await this.composer.reminder(circulation.id, data.offsetMs, silent);
    if (!message) return 'skipped';
    const { notifications } = await this.publisher.publish(message);
    return notifications > 0 ? 'done' : 'skipped';
  }

  /** Job: the deadline has come; later answers are kept and shown late. */
  async close(data: JobPayloads['closeCirculation']): Promise<JobResult> {
    const closed = await this.tx.system(async ({ em, audit }) => {
      const circulation = await em.findOne(CirculationEntity, { where: { id: data.circulationId }, lock: { mode: 'pessimistic_write' } });
      if (!circulation || circulation.status !== CirculationStatus.OPEN || circulation.deadline?.getTime() !== data.deadlineEpochMs) return null;
      const before = { ...circulation };
      circulation.status = CirculationStatus.CLOSED;
      circulation.closedAt = new Date();
      await em.save(circulation);
      audit('circulation.closed', 'Circulation', circulation.id, { before, after: circulation });
      return circulation;
    });
    if (!closed) return 'skipped';
    await this.events.changed(closed.statementId, 'CLOSED');
    return 'done';
  }
}
