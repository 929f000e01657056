import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { UserEntity } from '../../auth/user.entity.js';
import { type Paragraph } from '../core/paragraphs.js';
import { StatementVersionEntity } from '../core/statement-version.entity.js';
import { StatementEntity } from '../core/statement.entity.js';

/**
 * A language version of one statement version: the same paragraphs (same keys, same kinds, same
 * order) in another language. One per version and language; whether it is outdated (its version is
 * no longer the statement's current one) is computed, never stored.
 */
@Entity('statement_translations')
@Unique('statement_translations_version_language', ['versionId', 'language'])
@Index('statement_translations_statement_id_idx', ['statementId'])
export class StatementTranslationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  /** Denormalised from the version, so visibility and cascades follow the statement directly. */
  @Column({ type: 'uuid' }) statementId: string;

  @ManyToOne(() => StatementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'statement_id' })
  statement?: Relation<StatementEntity>;

  @Column({ type: 'uuid' }) versionId: string;

  @ManyToOne(() => StatementVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: Relation<StatementVersionEntity>;

  /** Canonical BCP 47 tag (Intl.getCanonicalLocales), e.g. `fr`, `pt-BR`. */
  @Column({ type: 'varchar', length: 16 }) language: string;

  /** The title in this language; null: the original's title is used. */
  @Column({ type: 'varchar', length: 500, nullable: true }) title: string | null;

  /** The original's paragraphs, in its order, with their key and kind and the translated text. */
  @Column({ type: 'jsonb' }) paragraphs: Paragraph[];

  /** SHA-256 (hex) of the paragraphs, as for versions (contentHash in paragraphs.ts). */
  @Column({ type: 'char', length: 64 }) contentHash: string;

  @Column({ type: 'uuid', nullable: true }) createdById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Relation<UserEntity> | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
