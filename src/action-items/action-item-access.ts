import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { delegationIdsOf, type AuthUser } from '../auth/auth-user.js';
import { authorize, Policy } from '../auth/policy.js';
import { Role } from '../auth/role.enum.js';
import { AppError } from '../common/errors/app-error.js';
import { MeetingAccess } from '../meetings/meeting-access.js';
import { MeetingEntity } from '../meetings/meeting.entity.js';
import { ActionItemEntity } from './action-item.entity.js';
import { COMMITMENT_READERS, type CommitmentReaders } from './commitment-readers.port.js';

/**
 * Who may read and change which action item. Readers: ADMIN, ORGANIZER, CLERK; members of the
 * owner delegation; whoever may read the origin meeting; the creator (who may also edit it) and the assignee
 * (who may have left the delegation since); and, for an item serving a statement commitment, the
 * members of the statement's signatory delegations (those that adopted or endorsed it) who may read
 * the statement — the progress report the signatories give each other; statements answer that
 * through the CommitmentReaders port (commitment-readers.port.ts). Observers
 * follow the same rule: they read another delegation's commitment items only as members of a
 * signatory delegation, and only of statements they may read (PUBLIC or PUBLISHED ones); being
 * invited to the statement's meeting gives nothing, as commitment items are not linked to it.
 * Reads a reader may not make are NOT_FOUND, in lists, counts, search and exports alike: every
 * read goes through `restrict`.
 */
@Injectable()
export class ActionItemAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly meetings: MeetingAccess,
    @Inject(COMMITMENT_READERS) private readonly commitments: CommitmentReaders,
  ) {}

  /**
   * Adds the visibility predicate. The meetings the reader may open and the commitments whose
   * progress they follow are looked up first, so the predicate is five equality tests PostgreSQL
   * can answer from indexes (a BitmapOr), not a correlated subquery per row.
   */
  async restrict<T extends object>(
    qb: SelectQueryBuilder<T>,
    alias: string,
    actor: AuthUser,
    em: EntityManager = this.dataSource.manager,
  ): Promise<SelectQueryBuilder<T>> {
    if (Policy.seeAllMeetings(actor)) return qb;
    const [meetingIds, commitmentIds] = await Promise.all([this.visibleMeetingIds(actor, em), this.commitments.followedCommitmentIds(actor, em)]);
    return qb.andWhere(
      `(${alias}.owner_delegation_id = ANY(:aiViewerDelegations) OR ${alias}.assignee_id = :aiViewer OR ${alias}.created_by_id = :aiViewer OR ${alias}.meeting_id = ANY(:aiViewerMeetings) OR ${alias}.commitment_id = ANY(:aiViewerCommitments))`,
      { aiViewerDelegations: delegationIdsOf(actor), aiViewer: actor.id, aiViewerMeetings: meetingIds, aiViewerCommitments: commitmentIds },
    );
  }

  async findVisible(actor: AuthUser, id: string, em: EntityManager = this.dataSource.manager, lock = false): Promise<ActionItemEntity> {
    const qb = em.createQueryBuilder(ActionItemEntity, 'ai').where('ai.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const item = await (await this.restrict(qb, 'ai', actor, em)).getOne();
    if (!item) throw AppError.notFound('Action item', id);
    return item;
  }

  /** Creating for a delegation: coordinators, or the delegation's head or clerk. */
  assertMayCreate(actor: AuthUser, ownerDelegationId: string): void {
    authorize(
      Policy.coordinateActionItems(actor) || Policy.leadDelegation(actor, ownerDelegationId),
      'Only organizers, clerks and the head or clerk of the owner delegation create its action items',
    );
  }

  /** Editing, progress and status: coordinators, members of the owner delegation, the creator. */
  assertMayEdit(actor: AuthUser, item: Pick<ActionItemEntity, 'ownerDelegationId' | 'createdById'>): void {
    authorize(
      Policy.coordinateActionItems(actor) ||
        Policy.actForDelegation(actor, item.ownerDelegationId) ||
        (actor.role !== Role.OBSERVER && item.createdById === actor.id),
      'Only members of the owner delegation, its creator, organizers and clerks change this action item',
    );
  }

  /** Cancelling: coordinators and the creator. */
  assertMayCancel(actor: AuthUser, item: Pick<ActionItemEntity, 'createdById'>): void {
    authorize(
      Policy.coordinateActionItems(actor) || (actor.role !== Role.OBSERVER && item.createdById === actor.id),
      'Only organizers, clerks and its creator cancel an action item',
    );
  }

  private async visibleMeetingIds(actor: AuthUser, em: EntityManager): Promise<string[]> {
    const rows = await this.meetings.restrict(em.createQueryBuilder(MeetingEntity, 'm').select('m.id', 'id'), 'm', actor).getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }
}
