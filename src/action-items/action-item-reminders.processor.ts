import { Injectable } from '@nestjs/common';
import { type PartialQueueProcessor } from '../queues/queue-processor.js';
import { ActionItemDigestService } from './action-item-digest.service.js';
import { decodeActionItemJob } from './action-item-reminders.js';
import { ActionItemRemindersService } from './action-item-reminders.service.js';

type Jobs = 'actionItemReminder' | 'actionItemEscalation' | 'actionItemDigest';

/** The action-item jobs of the `reminders` queue (the meeting reminder has its own processor). */
@Injectable()
export class ActionItemRemindersProcessor implements PartialQueueProcessor<'reminders', Jobs> {
  readonly queue = 'reminders' as const;

  constructor(
    private readonly reminders: ActionItemRemindersService,
    private readonly digest: ActionItemDigestService,
  ) {}

  readonly handlers: PartialQueueProcessor<'reminders', Jobs>['handlers'] = {
    actionItemReminder: (data) => this.reminders.fireReminder(decodeActionItemJob(data)),
    actionItemEscalation: (data) => this.reminders.fireEscalation(decodeActionItemJob(data)),
    actionItemDigest: async () => `sent ${await this.digest.send(new Date())}`,
  };
}
