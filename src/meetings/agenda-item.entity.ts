import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, type Relation } from 'typeorm';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { AgendaItemKind } from './meeting.enums.js';
import { MeetingEntity } from './meeting.entity.js';

/** Positions are 1..n per meeting; the unique constraint is deferred so a move can shift rows. */
@Entity('agenda_items')
@Unique('agenda_items_meeting_position', ['meetingId', 'position'], { deferrable: 'INITIALLY DEFERRED' })
export class AgendaItemEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<MeetingEntity>;

  @Column({ type: 'int' }) position: number;

  @Column({ type: 'varchar', length: 500 }) title: string;

  @Column({ type: 'text', nullable: true }) description: string | null;

  @Column({ type: 'enum', enum: AgendaItemKind, enumName: 'agenda_item_kind' }) kind: AgendaItemKind;

  @Column({ type: 'uuid', nullable: true }) leadDelegationId: string | null;

  @ManyToOne(() => DelegationEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'lead_delegation_id' })
  leadDelegation?: Relation<DelegationEntity> | null;

  /** What the meeting concluded on this item. */
  @Column({ type: 'text', nullable: true }) outcome: string | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
