import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/pagination/connection.js';
import { DeliveryStatus, NotificationChannel, NotificationKind } from './notification-kind.enum.js';
import { type NotificationDeliveryEntity } from './notification-delivery.entity.js';
import { type NotificationEntity } from './notification.entity.js';

@ObjectType({ description: 'What the entry is about' })
export class EntityLink {
  @Field({ description: 'e.g. Meeting, Delegation' }) type: string;
  @Field(() => ID) id: string;
}

@ObjectType({ description: 'An entry of the signed-in user’s inbox' })
export class Notification {
  @Field(() => ID) id: string;
  @Field(() => NotificationKind) kind: NotificationKind;
  @Field() subject: string;
  @Field() body: string;
  @Field({ description: 'The language subject and body are written in (en, fr, de): the reader’s when it was written' }) language: string;
  @Field(() => EntityLink) entity: EntityLink;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) readAt: Date | null;

  static from(e: NotificationEntity): Notification {
    return Object.assign(new Notification(), {
      id: e.id,
      kind: e.kind,
      subject: e.subject,
      body: e.body,
      language: e.language,
      entity: { type: e.entityType, id: e.entityId },
      createdAt: e.createdAt,
      readAt: e.readAt,
    });
  }
}

@ObjectType()
export class NotificationConnection extends Connection(Notification) {}

@ObjectType()
export class MarkNotificationsReadPayload {
  @Field(() => Int, { description: 'How many notifications this call marked read' }) marked: number;
  @Field(() => Int) unreadCount: number;
}

@ObjectType({ description: 'Which channels carry one kind of notification to the signed-in user' })
export class NotificationPreference {
  @Field(() => NotificationKind) kind: NotificationKind;
  @Field(() => [NotificationChannel]) channels: NotificationChannel[];
}

@ObjectType({ description: 'A delivery that failed (it may still be retrying)' })
export class DeliveryFailure {
  @Field(() => ID) id: string;
  @Field(() => NotificationChannel) channel: NotificationChannel;
  @Field(() => DeliveryStatus) status: DeliveryStatus;
  @Field(() => ID, { nullable: true }) notificationId: string | null;
  @Field(() => ID, { nullable: true }) delegationId: string | null;
  @Field() eventKey: string;
  @Field(() => Int) attempts: number;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;

  static from(e: NotificationDeliveryEntity): DeliveryFailure {
    return Object.assign(new DeliveryFailure(), {
      id: e.id,
      channel: e.channel,
      status: e.status,
      notificationId: e.notificationId,
      delegationId: e.delegationId,
      eventKey: e.eventKey,
      attempts: e.attempts,
      lastError: e.lastError,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    });
  }
}

@ObjectType()
export class DeliveryFailureConnection extends Connection(DeliveryFailure) {}
