import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error.js';
import { type ConnectionArgs } from '../common/pagination/connection.js';
import { paginate } from '../common/pagination/paginate.js';
import { TransactionService } from '../database/transaction.service.js';
import { DelegationMembershipEntity } from '../delegations/delegation-membership.entity.js';
import { type AuthUser } from './auth-user.js';
import { type CreateUserInput, type SetUserActiveInput } from './auth.inputs.js';
import { authorize, Policy } from './policy.js';
import { UserEntity } from './user.entity.js';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
  ) {}

  async create(actor: AuthUser, input: CreateUserInput): Promise<UserEntity> {
    authorize(Policy.manageUsers(actor), 'Only administrators create users');
    const passwordHash = await hashPassword(input.password);
    return this.tx.mutate(actor, async ({ em, audit }) => {
      const taken = await em.existsBy(UserEntity, { email: input.email });
      if (taken) throw AppError.badInput('email', 'A user with this e-mail address already exists');
      const user = em.create(UserEntity, { email: input.email, name: input.name, role: input.role, timezone: input.timezone, locale: input.locale, passwordHash });
      await em.insert(UserEntity, user);
      audit('user.created', 'User', user.id, { after: user });
      return user;
    });
  }

  async setActive(actor: AuthUser, input: SetUserActiveInput): Promise<UserEntity> {
    authorize(Policy.manageUsers(actor), 'Only administrators enable or disable users');
    if (input.userId === actor.id && !input.active) throw AppError.badInput('userId', 'You cannot disable your own account');
    return this.tx.mutate(actor, async ({ em, audit }) => {
      const user = await em.findOne(UserEntity, { where: { id: input.userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw AppError.notFound('User', input.userId);
      const before = { ...user };
      user.active = input.active;
      await em.save(user);
      audit(input.active ? 'user.enabled' : 'user.disabled', 'User', user.id, { before, after: user });
      return user;
    });
  }

  list(actor: AuthUser, args: ConnectionArgs) {
    authorize(Policy.manageUsers(actor), 'Only administrators list users');
    return paginate(this.dataSource.getRepository(UserEntity).createQueryBuilder('u'), args, { expression: 'u.email' });
  }

  async findById(id: string): Promise<UserEntity> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id });
    if (!user) throw AppError.notFound('User', id);
    return user;
  }

  /** The AuthUser for a user id, or null when the user is missing or disabled. */
  async loadAuthUser(userId: string): Promise<AuthUser | null> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId, active: true });
    if (!user) return null;
    const memberships = await this.dataSource.getRepository(DelegationMembershipEntity).findBy({ userId });
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      timezone: user.timezone,
      memberships: memberships.map((m) => ({ delegationId: m.delegationId, delegateRole: m.delegateRole })),
    };
  }
}
