import { CORRECTABLE_FIELDS } from '@privacy-desk/shared';
import type { CorrectableField } from '@privacy-desk/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/column-types.js';

/** A person whose "User Information" the company holds (the policy's registration data). */
@Entity('subjects')
export class Subject {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('IDX_subjects_name')
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  company: string | null;

  @Column({ name: 'address_line1', type: 'varchar', length: 200, nullable: true })
  addressLine1: string | null;

  @Column({ name: 'address_line2', type: 'varchar', length: 200, nullable: true })
  addressLine2: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  city: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  region: string | null;

  @Column({ name: 'postal_code', type: 'varchar', length: 20, nullable: true })
  postalCode: string | null;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'varchar', length: 2, nullable: true })
  country: string | null;

  /** Trimmed and lower-cased, unique. */
  @Index('UQ_subjects_email', { unique: true })
  @Column({ type: 'varchar', length: 320 })
  email: string;

  /** E.164. */
  @Index('IDX_subjects_phone')
  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ name: 'job_title', type: 'varchar', length: 200, nullable: true })
  jobTitle: string | null;

  /** YYYY-MM-DD. */
  @Column({ name: 'date_of_birth', type: 'varchar', length: 10, nullable: true })
  dateOfBirth: string | null;

  /** Under 18 by date of birth: the policy says no data from minors, so a review is queued. */
  @Column({ name: 'is_minor', type: 'boolean', default: false })
  isMinor: boolean;

  /**
   * When the subject's personal data was erased (a confirmed minor): fields blanked, history
   * removed, shown as "Erased minor"; the subject can no longer be edited.
   */
  @Column({ name: 'erased_at', type: TIMESTAMP, nullable: true })
  erasedAt: Date | null;

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

/** The name an erased subject is shown under, in every list and page. */
export const ERASED_MINOR_NAME = 'Erased minor';

/** The stand-in for an erased subject's email (the column is unique and required). */
export const erasedEmailOf = (subjectId: string) => `erased-${subjectId}@erased.invalid`;

/** The subject fields staff can edit; the same list a correction request can name. */
export const SUBJECT_FIELDS = CORRECTABLE_FIELDS;
export type SubjectField = CorrectableField;
