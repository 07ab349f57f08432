import type { SuppressionChannel, SuppressionScope } from '@privacy-desk/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/column-types.js';

/**
 * One entry of the suppression (opt-out) list: do not contact this value on this channel for
 * this scope. Written when an opt-out request becomes `new`; never deleted, only revoked by a
 * later verified request from the person opting back in.
 */
@Entity('suppressions')
@Index('IDX_suppressions_channel_hash', ['channel', 'valueHash'])
@Index('IDX_suppressions_channel_value', ['channel', 'value'])
export class Suppression {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('IDX_suppressions_subject_id')
  @Column({ name: 'subject_id', type: 'varchar', length: 36, nullable: true })
  subjectId: string | null;

  @Column({ type: 'varchar', length: 16 })
  channel: SuppressionChannel;

  /** Normalised: a lower-cased email, an E.164 phone, or one canonical postal line. */
  @Column({ type: 'varchar', length: 500 })
  value: string;

  /** SHA-256 hex of `value`: partners who share only hashes scrub by it. */
  @Column({ name: 'value_hash', type: 'varchar', length: 64 })
  valueHash: string;

  @Column({ type: 'varchar', length: 24 })
  scope: SuppressionScope;

  @Index('IDX_suppressions_source_request_id')
  @Column({ name: 'source_request_id', type: 'varchar', length: 36, nullable: true })
  sourceRequestId: string | null;

  @Column({ name: 'source_reference', type: 'varchar', length: 20, nullable: true })
  sourceReference: string | null;

  @Column({ name: 'effective_at', type: TIMESTAMP })
  effectiveAt: Date;

  /** YYYY-MM-DD: the legal date by which contact must stop (desk time zone). */
  @Column({ name: 'stop_by', type: 'varchar', length: 10 })
  stopBy: string;

  @Column({ name: 'stop_by_citation', type: 'varchar', length: 200 })
  stopByCitation: string;

  @Column({ name: 'revoked_at', type: TIMESTAMP, nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by_request_id', type: 'varchar', length: 36, nullable: true })
  revokedByRequestId: string | null;

  @Column({ name: 'revoke_reason', type: 'text', nullable: true })
  revokeReason: string | null;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ type: 'integer', default: 1 })
  version: number;
}
