import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActionItemAccess } from '../../../action-items/action-item-access.js';
import { OPEN_STATUSES } from '../../../action-items/action-item.enums.js';
import { ActionItemEntity } from '../../../action-items/action-item.entity.js';
import { ActionItemsService } from '../../../action-items/action-items.service.js';
import { type AuthUser } from '../../../auth/auth-user.js';
import { authorize, Policy } from '../../../auth/policy.js';
import { AppError } from '../../../common/errors/app-error.js';
import { TransactionService } from '../../../database/transaction.service.js';
import { DelegationEntity } from '../../../delegations/delegation.entity.js';
import { StatementAccess } from '../../core/statement-access.js';
import { type StatementEntity } from '../../core/statement.entity.js';
import { COMMITTABLE, mayCommit } from './commitment-eligibility.js';
import { CommitmentEntity } from './commitment.entity.js';
import { type CommitToGoalInput } from './commitment.inputs.js';

/** One row of the implementation aggregate: a (goal, delegation) pair, or the goal's total (`delegationId` null). */
export interface ImplementationRow {
  statementId: string;
  commitmentId: string;
  delegationId: string | null;
  open: number;
  inProgress: number;
  blocked: number;
  done: number;
  cancelled: number;
  overdue: number;
  total: number;
  lastUpdateAt: Date | null;
}

@Injectable()
export class CommitmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly statements: StatementAccess,
    private readonly actionItems: ActionItemsService,
    private readonly itemAccess: ActionItemAccess,
  ) {}

  /**
   * A delegation turns a goal into its action items, all or none: for an ADOPTED or PUBLISHED
   * statement, by a delegation that may commit (commitment-eligibility.ts), acting through its head or
   * clerk or the secretariat (who create a delegation's action items). The items belong to the
   * commitment only, not to the statement's meeting or agenda item: a meeting's list is capped
   * (ListMax.ACTION_ITEMS_PER_MEETING) and dozens of delegations × goals × actions would exceed it,
   * and the members of the signatory delegations read them through the commitment
   * (ActionItemAccess). Reminders and assignment notices come with them (ActionItemsService.createIn).
   */
  async commitToGoal(actor: AuthUser, input: CommitToGoalInput): Promise<CommitmentEntity> {
    return this.tx.mutate(actor, async (tx) => {
      const { em } = tx;
      const commitment = await em.findOneBy(CommitmentEntity, { id: input.commitmentId });
      if (!commitment) throw AppError.notFound('Commitment', input.commitmentId);
      const statement = await this.statements.findVisible(actor, commitment.statementId, em).catch(() => {
        throw AppError.notFound('Commitment', input.commitmentId);
      });
      // A share lock on the statement row: it cannot be withdrawn meanwhile, and commitments of
      // several delegations still go ahead side by side.
      const [{ status }]: { status: StatementEntity['status'] }[] = await em.query('SELECT status FROM statements WHERE id = $1 FOR SHARE', [statement.id]);
      statement.status = status;
      authorize(
        Policy.coordinateActionItems(actor) || Policy.leadDelegation(actor, input.delegationId),
        'Only organizers, clerks and the head or clerk of the delegation commit it to a goal',
      );
      if (!COMMITTABLE.has(statement.status)) {
        throw AppError.conflict(`The statement is ${statement.status}: its goals can be committed to once it is adopted`, { status: statement.status });
      }
      if (!(await em.existsBy(DelegationEntity, { id: input.delegationId }))) throw AppError.badInput('delegationId', 'No such delegation');
      authorize(await mayCommit(em, statement, input.delegationId), 'Only the delegations that adopted or endorsed the statement commit to its goals');

      const items = await this.actionItems.createIn(
        tx,
        actor,
        input.actions.map((a) => ({ ...a, ownerDelegationId: input.delegationId, meetingId: null, agendaItemId: null, commitmentId: commitment.id })),
        (i) => `actions.${i}.`,
      );
      tx.audit('commitment.committed', 'Commitment', commitment.id, {
        after: {
          statementId: statement.id,
          paragraphKey: commitment.paragraphKey,
          delegationId: input.delegationId,
          items: items.map((i) => ({ id: i.id, reference: i.reference, title: i.title, dueAt: i.dueAt })),
        },
      });
      return commitment;
    });
  }

  /**
   * The implementation report of several statements in ONE aggregate query: per (goal, delegation)
   * and per goal (GROUPING SETS), over the action items the viewer may see.
   */
  async implementation(actor: AuthUser, statementIds: readonly string[], now = new Date()): Promise<ImplementationRow[]> {
    const qb = this.dataSource
      .getRepository(ActionItemEntity)
      .createQueryBuilder('ai')
      .innerJoin(CommitmentEntity, 'c', 'c.id = ai.commitment_id')
      .innerJoin(DelegationEntity, 'd', 'd.id = ai.owner_delegation_id')
      .where('c.statement_id = ANY(:implStatements)', { implStatements: [...statementIds] });
    await this.itemAccess.restrict(qb, 'ai', actor);
    const rows = await qb
      .select('c.statement_id', 'statementId')
      .addSelect('ai.commitment_id', 'commitmentId')
      .addSelect('CASE WHEN GROUPING(ai.owner_delegation_id) = 0 THEN ai.owner_delegation_id END', 'delegationId')
      .addSelect(`count(*) FILTER (WHERE ai.status = ANY(:implOpen))::int`, 'open')
      .addSelect(`count(*) FILTER (WHERE ai.status = 'IN_PROGRESS')::int`, 'inProgress')
      .addSelect(`count(*) FILTER (WHERE ai.status = 'BLOCKED')::int`, 'blocked')
      .addSelect(`count(*) FILTER (WHERE ai.status = 'DONE')::int`, 'done')
      .addSelect(`count(*) FILTER (WHERE ai.status = 'CANCELLED')::int`, 'cancelled')
      .addSelect(`count(*) FILTER (WHERE ai.status = ANY(:implOpen) AND ai.due_at < :implNow)::int`, 'overdue')
      .addSelect('count(*)::int', 'total')
      // Progress notes move the item's updated_at too (ActionItemsService.addUpdate).
      .addSelect('max(ai.updated_at)', 'lastUpdateAt')
      .setParameters({ implOpen: OPEN_STATUSES, implNow: now })
      .groupBy('GROUPING SETS ((c.statement_id, ai.commitment_id, ai.owner_delegation_id, d.code), (c.statement_id, ai.commitment_id))')
      .orderBy('d.code', 'ASC', 'NULLS FIRST')
      .getRawMany<ImplementationRow>();
    return rows;
  }
}
