import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddJobs1795962395303 implements MigrationInterface {
  name = 'AddJobs1795962395303';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "jobs" ("id" varchar(36) PRIMARY KEY NOT NULL, "type" varchar(64) NOT NULL, "payload" text NOT NULL, "status" varchar(16) NOT NULL, "run_at" datetime NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "max_attempts" integer NOT NULL, "locked_by" varchar(100), "lease_expires_at" datetime, "last_error" text, "unique_key" varchar(200), "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "completed_at" datetime)',
    );
    await queryRunner.query('CREATE INDEX "IDX_jobs_type" ON "jobs" ("type") ');
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_jobs_unique_key" ON "jobs" ("unique_key") ');
    await queryRunner.query('CREATE INDEX "IDX_jobs_claim" ON "jobs" ("status", "run_at") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_jobs_claim"');
    await queryRunner.query('DROP INDEX "UQ_jobs_unique_key"');
    await queryRunner.query('DROP INDEX "IDX_jobs_type"');
    await queryRunner.query('DROP TABLE "jobs"');
  }
}
