import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Written by hand: the audit trail refuses UPDATE and DELETE at the database itself. */
export class AuditAppendOnly1795961857057 implements MigrationInterface {
  name = 'AuditAppendOnly1795961857057';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE FUNCTION audit_entries_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit_entries is append-only'; END $$ LANGUAGE plpgsql",
    );
    await queryRunner.query(
      'CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_entries_append_only ON audit_entries');
    await queryRunner.query('DROP FUNCTION audit_entries_append_only()');
  }
}
