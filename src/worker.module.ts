import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { ActionItemDigestScheduler } from './action-items/action-item-digest.scheduler.js';
import { ActionItemReminderJobs } from './action-items/action-item-reminder.jobs.js';
import { ActionItemRemindersProcessor } from './action-items/action-item-reminders.processor.js';
import { ActionItemNotifications } from './action-items/action-item.notifications.js';
import { ActionItemsModule } from './action-items/action-items.module.js';
import { CommitmentReadersModule } from './statements/adoption/commitments/commitment-readers.js';
import { LoggingModule } from './common/logging.module.js';
import { type AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DelegationsModule } from './delegations/delegations.module.js';
import { MembershipNotifications } from './delegations/membership.notifications.js';
import { MeetingReminderJobs } from './meetings/reminders/meeting-reminder.jobs.js';
import { MeetingRemindersProcessor } from './meetings/reminders/meeting-reminders.processor.js';
import { MeetingNotifications } from './meetings/meeting.notifications.js';
import { MeetingsModule } from './meetings/meetings.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { NOTIFICATION_COMPOSERS, NotificationsProcessor, type NotificationComposers } from './notifications/notifications.processor.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { JOB_SOURCES, JobReconciler } from './queues/job-reconciler.js';
import { QUEUE_PROCESSORS } from './queues/queue-processor.js';
import { ReconcileAtStart } from './queues/reconcile-at-start.js';
import { QueueWorkers } from './queues/queue-workers.js';
import { QueuesModule } from './queues/queues.module.js';
import { PubSubModule } from './redis/pubsub.js';
import { RedisModule } from './redis/redis.module.js';
import { CirculationJobs } from './statements/circulation/circulation.jobs.js';
import { CirculationProcessor } from './statements/circulation/circulation.processor.js';
import { PublicationNotifications } from './statements/publication/publication.notifications.js';
import { SilenceJobs } from './statements/adoption/silence.jobs.js';
import { ProceduresProcessor } from './statements/adoption/silence.processor.js';
import { SilenceNotifications } from './statements/adoption/silence.notifications.js';
import { LifecycleNotifications } from './statements/adoption/lifecycle.notifications.js';
import { StatementsModule } from './statements/statements.module.js';

/** Every feature's delayed jobs as PostgreSQL implies them (see JobReconciler). */
const RECONCILER: Provider[] = [
  {
    provide: JOB_SOURCES,
    inject: [MeetingReminderJobs, ActionItemReminderJobs, CirculationJobs, SilenceJobs],
    useFactory: (...sources: unknown[]) => sources,
  },
  JobReconciler,
];

const IMPORTS = (config: AppConfig) => [
  ConfigModule.forRoot(config),
  LoggingModule,
  DatabaseModule,
  RedisModule,
  PubSubModule,
  QueuesModule,
  DelegationsModule,
  NotificationsModule,
  MeetingsModule,
  ActionItemsModule,
  StatementsModule,
  CommitmentReadersModule,
];

/**
 * The job side: the outbox relay, one BullMQ worker per queue, and the reconciling of delayed jobs
 * at start. `reconcile` mode (npm run reconcile) only re-creates the missing jobs and the digest's
 * scheduler, and processes nothing.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, mode: 'work' | 'reconcile' = 'work'): DynamicModule {
    if (mode === 'reconcile') {
      return {
        module: WorkerModule,
        imports: IMPORTS(config),
        providers: [...RECONCILER, ActionItemDigestScheduler],
        exports: [JobReconciler, ActionItemDigestScheduler],
      };
    }
    return {
      module: WorkerModule,
      imports: IMPORTS(config),
      providers: [
        ...RECONCILER,
        ReconcileAtStart,
        OutboxRelay,
        NotificationsProcessor,
        {
          provide: NOTIFICATION_COMPOSERS,
          inject: [
            MeetingNotifications,
            MembershipNotifications,
            ActionItemNotifications,
            LifecycleNotifications,
            PublicationNotifications,
            SilenceNotifications,
          ],
          useFactory: (
            meetings: MeetingNotifications,
            memberships: MembershipNotifications,
            actionItems: ActionItemNotifications,
            lifecycle: LifecycleNotifications,
            publication: PublicationNotifications,
            silence: SilenceNotifications,
          ): NotificationComposers => ({
            'delegation.member-added': memberships,
            'meeting.invited': meetings,
            'meeting.updated': meetings,
            'meeting.cancelled': meetings,
            'meeting.agenda-circulated': meetings,
            'action-item.assigned': actionItems,
            'statement.adopted': lifecycle,
            'statement.withdrawn': lifecycle,
            'statement.published': publication,
            'statement.endorsed': publication,
            'statement.silence-broken': silence,
            'statement.silence-extended': silence,
          }),
        },
        {
          provide: QUEUE_PROCESSORS,
          inject: [NotificationsProcessor, MeetingRemindersProcessor, ActionItemRemindersProcessor, CirculationProcessor, ProceduresProcessor],
          useFactory: (...processors: unknown[]) => processors,
        },
        QueueWorkers,
        ActionItemDigestScheduler,
      ],
      exports: [OutboxRelay],
    };
  }
}
