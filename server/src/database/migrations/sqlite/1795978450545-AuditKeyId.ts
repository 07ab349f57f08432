import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Written by hand: the ring key id of each keyed audit entry (null for legacy SHA-256 entries). */
export class AuditKeyId1795978450545 implements MigrationInterface {
  name = 'AuditKeyId1795978450545';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A plain ADD COLUMN: rebuilding the table would drop its guard triggers.
    await queryRunner.query('ALTER TABLE "audit_entries" ADD COLUMN "key_id" varchar(16)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "audit_entries" DROP COLUMN "key_id"');
  }
}
