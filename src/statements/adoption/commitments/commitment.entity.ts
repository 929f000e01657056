import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { StatementVersionEntity } from '../../core/statement-version.entity.js';
import { StatementEntity } from '../../core/statement.entity.js';

/**
 * A GOAL paragraph of a statement's adopted version, as the follow-up delegations commit to. The
 * text is not copied: it is the paragraph `paragraphKey` of `versionId` (versions are immutable).
 */
@Entity('statement_commitments')
@Unique('statement_commitments_statement_paragraph', ['statementId', 'paragraphKey'])
export class CommitmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) statementId: string;

  @ManyToOne(() => StatementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'statement_id' })
  statement?: Relation<StatementEntity>;

  @Column({ type: 'uuid' }) versionId: string;

  @ManyToOne(() => StatementVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: Relation<StatementVersionEntity>;

  @Column({ type: 'varchar', length: 32 }) paragraphKey: string;

  /** 1-based position among the version's goals. */
  @Column({ type: 'int' }) ordinal: number;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
