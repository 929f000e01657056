import { Injectable } from '@nestjs/common';
import { type QueueProcessor } from '../../queues/queue-processor.js';
import { CirculationService } from './circulation.service.js';

@Injectable()
export class CirculationProcessor implements QueueProcessor<'circulation'> {
  readonly queue = 'circulation' as const;

  constructor(private readonly circulations: CirculationService) {}

  readonly handlers: QueueProcessor<'circulation'>['handlers'] = {
    circulate: (data) => this.circulations.fanOut(data),
    deliverCirculation: (data, job) => this.circulations.deliver(data, job),
    circulationReminder: (data) => this.circulations.remind(data),
    closeCirculation: (data) => this.circulations.close(data),
  };
}
