import { type EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error.js';

/**
 * The one assignee rule, for creating and changing items: an assignee is an active member of the
 * item's owner delegation (BAD_USER_INPUT naming the field otherwise); no assignee is fine. Loads
 * the memberships of the given assignees once, then checks each item.
 */
export async function assigneeRule(
  em: EntityManager,
  assigneeIds: (string | null | undefined)[],
): Promise<(item: { assigneeId?: string | null; ownerDelegationId: string }, field: string) => void> {
  const ids = [...new Set(assigneeIds.filter((id): id is string => !!id))];
  const rows: { user_id: string; delegation_id: string }[] = ids.length
    ? await em.query(
        'SELECT dm.user_id, dm.delegation_id FROM delegation_memberships dm JOIN users u ON u.id = dm.user_id WHERE u.active AND dm.user_id = ANY($1)',
        [ids],
      )
    : [];
  const members = new Set(rows.map((r) => `${r.user_id}:${r.delegation_id}`));
  return (item, field) => {
    if (item.assigneeId && !members.has(`${item.assigneeId}:${item.ownerDelegationId}`)) {
      throw AppError.badInput(field, 'The assignee must be an active member of the owner delegation');
    }
  };
}
