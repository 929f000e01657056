import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { NotificationKind } from '../notifications/notification-kind.enum.js';
import { type EventOf } from '../notifications/notification-event.js';
import { type NotificationComposer, type NotificationMessage } from '../notifications/notification-message.js';
import { DelegationMembershipEntity } from './delegation-membership.entity.js';
import { DelegationEntity } from './delegation.entity.js';

const ROLE_NAMES: Record<string, string> = {
  HEAD_OF_DELEGATION: 'head of delegation',
  DELEGATE: 'delegate',
  EXPERT: 'expert',
  CLERK: 'clerk',
};

/** Tells a user they now belong to a delegation. */
@Injectable()
export class MembershipNotifications implements NotificationComposer<EventOf<'delegation.member-added'>> {
  constructor(private readonly dataSource: DataSource) {}

  async compose(event: EventOf<'delegation.member-added'>): Promise<NotificationMessage[]> {
    const membership = await this.dataSource.getRepository(DelegationMembershipEntity).findOneBy({ id: event.membershipId });
    if (!membership) return []; // removed since
    const [user, delegation] = await Promise.all([
      this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: membership.userId }),
      this.dataSource.getRepository(DelegationEntity).findOneByOrFail({ id: membership.delegationId }),
    ]);
    return [
      {
        eventKey: `membership-added:${membership.id}`,
        kind: NotificationKind.MEMBERSHIP_ADDED,
        entityType: 'Delegation',
        entityId: delegation.id,
        users: [
          {
            userId: user.id,
            subject: `You have joined the delegation of ${delegation.name} (${delegation.code})`,
            body: `${user.name}, you are now ${ROLE_NAMES[membership.delegateRole] ?? 'a member'} of the delegation of ${delegation.name} (${delegation.code}) in Concordia. You will see the meetings and documents of this delegation, and you can answer for it.`,
          },
        ],
        delegations: [],
      },
    ];
  }
}
