import type {
  AppealStatus,
  EnforcementAction,
  ViolationCategory,
  ViolationSeverity,
  ViolationSource,
  ViolationStatus,
} from '@privacy-desk/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/column-types.js';

/** A Terms-of-Service violation flag on a subject (`VF-YYYY-NNNNNN`). */
@Entity('violation_flags')
@Index('IDX_violation_flags_status_severity', ['status', 'severity'])
export class ViolationFlag {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('UQ_violation_flags_reference', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  reference: string;

  @Index('IDX_violation_flags_subject_id')
  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId: string;

  @Column({ type: 'varchar', length: 32 })
  category: ViolationCategory;

  @Column({ type: 'varchar', length: 16 })
  severity: ViolationSeverity;

  /** The clause of the Terms cited ("4.2 Prohibited uses"). */
  @Column({ name: 'terms_clause', type: 'varchar', length: 200 })
  termsClause: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'evidence_text', type: 'text', nullable: true })
  evidenceText: string | null;

  /** JSON array of https URLs. */
  @Column({ name: 'evidence_links', type: 'simple-json' })
  evidenceLinks: string[];

  @Column({ type: 'varchar', length: 32 })
  source: ViolationSource;

  @Column({ type: 'varchar', length: 16 })
  status: ViolationStatus;

  @Column({ name: 'decided_by_id', type: 'varchar', length: 36, nullable: true })
  decidedById: string | null;

  @Column({ name: 'decided_at', type: TIMESTAMP, nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  @Column({ name: 'enforcement_action', type: 'varchar', length: 16, nullable: true })
  enforcementAction: EnforcementAction | null;

  @Column({ name: 'appeal_status', type: 'varchar', length: 16, nullable: true })
  appealStatus: AppealStatus | null;

  @Column({ name: 'appeal_reason', type: 'text', nullable: true })
  appealReason: string | null;

  @Column({ name: 'appealed_at', type: TIMESTAMP, nullable: true })
  appealedAt: Date | null;

  @Column({ name: 'appeal_decided_by_id', type: 'varchar', length: 36, nullable: true })
  appealDecidedById: string | null;

  @Column({ name: 'appeal_decided_at', type: TIMESTAMP, nullable: true })
  appealDecidedAt: Date | null;

  @Column({ name: 'appeal_decision_reason', type: 'text', nullable: true })
  appealDecisionReason: string | null;

  @Column({ name: 'flagged_by_id', type: 'varchar', length: 36 })
  flaggedById: string;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;

  @Column({ type: 'integer', default: 1 })
  version: number;
}
