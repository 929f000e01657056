import { type SelectQueryBuilder } from 'typeorm';
import { type SortKey } from '../common/pagination/paginate.js';
import { ActionItemOrder, OPEN_STATUSES } from './action-item.enums.js';
import { type ActionItemEntity } from './action-item.entity.js';
import { type ActionItemFilter } from './action-item.inputs.js';
import { DelegationEntity } from '../delegations/delegation.entity.js';

const WEEK_MS = 7 * 24 * 3600_000;

/** Sort key of DUE_AT: items without a due date come last; an expression index matches it. */
export const DUE_KEY = (alias: string) => `coalesce(${alias}.due_at, CAST('infinity' AS timestamptz))`;
const TSQUERY = `websearch_to_tsquery('english', :aiSearch)`;

/** Applies the list filter (the same for GraphQL, the summary and the CSV export). */
export function applyFilter(
  qb: SelectQueryBuilder<ActionItemEntity>,
  alias: string,
  filter: ActionItemFilter | undefined,
  now: Date,
): SelectQueryBuilder<ActionItemEntity> {
  if (!filter) return qb;
  if (filter.delegationId) qb.andWhere(`${alias}.owner_delegation_id = :aiDelegation`, { aiDelegation: filter.delegationId });
  if (filter.assigneeId) qb.andWhere(`${alias}.assignee_id = :aiAssignee`, { aiAssignee: filter.assigneeId });
  if (filter.meetingId) qb.andWhere(`${alias}.meeting_id = :aiMeeting`, { aiMeeting: filter.meetingId });
  if (filter.commitmentId) qb.andWhere(`${alias}.commitment_id = :aiCommitment`, { aiCommitment: filter.commitmentId });
  if (filter.status?.length) qb.andWhere(`${alias}.status = ANY(:aiStatus)`, { aiStatus: filter.status });
  // Due-time tests are written on the DUE_AT sort key (null = infinity) so its index answers them.
  if (filter.dueBefore) qb.andWhere(`${DUE_KEY(alias)} < :aiDueBefore`, { aiDueBefore: filter.dueBefore });
  if (filter.dueAfter) qb.andWhere(`(${DUE_KEY(alias)} > :aiDueAfter AND ${alias}.due_at IS NOT NULL)`, { aiDueAfter: filter.dueAfter });
  if (filter.overdue !== undefined && filter.overdue !== null) {
    const overdue = `(${DUE_KEY(alias)} < :aiNow AND ${alias}.status = ANY(:aiOpen))`;
    qb.andWhere(filter.overdue ? overdue : `NOT coalesce(${overdue}, false)`, { aiNow: now, aiOpen: OPEN_STATUSES });
  }
  if (filter.search) {
    // Full text, plus an exact reference typed in (the text parser splits "AI-2012-0042").
    qb.andWhere(`(${alias}.search_vector @@ ${TSQUERY} OR ${alias}.reference = upper(:aiSearch))`, { aiSearch: filter.search });
  }
  return qb;
}

/** How a list is ordered; with a search and no explicit order, by relevance. */
export function sortKey(alias: string, order: ActionItemOrder | undefined, filter: ActionItemFilter | undefined): SortKey {
  const effective = order ?? (filter?.search ? ActionItemOrder.RELEVANCE : ActionItemOrder.DUE_AT);
  switch (effective) {
    case ActionItemOrder.DUE_AT:
      return { expression: DUE_KEY(alias), direction: 'ASC' };
    case ActionItemOrder.UPDATED_AT:
      return { expression: `${alias}.updated_at`, direction: 'DESC' };
    case ActionItemOrder.PRIORITY:
      return { expression: `${alias}.priority`, direction: 'ASC' };
    case ActionItemOrder.RELEVANCE:
      // Without a search there is nothing to rank by: soonest due first.
      return filter?.search
        ? { expression: `ts_rank(${alias}.search_vector, ${TSQUERY})`, direction: 'DESC' }
        : { expression: DUE_KEY(alias), direction: 'ASC' };
  }
}

/** One row of the per-delegation summary (ActionItemsService.summary). */
export interface ActionItemSummaryRow {
  delegationId: string;
  open: number;
  inProgress: number;
  blocked: number;
  done: number;
  cancelled: number;
  total: number;
  overdue: number;
  dueIn7Days: number;
}

/** Per owner delegation of the filtered items: counts by status, overdue, due in the next 7 days. */
export function summarize(qb: SelectQueryBuilder<ActionItemEntity>, now: Date): Promise<ActionItemSummaryRow[]> {
  return qb
    .select('ai.owner_delegation_id', 'delegationId')
    .addSelect(`count(*) FILTER (WHERE ai.status = 'OPEN')::int`, 'open')
    .addSelect(`count(*) FILTER (WHERE ai.status = 'IN_PROGRESS')::int`, 'inProgress')
    .addSelect(`count(*) FILTER (WHERE ai.status = 'BLOCKED')::int`, 'blocked')
    .addSelect(`count(*) FILTER (WHERE ai.status = 'DONE')::int`, 'done')
    .addSelect(`count(*) FILTER (WHERE ai.status = 'CANCELLED')::int`, 'cancelled')
    .addSelect('count(*)::int', 'total')
    .addSelect(`count(*) FILTER (WHERE ai.status = ANY(:sOpen) AND ai.due_at < :sNow)::int`, 'overdue')
    .addSelect(`count(*) FILTER (WHERE ai.status = ANY(:sOpen) AND ai.due_at >= :sNow AND ai.due_at < :sWeek)::int`, 'dueIn7Days')
    .setParameters({ sOpen: OPEN_STATUSES, sNow: now, sWeek: new Date(now.getTime() + WEEK_MS) })
    .innerJoin(DelegationEntity, 'd', 'd.id = ai.owner_delegation_id')
    .groupBy('ai.owner_delegation_id')
    .addGroupBy('d.code')
    .orderBy('d.code')
    .getRawMany<ActionItemSummaryRow>();
}
