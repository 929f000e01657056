import { type NotificationKind } from './notification-kind.enum.js';

/** What to tell one user (texts already in their language and time zone: i18n/notification-texts.ts). */
export interface UserMessage {
  userId: string;
  subject: string;
  body: string;
  /** The catalogue language the texts are in (en, fr, de); English when left out. The e-mail around them follows it. */
  language?: string;
}

/** What to post to one delegation's webhook. */
export interface DelegationMessage {
  delegationId: string;
  subject: string;
  body: string;
  data: Record<string, unknown>;
}

/** One occurrence to notify about, composed by the feature that knows it. */
export interface NotificationMessage {
  /** Unique per occurrence; with the user (or delegation) it makes deliveries exactly-once. */
  eventKey: string;
  kind: NotificationKind;
  entityType: string;
  entityId: string;
  users: UserMessage[];
  delegations: DelegationMessage[];
}

/** Turns an event into messages; implemented by the feature the event belongs to. */
export interface NotificationComposer<E> {
  compose(event: E): Promise<NotificationMessage[]>;
}
