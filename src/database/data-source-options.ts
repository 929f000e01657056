import { type DataSourceOptions, type Logger } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** The one DataSource configuration, shared by the app, the worker, the CLI and the tests. */
export function dataSourceOptions(databaseUrl: string, logger?: Logger): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    logger,
    logging: logger ? ['query', 'error', 'migration'] : ['error'],
    maxQueryExecutionTime: 1000,
    extra: { max: 10, connectionTimeoutMillis: 5000, application_name: 'concordia' },
  };
}
