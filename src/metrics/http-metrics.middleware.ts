import { Injectable, type NestMiddleware } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';
import { MetricsService } from './metrics.service.js';

/** Times every HTTP request; routes are labelled by their pattern, never by raw URL (cardinality). */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? (req.baseUrl || req.path.split('/').slice(0, 2).join('/') || '/');
      end({ method: req.method, route: String(route), status: String(res.statusCode) });
    });
    next();
  }
}
