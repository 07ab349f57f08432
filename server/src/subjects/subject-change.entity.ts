import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { TIMESTAMP } from '../database/column-types.js';
import { Subject } from './subject.entity.js';

/** One field's change: the subject's field-level history. */
@Entity('subject_changes')
export class SubjectChange {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('IDX_subject_changes_subject_id')
  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId: string;

  @ManyToOne(() => Subject, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subject_id' })
  subject?: Relation<Subject>;

  @Column({ type: 'varchar', length: 32 })
  field: string;

  @Column({ name: 'old_value', type: 'text', nullable: true })
  oldValue: string | null;

  @Column({ name: 'new_value', type: 'text', nullable: true })
  newValue: string | null;

  @Column({ name: 'changed_by_type', type: 'varchar', length: 16 })
  changedByType: string;

  @Column({ name: 'changed_by_id', type: 'varchar', length: 64, nullable: true })
  changedById: string | null;

  @Column({ name: 'changed_by_label', type: 'varchar', length: 200 })
  changedByLabel: string;

  /** A request reference, or "staff edit". */
  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @Column({ type: TIMESTAMP })
  at: Date;
}
