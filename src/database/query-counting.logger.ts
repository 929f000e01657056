import { Logger as NestLogger } from '@nestjs/common';
import { type Logger } from 'typeorm';

/**
 * TypeORM logger that counts statements (tests use it to prove a query's SQL count does not grow
 * with its rows) and reports failing or slow ones through the application log.
 */
export class QueryCountingLogger implements Logger {
  private readonly out = new NestLogger('SQL');
  statements = 0;

  logQuery(): void {
    this.statements += 1;
  }

  logQueryError(error: string | Error, query: string): void {
    this.out.debug(`Query failed: ${error instanceof Error ? error.message : error} -- ${query}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.out.warn(`Slow query (${time} ms): ${query}`);
  }

  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.out.log(message);
  }
  log(): void {}
}
