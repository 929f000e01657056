import { registerEnumType } from '@nestjs/graphql';

export enum MeetingKind {
  IN_PERSON = 'IN_PERSON',
  VIDEO = 'VIDEO',
  HYBRID = 'HYBRID',
}
registerEnumType(MeetingKind, { name: 'MeetingKind' });

export enum MeetingStatus {
  PLANNED = 'PLANNED',
  CONVENED = 'CONVENED',
  IN_SESSION = 'IN_SESSION',
  CONCLUDED = 'CONCLUDED',
  POSTPONED = 'POSTPONED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(MeetingStatus, { name: 'MeetingStatus' });

export enum AgendaItemKind {
  FOR_INFORMATION = 'FOR_INFORMATION',
  FOR_DISCUSSION = 'FOR_DISCUSSION',
  FOR_DECISION = 'FOR_DECISION',
}
registerEnumType(AgendaItemKind, { name: 'AgendaItemKind' });

export enum Rsvp {
  INVITED = 'INVITED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  TENTATIVE = 'TENTATIVE',
}
registerEnumType(Rsvp, { name: 'Rsvp' });

export enum MeetingOrder {
  /** Earliest start first (the calendar's order). */
  STARTS_AT = 'STARTS_AT',
  /** Latest start first: past meetings, newest first, page after page. */
  STARTS_AT_DESC = 'STARTS_AT_DESC',
}
registerEnumType(MeetingOrder, { name: 'MeetingOrder' });
