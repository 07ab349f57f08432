import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RequestPackages1795990911000 implements MigrationInterface {
  name = 'RequestPackages1795990911000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "request_packages" ("id" character varying(36) NOT NULL, "request_id" character varying(36) NOT NULL, "purpose" character varying(32) NOT NULL, "json" text NOT NULL, "html" text NOT NULL, "pdf" bytea NOT NULL, "created_by" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, "token_hash" character varying(64), "expires_at" TIMESTAMP WITH TIME ZONE, "max_downloads" integer NOT NULL DEFAULT \'0\', "download_count" integer NOT NULL DEFAULT \'0\', "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "PK_0bc301c01e7f360bf1bf9e29aeb" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_request_packages_request_id" ON "request_packages" ("request_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_request_packages_token_hash" ON "request_packages" ("token_hash") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."UQ_request_packages_token_hash"');
    await queryRunner.query('DROP INDEX "public"."IDX_request_packages_request_id"');
    await queryRunner.query('DROP TABLE "request_packages"');
  }
}
