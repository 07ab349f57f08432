import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The retention purge's markers: when a row's personal data was purged (so it is done once). */
export class RetentionPurgedAt1796011500000 implements MigrationInterface {
  name = 'RetentionPurgedAt1796011500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['privacy_requests', 'disclosures', 'subjects'])
      await queryRunner.query(`ALTER TABLE "${table}" ADD "purged_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['privacy_requests', 'disclosures', 'subjects'])
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "purged_at"`);
  }
}
