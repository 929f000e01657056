import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type AuthUser } from '../../auth/auth-user.js';
import { authorize, Policy } from '../../auth/policy.js';
import { AppError } from '../../common/errors/app-error.js';
import { enforceListCap } from '../../common/graphql/list-caps.js';
import { TransactionService } from '../../database/transaction.service.js';
import { AmendmentEntity } from '../core/amendment.entity.js';
import { applyAmendments } from '../core/paragraphs.js';
import { assertVersionSize } from '../core/text-limits.js';
import { CirculationRecipientEntity } from '../core/circulation.entity.js';
import { PositionEntity } from '../core/position.entity.js';
import { StatementAccess } from '../core/statement-access.js';
import { StatementEvents } from '../core/statement-events.js';
import { StatementVersionEntity } from '../core/statement-version.entity.js';
import { AmendmentAction, AmendmentDecision, AmendmentStatus, Stance, STANCES_NEEDING_REASON, StatementStatus } from '../core/statement.enums.js';
import { type StatementEntity } from '../core/statement.entity.js';
import { ObjectionHooks } from './objection-hook.js';
import { type DecideAmendmentInput, type ProposeAmendmentInput, type RecordPositionInput, type WithdrawAmendmentInput } from './circulation.inputs.js';

/** Statuses in which delegations still answer on circulated versions. */
const ANSWERABLE: ReadonlySet<StatementStatus> = new Set([StatementStatus.CIRCULATED, StatementStatus.SILENCE_PROCEDURE]);

/**
 * What delegations answer to a circulated version — amendments and positions — and the clerk's
 * decisions on amendments. A delegation answers only for itself, and only on a version that was
 * circulated to it.
 */
@Injectable()
export class AnswersService {
  constructor(
    private readonly tx: TransactionService,
    private readonly access: StatementAccess,
    private readonly events: StatementEvents,
    private readonly silence: ObjectionHooks,
  ) {}

  async propose(actor: AuthUser, input: ProposeAmendmentInput): Promise<AmendmentEntity> {
    const needsText = input.action !== AmendmentAction.DELETE;
    const text = input.text?.normalize('NFC').trim() || null;
    const amendment = await this.tx.mutate(actor, async ({ em, audit }) => {
      const { version } = await this.answerable(em, actor, input.statementId, input.versionId, input.delegationId, 'propose amendments');
      if (!version.paragraphs.some((p) => p.key === input.paragraphKey))
        throw AppError.badInput('paragraphKey', `Version ${version.number} has no paragraph ${input.paragraphKey}`);
      if (needsText && !text) throw AppError.badInput('text', `${input.action} needs the proposed text`);
      if (!needsText && text) throw AppError.badInput('text', 'DELETE takes no text');
      // The version it would make stays within the size a revision may have.
      if (text)
        assertVersionSize(
          applyAmendments(version.paragraphs, [{ id: 'proposed', paragraphKey: input.paragraphKey, action: input.action, text }], 1).paragraphs,
          'text',
        );
      const amendment = em.create(AmendmentEntity, {
        statementId: input.statementId,
        versionId: version.id,
        delegationId: input.delegationId,
        paragraphKey: input.paragraphKey,
        action: input.action,
        text,
        rationale: input.rationale,
        proposedById: actor.id,
      });
      await em.save(amendment);
      await enforceListCap(em, 'Statement.amendments', input.statementId);
      audit('amendment.proposed', 'Amendment', amendment.id, { after: amendment });
      return amendment;
    });
    await this.events.changed(amendment.statementId, 'AMENDMENT');
    return amendment;
  }

  async decide(actor: AuthUser, input: DecideAmendmentInput): Promise<AmendmentEntity> {
    authorize(Policy.manageStatements(actor), 'Only clerks decide on amendments');
    if (input.decision === AmendmentDecision.REJECTED && !input.reason) throw AppError.badInput('reason', 'Give the reason for rejecting');
    const amendment = await this.tx.mutate(actor, async ({ em, audit }) => {
      const amendment = await em.findOne(AmendmentEntity, { where: { id: input.amendmentId }, lock: { mode: 'pessimistic_write' } });
      if (!amendment) throw AppError.notFound('Amendment', input.amendmentId);
      if (amendment.status !== AmendmentStatus.PROPOSED) throw AppError.illegalTransition('Amendment', amendment.status, input.decision);
      const before = { ...amendment };
      amendment.status = input.decision === AmendmentDecision.ACCEPTED ? AmendmentStatus.ACCEPTED : AmendmentStatus.REJECTED;
      amendment.decidedById = actor.id;
      amendment.decidedAt = new Date();
      amendment.decisionReason = input.reason ?? null;
      await em.save(amendment);
      audit('amendment.decided', 'Amendment', amendment.id, { before, after: amendment });
      return amendment;
    });
    await this.events.changed(amendment.statementId, 'AMENDMENT');
    return amendment;
  }

  async withdraw(actor: AuthUser, input: WithdrawAmendmentInput): Promise<AmendmentEntity> {
    const amendment = await this.tx.mutate(actor, async ({ em, audit }) => {
      const amendment = await em.findOne(AmendmentEntity, { where: { id: input.amendmentId }, lock: { mode: 'pessimistic_write' } });
      if (!amendment) throw AppError.notFound('Amendment', input.amendmentId);
      const statement = await this.access.findVisible(actor, amendment.statementId, em).catch(() => null);
      // Someone who may not see the statement, or (on a PUBLIC text) another delegation's amendment, does not see it.
      if (!statement) throw AppError.notFound('Amendment', input.amendmentId);
      authorize(Policy.actForDelegation(actor, amendment.delegationId), 'Only the proposing delegation withdraws its amendment');
      if (amendment.status !== AmendmentStatus.PROPOSED) throw AppError.illegalTransition('Amendment', amendment.status, AmendmentStatus.WITHDRAWN);
      const before = { ...amendment };
      amendment.status = AmendmentStatus.WITHDRAWN;
      await em.save(amendment);
      audit('amendment.withdrawn', 'Amendment', amendment.id, { before, after: amendment });
      return amendment;
    });
    await this.events.changed(amendment.statementId, 'AMENDMENT');
    return amendment;
  }

  /**
   * The delegation's stance on the version; the previous one stays as history. An OBJECTION during
   * a silence procedure on that version breaks silence in this same transaction, under the statement
   * row lock that the deadline job takes too; after the deadline it is refused (SilenceService).
   */
  async recordPosition(actor: AuthUser, input: RecordPositionInput): Promise<PositionEntity> {
    const reason = input.reason || null;
    const objection = input.stance === Stance.OBJECTION;
    let silenceBroken = false;
    const position = await this.tx.mutate(actor, async (tx) => {
      const { em, audit } = tx;
      const { statement, version } = await this.answerable(em, actor, input.statementId, input.versionId, input.delegationId, 'record positions');
      if (STANCES_NEEDING_REASON.has(input.stance) && !reason) throw AppError.badInput('reason', `${input.stance} needs a reason`);
      const silence = objection ? await this.silence.objectionAllowed(em, statement, version.id, input.delegationId) : null;
      // Serialises positions of one delegation on one version; the partial unique index backs it.
      await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`position:${version.id}:${input.delegationId}`]);
      const previous = await em.findOneBy(PositionEntity, { versionId: version.id, delegationId: input.delegationId, current: true });
      if (previous) await em.update(PositionEntity, { id: previous.id }, { current: false });
      const position = em.create(PositionEntity, {
        statementId: input.statementId,
        versionId: version.id,
        delegationId: input.delegationId,
        stance: input.stance,
        reason,
        current: true,
        recordedById: actor.id,
      });
      await em.save(position);
      const broke = silence ? await this.silence.breakSilence(tx, statement, silence, position) : undefined;
      silenceBroken = Boolean(broke);
      audit('position.recorded', 'Position', position.id, { before: previous ?? undefined, after: broke ? { ...position, silenceBroken: broke } : position });
      return position;
    });
    await this.events.changed(position.statementId, silenceBroken ? 'SILENCE' : 'POSITION');
    return position;
  }

  /**
   * A delegation may answer on a version when the reader sees the statement (else NOT_FOUND),
   * belongs to the delegation (else FORBIDDEN), the statement still takes answers and the version was
   * circulated to it (else CONFLICT). The statement row is locked for the rest of the transaction.
   */
  private async answerable(
    em: EntityManager,
    actor: AuthUser,
    statementId: string,
    versionId: string,
    delegationId: string,
    what: string,
  ): Promise<{ statement: StatementEntity; version: StatementVersionEntity }> {
    // Locked so that adoption (which reads the stances under the same lock) never misses an answer.
    const statement = await this.access.findVisible(actor, statementId, em, true);
    authorize(Policy.actForDelegation(actor, delegationId), `You can only ${what} for a delegation you belong to`);
    if (!ANSWERABLE.has(statement.status)) throw AppError.conflict(`A ${statement.status} statement takes no more answers`, { status: statement.status });
    const version = await em.findOneBy(StatementVersionEntity, { id: versionId, statementId });
    if (!version) throw AppError.badInput('versionId', 'No such version of this statement');
    const received = await em
      .createQueryBuilder(CirculationRecipientEntity, 'r')
      .innerJoin('circulations', 'c', 'c.id = r.circulation_id')
      .where('c.version_id = :versionId AND r.delegation_id = :delegationId', { versionId, delegationId })
      .getExists();
    if (!received) throw AppError.conflict(`Version ${version.number} was not circulated to this delegation`, { versionId, delegationId });
    return { statement, version };
  }
}
