import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import { AppConfig } from '../../config/app-config.js';
import { TransactionService, type Tx } from '../../database/transaction.service.js';
import { RedisConnection } from '../../redis/redis.module.js';
import { AuthService } from '../auth.service.js';
import { LoginThrottleService } from '../login-throttle.service.js';
import { Role } from '../role.enum.js';
import { UserEntity } from '../user.entity.js';
import { hashPassword } from '../users.service.js';
import { OidcClient } from './oidc-client.js';
import { OidcRefusal, OidcRefused } from './oidc-refusal.js';

/** How long a started sign-in may take at the provider (typing a password, a second factor). */
export const OIDC_STATE_TTL_SECONDS = 600;
/** How long the web client has to exchange the one-time code it was handed (it does so at once). */
export const SIGN_IN_CODE_TTL_SECONDS = 60;
/** The cookie that ties a started sign-in (and its one-time code) to the browser that started it. */
export const OIDC_BINDING_COOKIE = 'concordia_sso';

/** What is kept server side between the redirect to the provider and the callback. */
interface PendingSignIn {
  binding: string;
  codeVerifier: string;
  nonce: string;
}

interface IssuedCode {
  userId: string;
  binding: string;
}

/** What the audit row of an attempt says. */
interface Attempt {
  subject: string | null;
  email: string | null;
  user: UserEntity | null;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Single sign-on through OpenID Connect, authorization code flow with state, nonce and PKCE (S256).
 * Everything protocol-level (discovery, the token request, ID token validation: issuer, audience,
 * expiry, nonce, signature) is `openid-client`'s. This class decides who signs in: the active user
 * whose e-mail is the provider's verified `email` claim. The browser gets a one-time code, never a
 * token (see docs/security.md "Single sign-on").
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('OidcService');
  private readonly keyPrefix: string;

  constructor(
    private readonly oidc: OidcClient,
    private readonly redis: RedisConnection,
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottleService,
    config: AppConfig,
  ) {
    this.keyPrefix = `${config.queuePrefix}:oidc`;
  }

  /** Starts a sign-in: the provider URL to redirect to, and the browser binding to set as a cookie. */
  async begin(ip: string): Promise<{ redirectTo: URL; binding: string }> {
    const settings = this.oidc.settings;
    await this.throttle.consumeAddress(ip);
    const config = await this.oidc.configuration();
    const state = client.randomState();
    const pending: PendingSignIn = {
      binding: randomBytes(32).toString('base64url'),
      codeVerifier: client.randomPKCECodeVerifier(),
      nonce: client.randomNonce(),
    };
    await this.redis.client.set(`${this.keyPrefix}:state:${sha256(state)}`, JSON.stringify(pending), 'EX', OIDC_STATE_TTL_SECONDS);
    const redirectTo = client.buildAuthorizationUrl(config, {
      redirect_uri: settings.redirectUri,
      scope: 'openid email profile',
      state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { redirectTo, binding: pending.binding };
  }

  /**
   * The provider's redirect back. Returns where the browser goes next: the web client's
   * /sign-in/sso with a one-time code, or with the reason of a refusal. Every attempt is audited.
   */
  async finish(query: string, binding: string | undefined, ip: string): Promise<string> {
    const attempt: Attempt = { subject: null, email: null, user: null };
    await this.throttle.consumeAddress(ip);
    try {
      const user = await this.identify(query, binding, attempt);
      await this.throttle.rewardAddress(ip, 2); // this start and this callback
      return `/sign-in/sso#code=${await this.issueCode(user.id, binding!)}`;
    } catch (error) {
      const refusal = error instanceof OidcRefused ? error : new OidcRefused(OidcRefusal.UNAVAILABLE, error instanceof Error ? error.message : String(error));
      if (!(error instanceof OidcRefused)) this.logger.warn(`single sign-on failed: ${refusal.detail}`);
      await this.audit(attempt, refusal).catch((e: unknown) => this.logger.error(`could not audit a refused single sign-on: ${String(e)}`));
      return `/sign-in/sso#error=${refusal.reason}`;
    }
  }

  /** A one-time code for a user whose identity is established, redeemable by the browser holding `binding`. */
  async issueCode(userId: string, binding: string): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    const issued: IssuedCode = { userId, binding };
    await this.redis.client.set(`${this.keyPrefix}:code:${sha256(code)}`, JSON.stringify(issued), 'EX', SIGN_IN_CODE_TTL_SECONDS);
    return code;
  }

  /** The web client trades the one-time code for the usual access token (once, within a minute, from the same browser). */
  async exchange(code: string, binding: string | undefined) {
    const raw = await this.redis.client.getdel(`${this.keyPrefix}:code:${sha256(code)}`);
    const issued = raw ? (JSON.parse(raw) as IssuedCode) : null;
    const refused = AppError.unauthenticated('This sign-in code is unknown, used or expired; sign in again');
    if (!issued || !binding || !sameSecret(issued.binding, binding)) throw refused;
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: issued.userId });
    // Disabled in the minute since: no token.
    if (!user?.active) throw refused;
    return this.auth.startSession(user);
  }

  private async identify(query: string, binding: string | undefined, attempt: Attempt): Promise<UserEntity> {
    const settings = this.oidc.settings;
    const currentUrl = new URL(settings.redirectUri);
    currentUrl.search = query;
    const state = currentUrl.searchParams.get('state');
    // Single use: taken out of Redis whatever happens next, so a second callback with it is refused.
    const raw = state ? await this.redis.client.getdel(`${this.keyPrefix}:state:${sha256(state)}`) : null;
    const pending = raw ? (JSON.parse(raw) as PendingSignIn) : null;
    if (!pending) throw new OidcRefused(OidcRefusal.STATE, state ? 'unknown, expired or reused state' : 'no state');
    if (!binding || !sameSecret(pending.binding, binding)) throw new OidcRefused(OidcRefusal.STATE, 'state started by another browser');
    const providerError = currentUrl.searchParams.get('error');
    if (providerError) throw new OidcRefused(OidcRefusal.PROVIDER, providerError);

    let config: client.Configuration;
    try {
      config = await this.oidc.configuration();
    } catch (error) {
      throw new OidcRefused(OidcRefusal.UNAVAILABLE, String(error));
    }
    let claims: { sub: string; email?: unknown; email_verified?: unknown; name?: unknown } | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: state!,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
      // With the code flow a provider may keep the scopes' claims for the userinfo endpoint (OIDC Core
      // 5.4): ask it, for the ID token's subject only (the library checks that `sub` matches).
      if (claims && claims.email === undefined) claims = { ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)), sub: claims.sub };
    } catch (error) {
      if (error instanceof client.ResponseBodyError && error.error === 'invalid_grant')
        throw new OidcRefused(OidcRefusal.CODE, error.error_description ?? error.error);
      throw new OidcRefused(OidcRefusal.TOKEN, error instanceof Error ? `${error.message}${causeOf(error)}` : String(error));
    }
    if (!claims) throw new OidcRefused(OidcRefusal.TOKEN, 'no ID token');
    attempt.subject = claims.sub;
    attempt.email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
    if (!attempt.email || claims.email_verified !== true) throw new OidcRefused(OidcRefusal.EMAIL_UNVERIFIED);

    const existing = await this.dataSource.getRepository(UserEntity).findOneBy({ email: attempt.email });
    if (existing) {
      attempt.user = existing;
      if (!existing.active) throw new OidcRefused(OidcRefusal.DISABLED);
      await this.audit(attempt, null);
      return existing;
    }
    if (settings.autoProvision !== 'OBSERVER') throw new OidcRefused(OidcRefusal.UNKNOWN_EMAIL);
    return this.provision(attempt, typeof claims.name === 'string' ? claims.name : null);
  }

  /** OIDC_AUTO_PROVISION=observer: an OBSERVER with no delegation, who signs in through the provider only. */
  private async provision(attempt: Attempt, name: string | null): Promise<UserEntity> {
    const email = attempt.email!;
    // Never used: the account has no password anyone knows, and password sign-in is off for it.
    const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
    return this.tx.system(async ({ em, audit }) => {
      const user = em.create(UserEntity, {
        email,
        name: (name?.trim() || email.split('@')[0]).slice(0, 200),
        role: Role.OBSERVER,
        passwordHash,
        passwordLogin: false,
      });
      await em.insert(UserEntity, user);
      audit('user.created', 'User', user.id, { after: { ...user, passwordHash: undefined, createdBy: 'single sign-on' } });
      attempt.user = user;
      this.recordAttempt(audit, attempt, null);
      return user;
    });
  }

  private audit(attempt: Attempt, refusal: OidcRefused | null): Promise<void> {
    return this.tx.system(async ({ audit }) => this.recordAttempt(audit, attempt, refusal));
  }

  /** One row per attempt: who (the user, when one matched), the provider's subject, the outcome. */
  private recordAttempt(audit: Tx['audit'], attempt: Attempt, refusal: OidcRefused | null): void {
    const after = {
      outcome: refusal ? refusal.reason : 'signed-in',
      issuer: this.oidc.settings.issuer.href,
      subject: attempt.subject,
      email: attempt.email,
      userId: attempt.user?.id ?? null,
      detail: refusal?.detail ?? null,
    };
    if (attempt.user) audit(refusal ? 'user.sso-refused' : 'user.sso-signed-in', 'User', attempt.user.id, { after });
    else audit('user.sso-refused', 'SignInAttempt', randomUUID(), { after });
  }
}

function causeOf(error: Error): string {
  return error.cause instanceof Error ? `: ${error.cause.message}` : '';
}
