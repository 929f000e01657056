import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { delegationIdsOf, type AuthUser } from '../auth/auth-user.js';
import { AppError } from '../common/errors/app-error.js';
import { type ConnectionArgs, type ConnectionResult } from '../common/pagination/connection.js';
import { paginate } from '../common/pagination/paginate.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { AgendaItemEntity } from '../meetings/agenda-item.entity.js';
import { MeetingAccess } from '../meetings/meeting-access.js';
import { ActionItemAccess } from './action-item-access.js';
import { assertTransition, requiresNote } from './action-item-lifecycle.js';
import { type ActionItemSummaryRow, applyFilter, DUE_KEY, sortKey, summarize } from './action-item-query.js';
import { assigneeRule } from './assignee-rule.js';
import { nextReferences } from './action-item-reference.js';
import { ActionItemRemindersService } from './action-item-reminders.service.js';
import { ActionItemPriority, ActionItemStatus, ActionItemUpdateKind, OPEN_STATUSES, type ActionItemOrder } from './action-item.enums.js';
import { ActionItemEntity } from './action-item.entity.js';
import {
  type ActionItemFilter,
  type AddActionItemUpdateInput,
  type CreateActionItemInput,
  type SetActionItemStatusInput,
  type UpdateActionItemInput,
} from './action-item.inputs.js';
import { appendHistory } from './action-item-history.js';
import { ActionItemUpdateEntity } from './action-item-update.entity.js';
import { enforceListCaps } from '../common/graphql/list-caps.js';

const EDITABLE = ['title', 'description', 'assigneeId', 'dueAt', 'priority'] as const;

/** What createIn takes: the GraphQL input plus origins only other features set (not client-writable). */
export type ActionItemDraft = CreateActionItemInput & { commitmentId?: string | null };

const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : (a ?? null) === (b ?? null));

@Injectable()
export class ActionItemsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly access: ActionItemAccess,
    private readonly meetings: MeetingAccess,
    private readonly reminders: ActionItemRemindersService,
  ) {}

  findVisible(actor: AuthUser, id: string): Promise<ActionItemEntity> {
    return this.access.findVisible(actor, id);
  }

  async create(actor: AuthUser, input: CreateActionItemInput): Promise<ActionItemEntity> {
    return this.tx.mutate(actor, async (tx) => {
      const [item] = await this.createIn(tx, actor, [input], () => '');
      tx.audit('action-item.created', 'ActionItem', item.id, { after: item });
      return item;
    });
  }

  /** Many items, all or none; a refusal names the item (`items.3.assigneeId`). */
  async createMany(actor: AuthUser, inputs: CreateActionItemInput[]): Promise<ActionItemEntity[]> {
    return this.tx.mutate(actor, async (tx) => {
      const items = await this.createIn(tx, actor, inputs);
      tx.audit('action-items.created', 'ActionItem', items[0].id, {
        after: { count: items.length, items: items.map((i) => ({ id: i.id, reference: i.reference, ownerDelegationId: i.ownerDelegationId, title: i.title })) },
      });
      return items;
    });
  }

  /**
   * Creates items inside the caller's unit of work (e.g. a statement's commitments becoming
   * action items): checks every item before writing any, writes their history, reminders and
   * assignment notifications; the caller records the audit event.
   */
  async createIn(
    tx: Tx,
    actor: AuthUser,
    inputs: ActionItemDraft[],
    fieldPrefix: (index: number) => string = (i) => `items.${i}.`,
  ): Promise<ActionItemEntity[]> {
    const { em } = tx;
    const delegationIds = [...new Set(inputs.map((i) => i.ownerDelegationId))];
    const existing = new Set((await em.findBy(DelegationEntity, { id: In(delegationIds) })).map((d) => d.id));
    const assertAssignable = await assigneeRule(
      em,
      inputs.map((i) => i.assigneeId),
    );
    const agendaIds = inputs.map((i) => i.agendaItemId).filter((id): id is string => !!id);
    const agenda = new Map((agendaIds.length ? await em.findBy(AgendaItemEntity, { id: In(agendaIds) }) : []).map((a) => [a.id, a]));
    const meetingIds = [...new Set([...inputs.map((i) => i.meetingId), ...[...agenda.values()].map((a) => a.meetingId)].filter((id): id is string => !!id))];
    const visibleMeetings = new Set(
      meetingIds.length
        ? (
            await this.meetings
              .restrict(em.createQueryBuilder().select('m.id', 'id').from('meetings', 'm').where('m.id = ANY(:ids)', { ids: meetingIds }), 'm', actor)
              .getRawMany<{ id: string }>()
          ).map((r) => r.id)
        : [],
    );

    const now = new Date();
    const rows = inputs.map((input, index) => {
      const f = (name: string) => `${fieldPrefix(index)}${name}`;
      if (!existing.has(input.ownerDelegationId)) throw AppError.badInput(f('ownerDelegationId'), 'No such delegation');
      this.access.assertMayCreate(actor, input.ownerDelegationId);
      assertAssignable(input, f('assigneeId'));
      let meetingId = input.meetingId ?? null;
      if (meetingId && !visibleMeetings.has(meetingId)) throw AppError.badInput(f('meetingId'), 'No such meeting');
      if (input.agendaItemId) {
        // An agenda item of a meeting the actor may not read is as unknown as a missing one.
        const item = agenda.get(input.agendaItemId);
        if (!item || !visibleMeetings.has(item.meetingId) || (meetingId && item.meetingId !== meetingId)) {
          throw AppError.badInput(f('agendaItemId'), 'The agenda item must belong to the meeting');
        }
        meetingId = item.meetingId;
      }
      return em.create(ActionItemEntity, {
        title: input.title,
        description: input.description ?? null,
        ownerDelegationId: input.ownerDelegationId,
        assigneeId: input.assigneeId ?? null,
        dueAt: input.dueAt ?? null,
        priority: input.priority ?? ActionItemPriority.NORMAL,
        status: ActionItemStatus.OPEN,
        meetingId,
        agendaItemId: input.agendaItemId ?? null,
        commitmentId: input.commitmentId ?? null,
        createdById: actor.id,
        completedAt: null,
      });
    });
    const references = await nextReferences(em, now.getUTCFullYear(), rows.length);
    rows.forEach((row, i) => (row.reference = references[i]));
    await em.insert(ActionItemEntity, rows);
    await enforceListCaps(
      em,
      'Meeting.actionItems',
      rows.map((r) => r.meetingId).filter((id): id is string => !!id),
    );
    await em.insert(
      ActionItemUpdateEntity,
      rows.map((item) => ({
        actionItemId: item.id,
        authorId: actor.id,
        kind: ActionItemUpdateKind.CREATED,
        text: `Created ${item.reference}: ${item.title}`,
        changes: null,
      })),
    );
    for (const item of rows) {
      this.reminders.schedule(tx, item, now);
      this.notifyAssignee(tx, actor, item);
    }
    return rows;
  }

  /** Changes fields; the client sends the version it saw, and a stale one changes nothing. */
  async update(actor: AuthUser, input: UpdateActionItemInput): Promise<ActionItemEntity> {
    return this.tx.mutate(actor, async (tx) => {
      const { em } = tx;
      const item = await this.access.findVisible(actor, input.actionItemId, em, true);
      this.access.assertMayEdit(actor, item);
      if (item.version !== input.version) throw AppError.staleVersion('Action item', input.version, item.version);
      const before = { ...item };

      (await assigneeRule(em, [input.assigneeId]))({ assigneeId: input.assigneeId, ownerDelegationId: item.ownerDelegationId }, 'assigneeId');
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      for (const field of EDITABLE) {
        const value = input[field];
        if (value === undefined || (value === null && (field === 'title' || field === 'priority'))) continue;
        if (same(item[field], value)) continue;
        changes[field] = { before: item[field], after: value };
        (item as unknown as Record<string, unknown>)[field] = value;
      }
      const changed = Object.keys(changes);
      if (changed.length > 0) {
        await em.save(item);
        await appendHistory(em, {
          actionItemId: item.id,
          authorId: actor.id,
          kind: ActionItemUpdateKind.CHANGED,
          text: `Changed ${changed.join(', ')}`,
          changes,
        });
        this.reminders.reschedule(tx, before, item);
        if ('assigneeId' in changes) this.notifyAssignee(tx, actor, item);
      }
      tx.audit('action-item.updated', 'ActionItem', item.id, { before, after: item });
      return item;
    });
  }

  async setStatus(actor: AuthUser, input: SetActionItemStatusInput): Promise<ActionItemEntity> {
    return this.tx.mutate(actor, async (tx) => {
      const { em } = tx;
      const item = await this.access.findVisible(actor, input.actionItemId, em, true);
      this.access.assertMayEdit(actor, item);
      if (input.status === ActionItemStatus.CANCELLED) this.access.assertMayCancel(actor, item);
      assertTransition(item.status, input.status);
      if (requiresNote(input.status) && !input.note) throw AppError.badInput('note', `A note is required to set ${input.status}`);
      const before = { ...item };
      item.status = input.status;
      item.completedAt = input.status === ActionItemStatus.DONE ? new Date() : null;
      await em.save(item);
      await appendHistory(em, {
        actionItemId: item.id,
        authorId: actor.id,
        kind: ActionItemUpdateKind.STATUS,
        text: input.note ? `${before.status} → ${item.status}: ${input.note}` : `${before.status} → ${item.status}`,
        changes: { status: { before: before.status, after: item.status } },
      });
      tx.audit('action-item.status-changed', 'ActionItem', item.id, { before, after: item });
      this.reminders.reschedule(tx, before, item);
      return item;
    });
  }

  /** A progress note: history only; the item's fields and version stay, its updatedAt moves. */
  async addUpdate(actor: AuthUser, input: AddActionItemUpdateInput): Promise<ActionItemEntity> {
    return this.tx.mutate(actor, async (tx) => {
      const { em } = tx;
      const item = await this.access.findVisible(actor, input.actionItemId, em, true);
      this.access.assertMayEdit(actor, item);
      const percentComplete = input.percentComplete ?? null;
      const [updateId] = await appendHistory(em, {
        actionItemId: item.id,
        authorId: actor.id,
        kind: ActionItemUpdateKind.NOTE,
        text: input.note,
        percentComplete,
      });
      const [[touched]] = await em.query<[{ updated_at: Date }[], number]>('UPDATE action_items SET updated_at = now() WHERE id = $1 RETURNING updated_at', [
        item.id,
      ]);
      item.updatedAt = touched.updated_at;
      tx.audit('action-item.progress-noted', 'ActionItem', item.id, { after: { note: input.note, percentComplete, updateId } });
      return item;
    });
  }

  async list(
    actor: AuthUser,
    filter: ActionItemFilter | undefined,
    order: ActionItemOrder | undefined,
    args: ConnectionArgs,
  ): Promise<ConnectionResult<ActionItemEntity>> {
    const qb = await this.query(actor, filter);
    return paginate(qb, args, sortKey('ai', order, filter));
  }

  /** Assigned to me or owned by my delegations, still to do, soonest due first. */
  mine(actor: AuthUser, args: ConnectionArgs): Promise<ConnectionResult<ActionItemEntity>> {
    const qb = this.dataSource
      .getRepository(ActionItemEntity)
      .createQueryBuilder('ai')
      .where('ai.status = ANY(:open)', { open: OPEN_STATUSES })
      .andWhere('(ai.assignee_id = :me OR ai.owner_delegation_id = ANY(:mine))', { me: actor.id, mine: delegationIdsOf(actor) });
    return paginate(qb, args, { expression: DUE_KEY('ai'), direction: 'ASC' });
  }

  /** Per owner delegation: counts by status, overdue, due in the next 7 days — of visible items only. */
  async summary(actor: AuthUser, filter: ActionItemFilter | undefined): Promise<ActionItemSummaryRow[]> {
    const now = new Date();
    return summarize(await this.query(actor, filter, now), now);
  }

  /** Every visible item matching the filter, page by page (for the CSV export). */
  async *all(actor: AuthUser, filter: ActionItemFilter | undefined, order: ActionItemOrder | undefined, pageSize = 500): AsyncGenerator<ActionItemEntity[]> {
    const qb = await this.query(actor, filter);
    const sort = sortKey('ai', order, filter);
    let after: string | null = null;
    for (;;) {
      const page: ConnectionResult<ActionItemEntity> = await paginate(qb, { first: pageSize, after }, sort);
      if (page.edges.length) yield page.edges.map((e) => e.node);
      if (!page.pageInfo.hasNextPage) return;
      after = page.pageInfo.endCursor;
    }
  }

  private async query(actor: AuthUser, filter: ActionItemFilter | undefined, now = new Date()) {
    const qb = this.dataSource.getRepository(ActionItemEntity).createQueryBuilder('ai');
    return applyFilter(await this.access.restrict(qb, 'ai', actor), 'ai', filter, now);
  }

  private notifyAssignee(tx: Tx, actor: AuthUser, item: ActionItemEntity): void {
    if (!item.assigneeId || item.assigneeId === actor.id) return;
    tx.enqueue(
      'notify',
      { event: 'action-item.assigned', actionItemId: item.id, assigneeId: item.assigneeId, version: item.version },
      { jobId: `action-item-assigned-${item.id}-${item.version}` },
    );
  }
}
