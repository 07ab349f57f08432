import type { MigrationInterface, QueryRunner } from 'typeorm';

const GENESIS = '0'.repeat(64);

/**
 * Written by hand: every guard of `audit_entries`, re-creatable (IF NOT EXISTS), so that an
 * operator can restore dropped guards by deleting this migration's row and starting again.
 * BEFORE INSERT refuses anything but the new tail (seq = max + 1, prev_hash = the tail's
 * hash). That also stops `INSERT OR REPLACE` over an old seq: the trigger fires before REPLACE
 * deletes the old row (and REPLACE's delete fires no DELETE trigger).
 */
export class AuditGuards1795978450546 implements MigrationInterface {
  name = 'AuditGuards1795978450546';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END",
    );
    await queryRunner.query(
      "CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END",
    );
    await queryRunner.query(
      `CREATE TRIGGER IF NOT EXISTS audit_entries_append_tail BEFORE INSERT ON audit_entries
       WHEN NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_entries)
         OR NEW.prev_hash IS NOT COALESCE((SELECT hash FROM audit_entries ORDER BY seq DESC LIMIT 1), '${GENESIS}')
       BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only: only a new tail may be inserted'); END`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER IF EXISTS audit_entries_append_tail');
  }
}
