import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { type QueueProcessor } from '../queues/queue-processor.js';
import { DeliveryService } from './delivery.service.js';
import { type EventOf, type NotificationEventName } from './notification-event.js';
import { type NotificationComposer } from './notification-message.js';
import { NotificationPublisher } from './notification-publisher.js';

/** A composer for every event: the type fails until a new event has one. */
export type NotificationComposers = { [N in NotificationEventName]: NotificationComposer<EventOf<N>> };
export const NOTIFICATION_COMPOSERS = Symbol('NOTIFICATION_COMPOSERS');

@Injectable()
export class NotificationsProcessor implements QueueProcessor<'notifications'> {
  readonly queue = 'notifications' as const;

  constructor(
    @Inject(NOTIFICATION_COMPOSERS) private readonly composers: NotificationComposers,
    private readonly publisher: NotificationPublisher,
    private readonly deliveries: DeliveryService,
  ) {}

  readonly handlers: QueueProcessor<'notifications'>['handlers'] = {
    notify: async (event) => {
      const composer = this.composers[event.event] as NotificationComposer<typeof event>;
      // All messages of one event in one transaction.
      const { notifications } = await this.publisher.publish(await composer.compose(event));
      return notifications > 0 ? 'done' : 'skipped';
    },
    // A refusal (UnrecoverableError) or the last of the job's attempts is final.
    deliver: ({ deliveryId }, job) =>
      this.deliveries.deliver(deliveryId, (error) => error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)),
  };
}
