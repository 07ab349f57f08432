import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last reference number given out for a prefix in a year (`PR-2026-000123`, `LP-…`). */
@Entity('reference_counters')
export class ReferenceCounter {
  @PrimaryColumn({ type: 'varchar', length: 4 })
  prefix: string;

  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ name: 'last_number', type: 'integer' })
  lastNumber: number;
}
