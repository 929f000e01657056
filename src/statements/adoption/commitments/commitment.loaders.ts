import { type ActionItemAccess } from '../../../action-items/action-item-access.js';
import { ActionItemEntity } from '../../../action-items/action-item.entity.js';
import { type AuthUser } from '../../../auth/auth-user.js';
import { type Loaders } from '../../../common/loaders/loaders.js';
import { CommitmentEntity } from './commitment.entity.js';
import { type CommitmentsService, type ImplementationRow } from './commitments.service.js';

/** A statement's commitments in goal order, one query per request. */
export const commitmentsLoader = (loaders: Loaders) => loaders.manyBy(CommitmentEntity, 'statementId', { ordinal: 'ASC' });

export interface GoalRows {
  total: ImplementationRow | undefined;
  /** By delegation code. */
  delegations: ImplementationRow[];
}

/** The implementation report of the statements asked for in a request, from one aggregate query (by commitment id). */
export function implementationLoader(loaders: Loaders, service: CommitmentsService, viewer: AuthUser) {
  return loaders.get<string, Map<string, GoalRows>>('commitment.implementation', async (statementIds) => {
    const rows = await service.implementation(viewer, statementIds);
    const byStatement = new Map<string, Map<string, GoalRows>>(statementIds.map((id) => [id, new Map()]));
    for (const row of rows) {
      const goals = byStatement.get(row.statementId)!;
      const goal = goals.get(row.commitmentId) ?? { total: undefined, delegations: [] };
      goals.set(row.commitmentId, goal);
      if (row.delegationId === null) goal.total = row;
      else goal.delegations.push(row);
    }
    return statementIds.map((id) => byStatement.get(id)!);
  });
}

/**
 * The action items of each commitment (of one delegation, or of all) that the viewer may see, soonest
 * due first, at most `max` per commitment: one query per request and delegation asked for.
 */
export function commitmentItemsLoader(loaders: Loaders, access: ActionItemAccess, viewer: AuthUser, delegationId: string | null, max: number) {
  return loaders.get<string, ActionItemEntity[]>(`commitment.actionItems:${delegationId ?? '*'}`, async (commitmentIds) => {
    const ranked = loaders.dataSource
      .getRepository(ActionItemEntity)
      .createQueryBuilder('w')
      .select('w.id', 'id')
      .addSelect(`row_number() OVER (PARTITION BY w.commitment_id ORDER BY coalesce(w.due_at, 'infinity'::timestamptz), w.id)`, 'rn')
      .where('w.commitment_id = ANY(:ciCommitments)', { ciCommitments: [...commitmentIds] });
    if (delegationId) ranked.andWhere('w.owner_delegation_id = :ciDelegation', { ciDelegation: delegationId });
    await access.restrict(ranked, 'w', viewer);
    const items = await loaders.dataSource
      .getRepository(ActionItemEntity)
      .createQueryBuilder('ai')
      .where(`ai.id IN (SELECT ranked.id FROM (${ranked.getQuery()}) ranked WHERE ranked.rn <= :ciMax)`)
      .setParameters({ ...ranked.getParameters(), ciMax: max })
      .orderBy(`coalesce(ai.due_at, 'infinity'::timestamptz)`)
      .addOrderBy('ai.id')
      .getMany();
    const groups = new Map<string, ActionItemEntity[]>(commitmentIds.map((id) => [id, []]));
    for (const item of items) groups.get(item.commitmentId!)?.push(item);
    return commitmentIds.map((id) => groups.get(id) ?? []);
  });
}
