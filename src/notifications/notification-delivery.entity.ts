import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { NotificationEntity } from './notification.entity.js';
import { DeliveryStatus, NotificationChannel } from './notification-kind.enum.js';

/**
 * One send of one message through one channel. The unique indexes are the exactly-once rule:
 * one row per (notification, channel) for users, one per (event, delegation) for webhooks.
 */
@Entity('notification_deliveries')
@Index('notification_deliveries_notification_channel', ['notificationId', 'channel'], { unique: true, where: 'notification_id IS NOT NULL' })
@Index('notification_deliveries_webhook_event', ['eventKey', 'delegationId'], { unique: true, where: 'delegation_id IS NOT NULL' })
@Index('notification_deliveries_failed', ['updatedAt'], { where: `status = 'FAILED'` })
export class NotificationDeliveryEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'enum', enum: NotificationChannel, enumName: 'notification_channel' }) channel: NotificationChannel;

  /** Set for IN_APP and EMAIL. */
  @Column({ type: 'uuid', nullable: true }) notificationId: string | null;

  @ManyToOne(() => NotificationEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'notification_id' })
  notification?: Relation<NotificationEntity> | null;

  /** Set for WEBHOOK. */
  @Column({ type: 'uuid', nullable: true }) delegationId: string | null;

  @ManyToOne(() => DelegationEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Relation<DelegationEntity> | null;

  @Column({ type: 'varchar', length: 300 }) eventKey: string;

  /** What a webhook posts (subject, body, entity); null for user channels, which read the notification. */
  @Column({ type: 'jsonb', nullable: true }) payload: Record<string, any> | null;

  @Column({ type: 'enum', enum: DeliveryStatus, enumName: 'delivery_status', default: DeliveryStatus.PENDING }) status: DeliveryStatus;

  @Column({ type: 'int', default: 0 }) attempts: number;

  @Column({ type: 'text', nullable: true }) lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true }) sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
