import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DelegationsModule } from '../delegations/delegations.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { AgendaResolver } from './agenda.resolver.js';
import { AgendaService } from './agenda.service.js';
import { CalendarController } from './calendar/calendar.controller.js';
import { CalendarResolver } from './calendar/calendar.resolver.js';
import { CalendarService } from './calendar/calendar.service.js';
import { InvitationsResolver } from './invitations.resolver.js';
import { InvitationsService } from './invitations.service.js';
import { MeetingAccess } from './meeting-access.js';
import { MeetingReminderJobs } from './reminders/meeting-reminder.jobs.js';
import { MeetingRemindersProcessor } from './reminders/meeting-reminders.processor.js';
import { MeetingRemindersService } from './reminders/meeting-reminders.service.js';
import { MeetingNotifications } from './meeting.notifications.js';
import {
  AccreditationFieldsResolver,
  AgendaItemFieldsResolver,
  MeetingConflictFieldsResolver,
  MeetingParticipantFieldsResolver,
  MeetingsResolver,
  MinutesRevisionFieldsResolver,
} from './meetings.resolver.js';
import { MeetingsService } from './meetings.service.js';
import { MinutesService } from './minutes.service.js';

@Module({
  imports: [AuthModule, DelegationsModule, NotificationsModule],
  controllers: [CalendarController],
  providers: [
    MeetingAccess,
    MeetingsService,
    AgendaService,
    InvitationsService,
    MinutesService,
    MeetingRemindersService,
    MeetingNotifications,
    MeetingRemindersProcessor,
    MeetingReminderJobs,
    CalendarService,
    MeetingsResolver,
    AgendaResolver,
    InvitationsResolver,
    CalendarResolver,
    AgendaItemFieldsResolver,
    MeetingParticipantFieldsResolver,
    AccreditationFieldsResolver,
    MeetingConflictFieldsResolver,
    MinutesRevisionFieldsResolver,
  ],
  exports: [MeetingNotifications, MeetingRemindersProcessor, MeetingReminderJobs, MeetingAccess],
})
export class MeetingsModule {}
