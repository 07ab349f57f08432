import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795961857056 implements MigrationInterface {
  name = 'Init1795961857056';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "audit_entries" ("seq" integer NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_type" character varying(16) NOT NULL, "actor_id" character varying(64), "actor_label" character varying(200) NOT NULL, "action" character varying(64) NOT NULL, "entity_type" character varying(64) NOT NULL, "entity_id" character varying(64), "summary" character varying(500) NOT NULL, "prev_hash" character varying(64) NOT NULL, "hash" character varying(64) NOT NULL, CONSTRAINT "PK_0de907d00514c64bf4c6fd7ae10" PRIMARY KEY ("seq"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_audit_entries_at" ON "audit_entries"  ("at") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_audit_entries_actor_id" ON "audit_entries"  ("actor_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_audit_entries_action" ON "audit_entries"  ("action") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_audit_entries_entity" ON "audit_entries"  ("entity_type", "entity_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "users" ("id" character varying(36) NOT NULL, "email" character varying(320) NOT NULL, "name" character varying(200) NOT NULL, "role" character varying(32) NOT NULL, "active" boolean NOT NULL DEFAULT true, "password_hash" character varying(255) NOT NULL, "must_change_password" boolean NOT NULL DEFAULT false, "mfa_enabled" boolean NOT NULL DEFAULT false, "mfa_secret" text, "mfa_pending_secret" text, "mfa_last_step" integer, "failed_login_count" integer NOT NULL DEFAULT \'0\', "locked_until" TIMESTAMP WITH TIME ZONE, "last_login_at" TIMESTAMP WITH TIME ZONE, "is_demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_users_email" ON "users"  ("email") ');
    await queryRunner.query(
      'CREATE TABLE "recovery_codes" ("id" character varying(36) NOT NULL, "user_id" character varying(36) NOT NULL, "code_hash" character varying(64) NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_0723b9e53961e799027d7f7ba32" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_recovery_codes_user_id" ON "recovery_codes"  ("user_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "sessions" ("id" character varying(36) NOT NULL, "token_hash" character varying(64) NOT NULL, "user_id" character varying(36) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_sessions_token_hash" ON "sessions"  ("token_hash") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_sessions_user_id" ON "sessions"  ("user_id") ');
    await queryRunner.query(
      'ALTER TABLE "recovery_codes" ADD CONSTRAINT "FK_fb82b2ac740ca095b617afad031" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "sessions" ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"',
    );
    await queryRunner.query(
      'ALTER TABLE "recovery_codes" DROP CONSTRAINT "FK_fb82b2ac740ca095b617afad031"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_sessions_user_id"');
    await queryRunner.query('DROP INDEX "public"."UQ_sessions_token_hash"');
    await queryRunner.query('DROP TABLE "sessions"');
    await queryRunner.query('DROP INDEX "public"."IDX_recovery_codes_user_id"');
    await queryRunner.query('DROP TABLE "recovery_codes"');
    await queryRunner.query('DROP INDEX "public"."UQ_users_email"');
    await queryRunner.query('DROP TABLE "users"');
    await queryRunner.query('DROP INDEX "public"."IDX_audit_entries_entity"');
    await queryRunner.query('DROP INDEX "public"."IDX_audit_entries_action"');
    await queryRunner.query('DROP INDEX "public"."IDX_audit_entries_actor_id"');
    await queryRunner.query('DROP INDEX "public"."IDX_audit_entries_at"');
    await queryRunner.query('DROP TABLE "audit_entries"');
  }
}
