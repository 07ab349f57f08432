import type { MigrationInterface, QueryRunner } from 'typeorm';

const VERIFICATION_LINK_MASK = '[confirmation link: sent to the requester, not shown]';

export class SignInHardening1795978416250 implements MigrationInterface {
  name = 'SignInHardening1795978416250';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "login_throttles" ("account_key" character varying(64) NOT NULL, "source" character varying(64) NOT NULL, "failures" integer NOT NULL DEFAULT \'0\', "last_failure_at" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a870405fa8466af4c6da3dcaea" PRIMARY KEY ("account_key", "source"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_login_throttles_last_failure_at" ON "login_throttles"  ("last_failure_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "rate_limit_counters" ("key" character varying(160) NOT NULL, "hits" integer NOT NULL DEFAULT \'0\', "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_ad665f1998311a7bd0e8265365d" PRIMARY KEY ("key"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_rate_limit_counters_window_ends_at" ON "rate_limit_counters"  ("window_ends_at") ',
    );
    await queryRunner.query('ALTER TABLE "mail_outbox" ADD "sealed_link" text');

    // Outbox bodies written before this change hold live confirmation links: mask them.
    const rows: { id: string; body: string }[] = await queryRunner.query(
      `SELECT "id", "body" FROM "mail_outbox" WHERE "template" = 'verification'`,
    );
    for (const row of rows) {
      const masked = row.body.replace(/\S*\/privacy\/verify\?token=\S*/g, VERIFICATION_LINK_MASK);
      if (masked !== row.body) {
        await queryRunner.query(`UPDATE "mail_outbox" SET "body" = $1 WHERE "id" = $2`, [
          masked,
          row.id,
        ]);
      }
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "mail_outbox" DROP COLUMN "sealed_link"');
    await queryRunner.query('DROP INDEX "public"."IDX_rate_limit_counters_window_ends_at"');
    await queryRunner.query('DROP TABLE "rate_limit_counters"');
    await queryRunner.query('DROP INDEX "public"."IDX_login_throttles_last_failure_at"');
    await queryRunner.query('DROP TABLE "login_throttles"');
  }
}
