import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { textsFor } from '../notifications/i18n/notification-texts.js';
import { NotificationKind } from '../notifications/notification-kind.enum.js';
import { type EventOf } from '../notifications/notification-event.js';
import { type NotificationComposer, type NotificationMessage } from '../notifications/notification-message.js';
import { DelegationMembershipEntity } from './delegation-membership.entity.js';
import { DelegationEntity } from './delegation.entity.js';

/** Tells a user, in their language, that they now belong to a delegation. */
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
    const t = textsFor(user.locale);
    const delegationName = { delegation: delegation.name, code: delegation.code };
    return [
      {
        eventKey: `membership-added:${membership.id}`,
        kind: NotificationKind.MEMBERSHIP_ADDED,
        entityType: 'Delegation',
        entityId: delegation.id,
        users: [
          {
            userId: user.id,
            subject: t.t('membership.subject', delegationName),
            body: t.t('membership.body', { ...delegationName, name: user.name, role: membership.delegateRole }),
            language: t.language,
          },
        ],
        delegations: [],
      },
    ];
  }
}
