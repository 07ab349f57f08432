import type { ExportJobStatus, ExportList } from '@privacy-desk/shared';
import type { Role } from '@privacy-desk/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/column-types.js';

/**
 * A CSV export run in the background for one user: the list, its filter and sort, progress,
 * and (once done) the file, kept in `export_chunks` until it expires.
 */
@Entity('export_jobs')
@Index('IDX_export_jobs_owner', ['ownerId', 'createdAt'])
export class ExportJob {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'owner_id', type: 'varchar', length: 36 })
  ownerId: string;

  /** The owner's role and label when they asked: the list is read as they would read it. */
  @Column({ name: 'owner_role', type: 'varchar', length: 32 })
  ownerRole: Role;

  @Column({ name: 'owner_label', type: 'varchar', length: 200 })
  ownerLabel: string;

  @Column({ type: 'varchar', length: 32 })
  list: ExportList;

  /** The list's `filter` parameter (JSON text). */
  @Column({ type: 'text' })
  filter: string;

  /** The list's `sort` parameter (JSON text); null for the list's default. */
  @Column({ type: 'text', nullable: true })
  sort: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: ExportJobStatus;

  @Column({ name: 'rows_done', type: 'integer', default: 0 })
  rowsDone: number;

  @Column({ name: 'rows_total', type: 'integer', nullable: true })
  rowsTotal: number | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'finished_at', type: TIMESTAMP, nullable: true })
  finishedAt: Date | null;

  @Index('IDX_export_jobs_expires_at')
  @Column({ name: 'expires_at', type: TIMESTAMP, nullable: true })
  expiresAt: Date | null;
}

/** One piece of a finished export's CSV text, in order. */
@Entity('export_chunks')
export class ExportChunk {
  @PrimaryColumn({ name: 'export_id', type: 'varchar', length: 36 })
  exportId: string;

  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ type: 'text' })
  data: string;
}
