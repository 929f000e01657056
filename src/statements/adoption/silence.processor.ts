import { Injectable } from '@nestjs/common';
import { type QueueProcessor } from '../../queues/queue-processor.js';
import { SilenceService } from './silence.service.js';

@Injectable()
export class ProceduresProcessor implements QueueProcessor<'procedures'> {
  readonly queue = 'procedures' as const;

  constructor(private readonly silence: SilenceService) {}

  readonly handlers: QueueProcessor<'procedures'>['handlers'] = {
    concludeSilence: (data, job) => this.silence.conclude(data, job),
  };
}
