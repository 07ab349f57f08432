import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BYTES, TIMESTAMP } from '../database/column-types.js';

export const PACKAGE_PURPOSES = ['access', 'disclosure_report'] as const;
export type PackagePurpose = (typeof PACKAGE_PURPOSES)[number];

export const PACKAGE_FORMATS = ['pdf', 'html', 'json'] as const;
export type PackageFormat = (typeof PACKAGE_FORMATS)[number];

/**
 * What a request's answer delivered to the person: the same content as JSON, an HTML letter and
 * a PDF, kept with the request. A draft (never sent) is replaced by the next one; once sent it
 * stays as it was, and its download link works until it expires or is used up.
 */
@Entity('request_packages')
@Index('IDX_request_packages_request_id', ['requestId', 'createdAt'])
export class RequestPackage {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'request_id', type: 'varchar', length: 36 })
  requestId: string;

  @Column({ type: 'varchar', length: 32 })
  purpose: PackagePurpose;

  @Column({ type: 'text' })
  json: string;

  @Column({ type: 'text' })
  html: string;

  @Column({ type: BYTES })
  pdf: Buffer;

  /** A user id, or the system. */
  @Column({ name: 'created_by', type: 'varchar', length: 64, nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'sent_at', type: TIMESTAMP, nullable: true })
  sentAt: Date | null;

  /** SHA-256 of the download token; the token itself is only in the sent mail. */
  @Index('UQ_request_packages_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64, nullable: true })
  tokenHash: string | null;

  @Column({ name: 'expires_at', type: TIMESTAMP, nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'max_downloads', type: 'integer', default: 0 })
  maxDownloads: number;

  @Column({ name: 'download_count', type: 'integer', default: 0 })
  downloadCount: number;

  @Column({ type: 'integer', default: 1 })
  version: number;
}
