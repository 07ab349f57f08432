import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SuppressionList1796000704380 implements MigrationInterface {
  name = 'SuppressionList1796000704380';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "opt_out_checks" ("id" character varying(36) NOT NULL, "request_id" character varying(36) NOT NULL, "kind" character varying(16) NOT NULL, "item_key" character varying(250) NOT NULL, "label" character varying(200) NOT NULL, "done_at" TIMESTAMP WITH TIME ZONE, "done_by_id" character varying(36), "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "PK_76ffb6530c7eb719b26d9b9213f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_opt_out_checks_request_item" ON "opt_out_checks"  ("request_id", "item_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "suppressions" ("id" character varying(36) NOT NULL, "subject_id" character varying(36), "channel" character varying(16) NOT NULL, "value" character varying(500) NOT NULL, "value_hash" character varying(64) NOT NULL, "scope" character varying(24) NOT NULL, "source_request_id" character varying(36), "source_reference" character varying(20), "effective_at" TIMESTAMP WITH TIME ZONE NOT NULL, "stop_by" character varying(10) NOT NULL, "stop_by_citation" character varying(200) NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by_request_id" character varying(36), "revoke_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "PK_77bb19dbc77a4ce0ca8cb743f3b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_suppressions_subject_id" ON "suppressions"  ("subject_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_suppressions_source_request_id" ON "suppressions"  ("source_request_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_suppressions_channel_value" ON "suppressions"  ("channel", "value") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_suppressions_channel_hash" ON "suppressions"  ("channel", "value_hash") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_suppressions_channel_hash"');
    await queryRunner.query('DROP INDEX "public"."IDX_suppressions_channel_value"');
    await queryRunner.query('DROP INDEX "public"."IDX_suppressions_source_request_id"');
    await queryRunner.query('DROP INDEX "public"."IDX_suppressions_subject_id"');
    await queryRunner.query('DROP TABLE "suppressions"');
    await queryRunner.query('DROP INDEX "public"."UQ_opt_out_checks_request_item"');
    await queryRunner.query('DROP TABLE "opt_out_checks"');
  }
}
