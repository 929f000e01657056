import { Injectable } from '@nestjs/common';
import { type PartialQueueProcessor } from '../../queues/queue-processor.js';
import { decodeReminder } from './meeting-reminders.js';
import { MeetingRemindersService } from './meeting-reminders.service.js';

@Injectable()
export class MeetingRemindersProcessor implements PartialQueueProcessor<'reminders', 'meetingReminder'> {
  readonly queue = 'reminders' as const;

  constructor(private readonly reminders: MeetingRemindersService) {}

  readonly handlers: PartialQueueProcessor<'reminders', 'meetingReminder'>['handlers'] = {
    meetingReminder: (data) => this.reminders.fire(decodeReminder(data)),
  };
}
