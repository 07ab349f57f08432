import type {
  DataCategory,
  DisclosureBasis,
  RecipientType,
  ReviewStatus,
} from '@privacy-desk/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/column-types.js';

/** One disclosure of personal data (or of aggregated statistics) to a recipient (`DL-…`). */
@Entity('disclosures')
@Index('IDX_disclosures_disclosed_at_id', ['disclosedAt', 'id'])
@Index('IDX_disclosures_review_status_disclosed', ['reviewStatus', 'disclosedAt', 'id'])
export class Disclosure {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('UQ_disclosures_reference', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  reference: string;

  /** Aggregated, non-personal statistics: no subjects. */
  @Column({ type: 'boolean', default: false })
  aggregated: boolean;

  @Column({ name: 'recipient_name', type: 'varchar', length: 300 })
  recipientName: string;

  @Index('IDX_disclosures_recipient_type')
  @Column({ name: 'recipient_type', type: 'varchar', length: 32 })
  recipientType: RecipientType;

  @Column({ name: 'recipient_address', type: 'text', nullable: true })
  recipientAddress: string | null;

  @Index('IDX_disclosures_basis')
  @Column({ type: 'varchar', length: 32 })
  basis: DisclosureBasis;

  @Column({ type: 'text' })
  purpose: string;

  /** JSON array of DataCategory. */
  @Column({ name: 'data_categories', type: 'simple-json' })
  dataCategories: DataCategory[];

  @Column({ name: 'disclosed_at', type: TIMESTAMP })
  disclosedAt: Date;

  /** Basis `legal_process`: the process it answered. */
  @Index('IDX_disclosures_legal_process_id')
  @Column({ name: 'legal_process_id', type: 'varchar', length: 36, nullable: true })
  legalProcessId: string | null;

  /** Basis `consent`: the evidence, as a request, a document (SHA-256) or a dated note. */
  @Column({ name: 'consent_request_id', type: 'varchar', length: 36, nullable: true })
  consentRequestId: string | null;

  @Column({ name: 'consent_document_sha256', type: 'varchar', length: 64, nullable: true })
  consentDocumentSha256: string | null;

  @Column({ name: 'consent_note', type: 'text', nullable: true })
  consentNote: string | null;

  /** YYYY-MM-DD the consent in the note was given. */
  @Column({ name: 'consent_given_on', type: 'varchar', length: 10, nullable: true })
  consentGivenOn: string | null;

  @Index('IDX_disclosures_review_status')
  @Column({ name: 'review_status', type: 'varchar', length: 16 })
  reviewStatus: ReviewStatus;

  @Column({ name: 'reviewed_by_id', type: 'varchar', length: 36, nullable: true })
  reviewedById: string | null;

  @Column({ name: 'reviewed_at', type: TIMESTAMP, nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote: string | null;

  /** The approved record this one amends (the original stays as it was). */
  @Index('IDX_disclosures_amends_id')
  @Column({ name: 'amends_id', type: 'varchar', length: 36, nullable: true })
  amendsId: string | null;

  @Column({ name: 'recorded_by_id', type: 'varchar', length: 36 })
  recordedById: string;

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
