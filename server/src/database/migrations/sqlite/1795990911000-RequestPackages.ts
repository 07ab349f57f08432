import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RequestPackages1795990911000 implements MigrationInterface {
  name = 'RequestPackages1795990911000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "request_packages" ("id" varchar(36) PRIMARY KEY NOT NULL, "request_id" varchar(36) NOT NULL, "purpose" varchar(32) NOT NULL, "json" text NOT NULL, "html" text NOT NULL, "pdf" blob NOT NULL, "created_by" varchar(64), "created_at" datetime NOT NULL, "sent_at" datetime, "token_hash" varchar(64), "expires_at" datetime, "max_downloads" integer NOT NULL DEFAULT (0), "download_count" integer NOT NULL DEFAULT (0), "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_request_packages_request_id" ON "request_packages" ("request_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_request_packages_token_hash" ON "request_packages" ("token_hash") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "UQ_request_packages_token_hash"');
    await queryRunner.query('DROP INDEX "IDX_request_packages_request_id"');
    await queryRunner.query('DROP TABLE "request_packages"');
  }
}
