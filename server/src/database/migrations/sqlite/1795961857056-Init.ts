import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795961857056 implements MigrationInterface {
  name = 'Init1795961857056';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "audit_entries" ("seq" integer PRIMARY KEY NOT NULL, "at" datetime NOT NULL, "actor_type" varchar(16) NOT NULL, "actor_id" varchar(64), "actor_label" varchar(200) NOT NULL, "action" varchar(64) NOT NULL, "entity_type" varchar(64) NOT NULL, "entity_id" varchar(64), "summary" varchar(500) NOT NULL, "prev_hash" varchar(64) NOT NULL, "hash" varchar(64) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_audit_entries_at" ON "audit_entries" ("at") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_audit_entries_actor_id" ON "audit_entries" ("actor_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_audit_entries_action" ON "audit_entries" ("action") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_audit_entries_entity" ON "audit_entries" ("entity_type", "entity_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(320) NOT NULL, "name" varchar(200) NOT NULL, "role" varchar(32) NOT NULL, "active" boolean NOT NULL DEFAULT (1), "password_hash" varchar(255) NOT NULL, "must_change_password" boolean NOT NULL DEFAULT (0), "mfa_enabled" boolean NOT NULL DEFAULT (0), "mfa_secret" text, "mfa_pending_secret" text, "mfa_last_step" integer, "failed_login_count" integer NOT NULL DEFAULT (0), "locked_until" datetime, "last_login_at" datetime, "is_demo" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_users_email" ON "users" ("email") ');
    await queryRunner.query(
      'CREATE TABLE "recovery_codes" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(36) NOT NULL, "code_hash" varchar(64) NOT NULL, "used_at" datetime, "created_at" datetime NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_recovery_codes_user_id" ON "recovery_codes" ("user_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "token_hash" varchar(64) NOT NULL, "user_id" varchar(36) NOT NULL, "created_at" datetime NOT NULL, "last_seen_at" datetime NOT NULL, "expires_at" datetime NOT NULL)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_sessions_token_hash" ON "sessions" ("token_hash") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_sessions_user_id" ON "sessions" ("user_id") ');
    await queryRunner.query('DROP INDEX "IDX_recovery_codes_user_id"');
    await queryRunner.query(
      'CREATE TABLE "temporary_recovery_codes" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(36) NOT NULL, "code_hash" varchar(64) NOT NULL, "used_at" datetime, "created_at" datetime NOT NULL, CONSTRAINT "FK_fb82b2ac740ca095b617afad031" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_recovery_codes"("id", "user_id", "code_hash", "used_at", "created_at") SELECT "id", "user_id", "code_hash", "used_at", "created_at" FROM "recovery_codes"',
    );
    await queryRunner.query('DROP TABLE "recovery_codes"');
    await queryRunner.query('ALTER TABLE "temporary_recovery_codes" RENAME TO "recovery_codes"');
    await queryRunner.query(
      'CREATE INDEX "IDX_recovery_codes_user_id" ON "recovery_codes" ("user_id") ',
    );
    await queryRunner.query('DROP INDEX "UQ_sessions_token_hash"');
    await queryRunner.query('DROP INDEX "IDX_sessions_user_id"');
    await queryRunner.query(
      'CREATE TABLE "temporary_sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "token_hash" varchar(64) NOT NULL, "user_id" varchar(36) NOT NULL, "created_at" datetime NOT NULL, "last_seen_at" datetime NOT NULL, "expires_at" datetime NOT NULL, CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_sessions"("id", "token_hash", "user_id", "created_at", "last_seen_at", "expires_at") SELECT "id", "token_hash", "user_id", "created_at", "last_seen_at", "expires_at" FROM "sessions"',
    );
    await queryRunner.query('DROP TABLE "sessions"');
    await queryRunner.query('ALTER TABLE "temporary_sessions" RENAME TO "sessions"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_sessions_token_hash" ON "sessions" ("token_hash") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_sessions_user_id" ON "sessions" ("user_id") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_sessions_user_id"');
    await queryRunner.query('DROP INDEX "UQ_sessions_token_hash"');
    await queryRunner.query('ALTER TABLE "sessions" RENAME TO "temporary_sessions"');
    await queryRunner.query(
      'CREATE TABLE "sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "token_hash" varchar(64) NOT NULL, "user_id" varchar(36) NOT NULL, "created_at" datetime NOT NULL, "last_seen_at" datetime NOT NULL, "expires_at" datetime NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "sessions"("id", "token_hash", "user_id", "created_at", "last_seen_at", "expires_at") SELECT "id", "token_hash", "user_id", "created_at", "last_seen_at", "expires_at" FROM "temporary_sessions"',
    );
    await queryRunner.query('DROP TABLE "temporary_sessions"');
    await queryRunner.query('CREATE INDEX "IDX_sessions_user_id" ON "sessions" ("user_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_sessions_token_hash" ON "sessions" ("token_hash") ',
    );
    await queryRunner.query('DROP INDEX "IDX_recovery_codes_user_id"');
    await queryRunner.query('ALTER TABLE "recovery_codes" RENAME TO "temporary_recovery_codes"');
    await queryRunner.query(
      'CREATE TABLE "recovery_codes" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(36) NOT NULL, "code_hash" varchar(64) NOT NULL, "used_at" datetime, "created_at" datetime NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "recovery_codes"("id", "user_id", "code_hash", "used_at", "created_at") SELECT "id", "user_id", "code_hash", "used_at", "created_at" FROM "temporary_recovery_codes"',
    );
    await queryRunner.query('DROP TABLE "temporary_recovery_codes"');
    await queryRunner.query(
      'CREATE INDEX "IDX_recovery_codes_user_id" ON "recovery_codes" ("user_id") ',
    );
    await queryRunner.query('DROP INDEX "IDX_sessions_user_id"');
    await queryRunner.query('DROP INDEX "UQ_sessions_token_hash"');
    await queryRunner.query('DROP TABLE "sessions"');
    await queryRunner.query('DROP INDEX "IDX_recovery_codes_user_id"');
    await queryRunner.query('DROP TABLE "recovery_codes"');
    await queryRunner.query('DROP INDEX "UQ_users_email"');
    await queryRunner.query('DROP TABLE "users"');
    await queryRunner.query('DROP INDEX "IDX_audit_entries_entity"');
    await queryRunner.query('DROP INDEX "IDX_audit_entries_action"');
    await queryRunner.query('DROP INDEX "IDX_audit_entries_actor_id"');
    await queryRunner.query('DROP INDEX "IDX_audit_entries_at"');
    await queryRunner.query('DROP TABLE "audit_entries"');
  }
}
