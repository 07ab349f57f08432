import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A rejected request's structured denial reason (for the CCPA metrics); null before it existed. */
export class DenialReason1796010000000 implements MigrationInterface {
  name = 'DenialReason1796010000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "privacy_requests" ADD COLUMN "denial_reason" varchar(32)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "privacy_requests" DROP COLUMN "denial_reason"');
  }
}
