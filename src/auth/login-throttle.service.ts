import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config.js';
import { AppError } from '../common/errors/app-error.js';
import { RedisConnection } from '../redis/redis.module.js';

/** How long an address a user signed in from stays that user's known address. */
const KNOWN_ADDRESS_SECONDS = 30 * 86400;

/** What a sign-in attempt took, for giving it back when the password was right. */
export interface LoginAttempt {
  email: string;
  ip: string;
  /** The attempt counted against the account's allowance (it came from an address not yet known for it). */
  countedForAccount: boolean;
}

/**
 * Limits sign-in attempts in Redis, shared by all API instances, three ways:
 * - per account and address (LOGIN_MAX_FAILURES per LOGIN_WINDOW_SECONDS): one guesser, one account;
 * - per address, ten times that: one address trying many accounts;
 * - per account from every address together (LOGIN_ACCOUNT_MAX_FAILURES per
 *   LOGIN_ACCOUNT_WINDOW_SECONDS): many addresses (a botnet, forged proxies) guessing one password.
 * The per-account limit is the one an attacker could turn against the user, by failing on purpose:
 * its window is modest (15 minutes by default, so a lock ends soon after the attacker stops), and
 * addresses the user signed in from within 30 days are not counted against it, so the user keeps
 * signing in from them while strangers are refused.
 * An attempt takes its points atomically BEFORE the password is verified, so parallel guesses cannot
 * all slip past the check; a successful sign-in gives them back. While Redis is away an in-memory
 * limiter per instance stands in, so throttling never switches off.
 */
@Injectable()
export class LoginThrottleService {
  private readonly byEmailAndIp: RateLimiterAbstract;
  private readonly byIp: RateLimiterAbstract;
  private readonly byAccount: RateLimiterAbstract;
  /** Accounts' known addresses: one point per (email, address) that signed in, kept for 30 days. */
  private readonly knownAddresses: RateLimiterAbstract;

  constructor(@Inject(AppConfig) config: AppConfig, redis: RedisConnection) {
    const { maxFailures, windowSeconds, accountMaxFailures, accountWindowSeconds } = config.login;
    const limiter = (keyPrefix: string, points: number, duration: number, standIn = true) =>
      new RateLimiterRedis({
        storeClient: redis.client,
        keyPrefix: `${config.queuePrefix}:login-fail:${keyPrefix}`,
        points,
        duration,
        insuranceLimiter: standIn ? new RateLimiterMemory({ keyPrefix, points, duration }) : undefined,
      });
    this.byEmailAndIp = limiter('email-ip', maxFailures, windowSeconds);
    this.byIp = limiter('ip', maxFailures * 10, windowSeconds);
    this.byAccount = limiter('account', accountMaxFailures, accountWindowSeconds);
    // No in-memory stand-in: its expiry timer cannot hold 30 days (Node caps timers at 24.8 days and
    // fires at once), and without Redis an address simply counts as unknown.
    this.knownAddresses = limiter('known', 1, KNOWN_ADDRESS_SECONDS, false);
  }

  /** Takes one attempt from every allowance that applies, or refuses with RATE_LIMITED when one is used up. */
  async consume(email: string, ip: string): Promise<LoginAttempt> {
    const known = await this.knownAddresses.get(`${email}|${ip}`).catch(() => null);
    const countedForAccount = !known || known.consumedPoints < 1;
    const results = await Promise.allSettled([
      this.byEmailAndIp.consume(`${email}|${ip}`),
      this.byIp.consume(ip),
      ...(countedForAccount ? [this.byAccount.consume(email)] : []),
    ]);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (!refused) return { email, ip, countedForAccount };
    if (!(refused.reason instanceof RateLimiterRes)) throw refused.reason;
    const retryAfter = Math.max(1, Math.ceil(refused.reason.msBeforeNext / 1000));
    throw AppError.rateLimited(`Too many failed sign-in attempts; try again in ${retryAfter} s`, retryAfter);
  }

  /**
   * Single sign-on's starts and callbacks (no e-mail known yet) take from the address's allowance:
   * each start keeps a state in Redis and each callback writes an audit row, so one address cannot
   * flood either. A completed sign-in gives them back (`rewardAddress`).
   */
  async consumeAddress(ip: string): Promise<void> {
    try {
      await this.byIp.consume(ip);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw AppError.rateLimited(`Too many sign-in attempts from this address; try again in ${retryAfter} s`, retryAfter);
    }
  }

  async rewardAddress(ip: string, points: number): Promise<void> {
    await this.byIp.reward(ip, points).catch(() => null);
  }

  /** A successful sign-in: the pair starts afresh, the address and account get their points back, the address becomes known. */
  async recordSuccess(attempt: LoginAttempt): Promise<void> {
    const { email, ip } = attempt;
    await Promise.all([
      this.byEmailAndIp.delete(`${email}|${ip}`),
      this.byIp.reward(ip, 1),
      attempt.countedForAccount ? this.byAccount.reward(email, 1) : null,
      // Best effort: `set` has no in-memory stand-in, and a sign-in must not fail while Redis is away.
      this.knownAddresses.set(`${email}|${ip}`, 1, KNOWN_ADDRESS_SECONDS).catch(() => null),
    ]);
  }
}
