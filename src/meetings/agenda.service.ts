import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type AuthUser } from '../auth/auth-user.js';
import { authorize, Policy } from '../auth/policy.js';
import { AppError } from '../common/errors/app-error.js';
import { TransactionService } from '../database/transaction.service.js';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { AgendaItemEntity } from './agenda-item.entity.js';
import { isEditable } from './meeting-lifecycle.js';
import { MeetingStatus } from './meeting.enums.js';
import { type AddAgendaItemInput, type MoveAgendaItemInput, type UpdateAgendaItemInput } from './meeting.inputs.js';
import { lockMeeting } from './meetings.service.js';
import { enforceListCap } from '../common/graphql/list-caps.js';

const clamp = (n: number, min: number, max: number) => Math.min(Math.max(n, min), max);

/**
 * Agenda items keep positions 1..n without gaps or duplicates. Every change locks the meeting row
 * first, so concurrent edits of one agenda run one after another; the (meeting, position) unique
 * constraint is deferred to the commit, so rows can be shifted in place.
 */
@Injectable()
export class AgendaService {
  constructor(private readonly tx: TransactionService) {}

  async add(actor: AuthUser, input: AddAgendaItemInput): Promise<AgendaItemEntity> {
    authorize(Policy.manageMeetings(actor), 'Only organizers edit agendas');
    return this.tx.mutate(actor, async ({ em, audit }) => {
      const meeting = await lockMeeting(em, input.meetingId);
      if (!isEditable(meeting.status)) throw AppError.conflict(`The agenda of a ${meeting.status} meeting is closed`, { status: meeting.status });
      await this.assertDelegation(em, input.leadDelegationId);
      const count = await em.countBy(AgendaItemEntity, { meetingId: meeting.id });
      const position = clamp(input.position ?? count + 1, 1, count + 1);
      await em
        .createQueryBuilder()
        .update(AgendaItemEntity)
        .set({ position: () => 'position + 1' })
        .where('meeting_id = :m AND position >= :p', { m: meeting.id, p: position })
        .execute();
      const item = em.create(AgendaItemEntity, {
        meetingId: meeting.id,
        position,
        title: input.title,
        kind: input.kind,
        description: input.description ?? null,
        leadDelegationId: input.leadDelegationId ?? null,
      });
      await em.insert(AgendaItemEntity, item);
      await enforceListCap(em, 'Meeting.agenda', meeting.id);
      audit('agenda-item.added', 'AgendaItem', item.id, { after: item });
      return item;
    });
  }

  async update(actor: AuthUser, input: UpdateAgendaItemInput): Promise<AgendaItemEntity> {
    authorize(Policy.manageMeetings(actor), 'Only organizers edit agendas');
    return this.tx.mutate(actor, async ({ em, audit }) => {
      const item = await this.lockItem(em, input.agendaItemId, 'content');
      const before = { ...item };
      if (input.title !== undefined) item.title = input.title;
      if (input.kind !== undefined) item.kind = input.kind;
      if (input.description !== undefined) item.description = input.description;
      if (input.outcome !== undefined) item.outcome = input.outcome;
      if (input.leadDelegationId !== undefined) {
        await this.assertDelegation(em, input.leadDelegationId);
        item.leadDelegationId = input.leadDelegationId;
      }
      await em.save(item);
      audit('agenda-item.updated', 'AgendaItem', item.id, { before, after: item });
      return item;
    });
  }

  async move(actor: AuthUser, input: MoveAgendaItemInput): Promise<AgendaItemEntity> {
    authorize(Policy.manageMeetings(actor), 'Only organizers edit agendas');
    return this.tx.mutate(actor, async ({ em, audit }) => {
      const current = await this.lockItem(em, input.agendaItemId, 'order');
      const count = await em.countBy(AgendaItemEntity, { meetingId: current.meetingId });
      const from = current.position;
      const to = clamp(input.position, 1, count);
      if (to !== from) {
        const [lo, hi, shift] = to < from ? [to, from - 1, '+ 1'] : [from + 1, to, '- 1'];
        await em
          .createQueryBuilder()
          .update(AgendaItemEntity)
          .set({ position: () => `position ${shift}` })
          .where('meeting_id = :m AND position BETWEEN :lo AND :hi', { m: current.meetingId, lo, hi })
          .execute();
        await em.update(AgendaItemEntity, { id: current.id }, { position: to });
      }
      const moved = await em.findOneByOrFail(AgendaItemEntity, { id: current.id });
      audit('agenda-item.moved', 'AgendaItem', moved.id, { before: { position: from }, after: { position: to } });
      return moved;
    });
  }

  async remove(actor: AuthUser, agendaItemId: string): Promise<AgendaItemEntity> {
    authorize(Policy.manageMeetings(actor), 'Only organizers edit agendas');
    return this.tx.mutate(actor, async ({ em, audit }) => {
      const current = await this.lockItem(em, agendaItemId, 'order');
      await em.delete(AgendaItemEntity, { id: current.id });
      await em
        .createQueryBuilder()
        .update(AgendaItemEntity)
        .set({ position: () => 'position - 1' })
        .where('meeting_id = :m AND position > :p', { m: current.meetingId, p: current.position })
        .execute();
      audit('agenda-item.removed', 'AgendaItem', current.id, { before: current });
      return current;
    });
  }

  /**
   * The item, after locking its meeting. The order of items is fixed once the meeting opens; texts
   * and outcomes can still be written during and after it (not once cancelled).
   */
  private async lockItem(em: EntityManager, id: string, change: 'order' | 'content'): Promise<AgendaItemEntity> {
    const item = await em.findOneBy(AgendaItemEntity, { id });
    if (!item) throw AppError.notFound('AgendaItem', id);
    const meeting = await lockMeeting(em, item.meetingId);
    const closed = change === 'order' ? !isEditable(meeting.status) : meeting.status === MeetingStatus.CANCELLED;
    if (closed) throw AppError.conflict(`The agenda of a ${meeting.status} meeting is closed`, { status: meeting.status });
    // Read again under the lock: a concurrent change may have moved or edited it meanwhile.
    const current = await em.findOneBy(AgendaItemEntity, { id });
    if (!current) throw AppError.notFound('AgendaItem', id);
    return current;
  }

  private async assertDelegation(em: EntityManager, id: string | null | undefined): Promise<void> {
    if (id && !(await em.existsBy(DelegationEntity, { id }))) throw AppError.badInput('leadDelegationId', 'No such delegation');
  }
}
