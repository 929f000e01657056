import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { type AuthUser } from '../../auth/auth-user.js';
import { authorize, Policy } from '../../auth/policy.js';
import { AppError } from '../../common/errors/app-error.js';
import { TransactionService, type Tx } from '../../database/transaction.service.js';
import { createCommitmentsForAdoption } from './commitments/commitments-for-adoption.js';
import { BodiesService } from '../../delegations/bodies.service.js';
import { DelegationEntity } from '../../delegations/delegation.entity.js';
import { CirculationEntity } from '../core/circulation.entity.js';
import { consensusOf } from '../core/consensus.js';
import { PositionEntity } from '../core/position.entity.js';
import { StatementAccess } from '../core/statement-access.js';
import { currentVersionOf } from '../core/current-version.js';
import { StatementEvents } from '../core/statement-events.js';
import { assertTransition } from '../core/statement-lifecycle.js';
import { StatementVersionEntity } from '../core/statement-version.entity.js';
import { AdoptionMethod, CirculationStatus, StatementStatus } from '../core/statement.enums.js';
import { StatementEntity } from '../core/statement.entity.js';
import { type AdoptStatementInput, type WithdrawStatementInput } from './adoption.inputs.js';

/**
 * Adoption and withdrawal. `adoptIn` is the one place a statement becomes ADOPTED, whether a clerk
 * records consensus or silence ends without objection (the deadline job), so the facts, the audit
 * event, the notification and what follows from adoption are the same for both.
 */
@Injectable()
export class AdoptionService {
  constructor(
    private readonly tx: TransactionService,
    private readonly access: StatementAccess,
    private readonly bodies: BodiesService,
    private readonly events: StatementEvents,
  ) {}

  /** Consensus: every member delegation of the body holds SUPPORT or ABSTAIN on the current version. */
  async adopt(actor: AuthUser, input: AdoptStatementInput, now = new Date()): Promise<StatementEntity> {
    authorize(Policy.manageStatements(actor), 'Only clerks adopt statements');
    const statement = await this.tx.mutate(actor, async (tx) => {
      // The row lock also waits for positions being recorded (recordPosition locks it too), so the
      // stances read below are the last word.
      const statement = await this.access.findVisible(actor, input.statementId, tx.em, true);
      if (statement.status === StatementStatus.SILENCE_PROCEDURE) {
        throw AppError.conflict('The statement is under the silence procedure: it is adopted when silence ends, or an objection returns it to CIRCULATED', {
          status: statement.status,
        });
      }
      if (statement.status !== StatementStatus.CIRCULATED) throw AppError.illegalTransition('Statement', statement.status, StatementStatus.ADOPTED);
      const version = await currentVersionOf(tx.em, statement, input.versionId, 'be adopted');

      const memberIds = (await this.bodies.memberIds([statement.bodyId], tx.em)).get(statement.bodyId) ?? [];
      const positions = await tx.em.findBy(PositionEntity, { versionId: version.id, current: true });
      const stances = new Map(positions.map((p) => [p.delegationId, p.stance]));
      const summary = consensusOf(memberIds, stances);
      if (!summary.holds) {
        if (memberIds.length === 0) throw AppError.conflict('The body has no member delegations: there is no consensus to record');
        const delegations = await tx.em.findBy(DelegationEntity, { id: In(summary.outstanding) });
        const outstanding = delegations
          .map((d) => ({ delegationId: d.id, code: d.code, stance: stances.get(d.id) ?? null }))
          .sort((a, b) => a.code.localeCompare(b.code));
        const list = outstanding.map((o) => `${o.code} (${o.stance ?? 'no answer'})`).join(', ');
        throw AppError.conflict(`No consensus on version ${version.number}: not yet agreed by ${list}`, { outstanding });
      }
      return this.adoptIn(tx, statement, version, AdoptionMethod.CONSENSUS, now);
    });
    await this.events.changed(statement.id, 'ADOPTED');
    return statement;
  }

  /**
   * Makes the statement ADOPTED with this version, in the caller's transaction (which holds the
   * statement row's lock): records the facts, closes open circulations (no more reminders), writes
   * the audit event and notifies every delegation concerned.
   */
  async adoptIn(tx: Tx, statement: StatementEntity, version: StatementVersionEntity, method: AdoptionMethod, adoptedAt: Date): Promise<StatementEntity> {
    assertTransition(statement.status, StatementStatus.ADOPTED);
    const before = { status: statement.status };
    statement.status = StatementStatus.ADOPTED;
    statement.adoptedAt = adoptedAt;
    statement.adoptedVersionId = version.id;
    statement.adoptionMethod = method;
    await tx.em.save(statement);
    await this.closeOpenCirculations(tx, statement.id);
    // Each goal of the adopted text becomes a commitment delegations turn into action items.
    await createCommitmentsForAdoption(tx, statement, version);
    tx.audit('statement.adopted', 'Statement', statement.id, {
      before,
      after: { status: statement.status, adoptedAt, adoptedVersionId: version.id, versionNumber: version.number, contentHash: version.contentHash, method },
    });
    tx.enqueue('notify', { event: 'statement.adopted', statementId: statement.id });
    return statement;
  }

  /** Withdrawn from any state before publication, with the reason told to everyone concerned. */
  async withdraw(actor: AuthUser, input: WithdrawStatementInput, now = new Date()): Promise<StatementEntity> {
    authorize(Policy.manageStatements(actor), 'Only clerks withdraw statements');
    const statement = await this.tx.mutate(actor, async (tx) => {
      const statement = await this.access.findVisible(actor, input.statementId, tx.em, true);
      assertTransition(statement.status, StatementStatus.WITHDRAWN);
      const before = { status: statement.status, silenceDeadline: statement.silenceDeadline };
      statement.status = StatementStatus.WITHDRAWN;
      statement.withdrawnAt = now;
      statement.withdrawalReason = input.reason;
      // A running silence procedure ends with it; its deadline job then finds nothing to adopt.
      statement.silenceDeadline = null;
      await tx.em.save(statement);
      await this.closeOpenCirculations(tx, statement.id);
      tx.audit('statement.withdrawn', 'Statement', statement.id, { before, after: { status: statement.status, withdrawnAt: now, reason: input.reason } });
      tx.enqueue('notify', { event: 'statement.withdrawn', statementId: statement.id });
      return statement;
    });
    await this.events.changed(statement.id, 'WITHDRAWN');
    return statement;
  }

  private async closeOpenCirculations(tx: Tx, statementId: string): Promise<void> {
    await tx.em.update(CirculationEntity, { statementId, status: CirculationStatus.OPEN }, { status: CirculationStatus.CLOSED, closedAt: () => 'now()' });
  }
}
