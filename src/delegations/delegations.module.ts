import { Module } from '@nestjs/common';
import { AuthCache } from '../auth/auth-cache.js';
import { BodiesResolver } from './bodies.resolver.js';
import { BodiesService } from './bodies.service.js';
import { DelegationMembershipResolver, DelegationsResolver, UserMembershipsResolver } from './delegations.resolver.js';
import { DelegationsService } from './delegations.service.js';
import { MembershipNotifications } from './membership.notifications.js';

@Module({
  providers: [
    AuthCache,
    DelegationsService,
    BodiesService,
    MembershipNotifications,
    DelegationsResolver,
    DelegationMembershipResolver,
    UserMembershipsResolver,
    BodiesResolver,
  ],
  exports: [DelegationsService, BodiesService, MembershipNotifications],
})
export class DelegationsModule {}
