import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { AuthModule } from '../../auth/auth.module.js';
import { AppConfig } from '../../config/app-config.js';
import { graphqlMetricsPlugin } from '../../metrics/graphql-metrics.plugin.js';
import { MetricsModule } from '../../metrics/metrics.module.js';
import { MetricsService } from '../../metrics/metrics.service.js';
import { errorFormatOptions, formatGraphQLError } from '../errors/format-error.js';
import { Loaders } from '../loaders/loaders.js';
import { StrictDateTime } from './date-time.scalar.js';
import { type GqlContext } from './gql-context.js';
import { GraphiqlController } from './graphiql.controller.js';
import { graphiqlLandingPagePlugin } from './graphiql.js';
import { GraphqlWsServer } from './graphql-ws.server.js';
import { httpTransportPlugin } from './http-transport.plugin.js';
import { costLimitPlugin, limitValidationRules, parseOptions } from './query-limits.js';

/** Apollo at /graphql with the conventions of DESIGN.md, configured once. */
@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [AuthModule, MetricsModule],
      inject: [AppConfig, DataSource, MetricsService],
      useFactory: (config: AppConfig, dataSource: DataSource, metrics: MetricsService) => ({
        path: '/graphql',
        autoSchemaFile: true,
        sortSchema: true,
        // Every `Date` argument and field is our strict DateTime (calendar-valid, years 1900–9999).
        buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: StrictDateTime }] },
        // Nest's GraphiQL page loads its code from a CDN; ours is served by this service (graphiql.ts).
        graphiql: false,
        playground: false,
        introspection: config.graphql.introspection,
        includeStacktraceInErrorResponses: config.isDevelopment,
        // In production, "Did you mean …?" would spell out the schema that introspection keeps closed:
        // the formatter drops it from every message (Apollo's hideSchemaDetailsFromClientErrors only
        // from validation errors, not from variable coercion).
        formatError: (formatted, error) => formatGraphQLError(formatted, error, errorFormatOptions(config)),
        // Token cap while parsing, depth/alias rules in validation, cost before execution (query-limits.ts);
        // graphql-ws.server.ts applies the same functions.
        parseOptions: parseOptions(config.graphql),
        validationRules: limitValidationRules(config.graphql),
        // Apollo's default, said out loud: a GET or a "simple" POST (form, text/plain) needs a header
        // that a browser cannot send cross-site without a CORS preflight.
        csrfPrevention: true,
        // Cache control is unused, and its per-field hook alone makes Apollo wrap every resolver.
        // HTTP's own rules (http-transport.plugin.ts) come before the cost limit: a subscription over
        // POST is refused as such.
        plugins: [
          ApolloServerPluginCacheControlDisabled(),
          ApolloServerPluginUsageReportingDisabled(),
          httpTransportPlugin(),
          costLimitPlugin(config.graphql),
          graphqlMetricsPlugin(metrics),
          ...(config.graphiql ? [graphiqlLandingPagePlugin('/graphql')] : []),
        ],
        context: (arg: { req?: GqlContext['req']; res?: GqlContext['res'] }): GqlContext => ({ req: arg.req, res: arg.res, loaders: new Loaders(dataSource) }),
      }),
    }),
    AuthModule,
    MetricsModule,
  ],
  // graphql-ws is served by our own server (not Apollo's/Nest's), so its checks are ours to keep.
  providers: [GraphqlWsServer],
  controllers: [GraphiqlController],
})
export class GraphqlModule {}
