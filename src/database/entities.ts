import { ActionItemReferenceCounterEntity } from '../action-items/action-item-reference.entity.js';
import { ActionItemUpdateEntity } from '../action-items/action-item-update.entity.js';
import { ActionItemEntity } from '../action-items/action-item.entity.js';
import { CommitmentEntity } from '../statements/adoption/commitments/commitment.entity.js';
import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { RevokedTokenEntity } from '../auth/revoked-token.entity.js';
import { UserEntity } from '../auth/user.entity.js';
import { BodyEntity } from '../delegations/body.entity.js';
import { DelegationMembershipEntity } from '../delegations/delegation-membership.entity.js';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { AgendaItemEntity } from '../meetings/agenda-item.entity.js';
import { MeetingAccreditationEntity } from '../meetings/meeting-accreditation.entity.js';
import { MeetingInvitationEntity } from '../meetings/meeting-invitation.entity.js';
import { MeetingEntity } from '../meetings/meeting.entity.js';
import { MinutesRevisionEntity } from '../meetings/minutes-revision.entity.js';
import { NotificationDeliveryEntity } from '../notifications/notification-delivery.entity.js';
import { NotificationPreferenceEntity } from '../notifications/notification-preference.entity.js';
import { NotificationEntity } from '../notifications/notification.entity.js';
import { OutboxEventEntity } from '../outbox/outbox-event.entity.js';
import { AmendmentEntity } from '../statements/core/amendment.entity.js';
import { CirculationEntity, CirculationRecipientEntity } from '../statements/core/circulation.entity.js';
import { EndorsementEntity } from '../statements/publication/endorsement.entity.js';
import { PositionEntity } from '../statements/core/position.entity.js';
import { StatementTranslationEntity } from '../statements/texts/statement-translation.entity.js';
import { StatementVersionEntity } from '../statements/core/statement-version.entity.js';
import { StatementEntity, StatementReferenceCounterEntity } from '../statements/core/statement.entity.js';

/** Every entity, listed once: the app, the CLI and the tests use this same list. */
export const ENTITIES = [
  UserEntity,
  RevokedTokenEntity,
  DelegationEntity,
  DelegationMembershipEntity,
  BodyEntity,
  AuditEventEntity,
  OutboxEventEntity,
  NotificationEntity,
  NotificationDeliveryEntity,
  NotificationPreferenceEntity,
  MeetingEntity,
  AgendaItemEntity,
  MeetingInvitationEntity,
  MeetingAccreditationEntity,
  MinutesRevisionEntity,
  ActionItemEntity,
  ActionItemUpdateEntity,
  ActionItemReferenceCounterEntity,
  StatementEntity,
  StatementReferenceCounterEntity,
  StatementVersionEntity,
  CirculationEntity,
  CirculationRecipientEntity,
  AmendmentEntity,
  PositionEntity,
  EndorsementEntity,
  StatementTranslationEntity,
  CommitmentEntity,
];
