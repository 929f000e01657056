import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config.js';
import { AppError } from '../common/errors/app-error.js';
import { RedisConnection } from '../redis/redis.module.js';

/**
 * Counts failed logins per (email, IP) and per IP in Redis, shared by all API instances. While
 * Redis is away an in-memory limiter stands in, so throttling never switches off.
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

  /** Refuses the attempt when earlier failures have used up the allowance. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const [pair, addr] = await Promise.all([this.byEmailAndIp.get(`${email}|${ip}`), this.byIp.get(ip)]);
    const blocked = [pair && pair.consumedPoints >= this.byEmailAndIp.points ? pair : null, addr && addr.consumedPoints >= this.byIp.points ? addr : null].find(Boolean);
    if (blocked) {
      const retryAfter = Math.max(1, Math.ceil(blocked.msBeforeNext / 1000));
      throw AppError.rateLimited(`Too many failed sign-in attempts; try again in ${retryAfter} s`, retryAfter);
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([this.consume(this.byEmailAndIp, `${email}|${ip}`), this.consume(this.byIp, ip)]);
  }

  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.byEmailAndIp.delete(`${email}|${ip}`);
  }

  private async consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
    // consume() rejects once points run out; that is the state we record, not an error.
    await limiter.consume(key).catch(() => undefined);
  }
}
