import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/public.decorator.js';
import { RedisConnection } from '../redis/redis.module.js';
import { Readiness } from './readiness.js';

@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisConnection,
    private readonly readiness: Readiness,
  ) {}

  /** 200 once the process has started (worker included) and PostgreSQL and Redis answer; 503 (with what failed) otherwise. */
  @Public()
  @Get('health')
  @HealthCheck()
  check() {
    return this.health.check([
      () => {
        const problem = this.readiness.problem();
        const indicator = this.indicators.check('startup');
        return problem ? indicator.down({ problem }) : indicator.up({ parts: ['api', ...this.readiness.parts()] });
      },
      () => this.db.pingCheck('database').withTimeout(2000),
      () =>
        this.indicators
          .check('redis')
          .attempt(async () => {
            await this.redis.client.ping();
          })
          .withTimeout(2000),
    ]);
  }
}
