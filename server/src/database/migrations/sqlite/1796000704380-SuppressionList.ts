import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SuppressionList1796000704380 implements MigrationInterface {
  name = 'SuppressionList1796000704380';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "opt_out_checks" ("id" varchar(36) PRIMARY KEY NOT NULL, "request_id" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "item_key" varchar(250) NOT NULL, "label" varchar(200) NOT NULL, "done_at" datetime, "done_by_id" varchar(36), "note" text, "created_at" datetime NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_opt_out_checks_request_item" ON "opt_out_checks" ("request_id", "item_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "suppressions" ("id" varchar(36) PRIMARY KEY NOT NULL, "subject_id" varchar(36), "channel" varchar(16) NOT NULL, "value" varchar(500) NOT NULL, "value_hash" varchar(64) NOT NULL, "scope" varchar(24) NOT NULL, "source_request_id" varchar(36), "source_reference" varchar(20), "effective_at" datetime NOT NULL, "stop_by" varchar(10) NOT NULL, "stop_by_citation" varchar(200) NOT NULL, "revoked_at" datetime, "revoked_by_request_id" varchar(36), "revoke_reason" text, "created_at" datetime NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_suppressions_subject_id" ON "suppressions" ("subject_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_suppressions_source_request_id" ON "suppressions" ("source_request_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_suppressions_channel_value" ON "suppressions" ("channel", "value") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_suppressions_channel_hash" ON "suppressions" ("channel", "value_hash") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_suppressions_channel_hash"');
    await queryRunner.query('DROP INDEX "IDX_suppressions_channel_value"');
    await queryRunner.query('DROP INDEX "IDX_suppressions_source_request_id"');
    await queryRunner.query('DROP INDEX "IDX_suppressions_subject_id"');
    await queryRunner.query('DROP TABLE "suppressions"');
    await queryRunner.query('DROP INDEX "UQ_opt_out_checks_request_item"');
    await queryRunner.query('DROP TABLE "opt_out_checks"');
  }
}
