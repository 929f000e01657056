import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { delegationIdsOf, type AuthUser } from '../auth/auth-user.js';
import { Policy } from '../auth/policy.js';
import { AppError } from '../common/errors/app-error.js';
import { rawReader } from '../common/loaders/raw-reader.js';
import { MeetingEntity } from './meeting.entity.js';

/**
 * Who may read which meeting, as one SQL predicate used by every read (GraphQL, iCal, feeds):
 * organizers, clerks and admins see all; others see meetings their delegations are invited to,
 * and meetings of bodies whose meetings are public. A denied read is NOT_FOUND.
 */
/**
 * The visibility predicate for a viewer who does not see all meetings, as SQL on the meeting
 * `alias`; `delegationIds` is the parameter holding the viewer's delegation ids (`:name` or `$n`).
 */
export function visibleMeetingSql(alias: string, delegationIds: string): string {
  return `(EXISTS (SELECT 1 FROM bodies vb WHERE vb.id = ${alias}.body_id AND vb.public_meetings)
        OR EXISTS (SELECT 1 FROM meeting_invitations vi WHERE vi.meeting_id = ${alias}.id AND vi.delegation_id = ANY(${delegationIds})))`;
}

@Injectable()
export class MeetingAccess {
  constructor(private readonly dataSource: DataSource) {}

  restrict<T extends object>(qb: SelectQueryBuilder<T>, alias: string, actor: AuthUser): SelectQueryBuilder<T> {
    if (Policy.seeAllMeetings(actor)) return qb;
    return qb.andWhere(visibleMeetingSql(alias, ':viewerDelegationIds'), { viewerDelegationIds: delegationIdsOf(actor) });
  }

  /**
   * One meeting by id, if the actor may see it; read with plain SQL (it starts every meeting read).
   * `extra`: more select expressions on `m` (its children, see meeting-prefetch.ts), read in the same
   * statement and so under the same visibility predicate; they come back as more properties of the row.
   */
  async findVisible(actor: AuthUser, id: string, em: EntityManager = this.dataSource.manager, extra: readonly string[] = []): Promise<MeetingEntity> {
    const reader = rawReader(em.connection.getMetadata(MeetingEntity));
    let meeting: MeetingEntity | null | undefined;
    if (!reader) {
      meeting = await this.restrict(em.createQueryBuilder(MeetingEntity, 'm').where('m.id = :id', { id }), 'm', actor).getOne();
    } else {
      const select = extra.length > 0 ? reader.selectWith(extra) : reader.select;
      if (Policy.seeAllMeetings(actor)) [meeting] = await em.query(`${select} m WHERE m.id = $1`, [id]);
      else [meeting] = await em.query(`${select} m WHERE m.id = $1 AND ${visibleMeetingSql('m', '$2::uuid[]')}`, [id, delegationIdsOf(actor)]);
    }
    if (!meeting) throw AppError.notFound('Meeting', id);
    return meeting;
  }
}
