import { Inject, Injectable } from '@nestjs/common';
import ms from 'ms';
import { AppConfig } from '../config/app-config.js';
import { RedisConnection } from '../redis/redis.module.js';
import { type AuthUser } from './auth-user.js';

/** What authentication needs about a user, as cached in Redis (no request-specific fields). */
export type CachedAuthUser = Omit<AuthUser, 'requestId' | 'session'> & { tokenGeneration: number; active: boolean };

export interface AuthLookup {
  /** The cached user, or null on a miss. */
  user: CachedAuthUser | null;
  /** The generation written by the last revocation, when one happened within a token's lifetime. */
  generation: number | null;
  /** The token was signed out. */
  revoked: boolean;
}

/** The pub/sub channel on which every revocation and identity change is announced to every API process (AuthLocalCache). */
export function authInvalidationChannel(queuePrefix: string): string {
  return `${queuePrefix}:auth:invalidations`;
}

/** A message on that channel: one token signed out (`t:<jti>`) or everything cached about one user (`u:<id>`). */
export type AuthInvalidation = `t:${string}` | `u:${string}`;

/**
 * Shared by every API instance through Redis; each process keeps verified tokens in memory on top
 * of it (AuthLocalCache), and every write below also publishes on authInvalidationChannel, in the
 * same MULTI, so that memory is dropped everywhere when Redis changes:
 * - `auth:user:<id>`: the user and memberships, short-lived (AUTH_USER_CACHE_SECONDS), deleted on
 *   every change the service makes; a change made directly in the database is seen when it expires;
 * - `auth:gen:<id>`: the token generation after a revocation, authoritative while present (it
 *   outlives every token issued before it);
 * - `auth:revoked:<jti>`: a signed-out token, until it would have expired.
 * A request this process has just verified costs nothing; a Redis-warm one one MGET and no SQL.
 */
@Injectable()
export class AuthCache {
  private readonly prefix: string;
  private readonly channel: string;
  private readonly tokenLifetimeSeconds: number;
  private readonly userTtlSeconds: number;

  constructor(
    private readonly redis: RedisConnection,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.prefix = `${config.queuePrefix}:auth`;
    this.channel = authInvalidationChannel(config.queuePrefix);
    this.tokenLifetimeSeconds = Math.ceil(ms(config.jwt.expiresIn as ms.StringValue) / 1000);
    this.userTtlSeconds = config.authUserCacheSeconds;
  }

  /** One round trip; null when Redis cannot answer (the caller falls back to the database). */
  async lookup(userId: string, jti: string): Promise<AuthLookup | null> {
    try {
      const [user, generation, revoked] = await this.redis.client.mget(this.userKey(userId), this.genKey(userId), this.revokedKey(jti));
      return {
        user: user ? (JSON.parse(user) as CachedAuthUser) : null,
        generation: generation === null ? null : Number(generation),
        revoked: revoked !== null,
      };
    } catch {
      return null;
    }
  }

  /** Best effort: a failed write only costs the next request a database read. */
  async store(user: CachedAuthUser): Promise<void> {
    await this.redis.client.set(this.userKey(user.id), JSON.stringify(user), 'EX', this.userTtlSeconds).catch(() => undefined);
  }

  /**
   * Drops the cached user (name, memberships changed). Best effort, so such changes still commit
   * while Redis is away; callers call it inside the transaction and once more after commit (a
   * reader may have cached the old row in between). If Redis was unreachable at both moments, the
   * old entry lives out its TTL (AUTH_USER_CACHE_SECONDS) — acceptable for memberships, never used for
   * revocation, which goes through revokeGeneration / revokeToken and fails closed.
   */
  async invalidate(userId: string): Promise<void> {
    await this.redis.client
      .multi()
      .del(this.userKey(userId))
      .publish(this.channel, this.message('u', userId))
      .exec()
      .then(this.throwOnError)
      .catch(() => undefined);
  }

  /** Ends every token below `generation`. Must succeed: called inside the revoking transaction. */
  async revokeGeneration(userId: string, generation: number): Promise<void> {
    await this.redis.client
      .multi()
      .set(this.genKey(userId), String(generation), 'EX', this.tokenLifetimeSeconds + 60)
      .del(this.userKey(userId))
      .publish(this.channel, this.message('u', userId))
      .exec()
      .then(this.throwOnError);
  }

  /** Ends one token. Must succeed: called inside the sign-out transaction. */
  async revokeToken(jti: string, expiresAt: Date): Promise<void> {
    const seconds = Math.max(1, Math.ceil((expiresAt.getTime() - Date.now()) / 1000));
    await this.redis.client.multi().set(this.revokedKey(jti), '1', 'EX', seconds).publish(this.channel, this.message('t', jti)).exec().then(this.throwOnError);
  }

  private message(kind: 't' | 'u', id: string): AuthInvalidation {
    return `${kind}:${id}`;
  }

  private readonly throwOnError = (results: [Error | null, unknown][] | null): void => {
    const error = results?.find(([e]) => e)?.[0];
    if (error) throw error;
  };

  private userKey(id: string) {
    return `${this.prefix}:user:${id}`;
  }
  private genKey(id: string) {
    return `${this.prefix}:gen:${id}`;
  }
  private revokedKey(jti: string) {
    return `${this.prefix}:revoked:${jti}`;
  }
}
