import { DefaultNamingStrategy, type NamingStrategyInterface, type Table } from 'typeorm';
import { snakeCase } from 'typeorm/util/StringUtils.js';

/**
 * camelCase properties ↔ snake_case columns, and constraint names in PostgreSQL's own style
 * (`users_pkey`, `meetings_body_id_fkey`), so migrations and error messages read naturally.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    return customName ?? snakeCase([...embeddedPrefixes, propertyName].join('_'));
  }

  override relationName(propertyName: string): string {
    return snakeCase(propertyName);
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snakeCase(`${relationName}_${referencedColumnName}`);
  }

  override joinTableColumnName(tableName: string, propertyName: string, columnName?: string): string {
    return snakeCase(`${tableName}_${columnName ?? propertyName}`);
  }

  override primaryKeyName(table: Table | string): string {
    return `${this.bareTableName(table)}_pkey`;
  }

  override uniqueConstraintName(table: Table | string, columns: string[]): string {
    return this.limit(`${this.bareTableName(table)}_${columns.join('_')}_key`);
  }

  override foreignKeyName(table: Table | string, columns: string[]): string {
    return this.limit(`${this.bareTableName(table)}_${columns.join('_')}_fkey`);
  }

  override indexName(table: Table | string, columns: string[]): string {
    return this.limit(`${this.bareTableName(table)}_${columns.join('_')}_idx`);
  }

  override relationConstraintName(table: Table | string, columns: string[]): string {
    return this.limit(`${this.bareTableName(table)}_${columns.join('_')}_rel`);
  }

  private bareTableName(table: Table | string): string {
    return this.getTableName(table).split('.').pop()!;
  }

  /** PostgreSQL truncates identifiers at 63 bytes; truncate ourselves so names stay predictable. */
  private limit(name: string): string {
    return name.length <= 63 ? name : `${name.slice(0, 54)}_${this.hash(name).slice(0, 8)}`;
  }
}
