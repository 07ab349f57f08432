import type { MigrationInterface, QueryRunner } from 'typeorm';

const GENESIS = '0'.repeat(64);

/**
 * Written by hand: every guard of `audit_entries`, re-creatable, so that an operator can restore
 * dropped guards by deleting this migration's row and starting again. BEFORE INSERT refuses
 * anything but the new tail (seq = max + 1, prev_hash = the tail's hash), which also stops an
 * upsert (`ON CONFLICT … DO UPDATE`) over an old seq; BEFORE TRUNCATE refuses TRUNCATE.
 * Earlier rows of a multi-row INSERT are visible to the trigger, so a bulk copy in seq order
 * passes.
 */
export class AuditGuards1795978450546 implements MigrationInterface {
  name = 'AuditGuards1795978450546';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit_entries is append-only'; END $$ LANGUAGE plpgsql",
    );
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION audit_entries_append_tail() RETURNS trigger AS $$
       DECLARE
         tail_seq integer;
         tail_hash varchar;
       BEGIN
         EXECUTE format('SELECT seq, hash FROM %I.%I ORDER BY seq DESC LIMIT 1', TG_TABLE_SCHEMA, TG_TABLE_NAME)
           INTO tail_seq, tail_hash;
         IF NEW.seq IS DISTINCT FROM COALESCE(tail_seq, 0) + 1
            OR NEW.prev_hash IS DISTINCT FROM COALESCE(tail_hash, '${GENESIS}') THEN
           RAISE EXCEPTION 'audit_entries is append-only: only a new tail may be inserted (seq %, expected %)',
             NEW.seq, COALESCE(tail_seq, 0) + 1;
         END IF;
         RETURN NEW;
       END $$ LANGUAGE plpgsql`,
    );
    await queryRunner.query('DROP TRIGGER IF EXISTS audit_entries_append_only ON audit_entries');
    await queryRunner.query(
      'CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()',
    );
    await queryRunner.query('DROP TRIGGER IF EXISTS audit_entries_append_tail ON audit_entries');
    await queryRunner.query(
      'CREATE TRIGGER audit_entries_append_tail BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_append_tail()',
    );
    await queryRunner.query('DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries');
    await queryRunner.query(
      'CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries');
    await queryRunner.query('DROP TRIGGER IF EXISTS audit_entries_append_tail ON audit_entries');
    await queryRunner.query('DROP FUNCTION IF EXISTS audit_entries_append_tail()');
  }
}
