import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Corrections1796000000000 implements MigrationInterface {
  name = 'Corrections1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "correction_reviews" ("request_id" character varying(36) NOT NULL, "subject_id" character varying(36) NOT NULL, "subject_version" integer NOT NULL, "evidence_notes" text, "applied_at" TIMESTAMP WITH TIME ZONE, "applied_by_id" character varying(36), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "PK_correction_reviews" PRIMARY KEY ("request_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "correction_decisions" ("id" character varying(36) NOT NULL, "request_id" character varying(36) NOT NULL, "field" character varying(32) NOT NULL, "decision" character varying(16) NOT NULL, "value" text, "reason" text, "decided_by_id" character varying(36) NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_correction_decisions" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_correction_decisions_request_field" ON "correction_decisions" ("request_id", "field") ',
    );
    await queryRunner.query(
      'CREATE TABLE "correction_follow_ups" ("id" character varying(36) NOT NULL, "request_id" character varying(36) NOT NULL, "disclosure_id" character varying(36) NOT NULL, "disclosure_reference" character varying(20) NOT NULL, "recipient_name" character varying(300) NOT NULL, "recipient_type" character varying(32) NOT NULL, "legal_process_id" character varying(36), "fields" text NOT NULL, "status" character varying(16) NOT NULL, "method" text, "notified_on" character varying(10), "exemption" character varying(16), "explanation" text, "resolved_by_id" character varying(36), "resolved_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "PK_correction_follow_ups" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_correction_follow_ups_request_id" ON "correction_follow_ups" ("request_id") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_correction_follow_ups_request_id"');
    await queryRunner.query('DROP TABLE "correction_follow_ups"');
    await queryRunner.query('DROP INDEX "public"."UQ_correction_decisions_request_field"');
    await queryRunner.query('DROP TABLE "correction_decisions"');
    await queryRunner.query('DROP TABLE "correction_reviews"');
  }
}
