import { AuditEventEntity } from './audit-event.entity.js';

/** This feature's TypeORM entities; database/entities.ts collects every feature's list. */
export const AUDIT_ENTITIES = [AuditEventEntity];
