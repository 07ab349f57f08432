import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/column-types.js';

export type OptOutCheckKind = 'partner' | 'downstream';

/**
 * One item of an opt-out request's downstream checklist: a partner recipient from the
 * disclosure log, or "downstream systems told". Staff tick each; completion waits for all.
 */
@Entity('opt_out_checks')
@Index('UQ_opt_out_checks_request_item', ['requestId', 'itemKey'], { unique: true })
export class OptOutCheck {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'request_id', type: 'varchar', length: 36 })
  requestId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: OptOutCheckKind;

  /** `downstream`, or `partner:<recipient name, lower-cased>`: one item per recipient. */
  @Column({ name: 'item_key', type: 'varchar', length: 250 })
  itemKey: string;

  @Column({ type: 'varchar', length: 200 })
  label: string;

  @Column({ name: 'done_at', type: TIMESTAMP, nullable: true })
  doneAt: Date | null;

  @Column({ name: 'done_by_id', type: 'varchar', length: 36, nullable: true })
  doneById: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ type: 'integer', default: 1 })
  version: number;
}
