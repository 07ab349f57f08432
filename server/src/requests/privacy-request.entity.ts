import type {
  DenialReason,
  Jurisdiction,
  RequestChannel,
  RequestKind,
  RequestStatus,
} from '@privacy-desk/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/column-types.js';

export type AssignmentKind = 'claim' | 'assignment';

/** A privacy request: one task in the queue, with its legal deadline. */
@Entity('privacy_requests')
@Index('IDX_privacy_requests_queue', ['status', 'assigneeId', 'dueAt'])
/** claim-next's next request: only the queued ones, in the order it takes them (no sort). */
@Index('IDX_privacy_requests_next', ['dueAt', 'receivedAt'], {
  where: `"status" = 'new' AND "assignee_id" IS NULL`,
})
/** The claims whose lease ran out, which every claim-next returns to the queue first. */
@Index('IDX_privacy_requests_lease', ['status', 'leaseExpiresAt'])
@Index('IDX_privacy_requests_requester', ['requesterEmail', 'kind'])
@Index('IDX_privacy_requests_status_received', ['status', 'receivedAt', 'id'])
export class PrivacyRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** `PR-YYYY-NNNNNN`, numbered per year of receipt. */
  @Index('UQ_privacy_requests_reference', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  reference: string;

  @Column({ type: 'varchar', length: 32 })
  kind: RequestKind;

  @Column({ type: 'varchar', length: 16 })
  channel: RequestChannel;

  @Column({ type: 'varchar', length: 16 })
  jurisdiction: Jurisdiction;

  @Column({ type: 'varchar', length: 24 })
  status: RequestStatus;

  @Column({ name: 'requester_name', type: 'varchar', length: 200 })
  requesterName: string;

  /** Trimmed and lower-cased. */
  @Column({ name: 'requester_email', type: 'varchar', length: 320 })
  requesterEmail: string;

  @Index('IDX_privacy_requests_subject_id')
  @Column({ name: 'subject_id', type: 'varchar', length: 36, nullable: true })
  subjectId: string | null;

  @Index('IDX_privacy_requests_assignee_id')
  @Column({ name: 'assignee_id', type: 'varchar', length: 36, nullable: true })
  assigneeId: string | null;

  /**
   * How the assignee came to hold the request: `claim` (Take next or Claim; held under a
   * lease that the holder's activity renews) or `assignment` (by a manager; no lease, it
   * stays until a manager changes it). Null while nobody holds it.
   */
  @Column({ name: 'assignment_kind', type: 'varchar', length: 16, nullable: true })
  assignmentKind: AssignmentKind | null;

  /** For a claim: when it returns to the queue unless its holder is active. Null otherwise. */
  @Column({ name: 'lease_expires_at', type: TIMESTAMP, nullable: true })
  leaseExpiresAt: Date | null;

  /** When the request reached the company; the legal clock runs from this date. */
  @Column({ name: 'received_at', type: TIMESTAMP })
  receivedAt: Date;

  /**
   * End of the due date in the business time zone, derived from the clock rules whenever the
   * request changes, so queues can sort and filter by it; overdue is judged against it at read time.
   */
  @Index('IDX_privacy_requests_due_at')
  @Column({ name: 'due_at', type: TIMESTAMP })
  dueAt: Date;

  @Column({ name: 'extended_at', type: TIMESTAMP, nullable: true })
  extendedAt: Date | null;

  @Column({ name: 'extension_reason', type: 'text', nullable: true })
  extensionReason: string | null;

  /** What was done, when completed. */
  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  /** Why, when rejected. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** The denial reason code chosen when rejected (the CCPA metrics group by it); null before. */
  @Column({ name: 'denial_reason', type: 'varchar', length: 32, nullable: true })
  denialReason: DenialReason | null;

  /** JSON, validated per kind. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ name: 'duplicate_of_id', type: 'varchar', length: 36, nullable: true })
  duplicateOfId: string | null;

  /** The staff member who entered it (staff entry), or null. */
  @Column({ name: 'entered_by_id', type: 'varchar', length: 36, nullable: true })
  enteredById: string | null;

  /** SHA-256 of the single-use email verification token. */
  @Index('UQ_privacy_requests_verification', { unique: true })
  @Column({ name: 'verification_token_hash', type: 'varchar', length: 64, nullable: true })
  verificationTokenHash: string | null;

  @Column({ name: 'verification_expires_at', type: TIMESTAMP, nullable: true })
  verificationExpiresAt: Date | null;

  @Column({ name: 'verified_at', type: TIMESTAMP, nullable: true })
  verifiedAt: Date | null;

  @Column({ name: 'closed_at', type: TIMESTAMP, nullable: true })
  closedAt: Date | null;

  /** When the retention purge blanked this row's personal data; null until then. */
  @Column({ name: 'purged_at', type: TIMESTAMP, nullable: true })
  purgedAt: Date | null;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;

  @Column({ type: 'integer', default: 1 })
  version: number;
}
