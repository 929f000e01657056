import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Secrets that travel in URLs (calendar-feed tokens) never reach the log. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/^\/calendar\/feed\/[^/?#]+/, '/calendar/feed/[redacted]');
}

/** JSON logs; each HTTP request gets an id (taken from X-Request-Id when sane) echoed in the response. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          genReqId: (req, res) => {
            const given = req.headers['x-request-id'];
            const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
            res.setHeader('X-Request-Id', id);
            return id;
          },
          redact: ['req.headers.authorization', 'req.headers.cookie'],
          serializers: { req: (req: { url?: string }) => Object.assign(req, { url: redactUrl(req.url) }) },
          autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
          customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
        },
      }),
    }),
  ],
})
export class LoggingModule {}
