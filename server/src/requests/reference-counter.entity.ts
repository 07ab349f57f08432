import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last reference number given out in a year (`PR-YYYY-NNNNNN`). */
@Entity('reference_counters')
export class ReferenceCounter {
  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ name: 'last_number', type: 'integer' })
  lastNumber: number;
}
