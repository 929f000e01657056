import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { type Paragraph } from './paragraphs.js';
import { StatementEntity } from './statement.entity.js';

/** One text of a statement. Never updated (a trigger refuses it): a change is a new version. */
@Entity('statement_versions')
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

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
