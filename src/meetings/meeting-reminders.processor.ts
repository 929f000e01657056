import { Injectable } from '@nestjs/common';
import { type QueueProcessor } from '../queues/queue-processor.js';
import { decodeReminder } from './meeting-reminders.js';
import { MeetingRemindersService } from './meeting-reminders.service.js';

@Injectable()
export class MeetingRemindersProcessor implements QueueProcessor<'reminders'> {
  readonly queue = 'reminders' as const;

  constructor(private readonly reminders: MeetingRemindersService) {}

  readonly handlers: QueueProcessor<'reminders'>['handlers'] = {
    meetingReminder: (data) => this.reminders.fire(decodeReminder(data)),
  };
}
