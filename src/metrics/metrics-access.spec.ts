import { describe, expect, it } from '@jest/globals';
import { NotFoundException } from '@nestjs/common';
import { redactUrl } from '../common/logging.module.js';
import { loadConfig } from '../config/app-config.js';
import { MetricsController } from './metrics.controller.js';
import { type MetricsService } from './metrics.service.js';

const metrics = { registry: { metrics: async () => 'ok' } } as unknown as MetricsService;
const STRONG = 'q7Vt2mX9pL4sK8wN3bR6yH1cJ5fD0gZaE-uQ_oI';

describe('/metrics access', () => {
  it('is closed in production without METRICS_TOKEN, open in development', async () => {
    expect(() => new MetricsController(metrics, loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG })).scrape(undefined)).toThrow(NotFoundException);
    await expect(new MetricsController(metrics, loadConfig({ NODE_ENV: 'development' })).scrape(undefined)).resolves.toBe('ok');
  });

  it('needs the token when one is set, in any environment', async () => {
    const controller = new MetricsController(metrics, loadConfig({ NODE_ENV: 'development', METRICS_TOKEN: 'a-token-of-16-chars+' }));
    expect(() => controller.scrape(undefined)).toThrow(NotFoundException);
    expect(() => controller.scrape('Bearer a-token-of-16-chars-')).toThrow(NotFoundException);
    await expect(controller.scrape('Bearer a-token-of-16-chars+')).resolves.toBe('ok');
  });
});

describe('request log', () => {
  it('never contains a calendar-feed token', () => {
    expect(redactUrl('/calendar/feed/AbCdEfGhIjKlMnOpQrStUvWxYz012345.ics')).toBe('/calendar/feed/[redacted]');
    expect(redactUrl('/calendar/feed/AbCdEfGhIjKlMnOpQrStUvWxYz012345.ics?x=1')).toBe('/calendar/feed/[redacted]?x=1');
    expect(redactUrl('/graphql')).toBe('/graphql');
  });
});
