import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error.js';
import { type ConnectionArgs } from '../common/pagination/connection.js';
import { paginate } from '../common/pagination/paginate.js';
import { TransactionService } from '../database/transaction.service.js';
import { DelegationMembershipEntity } from '../delegations/delegation-membership.entity.js';
import { AuthCache, type CachedAuthUser } from './auth-cache.js';
import { type AuthUser } from './auth-user.js';
import { type CreateUserInput, type ResetPasswordInput, type SetUserActiveInput, type SetUserPasswordLoginInput, type UpdateMeInput } from './auth.inputs.js';
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
    private readonly authCache: AuthCache,
  ) {}

  async create(actor: AuthUser, input: CreateUserInput): Promise<UserEntity> {
    authorize(Policy.manageUsers(actor), 'Only administrators create users');
    const passwordHash = await hashPassword(input.password);
    return this.tx.mutate(actor, async ({ em, audit }) => {
      const taken = await em.existsBy(UserEntity, { email: input.email });
      if (taken) throw AppError.badInput('email', 'A user with this e-mail address already exists');
      const user = em.create(UserEntity, {
        email: input.email,
        name: input.name,
        role: input.role,
        timezone: input.timezone,
        locale: input.locale,
        passwordHash,
      });
      await em.insert(UserEntity, user);
      audit('user.created', 'User', user.id, { after: user });
      return user;
    });
  }

  /**
   * Anyone changes their own name, language and time zone (the language and zone of their
   * notifications from then on). Audited with what changed; the cached identity (name, zone) is
   * dropped inside the transaction and again after commit, as for membership changes.
   */
  async updateMe(actor: AuthUser, input: UpdateMeInput): Promise<UserEntity> {
    const user = await this.tx.mutate(actor, async ({ em, audit }) => {
      const user = await em.findOne(UserEntity, { where: { id: actor.id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw AppError.notFound('User', actor.id);
      const before = { name: user.name, locale: user.locale, timezone: user.timezone };
      const after = { name: input.name ?? user.name, locale: input.locale ?? user.locale, timezone: input.timezone ?? user.timezone };
      await em.update(UserEntity, { id: user.id }, after);
      Object.assign(user, after);
      audit('user.updated', 'User', user.id, { before, after });
      await this.authCache.invalidate(user.id);
      return user;
    });
    await this.authCache.invalidate(user.id);
    return user;
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
      // Disabling and re-enabling both end every earlier token (and the feed URL): no revival.
      user.tokenGeneration = await this.endSessions(em, user.id);
      audit(input.active ? 'user.enabled' : 'user.disabled', 'User', user.id, { before, after: user });
      return user;
    });
  }

  /**
   * Requires single sign-on for a user (passwordLogin false) or allows the password again. Tokens
   * already issued stay valid: this changes how the next sign-in happens (disable the user to end them).
   */
  async setPasswordLogin(actor: AuthUser, input: SetUserPasswordLoginInput): Promise<UserEntity> {
    authorize(Policy.manageUsers(actor), 'Only administrators decide how users sign in');
    return this.tx.mutate(actor, async ({ em, audit }) => {
      const user = await em.findOne(UserEntity, { where: { id: input.userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw AppError.notFound('User', input.userId);
      const before = { passwordLogin: user.passwordLogin };
      user.passwordLogin = input.passwordLogin;
      await em.update(UserEntity, { id: user.id }, { passwordLogin: input.passwordLogin });
      audit('user.password-login-changed', 'User', user.id, { before, after: { passwordLogin: user.passwordLogin } });
      return user;
    });
  }

  /** An administrator sets a new password (e.g. a lost one); every earlier token ends. */
  async resetPassword(actor: AuthUser, input: ResetPasswordInput): Promise<UserEntity> {
    authorize(Policy.manageUsers(actor), 'Only administrators reset passwords');
    const passwordHash = await hashPassword(input.newPassword);
    return this.tx.mutate(actor, async ({ em, audit }) => {
      const user = await em.findOne(UserEntity, { where: { id: input.userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw AppError.notFound('User', input.userId);
      await em.update(UserEntity, { id: user.id }, { passwordHash });
      user.tokenGeneration = await this.endSessions(em, user.id);
      audit('user.password-reset', 'User', user.id, { after: { tokenGeneration: user.tokenGeneration } });
      return user;
    });
  }

  /**
   * Ends every token of the user (and their calendar-feed URL) by bumping the token generation.
   * Runs inside the caller's transaction and records the new generation in Redis before commit:
   * if Redis cannot take it, the whole change fails instead of leaving old tokens alive.
   */
  async endSessions(em: EntityManager, userId: string): Promise<number> {
    const [rows] = await em.query<[{ token_generation: number }[], number]>(
      `UPDATE users SET token_generation = token_generation + 1, calendar_token_hash = NULL, calendar_feed_nonce = NULL WHERE id = $1 RETURNING token_generation`,
      [userId],
    );
    const generation = rows[0].token_generation;
    await this.authCache.revokeGeneration(userId, generation);
    return generation;
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

  /** What authentication needs about a user (the AuthUser, whether active, its token generation), or null when missing. */
  async loadAuthUser(userId: string): Promise<CachedAuthUser | null> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) return null;
    const memberships = await this.dataSource.getRepository(DelegationMembershipEntity).find({ where: { userId }, order: { createdAt: 'ASC' } });
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      timezone: user.timezone,
      tokenGeneration: user.tokenGeneration,
      active: user.active,
      memberships: memberships.map((m) => ({ delegationId: m.delegationId, delegateRole: m.delegateRole })),
    };
  }
}
