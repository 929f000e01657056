import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { QueryCountingLogger } from './query-counting.logger.js';
import { guardNestedConnections } from './transaction-scope.js';
import { TransactionService } from './transaction.service.js';

/** The app's DataSource (migrations already ran before Nest starts) and the transaction helper. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl, new QueryCountingLogger()),
        retryAttempts: 0,
      }),
    }),
  ],
  providers: [TransactionService],
  exports: [TransactionService],
})
export class DatabaseModule implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // Tests fail on a transaction that asks the pool for a second connection; development reports it.
    if (!this.config.isProduction) guardNestedConnections(this.dataSource, this.config.nodeEnv === 'test' ? 'throw' : 'warn');
  }
}
