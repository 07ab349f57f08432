import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A subject whose data a disclosure carried; a `tos_violation` disclosure cites their flag. */
@Entity('disclosure_subjects')
@Index('IDX_disclosure_subjects_subject_id', ['subjectId', 'disclosureId'])
export class DisclosureSubject {
  @PrimaryColumn({ name: 'disclosure_id', type: 'varchar', length: 36 })
  disclosureId: string;

  @PrimaryColumn({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId: string;

  @Column({ name: 'violation_flag_id', type: 'varchar', length: 36, nullable: true })
  violationFlagId: string | null;
}
