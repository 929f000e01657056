import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { Injectable, type MiddlewareConsumer, Module, type NestMiddleware, type NestModule } from '@nestjs/common';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { type HttpLogger, type Options, pinoHttp } from 'pino-http';
import { AppConfig } from '../config/app-config.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Secrets that travel in URLs (calendar-feed tokens) never reach the log. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/^\/calendar\/feed\/[^/?#]+/, '/calendar/feed/[redacted]');
}

/** What each HTTP request logs: its id (taken from X-Request-Id when sane, echoed in the response), outcome and time. */
function requestLogOptions(): Options {
  return {
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: { req: (req: { url?: string }) => Object.assign(req, { url: redactUrl(req.url) }) },
    autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
  };
}

/**
 * pino-http on every route, without nestjs-pino's request middleware: that one runs each request
 * inside an AsyncLocalStorage, and on Node 20/22 an active AsyncLocalStorage puts a hook on every
 * promise of the process (a nested read makes hundreds). The cost: lines logged through Nest's
 * Logger during a request carry no request id; the request's own line (req.log) still does.
 */
@Injectable()
export class RequestLogMiddleware implements NestMiddleware {
  private http?: HttpLogger;

  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    // The root logger (level, redaction, destination) exists once the logger module has started.
    this.http ??= pinoHttp({ ...requestLogOptions(), logger: PinoLogger.root });
    this.http(req, res, next);
  }
}

/** JSON logs through one pino logger (Nest's Logger included). */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
        // Requests are logged by RequestLogMiddleware instead (see there).
        forRoutes: [],
      }),
    }),
  ],
  providers: [RequestLogMiddleware],
})
export class LoggingModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLogMiddleware).forRoutes('*path');
  }
}
