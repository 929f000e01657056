import { OutboxEventEntity } from './outbox-event.entity.js';

/** This feature's TypeORM entities; database/entities.ts collects every feature's list. */
export const OUTBOX_ENTITIES = [OutboxEventEntity];
