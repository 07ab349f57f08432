import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LegalProcessRespondedBy1795989072097 implements MigrationInterface {
  name = 'LegalProcessRespondedBy1795989072097';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "legal_processes" ADD "responded_by_id" character varying(36)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "legal_processes" DROP COLUMN "responded_by_id"');
  }
}
