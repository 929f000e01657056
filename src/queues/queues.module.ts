import { Module } from '@nestjs/common';
import { QueueRegistry } from './queue-registry.js';

@Module({ providers: [QueueRegistry], exports: [QueueRegistry] })
export class QueuesModule {}
