import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DelegationsModule } from '../delegations/delegations.module.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ActionItemAccess } from './action-item-access.js';
import { ActionItemDigestService } from './action-item-digest.service.js';
import { ActionItemReminderJobs } from './action-item-reminder.jobs.js';
import { ActionItemRemindersProcessor } from './action-item-reminders.processor.js';
import { ActionItemRemindersService } from './action-item-reminders.service.js';
import { ActionItemNotifications } from './action-item.notifications.js';
import { ActionItemsCsvController } from './action-items-csv.controller.js';
import {
  ActionItemSummaryFieldsResolver,
  ActionItemUpdateFieldsResolver,
  ActionItemsResolver,
  AgendaItemActionItemsResolver,
  MeetingActionItemsResolver,
} from './action-items.resolver.js';
import { ActionItemsService } from './action-items.service.js';

@Module({
  imports: [AuthModule, DelegationsModule, NotificationsModule, MeetingsModule],
  controllers: [ActionItemsCsvController],
  providers: [
    ActionItemAccess,
    ActionItemsService,
    ActionItemRemindersService,
    ActionItemDigestService,
    ActionItemNotifications,
    ActionItemRemindersProcessor,
    ActionItemReminderJobs,
    ActionItemsResolver,
    ActionItemUpdateFieldsResolver,
    ActionItemSummaryFieldsResolver,
    MeetingActionItemsResolver,
    AgendaItemActionItemsResolver,
  ],
  exports: [
    ActionItemsService,
    ActionItemAccess,
    ActionItemNotifications,
    ActionItemRemindersProcessor,
    ActionItemReminderJobs,
    ActionItemDigestService,
    ActionItemRemindersService,
  ],
})
export class ActionItemsModule {}
