import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/column-types.js';

/** A subject named by legal process, and whether they have been told of it. */
@Entity('legal_process_subjects')
export class LegalProcessSubject {
  @PrimaryColumn({ name: 'legal_process_id', type: 'varchar', length: 36 })
  legalProcessId: string;

  @Index('IDX_legal_process_subjects_subject_id')
  @PrimaryColumn({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId: string;

  /** The internal request (kind `gag_notice`) queued to tell this subject after a gag lapses. */
  @Column({ name: 'notice_request_id', type: 'varchar', length: 36, nullable: true })
  noticeRequestId: string | null;

  @Column({ name: 'notified_at', type: TIMESTAMP, nullable: true })
  notifiedAt: Date | null;
}
