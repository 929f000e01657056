import { type DynamicModule, Logger, type MiddlewareConsumer, Module, type NestModule, Optional } from '@nestjs/common';
import { WebClientFiles } from './web-client-files.js';
import { WebClientMiddleware } from './web-client.middleware.js';

/**
 * The web client (web/, built by `npm run build` into web/dist) served at `/` by the API. Without a
 * build (an API-only deployment, or `nest build` alone) the API runs as before and says so once.
 */
@Module({})
export class WebModule implements NestModule {
  constructor(@Optional() private readonly files?: WebClientFiles) {}

  static forRoot(): DynamicModule {
    const files = WebClientFiles.load();
    if (!files) new Logger('WebModule').warn('web/dist/index.html not found: the web client is not served (run `npm run build`)');
    return { module: WebModule, providers: files ? [{ provide: WebClientFiles, useValue: files }, WebClientMiddleware] : [] };
  }

  configure(consumer: MiddlewareConsumer): void {
    if (this.files) consumer.apply(WebClientMiddleware).forRoutes('{*path}');
  }
}
