import { AgendaItemEntity } from './agenda-item.entity.js';
import { MeetingAccreditationEntity } from './meeting-accreditation.entity.js';
import { MeetingInvitationEntity } from './meeting-invitation.entity.js';
import { MeetingEntity } from './meeting.entity.js';
import { MinutesRevisionEntity } from './minutes-revision.entity.js';

/** This feature's TypeORM entities; database/entities.ts collects every feature's list. */
export const MEETING_ENTITIES = [MeetingEntity, AgendaItemEntity, MeetingInvitationEntity, MeetingAccreditationEntity, MinutesRevisionEntity];
