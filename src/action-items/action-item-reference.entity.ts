import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last reference number given out per year. Incremented inside the creating transaction, so
 * a rolled-back creation gives its number back: references stay gap-free (creations in one year
 * queue on this row, which is short-lived).
 */
@Entity('action_item_reference_counters')
export class ActionItemReferenceCounterEntity {
  @PrimaryColumn({ type: 'int' }) year: number;

  @Column({ type: 'int' }) last: number;
}
