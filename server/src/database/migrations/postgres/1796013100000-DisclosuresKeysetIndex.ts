import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The disclosures list's default order (disclosed at, then id) served by one index: a batch of
 * a CSV export or a deep page continues after (disclosed_at, id) as one index range, with no
 * sort. Replaces the index on disclosed_at alone (its leading column serves the same filters).
 */
export class DisclosuresKeysetIndex1796013100000 implements MigrationInterface {
  name = 'DisclosuresKeysetIndex1796013100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_disclosures_disclosed_at"');
    await queryRunner.query(
      'CREATE INDEX "IDX_disclosures_disclosed_at_id" ON "disclosures" ("disclosed_at", "id") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_disclosures_disclosed_at_id"');
    await queryRunner.query(
      'CREATE INDEX "IDX_disclosures_disclosed_at" ON "disclosures" ("disclosed_at") ',
    );
  }
}
