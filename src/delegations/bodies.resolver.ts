import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { UuidPipe } from '../common/errors/uuid.pipe.js';
import { type GqlContext, type NoArgs } from '../common/graphql/gql-context.js';
import { ConnectionArgs, mapConnection } from '../common/pagination/connection.js';
import { BodiesService } from './bodies.service.js';
import { BodyEntity } from './body.entity.js';
import { bodyMembersLoader } from './delegation.loaders.js';
import { DelegationEntity } from './delegation.entity.js';
import { BodyFilter, CreateBodyInput } from './delegation.inputs.js';
import { Body, BodyConnection, Delegation } from './delegation.model.js';

@Resolver(() => Body)
export class BodiesResolver {
  constructor(private readonly service: BodiesService) {}

  @Query(() => BodyConnection, { description: 'Bodies (ministerials, senior officials, working parties), by name' })
  async bodies(@Args() args: ConnectionArgs, @Args('filter', { type: () => BodyFilter, nullable: true }) filter?: BodyFilter): Promise<BodyConnection> {
    return mapConnection(await this.service.list(filter, args), Body.from);
  }

  @Query(() => Body)
  async body(@Args('id', { type: () => ID }, new UuidPipe('id')) id: string): Promise<Body> {
    return Body.from(await this.service.findOne(id));
  }

  @Mutation(() => Body, { description: 'Creates a body (ADMIN, ORGANIZER)' })
  async createBody(@CurrentUser() actor: AuthUser, @Args('input') input: CreateBodyInput): Promise<Body> {
    return Body.from(await this.service.create(actor, input));
  }

  @ResolveField(() => Body, { nullable: true })
  async parent(b: Body, _args: NoArgs, ctx: GqlContext): Promise<Body | null> {
    const parent = b.parentId ? await ctx.loaders.byId(BodyEntity).load(b.parentId) : null;
    return parent ? Body.from(parent) : null;
  }

  @ResolveField(() => [Body], { description: 'Bodies directly under this one' })
  async children(b: Body, _args: NoArgs, ctx: GqlContext): Promise<Body[]> {
    return (await ctx.loaders.manyBy(BodyEntity, 'parentId', { name: 'ASC' }).load(b.id)).map(Body.from);
  }

  @ResolveField(() => Delegation, { nullable: true })
  async chair(b: Body, _args: NoArgs, ctx: GqlContext): Promise<Delegation | null> {
    const chair = b.chairDelegationId ? await ctx.loaders.byId(DelegationEntity).load(b.chairDelegationId) : null;
    return chair ? Delegation.from(chair) : null;
  }

  @ResolveField(() => [Delegation], { description: 'Member delegations, by code' })
  async members(b: Body, _args: NoArgs, ctx: GqlContext): Promise<Delegation[]> {
    return (await bodyMembersLoader(ctx.loaders).load(b.id)).map(Delegation.from);
  }
}
