import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthCache } from '../auth/auth-cache.js';
import { type AuthUser } from '../auth/auth-user.js';
import { authorize, Policy } from '../auth/policy.js';
import { UserEntity } from '../auth/user.entity.js';
import { AppError } from '../common/errors/app-error.js';
import { urlProblem } from '../common/net/url-safety.js';
import { AppConfig } from '../config/app-config.js';
import { type ConnectionArgs } from '../common/pagination/connection.js';
import { paginate } from '../common/pagination/paginate.js';
import { TransactionService } from '../database/transaction.service.js';
import { DelegationKind } from './delegation-kind.enum.js';
import { DelegationMembershipEntity } from './delegation-membership.entity.js';
import { DelegationEntity } from './delegation.entity.js';
import { type AddMemberInput, type CreateDelegationInput, type DelegationFilter, type UpdateDelegationInput } from './delegation.inputs.js';
import { enforceListCap } from '../common/graphql/list-caps.js';

const COUNTRY_KINDS = [DelegationKind.MEMBER_STATE, DelegationKind.THIRD_COUNTRY];

@Injectable()
export class DelegationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly authCache: AuthCache,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Early feedback on a webhook URL; the binding check happens at delivery, on the resolved address. */
  private assertWebhookUrl(url: string | null | undefined): void {
    const problem = url ? urlProblem(url, this.config.webhookAllowedNetworks) : null;
    if (problem) throw AppError.badInput('webhookUrl', `webhookUrl is refused: ${problem}`);
  }

  /** The delegation directory is readable by every signed-in user. */
  list(filter: DelegationFilter | undefined, args: ConnectionArgs) {
    const qb = this.dataSource.getRepository(DelegationEntity).createQueryBuilder('d');
    if (filter?.kind) qb.andWhere('d.kind = :kind', { kind: filter.kind });
    if (filter?.search) qb.andWhere('(d.code ILIKE :s OR d.name ILIKE :s)', { s: `%${filter.search.replace(/[\\%_]/g, '\\$&')}%` });
    return paginate(qb, args, { expression: 'd.code' });
  }

  async findOne(by: { id?: string; code?: string }): Promise<DelegationEntity> {
    if (!by.id === !by.code) throw AppError.badInput(by.id ? 'code' : 'id', 'Give either id or code');
    const repo = this.dataSource.getRepository(DelegationEntity);
    const found = by.id ? await repo.findOneBy({ id: by.id }) : await repo.findOneBy({ code: by.code!.trim().toUpperCase() });
    if (!found) throw AppError.notFound('Delegation', by.id ?? by.code);
    return found;
  }

  async create(actor: AuthUser, input: CreateDelegationInput): Promise<DelegationEntity> {
    authorize(Policy.manageDelegations(actor), 'Only administrators and organizers create delegations');
    if (COUNTRY_KINDS.includes(input.kind) && input.code.length !== 2) {
      throw AppError.badInput('code', 'A country delegation uses its ISO 3166-1 alpha-2 code (two letters)');
    }
    this.assertWebhookUrl(input.webhookUrl);
    return this.tx.mutate(actor, async ({ em, audit }) => {
      if (await em.existsBy(DelegationEntity, { code: input.code })) throw AppError.badInput('code', `A delegation with code ${input.code} already exists`);
      const delegation = em.create(DelegationEntity, {
        code: input.code,
        name: input.name,
        kind: input.kind,
        timezone: input.timezone,
        contactEmail: input.contactEmail ?? null,
        webhookUrl: input.webhookUrl ?? null,
        webhookSecret: input.webhookUrl ? (input.webhookSecret ?? null) : null,
      });
      await em.insert(DelegationEntity, delegation);
      // The follow-up summary (Query.actionItemSummary) has a row per delegation.
      await enforceListCap(em, 'Query.actionItemSummary', null, 'code');
      audit('delegation.created', 'Delegation', delegation.id, { after: delegation });
      return delegation;
    });
  }

  async update(actor: AuthUser, input: UpdateDelegationInput): Promise<DelegationEntity> {
    authorize(Policy.manageDelegations(actor), 'Only administrators and organizers change delegations');
    this.assertWebhookUrl(input.webhookUrl);
    return this.tx.mutate(actor, async ({ em, audit }) => {
      const delegation = await em
        .createQueryBuilder(DelegationEntity, 'd')
        .addSelect('d.webhookSecret')
        .setLock('pessimistic_write')
        .where('d.id = :id', { id: input.delegationId })
        .getOne();
      if (!delegation) throw AppError.notFound('Delegation', input.delegationId);
      const before = { ...delegation };
      if (input.name !== undefined) delegation.name = input.name;
      if (input.timezone !== undefined) delegation.timezone = input.timezone;
      if (input.contactEmail !== undefined) delegation.contactEmail = input.contactEmail;
      if (input.webhookUrl !== undefined) delegation.webhookUrl = input.webhookUrl || null;
      if (input.webhookSecret !== undefined) delegation.webhookSecret = input.webhookSecret;
      if (!delegation.webhookUrl) delegation.webhookSecret = null;
      else if (!delegation.webhookSecret) throw AppError.badInput('webhookSecret', 'webhookSecret is required with webhookUrl');
      await em.save(delegation);
      audit('delegation.updated', 'Delegation', delegation.id, { before, after: delegation });
      return delegation;
    });
  }

  async addMember(actor: AuthUser, input: AddMemberInput): Promise<DelegationMembershipEntity> {
    authorize(Policy.manageDelegations(actor), 'Only administrators and organizers add delegation members');
    const membership = await this.tx.mutate(actor, async ({ em, audit, enqueue }) => {
      if (!(await em.existsBy(DelegationEntity, { id: input.delegationId }))) throw AppError.badInput('delegationId', 'No such delegation');
      if (!(await em.existsBy(UserEntity, { id: input.userId }))) throw AppError.badInput('userId', 'No such user');
      if (await em.existsBy(DelegationMembershipEntity, { userId: input.userId, delegationId: input.delegationId })) {
        throw AppError.conflict('The user is already a member of this delegation');
      }
      const membership = em.create(DelegationMembershipEntity, { ...input });
      await em.insert(DelegationMembershipEntity, membership);
      await enforceListCap(em, 'Delegation.members', input.delegationId, 'delegationId');
      await enforceListCap(em, 'User.memberships', input.userId, 'userId');
      audit('delegation.member-added', 'DelegationMembership', membership.id, { after: membership });
      enqueue('notify', { event: 'delegation.member-added', membershipId: membership.id });
      // The member's cached identity lists their delegations: drop it (again after commit, see AuthCache).
      await this.authCache.invalidate(input.userId);
      return membership;
    });
    await this.authCache.invalidate(input.userId);
    return membership;
  }
}
