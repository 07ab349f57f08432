import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Corrections1796000000000 implements MigrationInterface {
  name = 'Corrections1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "correction_reviews" ("request_id" varchar(36) PRIMARY KEY NOT NULL, "subject_id" varchar(36) NOT NULL, "subject_version" integer NOT NULL, "evidence_notes" text, "applied_at" datetime, "applied_by_id" varchar(36), "updated_at" datetime NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'CREATE TABLE "correction_decisions" ("id" varchar(36) PRIMARY KEY NOT NULL, "request_id" varchar(36) NOT NULL, "field" varchar(32) NOT NULL, "decision" varchar(16) NOT NULL, "value" text, "reason" text, "decided_by_id" varchar(36) NOT NULL, "decided_at" datetime NOT NULL)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_correction_decisions_request_field" ON "correction_decisions" ("request_id", "field") ',
    );
    await queryRunner.query(
      'CREATE TABLE "correction_follow_ups" ("id" varchar(36) PRIMARY KEY NOT NULL, "request_id" varchar(36) NOT NULL, "disclosure_id" varchar(36) NOT NULL, "disclosure_reference" varchar(20) NOT NULL, "recipient_name" varchar(300) NOT NULL, "recipient_type" varchar(32) NOT NULL, "legal_process_id" varchar(36), "fields" text NOT NULL, "status" varchar(16) NOT NULL, "method" text, "notified_on" varchar(10), "exemption" varchar(16), "explanation" text, "resolved_by_id" varchar(36), "resolved_at" datetime, "created_at" datetime NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_correction_follow_ups_request_id" ON "correction_follow_ups" ("request_id") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_correction_follow_ups_request_id"');
    await queryRunner.query('DROP TABLE "correction_follow_ups"');
    await queryRunner.query('DROP INDEX "UQ_correction_decisions_request_field"');
    await queryRunner.query('DROP TABLE "correction_decisions"');
    await queryRunner.query('DROP TABLE "correction_reviews"');
  }
}
