import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { TransactionService } from '../database/transaction.service.js';
import { AuthCache, type CachedAuthUser } from './auth-cache.js';
import { AuthLocalCache } from './auth-local-cache.js';
import { type AuthUser } from './auth-user.js';
import { type ChangePasswordInput, type LoginInput } from './auth.inputs.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { RevokedTokenEntity } from './revoked-token.entity.js';
import { UserEntity } from './user.entity.js';
import { hashPassword, UsersService } from './users.service.js';

interface TokenClaims {
  sub: string;
  role: string;
  /** The user's token generation when the token was issued. */
  gen: number;
  jti: string;
  exp?: number;
}

const INVALID_LOGIN = 'Invalid e-mail address or password';

/**
 * Sign-in and the one authentication path every transport uses (HTTP guard and graphql-ws, on
 * every operation): signature and expiry, then user active, token generation current and token
 * not signed out — from this process's memory while its invalidation subscription is live
 * (AuthLocalCache), else from Redis (no SQL), else from PostgreSQL.
 */
@Injectable()
export class AuthService {
  /** Verified against when the e-mail is unknown, so both failures take the same time. */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottleService,
    private readonly cache: AuthCache,
    private readonly local: AuthLocalCache,
    private readonly tx: TransactionService,
    private readonly users: UsersService,
  ) {
    this.dummyHash = hashPassword('not-a-real-password-0123456789');
    this.dummyHash.catch(() => undefined);
  }

  async login(input: LoginInput, ip: string): Promise<{ accessToken: string; expiresAt: Date; user: UserEntity }> {
    const attempt = await this.throttle.consume(input.email, ip);
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: input.email })
      .getOne();
    const valid = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), input.password);
    if (!user || !valid || !user.active) throw AppError.unauthenticated(INVALID_LOGIN);
    await this.throttle.recordSuccess(attempt);
    // Said only to whoever knows the password: it tells them to use the single sign-on button.
    if (!user.passwordLogin) throw new AppError(ErrorCode.SSO_REQUIRED, 'This account signs in through single sign-on only');
    return this.startSession(user);
  }

  /**
   * The access token a sign-in answers with, for a user whose identity is already established (a
   * right password, or single sign-on's one-time code): the same token, so signing out, disabling
   * and password changes end it as they end any other.
   */
  async startSession(user: UserEntity): Promise<{ accessToken: string; expiresAt: Date; user: UserEntity }> {
    const accessToken = await this.issueToken(user);
    return { accessToken, expiresAt: new Date(this.jwt.decode<TokenClaims>(accessToken).exp! * 1000), user };
  }

  /** Signs a token for a user without a password check: for tests and trusted tooling only. */
  issueToken(user: Pick<UserEntity, 'id' | 'role'> & { tokenGeneration?: number }): Promise<string> {
    return this.jwt.signAsync({ sub: user.id, role: user.role, gen: user.tokenGeneration ?? 0, jti: randomUUID() } satisfies TokenClaims);
  }

  /** The user behind an `Authorization: Bearer …` value, or null (invalid, expired, revoked, user disabled). */
  authenticate(authorization: string | undefined | null): Promise<AuthUser | null> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    return token ? this.authenticateToken(token) : Promise.resolve(null);
  }

  async authenticateToken(token: string): Promise<AuthUser | null> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      return null;
    }
    if (typeof claims.jti !== 'string' || typeof claims.gen !== 'number' || typeof claims.exp !== 'number') return null;
    const session = { tokenId: claims.jti, expiresAt: new Date(claims.exp * 1000) };

    // Verified by this process a moment ago, and nothing announced since: no round trip at all.
    const local = this.local.get(claims.jti);
    if (local && local.id === claims.sub && local.tokenGeneration === claims.gen) return this.toAuthUser(local, session);

    const ticket = this.local.ticket(); // before reading: a revocation announced from now on voids what we read
    const cached = await this.cache.lookup(claims.sub, claims.jti);
    if (cached) {
      if (cached.revoked) return null;
      // Below the last revocation: ended. Above it can only be a generation bumped in the database
      // directly (the users_end_sessions_on_disable trigger), which the checks below judge.
      if (cached.generation !== null && claims.gen < cached.generation) return null;
      // An entry of another generation may have been cached from a row read just before a revocation: ask the database.
      if (cached.user?.tokenGeneration === claims.gen) {
        if (!cached.user.active) return null;
        this.local.store(ticket, claims.jti, cached.user, session.expiresAt);
        return this.toAuthUser(cached.user, session);
      }
    }
    // Cold (or Redis away): the database decides, and warms the cache for the next request.
    const user = await this.users.loadAuthUser(claims.sub);
    if (!user || user.tokenGeneration !== claims.gen) return null;
    if (cached) await this.cache.store(user);
    // Both checked: the service bumps the generation whenever it disables someone, and so does a
    // trigger on a direct `UPDATE users SET active = false` (migration 1799000000000), but a direct
    // change is first of all `active`.
    if (!user.active) return null;
    if (await this.dataSource.getRepository(RevokedTokenEntity).existsBy({ jti: claims.jti })) return null;
    // Only when Redis answered: a process that cannot reach Redis has no live subscription either.
    if (cached) this.local.store(ticket, claims.jti, user, session.expiresAt);
    return this.toAuthUser(user, session);
  }

  /**
   * Checks the current password (throttled like a sign-in), stores the new one and ends every
   * earlier token; the answer carries a fresh token so this client stays signed in.
   */
  async changePassword(actor: AuthUser, input: ChangePasswordInput, ip: string): Promise<{ accessToken: string; expiresAt: Date; user: UserEntity }> {
    const attempt = await this.throttle.consume(actor.email, ip);
    const row = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: actor.id })
      .getOneOrFail();
    if (!(await argon2.verify(row.passwordHash, input.currentPassword)))
      throw AppError.badInput('currentPassword', 'currentPassword is not your current password');
    await this.throttle.recordSuccess(attempt);
    if (await argon2.verify(row.passwordHash, input.newPassword)) throw AppError.badInput('newPassword', 'newPassword must differ from the current password');
    const passwordHash = await hashPassword(input.newPassword);
    const user = await this.tx.mutate(actor, async ({ em, audit }) => {
      const locked = await em.findOneOrFail(UserEntity, { where: { id: actor.id }, lock: { mode: 'pessimistic_write' } });
      await em.update(UserEntity, { id: actor.id }, { passwordHash });
      locked.tokenGeneration = await this.users.endSessions(em, actor.id);
      audit('user.password-changed', 'User', actor.id, { after: { tokenGeneration: locked.tokenGeneration } });
      return locked;
    });
    const accessToken = await this.issueToken(user);
    return { accessToken, expiresAt: new Date(this.jwt.decode<TokenClaims>(accessToken).exp! * 1000), user };
  }

  /** Ends the token the actor is using now; other sessions stay signed in. */
  async signOut(actor: AuthUser): Promise<boolean> {
    const session = actor.session;
    if (!session) throw AppError.unauthenticated();
    await this.tx.mutate(actor, async ({ em, audit }) => {
      // Expired rows are useless (their tokens fail on expiry): keep the table small.
      await em.createQueryBuilder().delete().from(RevokedTokenEntity).where('expires_at < now()').execute();
      await em
        .createQueryBuilder()
        .insert()
        .into(RevokedTokenEntity)
        .values({ jti: session.tokenId, userId: actor.id, expiresAt: session.expiresAt })
        .orIgnore()
        .execute();
      audit('user.signed-out', 'User', actor.id, { after: { tokenId: session.tokenId } });
      // Inside the transaction: if Redis cannot record it, nothing is recorded and the call fails.
      await this.cache.revokeToken(session.tokenId, session.expiresAt);
    });
    return true;
  }

  private toAuthUser(u: CachedAuthUser, session: AuthUser['session']): AuthUser {
    // Copies: the cached user is shared by every request of this process.
    const memberships = u.memberships.map((m) => ({ ...m }));
    return { id: u.id, email: u.email, name: u.name, role: u.role, timezone: u.timezone, memberships, session };
  }
}
