import { Injectable, type NestMiddleware } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';
import { MetricsService } from './metrics.service.js';

/** Route labels are a fixed set (ids and tokens never become labels, unknown paths are "other"). */
const ROUTES = ['/graphql', '/health', '/metrics', '/calendar/meetings', '/calendar/feed'];

export function routeLabel(url: string): string {
  const path = url.split('?')[0];
  return ROUTES.find((r) => path === r || path.startsWith(`${r}/`)) ?? 'other';
}

/** Times every HTTP request. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.metrics.httpDuration.startTimer();
    res.on('finish', () => end({ method: req.method, route: routeLabel(req.originalUrl ?? req.url), status: String(res.statusCode) }));
    next();
  }
}
