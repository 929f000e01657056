import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Policy } from '../auth/policy.js';
import { User } from '../auth/user.model.js';
import { UserEntity } from '../auth/user.entity.js';
import { AppError } from '../common/errors/app-error.js';
import { UuidPipe } from '../common/errors/uuid.pipe.js';
import { type GqlContext, type NoArgs } from '../common/graphql/gql-context.js';
import { ConnectionArgs, mapConnection } from '../common/pagination/connection.js';
import { DelegationMembershipEntity } from './delegation-membership.entity.js';
import { DelegationEntity } from './delegation.entity.js';
import { AddMemberInput, CreateDelegationInput, DelegationFilter, UpdateDelegationInput } from './delegation.inputs.js';
import { Delegation, DelegationConnection, DelegationMembership } from './delegation.model.js';
import { DelegationsService } from './delegations.service.js';

@Resolver(() => Delegation)
export class DelegationsResolver {
  constructor(private readonly service: DelegationsService) {}

  @Query(() => DelegationConnection, { description: 'The delegation directory, ordered by code' })
  async delegations(
    @Args() args: ConnectionArgs,
    @Args('filter', { type: () => DelegationFilter, nullable: true }) filter?: DelegationFilter,
  ): Promise<DelegationConnection> {
    return mapConnection(await this.service.list(filter, args), Delegation.from);
  }

  @Query(() => Delegation, { description: 'One delegation by id or by code' })
  async delegation(
    @Args('id', { type: () => ID, nullable: true }, new UuidPipe('id')) id?: string,
    @Args('code', { type: () => String, nullable: true }) code?: string,
  ): Promise<Delegation> {
    return Delegation.from(await this.service.findOne({ id, code }));
  }

  @Mutation(() => Delegation, { description: 'Creates a delegation (ADMIN, ORGANIZER)' })
  async createDelegation(@CurrentUser() actor: AuthUser, @Args('input') input: CreateDelegationInput): Promise<Delegation> {
    return Delegation.from(await this.service.create(actor, input));
  }

  @Mutation(() => Delegation, { description: 'Changes a delegation, e.g. its webhook (ADMIN, ORGANIZER)' })
  async updateDelegation(@CurrentUser() actor: AuthUser, @Args('input') input: UpdateDelegationInput): Promise<Delegation> {
    return Delegation.from(await this.service.update(actor, input));
  }

  @Mutation(() => DelegationMembership, { description: 'Adds a user to a delegation (ADMIN, ORGANIZER)' })
  async addMember(@CurrentUser() actor: AuthUser, @Args('input') input: AddMemberInput): Promise<DelegationMembership> {
    return DelegationMembership.from(await this.service.addMember(actor, input));
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Where notifications are POSTed, signed with the delegation secret (organizers and members only)',
  })
  webhookUrl(d: Delegation, _args: NoArgs, ctx: GqlContext): string | null {
    const viewer = ctx.user;
    if (!viewer) throw AppError.unauthenticated();
    return Policy.manageDelegations(viewer) || viewer.memberships.some((m) => m.delegationId === d.id) ? d.webhookUrl : null;
  }

  @ResolveField(() => [DelegationMembership])
  async members(d: Delegation, _args: NoArgs, ctx: GqlContext): Promise<DelegationMembership[]> {
    const rows = await ctx.loaders.manyBy(DelegationMembershipEntity, 'delegationId', { createdAt: 'ASC' }).load(d.id);
    return rows.map(DelegationMembership.from);
  }
}

@Resolver(() => DelegationMembership)
export class DelegationMembershipResolver {
  @ResolveField(() => User)
  async user(m: DelegationMembership, _args: NoArgs, ctx: GqlContext): Promise<User> {
    return User.from((await ctx.loaders.byId(UserEntity).load(m.userId))!);
  }

  @ResolveField(() => Delegation)
  async delegation(m: DelegationMembership, _args: NoArgs, ctx: GqlContext): Promise<Delegation> {
    return Delegation.from((await ctx.loaders.byId(DelegationEntity).load(m.delegationId))!);
  }
}

@Resolver(() => User)
export class UserMembershipsResolver {
  @ResolveField(() => [DelegationMembership], { description: 'The delegations this user belongs to' })
  async memberships(u: User, _args: NoArgs, ctx: GqlContext): Promise<DelegationMembership[]> {
    const rows = await ctx.loaders.manyBy(DelegationMembershipEntity, 'userId', { createdAt: 'ASC' }).load(u.id);
    return rows.map(DelegationMembership.from);
  }
}
