import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Written by hand: the audit trail refuses UPDATE and DELETE at the database itself. */
export class AuditAppendOnly1795961857057 implements MigrationInterface {
  name = 'AuditAppendOnly1795961857057';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END",
    );
    await queryRunner.query(
      "CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_entries_no_delete');
    await queryRunner.query('DROP TRIGGER audit_entries_no_update');
  }
}
