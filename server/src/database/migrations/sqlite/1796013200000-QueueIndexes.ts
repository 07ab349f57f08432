import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * claim-next's two lookups, each answered from an index alone: the next request (a partial
 * index of the queued requests in the order they are taken, due soonest then received first,
 * so neither database sorts; PostgreSQL cannot read the order from the (status, assignee,
 * due) index past `assignee_id IS NULL`), and the claims whose lease ran out (status, lease
 * end), which every claim-next checks first and which scanned every in-progress request before.
 */
export class QueueIndexes1796013200000 implements MigrationInterface {
  name = 'QueueIndexes1796013200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "IDX_privacy_requests_next" ON "privacy_requests" ("due_at", "received_at") WHERE "status" = \'new\' AND "assignee_id" IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_privacy_requests_lease" ON "privacy_requests" ("status", "lease_expires_at") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_privacy_requests_lease"');
    await queryRunner.query('DROP INDEX "IDX_privacy_requests_next"');
  }
}
