import type {
  CorrectableField,
  CorrectionDecision,
  FollowUpExemption,
  FollowUpStatus,
} from '@privacy-desk/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types.js';

/** The correction work on one request: the subject version decided against, notes, apply. */
@Entity('correction_reviews')
export class CorrectionReview {
  @PrimaryColumn({ name: 'request_id', type: 'varchar', length: 36 })
  requestId: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId: string;

  /** The subject's version the decisions were made against (its values shown beside them). */
  @Column({ name: 'subject_version', type: 'integer' })
  subjectVersion: number;

  @Column({ name: 'evidence_notes', type: 'text', nullable: true })
  evidenceNotes: string | null;

  @Column({ name: 'applied_at', type: TIMESTAMP, nullable: true })
  appliedAt: Date | null;

  @Column({ name: 'applied_by_id', type: 'varchar', length: 36, nullable: true })
  appliedById: string | null;

  @Column({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;

  @Column({ type: 'integer', default: 1 })
  version: number;
}

/** Staff's decision on one requested field. */
@Entity('correction_decisions')
@Index('UQ_correction_decisions_request_field', ['requestId', 'field'], { unique: true })
export class CorrectionFieldDecision {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'request_id', type: 'varchar', length: 36 })
  requestId: string;

  @Column({ type: 'varchar', length: 32 })
  field: CorrectableField;

  @Column({ type: 'varchar', length: 16 })
  decision: CorrectionDecision;

  /** The value to write (requested or edited, normalised); null when declined. */
  @Column({ type: 'text', nullable: true })
  value: string | null;

  /** Why it was declined (or edited). */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'decided_by_id', type: 'varchar', length: 36 })
  decidedById: string;

  @Column({ name: 'decided_at', type: TIMESTAMP })
  decidedAt: Date;
}

/** "Notify recipient": an approved disclosure that carried a corrected field (GDPR Art. 19). */
@Entity('correction_follow_ups')
export class CorrectionFollowUp {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('IDX_correction_follow_ups_request_id')
  @Column({ name: 'request_id', type: 'varchar', length: 36 })
  requestId: string;

  @Column({ name: 'disclosure_id', type: 'varchar', length: 36 })
  disclosureId: string;

  @Column({ name: 'disclosure_reference', type: 'varchar', length: 20 })
  disclosureReference: string;

  @Column({ name: 'recipient_name', type: 'varchar', length: 300 })
  recipientName: string;

  @Column({ name: 'recipient_type', type: 'varchar', length: 32 })
  recipientType: string;

  /** Under a legal process: the letter leaves it out while a gag order is in force. */
  @Column({ name: 'legal_process_id', type: 'varchar', length: 36, nullable: true })
  legalProcessId: string | null;

  /** JSON array of the corrected fields the recipient received. */
  @Column({ type: 'simple-json' })
  fields: CorrectableField[];

  @Column({ type: 'varchar', length: 16 })
  status: FollowUpStatus;

  /** How the recipient was told (email to …, partner portal, letter). */
  @Column({ type: 'text', nullable: true })
  method: string | null;

  /** YYYY-MM-DD the recipient was told. */
  @Column({ name: 'notified_on', type: 'varchar', length: 10, nullable: true })
  notifiedOn: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  exemption: FollowUpExemption | null;

  @Column({ type: 'text', nullable: true })
  explanation: string | null;

  @Column({ name: 'resolved_by_id', type: 'varchar', length: 36, nullable: true })
  resolvedById: string | null;

  @Column({ name: 'resolved_at', type: TIMESTAMP, nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ type: 'integer', default: 1 })
  version: number;
}
