import type { MigrationInterface, QueryRunner } from 'typeorm';

const VERIFICATION_LINK_MASK = '[confirmation link: sent to the requester, not shown]';

export class SignInHardening1795978416250 implements MigrationInterface {
  name = 'SignInHardening1795978416250';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "login_throttles" ("account_key" varchar(64) NOT NULL, "source" varchar(64) NOT NULL, "failures" integer NOT NULL DEFAULT (0), "last_failure_at" datetime NOT NULL, "locked_until" datetime, PRIMARY KEY ("account_key", "source"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_login_throttles_last_failure_at" ON "login_throttles" ("last_failure_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "rate_limit_counters" ("key" varchar(160) PRIMARY KEY NOT NULL, "hits" integer NOT NULL DEFAULT (0), "window_ends_at" datetime NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_rate_limit_counters_window_ends_at" ON "rate_limit_counters" ("window_ends_at") ',
    );
    await queryRunner.query('ALTER TABLE "mail_outbox" ADD COLUMN "sealed_link" text');

    // Outbox bodies written before this change hold live confirmation links: mask them.
    const rows: { id: string; body: string }[] = await queryRunner.query(
      `SELECT "id", "body" FROM "mail_outbox" WHERE "template" = 'verification'`,
    );
    for (const row of rows) {
      const masked = row.body.replace(/\S*\/privacy\/verify\?token=\S*/g, VERIFICATION_LINK_MASK);
      if (masked !== row.body) {
        await queryRunner.query(`UPDATE "mail_outbox" SET "body" = ? WHERE "id" = ?`, [
          masked,
          row.id,
        ]);
      }
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "mail_outbox" DROP COLUMN "sealed_link"');
    await queryRunner.query('DROP INDEX "IDX_rate_limit_counters_window_ends_at"');
    await queryRunner.query('DROP TABLE "rate_limit_counters"');
    await queryRunner.query('DROP INDEX "IDX_login_throttles_last_failure_at"');
    await queryRunner.query('DROP TABLE "login_throttles"');
  }
}
