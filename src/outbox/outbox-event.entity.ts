import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type OutboxOperation = 'ADD' | 'REMOVE';

/**
 * A job to hand to BullMQ once the transaction that wrote it commits. The relay adds it with
 * `jobId` (the outbox id unless the producer chose a deterministic one) and only then marks it sent.
 */
@Entity('outbox_events')
@Index('outbox_events_unsent', ['createdAt'], { where: 'sent_at IS NULL' })
export class OutboxEventEntity {
  @PrimaryColumn({ type: 'uuid' }) id: string;

  @Column({ type: 'varchar', length: 10, default: 'ADD' }) operation: OutboxOperation;

  @Column({ type: 'varchar', length: 60 }) queue: string;

  @Column({ type: 'varchar', length: 100 }) jobName: string;

  @Column({ type: 'varchar', length: 200 }) jobId: string;

  @Column({ type: 'jsonb', default: {} }) payload: Record<string, any>;

  /** For delayed jobs: when the job should run. */
  @Column({ type: 'timestamptz', nullable: true }) runAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true }) sentAt: Date | null;

  @Column({ type: 'int', default: 0 }) attempts: number;

  @Column({ type: 'text', nullable: true }) lastError: string | null;
}
