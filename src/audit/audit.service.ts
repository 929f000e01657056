import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AuthUser } from '../auth/auth-user.js';
import { authorize, Policy } from '../auth/policy.js';
import { type ConnectionArgs } from '../common/pagination/connection.js';
import { paginate } from '../common/pagination/paginate.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { type AuditEventFilter } from './audit-event.model.js';

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first. */
  list(actor: AuthUser, filter: AuditEventFilter | undefined, args: ConnectionArgs) {
    authorize(Policy.readAudit(actor), 'Only administrators read the audit trail');
    const qb = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('a');
    if (filter?.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
    if (filter?.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter?.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
    if (filter?.action) qb.andWhere('a.action = :action', { action: filter.action });
    return paginate(qb, args, { expression: 'a.at', direction: 'DESC' });
  }
}
