import type {
  DataCategory,
  LegalProcessOutcome,
  LegalProcessStatus,
  LegalProcessType,
  ReviewStatus,
} from '@privacy-desk/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/column-types.js';

/** A court order, subpoena, warrant or other demand for data (`LP-YYYY-NNNNNN`). */
@Entity('legal_processes')
@Index('IDX_legal_processes_open_due', ['status', 'responseDueAt'])
export class LegalProcess {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('UQ_legal_processes_reference', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  reference: string;

  @Column({ type: 'varchar', length: 32 })
  type: LegalProcessType;

  @Column({ type: 'varchar', length: 16 })
  status: LegalProcessStatus;

  @Column({ type: 'varchar', length: 24, nullable: true })
  outcome: LegalProcessOutcome | null;

  @Column({ name: 'issuing_authority', type: 'varchar', length: 300 })
  issuingAuthority: string;

  @Column({ name: 'requesting_agency', type: 'varchar', length: 300, nullable: true })
  requestingAgency: string | null;

  @Column({ name: 'requesting_officer', type: 'varchar', length: 200, nullable: true })
  requestingOfficer: string | null;

  /** How the agency's and officer's identity was verified (a call-back, a portal, …). */
  @Column({ name: 'identity_verification', type: 'text', nullable: true })
  identityVerification: string | null;

  @Column({ type: 'varchar', length: 200 })
  jurisdiction: string;

  @Column({ name: 'case_number', type: 'varchar', length: 200, nullable: true })
  caseNumber: string | null;

  @Column({ name: 'received_at', type: TIMESTAMP })
  receivedAt: Date;

  /** The response due date stated on the process, as an instant (end of that day, desk zone). */
  @Index('IDX_legal_processes_due_at')
  @Column({ name: 'response_due_at', type: TIMESTAMP })
  responseDueAt: Date;

  /** JSON array of DataCategory. */
  @Column({ name: 'data_categories', type: 'simple-json' })
  dataCategories: DataCategory[];

  /** YYYY-MM-DD, the period the demand covers. */
  @Column({ name: 'period_start', type: 'varchar', length: 10, nullable: true })
  periodStart: string | null;

  @Column({ name: 'period_end', type: 'varchar', length: 10, nullable: true })
  periodEnd: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'legal_reviewer_id', type: 'varchar', length: 36, nullable: true })
  legalReviewerId: string | null;

  /** What was decided and sent, written when the process is responded to or rejected. */
  @Column({ name: 'response_summary', type: 'text', nullable: true })
  responseSummary: string | null;

  @Column({ name: 'responded_at', type: TIMESTAMP, nullable: true })
  respondedAt: Date | null;

  /** Who recorded the response (or rejection): like the recorder, never its approver. */
  @Column({ name: 'responded_by_id', type: 'varchar', length: 36, nullable: true })
  respondedById: string | null;

  /** Null until a response is recorded; then compliance review with four eyes. */
  @Index('IDX_legal_processes_review_status')
  @Column({ name: 'review_status', type: 'varchar', length: 16, nullable: true })
  reviewStatus: ReviewStatus | null;

  @Column({ name: 'reviewed_by_id', type: 'varchar', length: 36, nullable: true })
  reviewedById: string | null;

  @Column({ name: 'reviewed_at', type: TIMESTAMP, nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote: string | null;

  /** A non-disclosure (gag) order: the subjects are not told while it is in force. */
  @Column({ name: 'gag_order', type: 'boolean', default: false })
  gagOrder: boolean;

  /** YYYY-MM-DD the gag order holds until (inclusive); null with gagOrder means indefinitely. */
  @Index('IDX_legal_processes_gag_until')
  @Column({ name: 'gag_until', type: 'varchar', length: 10, nullable: true })
  gagUntil: string | null;

  /** When the lapse job queued the notice tasks; null while the gag holds or none is due. */
  @Column({ name: 'gag_lapse_handled_at', type: TIMESTAMP, nullable: true })
  gagLapseHandledAt: Date | null;

  @Column({ name: 'recorded_by_id', type: 'varchar', length: 36 })
  recordedById: string;

  @Column({ name: 'closed_at', type: TIMESTAMP, nullable: true })
  closedAt: Date | null;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;

  @Column({ type: 'integer', default: 1 })
  version: number;
}
