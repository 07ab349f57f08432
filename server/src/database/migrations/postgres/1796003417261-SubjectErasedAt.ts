import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A subject whose personal data was erased (a confirmed minor): when it happened. */
export class SubjectErasedAt1796003417261 implements MigrationInterface {
  name = 'SubjectErasedAt1796003417261';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "subjects" ADD "erased_at" TIMESTAMP WITH TIME ZONE');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "subjects" DROP COLUMN "erased_at"');
  }
}
