import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config.js';
import { AppError } from '../common/errors/app-error.js';
import { RedisConnection } from '../redis/redis.module.js';

/**
 * Limits sign-in attempts per (email, IP) and per IP in Redis, shared by all API instances. An
 * attempt takes its point atomically BEFORE the password is verified, so parallel guesses cannot
 * all slip past the check; a successful sign-in gives the points back. While Redis is away an
 * in-memory limiter stands in, so throttling never switches off.
 */
@Injectable()
export class LoginThrottleService {
  private readonly byEmailAndIp: RateLimiterAbstract;
  private readonly byIp: RateLimiterAbstract;

  constructor(@Inject(AppConfig) config: AppConfig, redis: RedisConnection) {
    const { maxFailures, windowSeconds } = config.login;
    const limiter = (keyPrefix: string, points: number) =>
      new RateLimiterRedis({
        storeClient: redis.client,
        keyPrefix: `${config.queuePrefix}:login-fail:${keyPrefix}`,
        points,
        duration: windowSeconds,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: windowSeconds }),
      });
    this.byEmailAndIp = limiter('email-ip', maxFailures);
    // An address trying many accounts is stopped too, at ten times the per-account allowance.
    this.byIp = limiter('ip', maxFailures * 10);
  }

  /** Takes one attempt from both allowances, or refuses with RATE_LIMITED when either is used up. */
  async consume(email: string, ip: string): Promise<void> {
    const results = await Promise.allSettled([this.byEmailAndIp.consume(`${email}|${ip}`), this.byIp.consume(ip)]);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (!refused) return;
    if (!(refused.reason instanceof RateLimiterRes)) throw refused.reason;
    const retryAfter = Math.max(1, Math.ceil(refused.reason.msBeforeNext / 1000));
    throw AppError.rateLimited(`Too many failed sign-in attempts; try again in ${retryAfter} s`, retryAfter);
  }

  /** A successful sign-in: the pair starts afresh and the address gets its point back. */
  async recordSuccess(email: string, ip: string): Promise<void> {
    await Promise.all([this.byEmailAndIp.delete(`${email}|${ip}`), this.byIp.reward(ip, 1)]);
  }
}
