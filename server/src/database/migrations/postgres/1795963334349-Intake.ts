import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Intake1795963334349 implements MigrationInterface {
  name = 'Intake1795963334349';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "api_keys" ("id" character varying(36) NOT NULL, "name" character varying(100) NOT NULL, "prefix" character varying(16) NOT NULL, "secret_hash" character varying(64) NOT NULL, "scopes" text NOT NULL, "created_by_id" character varying(36) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_api_keys_prefix" ON "api_keys"  ("prefix") ');
    await queryRunner.query(
      'CREATE TABLE "mail_outbox" ("id" character varying(36) NOT NULL, "to_address" character varying(320) NOT NULL, "subject" character varying(300) NOT NULL, "body" text NOT NULL, "template" character varying(64) NOT NULL, "status" character varying(16) NOT NULL, "request_id" character varying(36), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT \'0\', "last_error" text, "message_id" character varying(255), CONSTRAINT "PK_fecc63c96385bc35a39ccf2a72e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_mail_outbox_request_id" ON "mail_outbox"  ("request_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_mail_outbox_created_at" ON "mail_outbox"  ("created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_mail_outbox_status_created_at" ON "mail_outbox"  ("status", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "privacy_requests" ("id" character varying(36) NOT NULL, "reference" character varying(20) NOT NULL, "kind" character varying(32) NOT NULL, "channel" character varying(16) NOT NULL, "jurisdiction" character varying(16) NOT NULL, "status" character varying(24) NOT NULL, "requester_name" character varying(200) NOT NULL, "requester_email" character varying(320) NOT NULL, "subject_id" character varying(36), "assignee_id" character varying(36), "lease_expires_at" TIMESTAMP WITH TIME ZONE, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "extended_at" TIMESTAMP WITH TIME ZONE, "extension_reason" text, "resolution" text, "reason" text, "payload" text NOT NULL, "duplicate_of_id" character varying(36), "entered_by_id" character varying(36), "verification_token_hash" character varying(64), "verification_expires_at" TIMESTAMP WITH TIME ZONE, "verified_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "PK_fbdea00fb2fcf274bf0d2ddf2c2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_privacy_requests_reference" ON "privacy_requests"  ("reference") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_privacy_requests_subject_id" ON "privacy_requests"  ("subject_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_privacy_requests_assignee_id" ON "privacy_requests"  ("assignee_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_privacy_requests_due_at" ON "privacy_requests"  ("due_at") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_privacy_requests_verification" ON "privacy_requests"  ("verification_token_hash") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_privacy_requests_requester" ON "privacy_requests"  ("requester_email", "kind") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_privacy_requests_queue" ON "privacy_requests"  ("status", "assignee_id", "due_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "reference_counters" ("year" integer NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "PK_d3f15305259a907cc69d4df1c46" PRIMARY KEY ("year"))',
    );
    await queryRunner.query(
      'CREATE TABLE "request_events" ("id" SERIAL NOT NULL, "request_id" character varying(36) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "type" character varying(32) NOT NULL, "actor_type" character varying(16) NOT NULL, "actor_id" character varying(64), "actor_label" character varying(200) NOT NULL, "from_status" character varying(24), "to_status" character varying(24), "summary" character varying(500) NOT NULL, "body" text, CONSTRAINT "PK_bf9333ddb0c34f1533239fc9cb0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_request_events_request_id" ON "request_events"  ("request_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "subjects" ("id" character varying(36) NOT NULL, "name" character varying(200) NOT NULL, "company" character varying(200), "address_line1" character varying(200), "address_line2" character varying(200), "city" character varying(100), "region" character varying(100), "postal_code" character varying(20), "country" character varying(2), "email" character varying(320) NOT NULL, "phone" character varying(20), "job_title" character varying(200), "date_of_birth" character varying(10), "is_minor" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "PK_1a023685ac2b051b4e557b0b280" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_subjects_name" ON "subjects"  ("name") ');
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_subjects_email" ON "subjects"  ("email") ');
    await queryRunner.query('CREATE INDEX "IDX_subjects_phone" ON "subjects"  ("phone") ');
    await queryRunner.query(
      'CREATE TABLE "subject_changes" ("id" character varying(36) NOT NULL, "subject_id" character varying(36) NOT NULL, "field" character varying(32) NOT NULL, "old_value" text, "new_value" text, "changed_by_type" character varying(16) NOT NULL, "changed_by_id" character varying(64), "changed_by_label" character varying(200) NOT NULL, "reason" character varying(200) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_558a463d2fdc92ef4653892e5b7" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_subject_changes_subject_id" ON "subject_changes"  ("subject_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "request_events" ADD CONSTRAINT "FK_e8b717bcc3e01fbd300f4e97e56" FOREIGN KEY ("request_id") REFERENCES "privacy_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "subject_changes" ADD CONSTRAINT "FK_99ac8c4f8c78a8ba3c7d8aad0d9" FOREIGN KEY ("subject_id") REFERENCES "subjects"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "subject_changes" DROP CONSTRAINT "FK_99ac8c4f8c78a8ba3c7d8aad0d9"',
    );
    await queryRunner.query(
      'ALTER TABLE "request_events" DROP CONSTRAINT "FK_e8b717bcc3e01fbd300f4e97e56"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_subject_changes_subject_id"');
    await queryRunner.query('DROP TABLE "subject_changes"');
    await queryRunner.query('DROP INDEX "public"."IDX_subjects_phone"');
    await queryRunner.query('DROP INDEX "public"."UQ_subjects_email"');
    await queryRunner.query('DROP INDEX "public"."IDX_subjects_name"');
    await queryRunner.query('DROP TABLE "subjects"');
    await queryRunner.query('DROP INDEX "public"."IDX_request_events_request_id"');
    await queryRunner.query('DROP TABLE "request_events"');
    await queryRunner.query('DROP TABLE "reference_counters"');
    await queryRunner.query('DROP INDEX "public"."IDX_privacy_requests_queue"');
    await queryRunner.query('DROP INDEX "public"."IDX_privacy_requests_requester"');
    await queryRunner.query('DROP INDEX "public"."UQ_privacy_requests_verification"');
    await queryRunner.query('DROP INDEX "public"."IDX_privacy_requests_due_at"');
    await queryRunner.query('DROP INDEX "public"."IDX_privacy_requests_assignee_id"');
    await queryRunner.query('DROP INDEX "public"."IDX_privacy_requests_subject_id"');
    await queryRunner.query('DROP INDEX "public"."UQ_privacy_requests_reference"');
    await queryRunner.query('DROP TABLE "privacy_requests"');
    await queryRunner.query('DROP INDEX "public"."IDX_mail_outbox_status_created_at"');
    await queryRunner.query('DROP INDEX "public"."IDX_mail_outbox_created_at"');
    await queryRunner.query('DROP INDEX "public"."IDX_mail_outbox_request_id"');
    await queryRunner.query('DROP TABLE "mail_outbox"');
    await queryRunner.query('DROP INDEX "public"."UQ_api_keys_prefix"');
    await queryRunner.query('DROP TABLE "api_keys"');
  }
}
