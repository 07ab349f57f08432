import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DisclosureLog1795988553395 implements MigrationInterface {
  name = 'DisclosureLog1795988553395';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "disclosures" ("id" varchar(36) PRIMARY KEY NOT NULL, "reference" varchar(20) NOT NULL, "aggregated" boolean NOT NULL DEFAULT (0), "recipient_name" varchar(300) NOT NULL, "recipient_type" varchar(32) NOT NULL, "recipient_address" text, "basis" varchar(32) NOT NULL, "purpose" text NOT NULL, "data_categories" text NOT NULL, "disclosed_at" datetime NOT NULL, "legal_process_id" varchar(36), "consent_request_id" varchar(36), "consent_document_sha256" varchar(64), "consent_note" text, "consent_given_on" varchar(10), "review_status" varchar(16) NOT NULL, "reviewed_by_id" varchar(36), "reviewed_at" datetime, "review_note" text, "amends_id" varchar(36), "recorded_by_id" varchar(36) NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_disclosures_reference" ON "disclosures" ("reference") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_disclosures_recipient_type" ON "disclosures" ("recipient_type") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_disclosures_basis" ON "disclosures" ("basis") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_disclosures_legal_process_id" ON "disclosures" ("legal_process_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_disclosures_review_status" ON "disclosures" ("review_status") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_disclosures_amends_id" ON "disclosures" ("amends_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_disclosures_disclosed_at" ON "disclosures" ("disclosed_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "disclosure_subjects" ("disclosure_id" varchar(36) NOT NULL, "subject_id" varchar(36) NOT NULL, "violation_flag_id" varchar(36), PRIMARY KEY ("disclosure_id", "subject_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_disclosure_subjects_subject_id" ON "disclosure_subjects" ("subject_id", "disclosure_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "document_attachments" ("id" varchar(36) PRIMARY KEY NOT NULL, "owner_type" varchar(16) NOT NULL, "owner_id" varchar(36) NOT NULL, "sha256" varchar(64) NOT NULL, "filename" varchar(255) NOT NULL, "role" varchar(16) NOT NULL, "attached_by_id" varchar(36) NOT NULL, "attached_at" datetime NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_document_attachments_sha256" ON "document_attachments" ("sha256") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_document_attachments_owner" ON "document_attachments" ("owner_type", "owner_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "documents" ("sha256" varchar(64) PRIMARY KEY NOT NULL, "media_type" varchar(100) NOT NULL, "size_bytes" integer NOT NULL, "content" blob NOT NULL, "created_at" datetime NOT NULL)',
    );
    await queryRunner.query(
      'CREATE TABLE "legal_processes" ("id" varchar(36) PRIMARY KEY NOT NULL, "reference" varchar(20) NOT NULL, "type" varchar(32) NOT NULL, "status" varchar(16) NOT NULL, "outcome" varchar(24), "issuing_authority" varchar(300) NOT NULL, "requesting_agency" varchar(300), "requesting_officer" varchar(200), "identity_verification" text, "jurisdiction" varchar(200) NOT NULL, "case_number" varchar(200), "received_at" datetime NOT NULL, "response_due_at" datetime NOT NULL, "data_categories" text NOT NULL, "period_start" varchar(10), "period_end" varchar(10), "notes" text, "legal_reviewer_id" varchar(36), "response_summary" text, "responded_at" datetime, "review_status" varchar(16), "reviewed_by_id" varchar(36), "reviewed_at" datetime, "review_note" text, "gag_order" boolean NOT NULL DEFAULT (0), "gag_until" varchar(10), "gag_lapse_handled_at" datetime, "recorded_by_id" varchar(36) NOT NULL, "closed_at" datetime, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_legal_processes_reference" ON "legal_processes" ("reference") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_legal_processes_due_at" ON "legal_processes" ("response_due_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_legal_processes_review_status" ON "legal_processes" ("review_status") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_legal_processes_gag_until" ON "legal_processes" ("gag_until") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_legal_processes_open_due" ON "legal_processes" ("status", "response_due_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "legal_process_subjects" ("legal_process_id" varchar(36) NOT NULL, "subject_id" varchar(36) NOT NULL, "notice_request_id" varchar(36), "notified_at" datetime, PRIMARY KEY ("legal_process_id", "subject_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_legal_process_subjects_subject_id" ON "legal_process_subjects" ("subject_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "violation_flags" ("id" varchar(36) PRIMARY KEY NOT NULL, "reference" varchar(20) NOT NULL, "subject_id" varchar(36) NOT NULL, "category" varchar(32) NOT NULL, "severity" varchar(16) NOT NULL, "terms_clause" varchar(200) NOT NULL, "description" text NOT NULL, "evidence_text" text, "evidence_links" text NOT NULL, "source" varchar(32) NOT NULL, "status" varchar(16) NOT NULL, "decided_by_id" varchar(36), "decided_at" datetime, "decision_reason" text, "enforcement_action" varchar(16), "appeal_status" varchar(16), "appeal_reason" text, "appealed_at" datetime, "appeal_decided_by_id" varchar(36), "appeal_decided_at" datetime, "appeal_decision_reason" text, "flagged_by_id" varchar(36) NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_violation_flags_reference" ON "violation_flags" ("reference") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_violation_flags_subject_id" ON "violation_flags" ("subject_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_violation_flags_status_severity" ON "violation_flags" ("status", "severity") ',
    );
    await queryRunner.query(
      'CREATE TABLE "temporary_reference_counters" ("year" integer NOT NULL, "last_number" integer NOT NULL, "prefix" varchar(4) NOT NULL, PRIMARY KEY ("year", "prefix"))',
    );
    // Counters that exist are for privacy requests.
    await queryRunner.query(
      'INSERT INTO "temporary_reference_counters"("year", "last_number", "prefix") SELECT "year", "last_number", \'PR\' FROM "reference_counters"',
    );
    await queryRunner.query('DROP TABLE "reference_counters"');
    await queryRunner.query(
      'ALTER TABLE "temporary_reference_counters" RENAME TO "reference_counters"',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "reference_counters" RENAME TO "temporary_reference_counters"',
    );
    await queryRunner.query(
      'CREATE TABLE "reference_counters" ("year" integer PRIMARY KEY NOT NULL, "last_number" integer NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "reference_counters"("year", "last_number") SELECT "year", "last_number" FROM "temporary_reference_counters" WHERE "prefix" = \'PR\'',
    );
    await queryRunner.query('DROP TABLE "temporary_reference_counters"');
    await queryRunner.query('DROP INDEX "IDX_violation_flags_status_severity"');
    await queryRunner.query('DROP INDEX "IDX_violation_flags_subject_id"');
    await queryRunner.query('DROP INDEX "UQ_violation_flags_reference"');
    await queryRunner.query('DROP TABLE "violation_flags"');
    await queryRunner.query('DROP INDEX "IDX_legal_process_subjects_subject_id"');
    await queryRunner.query('DROP TABLE "legal_process_subjects"');
    await queryRunner.query('DROP INDEX "IDX_legal_processes_open_due"');
    await queryRunner.query('DROP INDEX "IDX_legal_processes_gag_until"');
    await queryRunner.query('DROP INDEX "IDX_legal_processes_review_status"');
    await queryRunner.query('DROP INDEX "IDX_legal_processes_due_at"');
    await queryRunner.query('DROP INDEX "UQ_legal_processes_reference"');
    await queryRunner.query('DROP TABLE "legal_processes"');
    await queryRunner.query('DROP TABLE "documents"');
    await queryRunner.query('DROP INDEX "IDX_document_attachments_owner"');
    await queryRunner.query('DROP INDEX "IDX_document_attachments_sha256"');
    await queryRunner.query('DROP TABLE "document_attachments"');
    await queryRunner.query('DROP INDEX "IDX_disclosure_subjects_subject_id"');
    await queryRunner.query('DROP TABLE "disclosure_subjects"');
    await queryRunner.query('DROP INDEX "IDX_disclosures_disclosed_at"');
    await queryRunner.query('DROP INDEX "IDX_disclosures_amends_id"');
    await queryRunner.query('DROP INDEX "IDX_disclosures_review_status"');
    await queryRunner.query('DROP INDEX "IDX_disclosures_legal_process_id"');
    await queryRunner.query('DROP INDEX "IDX_disclosures_basis"');
    await queryRunner.query('DROP INDEX "IDX_disclosures_recipient_type"');
    await queryRunner.query('DROP INDEX "UQ_disclosures_reference"');
    await queryRunner.query('DROP TABLE "disclosures"');
  }
}
