import { registerEnumType } from '@nestjs/graphql';

export enum NotificationKind {
  MEMBERSHIP_ADDED = 'MEMBERSHIP_ADDED',
  MEETING_INVITATION = 'MEETING_INVITATION',
  MEETING_UPDATED = 'MEETING_UPDATED',
  MEETING_CANCELLED = 'MEETING_CANCELLED',
  MEETING_REMINDER = 'MEETING_REMINDER',
  AGENDA_CIRCULATED = 'AGENDA_CIRCULATED',
  ACTION_ITEM_ASSIGNED = 'ACTION_ITEM_ASSIGNED',
  ACTION_ITEM_DUE_SOON = 'ACTION_ITEM_DUE_SOON',
  ACTION_ITEM_OVERDUE = 'ACTION_ITEM_OVERDUE',
  ACTION_ITEM_DIGEST = 'ACTION_ITEM_DIGEST',
  STATEMENT_CIRCULATED = 'STATEMENT_CIRCULATED',
  CIRCULATION_REMINDER = 'CIRCULATION_REMINDER',
  SILENCE_PROCEDURE_LAUNCHED = 'SILENCE_PROCEDURE_LAUNCHED',
  SILENCE_BROKEN = 'SILENCE_BROKEN',
}
registerEnumType(NotificationKind, { name: 'NotificationKind' });

export enum NotificationChannel {
  IN_APP = 'IN_APP',
  EMAIL = 'EMAIL',
  WEBHOOK = 'WEBHOOK',
}
registerEnumType(NotificationChannel, { name: 'NotificationChannel' });

export enum DeliveryStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
  /** Nothing to send through (e.g. no SMTP server configured). */
  SKIPPED = 'SKIPPED',
}
registerEnumType(DeliveryStatus, { name: 'DeliveryStatus' });
