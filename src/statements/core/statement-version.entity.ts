import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { UserEntity } from '../../auth/user.entity.js';
import { type Paragraph } from './paragraphs.js';
import { StatementEntity } from './statement.entity.js';

/** Full-text search of the paragraph texts, in the statement's language (text_search_config: migration 1798000004000). */
export const VERSION_SEARCH_VECTOR_SQL = `setweight(jsonb_to_tsvector(text_search_config("search_language"), jsonb_path_query_array("paragraphs", '$[*].text'), '["string"]'), 'B')`;

/** One text of a statement. Never updated (a trigger refuses it): a change is a new version. */
@Entity('statement_versions')
@Index('statement_versions_search', { synchronize: false })
@Unique('statement_versions_statement_number', ['statementId', 'number'])
export class StatementVersionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) statementId: string;

  @ManyToOne(() => StatementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'statement_id' })
  statement?: Relation<StatementEntity>;

  @Column({ type: 'int' }) number: number;

  @Column({ type: 'jsonb' }) paragraphs: Paragraph[];

  /** SHA-256 (hex) of the paragraphs, see contentHash. */
  @Column({ type: 'char', length: 64 }) contentHash: string;

  /** The version this one revised (null for version 1). */
  @Column({ type: 'uuid', nullable: true }) baseVersionId: string | null;

  @Column({ type: 'uuid', nullable: true }) authorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<UserEntity> | null;

  /**
   * The statement's language, copied at insert by a trigger (a generated column cannot read the
   * statement's row) so the search vector below is built in that language.
   */
  @Column({ type: 'varchar', length: 16, nullable: true, select: false, insert: false, update: false }) searchLanguage?: string | null;

  /** Kept by PostgreSQL itself; GIN-indexed (global search). */
  @Column({ type: 'tsvector', select: false, insert: false, update: false, generatedType: 'STORED', asExpression: VERSION_SEARCH_VECTOR_SQL })
  searchVector?: string;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
