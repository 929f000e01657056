import { Args, Query, Resolver } from '@nestjs/graphql';
import { type AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { ConnectionArgs, mapConnection } from '../common/pagination/connection.js';
import { AuditEvent, AuditEventConnection, AuditEventFilter } from './audit-event.model.js';
import { AuditService } from './audit.service.js';

@Resolver(() => AuditEvent)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEventConnection, { description: 'The audit trail, newest first (ADMIN)' })
  async auditEvents(
    @CurrentUser() actor: AuthUser,
    @Args() args: ConnectionArgs,
    @Args('filter', { type: () => AuditEventFilter, nullable: true }) filter?: AuditEventFilter,
  ): Promise<AuditEventConnection> {
    return mapConnection(await this.audit.list(actor, filter, args), AuditEvent.from);
  }
}
