import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Background CSV exports and their files (in chunks). */
export class ExportJobs1796012000000 implements MigrationInterface {
  name = 'ExportJobs1796012000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "export_jobs" ("id" character varying(36) NOT NULL, "owner_id" character varying(36) NOT NULL, "owner_role" character varying(32) NOT NULL, "owner_label" character varying(200) NOT NULL, "list" character varying(32) NOT NULL, "filter" text NOT NULL, "sort" text, "status" character varying(16) NOT NULL, "rows_done" integer NOT NULL DEFAULT \'0\', "rows_total" integer, "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_export_jobs" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_export_jobs_owner" ON "export_jobs" ("owner_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_export_jobs_expires_at" ON "export_jobs" ("expires_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "export_chunks" ("export_id" character varying(36) NOT NULL, "seq" integer NOT NULL, "data" text NOT NULL, CONSTRAINT "PK_export_chunks" PRIMARY KEY ("export_id", "seq"))',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "export_chunks"');
    await queryRunner.query('DROP INDEX "IDX_export_jobs_expires_at"');
    await queryRunner.query('DROP INDEX "IDX_export_jobs_owner"');
    await queryRunner.query('DROP TABLE "export_jobs"');
  }
}
