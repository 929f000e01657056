import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only record of a state change, written in the transaction that made it. */
@Entity('audit_events')
@Index('audit_events_entity', ['entityType', 'entityId'])
@Index('audit_events_at', ['at'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  /** Null when the system acted (a job, the demo loader). */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 100 }) action: string;

  @Column({ type: 'varchar', length: 100 }) entityType: string;

  @Column({ type: 'uuid' }) entityId: string;

  @Column({ type: 'jsonb', nullable: true }) before: Record<string, any> | null;

  @Column({ type: 'jsonb', nullable: true }) after: Record<string, any> | null;

  @Column({ type: 'varchar', length: 100, nullable: true }) requestId: string | null;

  @CreateDateColumn({ type: 'timestamptz' }) at: Date;
}
