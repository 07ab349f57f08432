import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Intake1795963334349 implements MigrationInterface {
  name = 'Intake1795963334349';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "api_keys" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "prefix" varchar(16) NOT NULL, "secret_hash" varchar(64) NOT NULL, "scopes" text NOT NULL, "created_by_id" varchar(36) NOT NULL, "created_at" datetime NOT NULL, "last_used_at" datetime, "revoked_at" datetime)',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_api_keys_prefix" ON "api_keys" ("prefix") ');
    await queryRunner.query(
      'CREATE TABLE "mail_outbox" ("id" varchar(36) PRIMARY KEY NOT NULL, "to_address" varchar(320) NOT NULL, "subject" varchar(300) NOT NULL, "body" text NOT NULL, "template" varchar(64) NOT NULL, "status" varchar(16) NOT NULL, "request_id" varchar(36), "created_at" datetime NOT NULL, "sent_at" datetime, "attempts" integer NOT NULL DEFAULT (0), "last_error" text, "message_id" varchar(255))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_mail_outbox_request_id" ON "mail_outbox" ("request_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_mail_outbox_created_at" ON "mail_outbox" ("created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_mail_outbox_status_created_at" ON "mail_outbox" ("status", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "privacy_requests" ("id" varchar(36) PRIMARY KEY NOT NULL, "reference" varchar(20) NOT NULL, "kind" varchar(32) NOT NULL, "channel" varchar(16) NOT NULL, "jurisdiction" varchar(16) NOT NULL, "status" varchar(24) NOT NULL, "requester_name" varchar(200) NOT NULL, "requester_email" varchar(320) NOT NULL, "subject_id" varchar(36), "assignee_id" varchar(36), "lease_expires_at" datetime, "received_at" datetime NOT NULL, "due_at" datetime NOT NULL, "extended_at" datetime, "extension_reason" text, "resolution" text, "reason" text, "payload" text NOT NULL, "duplicate_of_id" varchar(36), "entered_by_id" varchar(36), "verification_token_hash" varchar(64), "verification_expires_at" datetime, "verified_at" datetime, "closed_at" datetime, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_privacy_requests_reference" ON "privacy_requests" ("reference") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_privacy_requests_subject_id" ON "privacy_requests" ("subject_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_privacy_requests_assignee_id" ON "privacy_requests" ("assignee_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_privacy_requests_due_at" ON "privacy_requests" ("due_at") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_privacy_requests_verification" ON "privacy_requests" ("verification_token_hash") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_privacy_requests_requester" ON "privacy_requests" ("requester_email", "kind") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_privacy_requests_queue" ON "privacy_requests" ("status", "assignee_id", "due_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "reference_counters" ("year" integer PRIMARY KEY NOT NULL, "last_number" integer NOT NULL)',
    );
    await queryRunner.query(
      'CREATE TABLE "request_events" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "request_id" varchar(36) NOT NULL, "at" datetime NOT NULL, "type" varchar(32) NOT NULL, "actor_type" varchar(16) NOT NULL, "actor_id" varchar(64), "actor_label" varchar(200) NOT NULL, "from_status" varchar(24), "to_status" varchar(24), "summary" varchar(500) NOT NULL, "body" text)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_request_events_request_id" ON "request_events" ("request_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "subjects" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "company" varchar(200), "address_line1" varchar(200), "address_line2" varchar(200), "city" varchar(100), "region" varchar(100), "postal_code" varchar(20), "country" varchar(2), "email" varchar(320) NOT NULL, "phone" varchar(20), "job_title" varchar(200), "date_of_birth" varchar(10), "is_minor" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query('CREATE INDEX "IDX_subjects_name" ON "subjects" ("name") ');
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_subjects_email" ON "subjects" ("email") ');
    await queryRunner.query('CREATE INDEX "IDX_subjects_phone" ON "subjects" ("phone") ');
    await queryRunner.query(
      'CREATE TABLE "subject_changes" ("id" varchar(36) PRIMARY KEY NOT NULL, "subject_id" varchar(36) NOT NULL, "field" varchar(32) NOT NULL, "old_value" text, "new_value" text, "changed_by_type" varchar(16) NOT NULL, "changed_by_id" varchar(64), "changed_by_label" varchar(200) NOT NULL, "reason" varchar(200) NOT NULL, "at" datetime NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_subject_changes_subject_id" ON "subject_changes" ("subject_id") ',
    );
    await queryRunner.query('DROP INDEX "IDX_request_events_request_id"');
    await queryRunner.query(
      'CREATE TABLE "temporary_request_events" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "request_id" varchar(36) NOT NULL, "at" datetime NOT NULL, "type" varchar(32) NOT NULL, "actor_type" varchar(16) NOT NULL, "actor_id" varchar(64), "actor_label" varchar(200) NOT NULL, "from_status" varchar(24), "to_status" varchar(24), "summary" varchar(500) NOT NULL, "body" text, CONSTRAINT "FK_e8b717bcc3e01fbd300f4e97e56" FOREIGN KEY ("request_id") REFERENCES "privacy_requests" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_request_events"("id", "request_id", "at", "type", "actor_type", "actor_id", "actor_label", "from_status", "to_status", "summary", "body") SELECT "id", "request_id", "at", "type", "actor_type", "actor_id", "actor_label", "from_status", "to_status", "summary", "body" FROM "request_events"',
    );
    await queryRunner.query('DROP TABLE "request_events"');
    await queryRunner.query('ALTER TABLE "temporary_request_events" RENAME TO "request_events"');
    await queryRunner.query(
      'CREATE INDEX "IDX_request_events_request_id" ON "request_events" ("request_id") ',
    );
    await queryRunner.query('DROP INDEX "IDX_subject_changes_subject_id"');
    await queryRunner.query(
      'CREATE TABLE "temporary_subject_changes" ("id" varchar(36) PRIMARY KEY NOT NULL, "subject_id" varchar(36) NOT NULL, "field" varchar(32) NOT NULL, "old_value" text, "new_value" text, "changed_by_type" varchar(16) NOT NULL, "changed_by_id" varchar(64), "changed_by_label" varchar(200) NOT NULL, "reason" varchar(200) NOT NULL, "at" datetime NOT NULL, CONSTRAINT "FK_99ac8c4f8c78a8ba3c7d8aad0d9" FOREIGN KEY ("subject_id") REFERENCES "subjects" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_subject_changes"("id", "subject_id", "field", "old_value", "new_value", "changed_by_type", "changed_by_id", "changed_by_label", "reason", "at") SELECT "id", "subject_id", "field", "old_value", "new_value", "changed_by_type", "changed_by_id", "changed_by_label", "reason", "at" FROM "subject_changes"',
    );
    await queryRunner.query('DROP TABLE "subject_changes"');
    await queryRunner.query('ALTER TABLE "temporary_subject_changes" RENAME TO "subject_changes"');
    await queryRunner.query(
      'CREATE INDEX "IDX_subject_changes_subject_id" ON "subject_changes" ("subject_id") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_subject_changes_subject_id"');
    await queryRunner.query('ALTER TABLE "subject_changes" RENAME TO "temporary_subject_changes"');
    await queryRunner.query(
      'CREATE TABLE "subject_changes" ("id" varchar(36) PRIMARY KEY NOT NULL, "subject_id" varchar(36) NOT NULL, "field" varchar(32) NOT NULL, "old_value" text, "new_value" text, "changed_by_type" varchar(16) NOT NULL, "changed_by_id" varchar(64), "changed_by_label" varchar(200) NOT NULL, "reason" varchar(200) NOT NULL, "at" datetime NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "subject_changes"("id", "subject_id", "field", "old_value", "new_value", "changed_by_type", "changed_by_id", "changed_by_label", "reason", "at") SELECT "id", "subject_id", "field", "old_value", "new_value", "changed_by_type", "changed_by_id", "changed_by_label", "reason", "at" FROM "temporary_subject_changes"',
    );
    await queryRunner.query('DROP TABLE "temporary_subject_changes"');
    await queryRunner.query(
      'CREATE INDEX "IDX_subject_changes_subject_id" ON "subject_changes" ("subject_id") ',
    );
    await queryRunner.query('DROP INDEX "IDX_request_events_request_id"');
    await queryRunner.query('ALTER TABLE "request_events" RENAME TO "temporary_request_events"');
    await queryRunner.query(
      'CREATE TABLE "request_events" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "request_id" varchar(36) NOT NULL, "at" datetime NOT NULL, "type" varchar(32) NOT NULL, "actor_type" varchar(16) NOT NULL, "actor_id" varchar(64), "actor_label" varchar(200) NOT NULL, "from_status" varchar(24), "to_status" varchar(24), "summary" varchar(500) NOT NULL, "body" text)',
    );
    await queryRunner.query(
      'INSERT INTO "request_events"("id", "request_id", "at", "type", "actor_type", "actor_id", "actor_label", "from_status", "to_status", "summary", "body") SELECT "id", "request_id", "at", "type", "actor_type", "actor_id", "actor_label", "from_status", "to_status", "summary", "body" FROM "temporary_request_events"',
    );
    await queryRunner.query('DROP TABLE "temporary_request_events"');
    await queryRunner.query(
      'CREATE INDEX "IDX_request_events_request_id" ON "request_events" ("request_id") ',
    );
    await queryRunner.query('DROP INDEX "IDX_subject_changes_subject_id"');
    await queryRunner.query('DROP TABLE "subject_changes"');
    await queryRunner.query('DROP INDEX "IDX_subjects_phone"');
    await queryRunner.query('DROP INDEX "UQ_subjects_email"');
    await queryRunner.query('DROP INDEX "IDX_subjects_name"');
    await queryRunner.query('DROP TABLE "subjects"');
    await queryRunner.query('DROP INDEX "IDX_request_events_request_id"');
    await queryRunner.query('DROP TABLE "request_events"');
    await queryRunner.query('DROP TABLE "reference_counters"');
    await queryRunner.query('DROP INDEX "IDX_privacy_requests_queue"');
    await queryRunner.query('DROP INDEX "IDX_privacy_requests_requester"');
    await queryRunner.query('DROP INDEX "UQ_privacy_requests_verification"');
    await queryRunner.query('DROP INDEX "IDX_privacy_requests_due_at"');
    await queryRunner.query('DROP INDEX "IDX_privacy_requests_assignee_id"');
    await queryRunner.query('DROP INDEX "IDX_privacy_requests_subject_id"');
    await queryRunner.query('DROP INDEX "UQ_privacy_requests_reference"');
    await queryRunner.query('DROP TABLE "privacy_requests"');
    await queryRunner.query('DROP INDEX "IDX_mail_outbox_status_created_at"');
    await queryRunner.query('DROP INDEX "IDX_mail_outbox_created_at"');
    await queryRunner.query('DROP INDEX "IDX_mail_outbox_request_id"');
    await queryRunner.query('DROP TABLE "mail_outbox"');
    await queryRunner.query('DROP INDEX "UQ_api_keys_prefix"');
    await queryRunner.query('DROP TABLE "api_keys"');
  }
}
