import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { type EntityManager } from 'typeorm';
import { type AuthUser } from '../../auth/auth-user.js';
import { authorize, Policy } from '../../auth/policy.js';
import { AppError } from '../../common/errors/app-error.js';
import { TransactionService, type Tx } from '../../database/transaction.service.js';
import { type JobPayloads } from '../../queues/jobs.js';
import { type JobResult } from '../../queues/queue-processor.js';
import { AdoptionService } from './adoption.service.js';
import { CirculationEntity, CirculationRecipientEntity } from '../core/circulation.entity.js';
import { currentVersionOf } from '../core/current-version.js';
import { CirculationService } from '../circulation/circulation.service.js';
import { ObjectionHooks, type ObjectionHook } from '../circulation/objection-hook.js';
import { PositionEntity } from '../core/position.entity.js';
import { remainingMs, silenceJobId } from './silence-procedure.js';
import { StatementAccess } from '../core/statement-access.js';
import { StatementEvents } from '../core/statement-events.js';
import { assertTransition } from '../core/statement-lifecycle.js';
import { StatementVersionEntity } from '../core/statement-version.entity.js';
import { AdoptionMethod, CirculationPurpose, CirculationStatus, Stance, StatementStatus } from '../core/statement.enums.js';
import { StatementEntity } from '../core/statement.entity.js';
import { type ExtendSilenceDeadlineInput, type LaunchSilenceProcedureInput } from './silence.inputs.js';

/**
 * The silence procedure. The clerk circulates a version under SILENCE to every member delegation
 * with a deadline; an OBJECTION before the deadline breaks silence (statement back to CIRCULATED);
 * at the deadline a job adopts the statement as the system, with `adoptedAt` = the deadline.
 *
 * Who wins at the deadline is decided by the statement row lock and the database clock: an objection
 * locks the row and is accepted only while `clock_timestamp() < silence_deadline`; the job locks the
 * row and adopts only once `silence_deadline <= clock_timestamp()` and the statement is still under
 * that silence. Whichever takes the lock first decides; the other finds the state moved on.
 */
@Injectable()
export class SilenceService implements ObjectionHook, OnModuleInit {
  constructor(
    private readonly tx: TransactionService,
    private readonly access: StatementAccess,
    private readonly circulations: CirculationService,
    private readonly adoption: AdoptionService,
    private readonly events: StatementEvents,
    private readonly objectionHooks: ObjectionHooks,
  ) {}

  /** Objections recorded through circulation's AnswersService reach this service through its hook. */
  onModuleInit(): void {
    this.objectionHooks.provide(this);
  }

  /**
   * From CIRCULATED, or from DRAFTING (the silence circulation is then its first, and a broken
   * silence returns it to CIRCULATED like any circulated text). Only the current version; not while a member
   * delegation's current position on it is an OBJECTION (silence could not hold).
   */
  async launch(actor: AuthUser, input: LaunchSilenceProcedureInput): Promise<StatementEntity> {
    authorize(Policy.manageStatements(actor), 'Only clerks launch the silence procedure');
    const statement = await this.tx.mutate(actor, async (tx) => {
      const { em } = tx;
      const statement = await this.access.findVisible(actor, input.statementId, em, true);
      const before = { status: statement.status, silenceDeadline: statement.silenceDeadline };
      assertTransition(statement.status, StatementStatus.SILENCE_PROCEDURE);
      const version = await currentVersionOf(em, statement, input.versionId, 'go under silence');
      if (!(await this.inFuture(em, input.deadline))) throw AppError.badInput('deadline', 'deadline must be in the future');
      const delegationIds = await this.circulations.memberDelegationIds(statement, em);
      if (delegationIds.length === 0) throw AppError.badInput('statementId', 'The body has no member delegations to keep silence');
      const objecting = await em.find(PositionEntity, {
        select: { delegationId: true },
        where: { versionId: version.id, current: true, stance: Stance.OBJECTION },
      });
      const standing = objecting.filter((p) => delegationIds.includes(p.delegationId)).map((p) => p.delegationId);
      if (standing.length > 0) throw AppError.conflict('Member delegations object to this version: silence cannot hold', { objectingDelegationIds: standing });

      const circulation = await this.circulations.open(tx, actor.id, {
        statement,
        version,
        purpose: CirculationPurpose.SILENCE,
        deadline: input.deadline,
        delegationIds,
      });
      statement.status = StatementStatus.SILENCE_PROCEDURE;
      statement.silenceDeadline = input.deadline;
      await em.save(statement);
      tx.audit('statement.silence-launched', 'Statement', statement.id, {
        before,
        after: { status: statement.status, silenceDeadline: statement.silenceDeadline, circulationId: circulation.id, versionId: version.id, delegationIds },
      });
      this.scheduleConclusion(tx, statement.id, circulation.id, input.deadline);
      return statement;
    });
    await this.events.changed(statement.id, 'SILENCE');
    return statement;
  }

  /** A later deadline, while silence runs and its deadline has not passed; the deadline job moves with it. */
  async extend(actor: AuthUser, input: ExtendSilenceDeadlineInput): Promise<StatementEntity> {
    authorize(Policy.manageStatements(actor), 'Only clerks extend the silence procedure');
    const statement = await this.tx.mutate(actor, async (tx) => {
      const { em } = tx;
      const statement = await this.access.findVisible(actor, input.statementId, em, true);
      if (statement.status !== StatementStatus.SILENCE_PROCEDURE || !statement.silenceDeadline) {
        throw AppError.conflict(`A ${statement.status} statement is not under the silence procedure`, { status: statement.status });
      }
      const current = statement.silenceDeadline;
      if (!(await this.inFuture(em, current)))
        throw AppError.conflict('The silence deadline has passed: it can no longer be extended', { silenceDeadline: current.toISOString() });
      if (input.deadline.getTime() <= current.getTime())
        throw AppError.badInput('deadline', `deadline must be later than the current one (${current.toISOString()})`);
      const circulation = await this.openSilence(em, statement.id);
      const before = { silenceDeadline: current, deadline: circulation.deadline };
      statement.silenceDeadline = input.deadline;
      await em.save(statement);
      circulation.deadline = input.deadline;
      await em.save(circulation);
      tx.audit('statement.silence-extended', 'Statement', statement.id, { before, after: { silenceDeadline: input.deadline, circulationId: circulation.id } });
      // The old job stays: it runs at the old deadline, finds another one and does nothing.
      this.scheduleConclusion(tx, statement.id, circulation.id, input.deadline);
      tx.enqueue('notify', { event: 'statement.silence-extended', circulationId: circulation.id, deadlineEpochMs: input.deadline.getTime() });
      return statement;
    });
    await this.events.changed(statement.id, 'SILENCE');
    return statement;
  }

  /**
   * Called by recordPosition for an OBJECTION, in its transaction, with the statement row locked
   * (before the position is written; an adopted statement takes no answers at all). Returns the
   * running silence circulation the objection breaks, or null when no silence runs on that version.
   * CONFLICT once the deadline has passed by the database clock, whether or not the job has run.
   */
  async objectionAllowed(em: EntityManager, statement: StatementEntity, versionId: string, delegationId: string): Promise<CirculationEntity | null> {
    if (statement.status !== StatementStatus.SILENCE_PROCEDURE || !statement.silenceDeadline) return null;
    const circulation = await this.openSilence(em, statement.id);
    if (circulation.versionId !== versionId) return null;
    if (!(await this.inFuture(em, statement.silenceDeadline))) {
      throw AppError.conflict(`The silence procedure ended at its deadline (${statement.silenceDeadline.toISOString()}): objections are no longer accepted`, {
        silenceDeadline: statement.silenceDeadline.toISOString(),
      });
    }
    // Silence is kept by the delegations it went to (the body's members); nobody else can break it.
    if (!(await em.existsBy(CirculationRecipientEntity, { circulationId: circulation.id, delegationId }))) {
      throw AppError.conflict('Silence runs among the member delegations it was sent to; this delegation cannot break it', { delegationId });
    }
    return circulation;
  }

  /**
   * The objection breaks silence, in the objection's transaction: the circulation BROKEN naming
   * the objection, the statement back to CIRCULATED without deadline, everyone concerned told. The
   * deadline job is left to run: it finds the statement no longer under silence and does nothing.
   * Returns what the caller's audit records.
   */
  async breakSilence(tx: Tx, statement: StatementEntity, circulation: CirculationEntity, objection: PositionEntity): Promise<Record<string, unknown>> {
    const { em } = tx;
    assertTransition(statement.status, StatementStatus.CIRCULATED);
    const deadline = statement.silenceDeadline!;
    circulation.status = CirculationStatus.BROKEN;
    circulation.closedAt = objection.recordedAt;
    circulation.objectionPositionId = objection.id;
    await em.save(circulation);
    statement.status = StatementStatus.CIRCULATED;
    statement.silenceDeadline = null;
    await em.save(statement);
    tx.enqueue('notify', { event: 'statement.silence-broken', circulationId: circulation.id });
    return { circulationId: circulation.id, silenceDeadline: deadline, statementStatus: statement.status };
  }

  /**
   * Job at the deadline: adopts the silence version as the system (audit actor null) with
   * `adoptedAt` = the deadline, unless the state moved on (objection, extension, withdrawal,
   * already adopted: then 'skipped'). Never before the deadline: woken early, it waits again.
   */
  async conclude(data: JobPayloads['concludeSilence'], job?: Job): Promise<JobResult> {
    const outcome = await this.tx.system(async (tx): Promise<JobResult | { earlyByMs: number }> => {
      const { em } = tx;
      const statement = await em.findOne(StatementEntity, { where: { id: data.statementId }, lock: { mode: 'pessimistic_write' } });
      if (!statement || statement.status !== StatementStatus.SILENCE_PROCEDURE || statement.silenceDeadline?.getTime() !== data.deadlineEpochMs)
        return 'skipped';
      const circulation = await em.findOneBy(CirculationEntity, { id: data.circulationId });
      if (!circulation || circulation.purpose !== CirculationPurpose.SILENCE || circulation.status !== CirculationStatus.OPEN) return 'skipped';
      const deadline = statement.silenceDeadline;
      const [{ now }]: { now: Date }[] = await em.query('SELECT clock_timestamp() AS now');
      if (now.getTime() < deadline.getTime()) return { earlyByMs: remainingMs(deadline.getTime(), now.getTime()) };

      const version = await em.findOneByOrFail(StatementVersionEntity, { id: circulation.versionId });
      const before = { ...circulation };
      circulation.status = CirculationStatus.CLOSED;
      circulation.closedAt = deadline;
      await em.save(circulation);
      tx.audit('circulation.closed', 'Circulation', circulation.id, { before, after: circulation });
      await this.adoption.adoptIn(tx, statement, version, AdoptionMethod.SILENCE, deadline);
      return 'done';
    });
    if (typeof outcome === 'object') {
      // Woken before the deadline (clocks of Redis, worker and database differ): wait again, never adopt early.
      if (!job?.token) throw new Error(`concludeSilence woke ${outcome.earlyByMs} ms early`);
      await job.moveToDelayed(Date.now() + outcome.earlyByMs + 1, job.token);
      throw new DelayedError();
    }
    if (outcome === 'done') await this.events.changed(data.statementId, 'ADOPTED');
    return outcome;
  }

  private scheduleConclusion(tx: Tx, statementId: string, circulationId: string, deadline: Date): void {
    tx.enqueue(
      'concludeSilence',
      { statementId, circulationId, deadlineEpochMs: deadline.getTime() },
      { jobId: silenceJobId(circulationId, deadline), runAt: deadline },
    );
  }

  /** The statement's running silence circulation (one at most: a partial unique index). */
  private async openSilence(em: EntityManager, statementId: string): Promise<CirculationEntity> {
    const circulation = await em.findOneBy(CirculationEntity, { statementId, purpose: CirculationPurpose.SILENCE, status: CirculationStatus.OPEN });
    if (!circulation) throw new Error(`Statement ${statementId} is under silence without an open SILENCE circulation`);
    return circulation;
  }

  /** By the database clock, the one the objection and the deadline job compare with. */
  private async inFuture(em: EntityManager, at: Date): Promise<boolean> {
    const [{ ahead }]: { ahead: boolean }[] = await em.query('SELECT $1::timestamptz > clock_timestamp() AS ahead', [at]);
    return ahead;
  }
}
