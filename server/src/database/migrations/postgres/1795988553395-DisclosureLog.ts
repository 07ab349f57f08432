import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DisclosureLog1795988553395 implements MigrationInterface {
  name = 'DisclosureLog1795988553395';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "disclosures" ("id" character varying(36) NOT NULL, "reference" character varying(20) NOT NULL, "aggregated" boolean NOT NULL DEFAULT false, "recipient_name" character varying(300) NOT NULL, "recipient_type" character varying(32) NOT NULL, "recipient_address" text, "basis" character varying(32) NOT NULL, "purpose" text NOT NULL, "data_categories" text NOT NULL, "disclosed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "legal_process_id" character varying(36), "consent_request_id" character varying(36), "consent_document_sha256" character varying(64), "consent_note" text, "consent_given_on" character varying(10), "review_status" character varying(16) NOT NULL, "reviewed_by_id" character varying(36), "reviewed_at" TIMESTAMP WITH TIME ZONE, "review_note" text, "amends_id" character varying(36), "recorded_by_id" character varying(36) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "PK_891a486784239e16ba51491fd1c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_disclosures_reference" ON "disclosures"  ("reference") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_disclosures_recipient_type" ON "disclosures"  ("recipient_type") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_disclosures_basis" ON "disclosures"  ("basis") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_disclosures_legal_process_id" ON "disclosures"  ("legal_process_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_disclosures_review_status" ON "disclosures"  ("review_status") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_disclosures_amends_id" ON "disclosures"  ("amends_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_disclosures_disclosed_at" ON "disclosures"  ("disclosed_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "disclosure_subjects" ("disclosure_id" character varying(36) NOT NULL, "subject_id" character varying(36) NOT NULL, "violation_flag_id" character varying(36), CONSTRAINT "PK_62b49adcee175fa335d97a0b476" PRIMARY KEY ("disclosure_id", "subject_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_disclosure_subjects_subject_id" ON "disclosure_subjects"  ("subject_id", "disclosure_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "document_attachments" ("id" character varying(36) NOT NULL, "owner_type" character varying(16) NOT NULL, "owner_id" character varying(36) NOT NULL, "sha256" character varying(64) NOT NULL, "filename" character varying(255) NOT NULL, "role" character varying(16) NOT NULL, "attached_by_id" character varying(36) NOT NULL, "attached_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e603b3b9ed2370a5bbc9a7def9d" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_document_attachments_sha256" ON "document_attachments"  ("sha256") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_document_attachments_owner" ON "document_attachments"  ("owner_type", "owner_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "documents" ("sha256" character varying(64) NOT NULL, "media_type" character varying(100) NOT NULL, "size_bytes" integer NOT NULL, "content" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_590001a33ce76f9d7712acba62d" PRIMARY KEY ("sha256"))',
    );
    await queryRunner.query(
      'CREATE TABLE "legal_processes" ("id" character varying(36) NOT NULL, "reference" character varying(20) NOT NULL, "type" character varying(32) NOT NULL, "status" character varying(16) NOT NULL, "outcome" character varying(24), "issuing_authority" character varying(300) NOT NULL, "requesting_agency" character varying(300), "requesting_officer" character varying(200), "identity_verification" text, "jurisdiction" character varying(200) NOT NULL, "case_number" character varying(200), "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "response_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "data_categories" text NOT NULL, "period_start" character varying(10), "period_end" character varying(10), "notes" text, "legal_reviewer_id" character varying(36), "response_summary" text, "responded_at" TIMESTAMP WITH TIME ZONE, "review_status" character varying(16), "reviewed_by_id" character varying(36), "reviewed_at" TIMESTAMP WITH TIME ZONE, "review_note" text, "gag_order" boolean NOT NULL DEFAULT false, "gag_until" character varying(10), "gag_lapse_handled_at" TIMESTAMP WITH TIME ZONE, "recorded_by_id" character varying(36) NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "PK_49d8c975eb2bf442268cb8b93b0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_legal_processes_reference" ON "legal_processes"  ("reference") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_legal_processes_due_at" ON "legal_processes"  ("response_due_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_legal_processes_review_status" ON "legal_processes"  ("review_status") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_legal_processes_gag_until" ON "legal_processes"  ("gag_until") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_legal_processes_open_due" ON "legal_processes"  ("status", "response_due_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "legal_process_subjects" ("legal_process_id" character varying(36) NOT NULL, "subject_id" character varying(36) NOT NULL, "notice_request_id" character varying(36), "notified_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4d13e43ce2a8e69583a397bb610" PRIMARY KEY ("legal_process_id", "subject_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_legal_process_subjects_subject_id" ON "legal_process_subjects"  ("subject_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "violation_flags" ("id" character varying(36) NOT NULL, "reference" character varying(20) NOT NULL, "subject_id" character varying(36) NOT NULL, "category" character varying(32) NOT NULL, "severity" character varying(16) NOT NULL, "terms_clause" character varying(200) NOT NULL, "description" text NOT NULL, "evidence_text" text, "evidence_links" text NOT NULL, "source" character varying(32) NOT NULL, "status" character varying(16) NOT NULL, "decided_by_id" character varying(36), "decided_at" TIMESTAMP WITH TIME ZONE, "decision_reason" text, "enforcement_action" character varying(16), "appeal_status" character varying(16), "appeal_reason" text, "appealed_at" TIMESTAMP WITH TIME ZONE, "appeal_decided_by_id" character varying(36), "appeal_decided_at" TIMESTAMP WITH TIME ZONE, "appeal_decision_reason" text, "flagged_by_id" character varying(36) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "PK_5a49bb2dc9d566bb970f85b0db8" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_violation_flags_reference" ON "violation_flags"  ("reference") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_violation_flags_subject_id" ON "violation_flags"  ("subject_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_violation_flags_status_severity" ON "violation_flags"  ("status", "severity") ',
    );
    // Counters that exist are for privacy requests.
    await queryRunner.query(
      'ALTER TABLE "reference_counters" ADD "prefix" character varying(4) NOT NULL DEFAULT \'PR\'',
    );
    await queryRunner.query('ALTER TABLE "reference_counters" ALTER COLUMN "prefix" DROP DEFAULT');
    await queryRunner.query(
      'ALTER TABLE "reference_counters" DROP CONSTRAINT "PK_d3f15305259a907cc69d4df1c46"',
    );
    await queryRunner.query(
      'ALTER TABLE "reference_counters" ADD CONSTRAINT "PK_83ee81c1b99e135e3573fe30fe7" PRIMARY KEY ("year", "prefix")',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "reference_counters" DROP CONSTRAINT "PK_83ee81c1b99e135e3573fe30fe7"',
    );
    await queryRunner.query(
      'ALTER TABLE "reference_counters" ADD CONSTRAINT "PK_d3f15305259a907cc69d4df1c46" PRIMARY KEY ("year")',
    );
    await queryRunner.query('ALTER TABLE "reference_counters" DROP COLUMN "prefix"');
    await queryRunner.query('DROP INDEX "public"."IDX_violation_flags_status_severity"');
    await queryRunner.query('DROP INDEX "public"."IDX_violation_flags_subject_id"');
    await queryRunner.query('DROP INDEX "public"."UQ_violation_flags_reference"');
    await queryRunner.query('DROP TABLE "violation_flags"');
    await queryRunner.query('DROP INDEX "public"."IDX_legal_process_subjects_subject_id"');
    await queryRunner.query('DROP TABLE "legal_process_subjects"');
    await queryRunner.query('DROP INDEX "public"."IDX_legal_processes_open_due"');
    await queryRunner.query('DROP INDEX "public"."IDX_legal_processes_gag_until"');
    await queryRunner.query('DROP INDEX "public"."IDX_legal_processes_review_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_legal_processes_due_at"');
    await queryRunner.query('DROP INDEX "public"."UQ_legal_processes_reference"');
    await queryRunner.query('DROP TABLE "legal_processes"');
    await queryRunner.query('DROP TABLE "documents"');
    await queryRunner.query('DROP INDEX "public"."IDX_document_attachments_owner"');
    await queryRunner.query('DROP INDEX "public"."IDX_document_attachments_sha256"');
    await queryRunner.query('DROP TABLE "document_attachments"');
    await queryRunner.query('DROP INDEX "public"."IDX_disclosure_subjects_subject_id"');
    await queryRunner.query('DROP TABLE "disclosure_subjects"');
    await queryRunner.query('DROP INDEX "public"."IDX_disclosures_disclosed_at"');
    await queryRunner.query('DROP INDEX "public"."IDX_disclosures_amends_id"');
    await queryRunner.query('DROP INDEX "public"."IDX_disclosures_review_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_disclosures_legal_process_id"');
    await queryRunner.query('DROP INDEX "public"."IDX_disclosures_basis"');
    await queryRunner.query('DROP INDEX "public"."IDX_disclosures_recipient_type"');
    await queryRunner.query('DROP INDEX "public"."UQ_disclosures_reference"');
    await queryRunner.query('DROP TABLE "disclosures"');
  }
}
