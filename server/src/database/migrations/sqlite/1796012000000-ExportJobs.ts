import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Background CSV exports and their files (in chunks). */
export class ExportJobs1796012000000 implements MigrationInterface {
  name = 'ExportJobs1796012000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "export_jobs" ("id" varchar(36) PRIMARY KEY NOT NULL, "owner_id" varchar(36) NOT NULL, "owner_role" varchar(32) NOT NULL, "owner_label" varchar(200) NOT NULL, "list" varchar(32) NOT NULL, "filter" text NOT NULL, "sort" text, "status" varchar(16) NOT NULL, "rows_done" integer NOT NULL DEFAULT (0), "rows_total" integer, "error" text, "created_at" datetime NOT NULL, "finished_at" datetime, "expires_at" datetime)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_export_jobs_owner" ON "export_jobs" ("owner_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_export_jobs_expires_at" ON "export_jobs" ("expires_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "export_chunks" ("export_id" varchar(36) NOT NULL, "seq" integer NOT NULL, "data" text NOT NULL, PRIMARY KEY ("export_id", "seq"))',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "export_chunks"');
    await queryRunner.query('DROP INDEX "IDX_export_jobs_expires_at"');
    await queryRunner.query('DROP INDEX "IDX_export_jobs_owner"');
    await queryRunner.query('DROP TABLE "export_jobs"');
  }
}
