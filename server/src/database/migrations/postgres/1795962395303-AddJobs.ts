import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddJobs1795962395303 implements MigrationInterface {
  name = 'AddJobs1795962395303';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "jobs" ("id" character varying(36) NOT NULL, "type" character varying(64) NOT NULL, "payload" text NOT NULL, "status" character varying(16) NOT NULL, "run_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL DEFAULT \'0\', "max_attempts" integer NOT NULL, "locked_by" character varying(100), "lease_expires_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "unique_key" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_cf0a6c42b72fcc7f7c237def345" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_jobs_type" ON "jobs"  ("type") ');
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_jobs_unique_key" ON "jobs"  ("unique_key") ');
    await queryRunner.query('CREATE INDEX "IDX_jobs_claim" ON "jobs"  ("status", "run_at") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_jobs_claim"');
    await queryRunner.query('DROP INDEX "public"."UQ_jobs_unique_key"');
    await queryRunner.query('DROP INDEX "public"."IDX_jobs_type"');
    await queryRunner.query('DROP TABLE "jobs"');
  }
}
