import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ActionItemsModule } from './action-items/action-items.module.js';
import { CommitmentReadersModule } from './statements/adoption/commitments/commitment-readers.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CommitmentsModule } from './statements/adoption/commitments/commitments.module.js';
import { AppErrorHttpFilter } from './common/errors/app-error.filter.js';
import { createValidationPipe } from './common/errors/validation.pipe.js';
import { GraphqlModule } from './common/graphql/graphql.module.js';
import { LoggingModule } from './common/logging.module.js';
import { type AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DelegationsModule } from './delegations/delegations.module.js';
import { HealthModule } from './health/health.module.js';
import { MeetingsModule } from './meetings/meetings.module.js';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { PubSubModule } from './redis/pubsub.js';
import { RedisModule } from './redis/redis.module.js';
import { SearchModule } from './search/search.module.js';
import { StatementsModule } from './statements/statements.module.js';
import { WebModule } from './web/web.module.js';

/** The HTTP side: GraphQL, health, metrics, calendars. */
@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        RedisModule,
        PubSubModule,
        GraphqlModule,
        AuthModule,
        DelegationsModule,
        AuditModule,
        NotificationsModule,
        MeetingsModule,
        ActionItemsModule,
        CommitmentReadersModule,
        StatementsModule,
        CommitmentsModule,
        SearchModule,
        HealthModule,
        MetricsModule,
        WebModule.forRoot(),
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AppErrorHttpFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
