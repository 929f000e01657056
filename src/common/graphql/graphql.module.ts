import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { type Context as WsContext } from 'graphql-ws';
import { DataSource } from 'typeorm';
import { type AuthUser } from '../../auth/auth-user.js';
import { AuthModule } from '../../auth/auth.module.js';
import { AuthService } from '../../auth/auth.service.js';
import { AppConfig } from '../../config/app-config.js';
import { graphqlMetricsPlugin } from '../../metrics/graphql-metrics.plugin.js';
import { MetricsModule } from '../../metrics/metrics.module.js';
import { MetricsService } from '../../metrics/metrics.service.js';
import { formatGraphQLError } from '../errors/format-error.js';
import { Loaders } from '../loaders/loaders.js';
import { type GqlContext } from './gql-context.js';
import { costLimitPlugin, limitValidationRules } from './query-limits.js';

type WsExtra = { user?: AuthUser | null };
type WsCtx = WsContext<Record<string, unknown> | undefined, unknown>;

function authorizationOf(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
}

/** Apollo at /graphql with the conventions of DESIGN.md, configured once. */
@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [AuthModule, MetricsModule],
      inject: [AppConfig, DataSource, AuthService, MetricsService],
      useFactory: (config: AppConfig, dataSource: DataSource, auth: AuthService, metrics: MetricsService) => ({
        path: '/graphql',
        autoSchemaFile: true,
        sortSchema: true,
        graphiql: !config.isProduction,
        playground: false,
        introspection: true,
        includeStacktraceInErrorResponses: config.isDevelopment,
        formatError: (formatted, error) => formatGraphQLError(formatted, error, config.isDevelopment),
        validationRules: limitValidationRules(config.graphql),
        // Cache control is unused, and its per-field hook alone makes Apollo wrap every resolver.
        plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginUsageReportingDisabled(), costLimitPlugin(config.graphql), graphqlMetricsPlugin(metrics)],
        context: (arg: { req?: GqlContext['req']; res?: GqlContext['res'] } | WsCtx): GqlContext => {
          if ('extra' in arg) return { user: (arg.extra as WsExtra).user ?? null, loaders: new Loaders(dataSource) };
          return { req: arg.req, res: arg.res, loaders: new Loaders(dataSource) };
        },
        subscriptions: {
          'graphql-ws': {
            // The token travels in connection params: `{ authorization: 'Bearer …' }`.
            onConnect: async (ctx: WsCtx) => {
              const user = await auth.authenticate(authorizationOf(ctx.connectionParams));
              if (!user) return false;
              (ctx.extra as WsExtra).user = user;
              return true;
            },
          },
        },
      }),
    }),
  ],
})
export class GraphqlModule {}
