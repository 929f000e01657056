import { Args, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { type AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { type GqlContext } from '../common/graphql/gql-context.js';
import { ConnectionArgs, mapConnection } from '../common/pagination/connection.js';
import { PubSub } from '../redis/pubsub.js';
import { notificationAddedChannel } from './channels/in-app.channel.js';
import { MarkNotificationsReadInput, UpdateNotificationPreferencesInput } from './notification.inputs.js';
import {
  DeliveryFailure,
  DeliveryFailureConnection,
  MarkNotificationsReadPayload,
  Notification,
  NotificationConnection,
  NotificationPreference,
} from './notification.model.js';
import { NotificationsService } from './notifications.service.js';

@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(
    private readonly service: NotificationsService,
    private readonly pubsub: PubSub,
  ) {}

  @Query(() => NotificationConnection, { description: 'The signed-in user’s inbox, newest first' })
  async notifications(
    @CurrentUser() user: AuthUser,
    @Args() args: ConnectionArgs,
    @Args('unreadOnly', { type: () => Boolean, defaultValue: false }) unreadOnly: boolean,
  ): Promise<NotificationConnection> {
    return mapConnection(await this.service.inbox(user, unreadOnly, args), Notification.from);
  }

  @Query(() => Int)
  unreadNotificationCount(@CurrentUser() user: AuthUser): Promise<number> {
    return this.service.unreadCount(user.id);
  }

  @Query(() => [NotificationPreference], { description: 'Channels per kind for the signed-in user' })
  notificationPreferences(@CurrentUser() user: AuthUser): Promise<NotificationPreference[]> {
    return this.service.preferences(user.id);
  }

  @Query(() => DeliveryFailureConnection, { description: 'Failed deliveries, most recent first (ADMIN)' })
  async deliveryFailures(@CurrentUser() user: AuthUser, @Args() args: ConnectionArgs): Promise<DeliveryFailureConnection> {
    return mapConnection(await this.service.deliveryFailures(user, args), DeliveryFailure.from);
  }

  @Mutation(() => MarkNotificationsReadPayload)
  markNotificationsRead(@CurrentUser() user: AuthUser, @Args('input') input: MarkNotificationsReadInput): Promise<MarkNotificationsReadPayload> {
    return this.service.markRead(user, input);
  }

  @Mutation(() => [NotificationPreference], { description: 'Chooses channels per kind; in-app cannot be turned off' })
  updateNotificationPreferences(@CurrentUser() user: AuthUser, @Args('input') input: UpdateNotificationPreferencesInput): Promise<NotificationPreference[]> {
    return this.service.updatePreferences(user, input);
  }

  @Subscription(() => Notification, {
    description: 'The signed-in user’s new notifications, live',
    resolve(this: NotificationsResolver, payload: { notificationId: string }, _args: unknown, ctx: GqlContext) {
      return this.service.findOwn(ctx.user!, payload.notificationId).then(Notification.from);
    },
  })
  notificationAdded(@CurrentUser() user: AuthUser): AsyncIterableIterator<unknown> {
    return this.pubsub.asyncIterator(notificationAddedChannel(user.id));
  }
}
