import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Headers, Inject, NotFoundException } from '@nestjs/common';
import { Public } from '../auth/public.decorator.js';
import { AppConfig } from '../config/app-config.js';
import { MetricsService } from './metrics.service.js';

@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /**
   * Prometheus scrape endpoint. With METRICS_TOKEN set it needs `Authorization: Bearer <token>`;
   * without, it is open outside production and absent (404) in production.
   */
  @Public()
  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    if (!this.allowed(authorization)) throw new NotFoundException();
    return this.metrics.registry.metrics();
  }

  private allowed(authorization: string | undefined): boolean {
    const expected = this.config.metricsToken;
    if (!expected) return !this.config.isProduction;
    const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '');
    const want = Buffer.from(expected);
    return given.length === want.length && timingSafeEqual(given, want);
  }
}
