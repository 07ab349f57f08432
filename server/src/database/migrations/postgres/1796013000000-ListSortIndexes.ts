import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the lists' usual filter and sort (requests by status, newest first; disclosures by
 * review status, newest first): the page is read from the index in order instead of sorting every
 * matching row, and rows skipped by an offset are walked in the index.
 */
export class ListSortIndexes1796013000000 implements MigrationInterface {
  name = 'ListSortIndexes1796013000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "IDX_privacy_requests_status_received" ON "privacy_requests" ("status", "received_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_disclosures_review_status_disclosed" ON "disclosures" ("review_status", "disclosed_at", "id") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_disclosures_review_status_disclosed"');
    await queryRunner.query('DROP INDEX "IDX_privacy_requests_status_received"');
  }
}
