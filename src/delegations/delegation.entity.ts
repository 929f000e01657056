import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DelegationKind } from './delegation-kind.enum.js';

@Entity('delegations')
export class DelegationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  /** ISO 3166-1 alpha-2 (DK, US) or an institution code (EU, COM, GSC); stored upper-case. */
  @Column({ type: 'varchar', length: 8, unique: true }) code: string;

  @Column({ type: 'varchar', length: 200 }) name: string;

  @Column({ type: 'enum', enum: DelegationKind, enumName: 'delegation_kind' }) kind: DelegationKind;

  @Column({ type: 'varchar', length: 64, default: 'UTC' }) timezone: string;

  @Column({ type: 'varchar', length: 320, nullable: true }) contactEmail: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true }) webhookUrl: string | null;

  /** HMAC key for webhook signatures; never leaves the service. */
  @Column({ type: 'varchar', length: 200, nullable: true, select: false }) webhookSecret: string | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
