import { Injectable } from '@nestjs/common';
import { findPage } from '../common/list/apply-list-query.js';
import type { ListQuery, Page } from '../common/list/list-query.js';
import { TransactionService } from '../database/transaction.service.js';
import { AuditEntry } from './audit-entry.entity.js';

/** Any constant: the advisory lock that serialises audit appends across PostgreSQL processes. */
const AUDIT_APPEND_LOCK_KEY = 7_420_001;

/** The triggers that keep `audit_entries` append-only, by database (see the migrations). */
export const AUDIT_GUARD_TRIGGERS = {
  sqlite: ['audit_entries_no_update', 'audit_entries_no_delete', 'audit_entries_append_tail'],
  postgres: ['audit_entries_append_only', 'audit_entries_append_tail', 'audit_entries_no_truncate'],
} as const;

@Injectable()
export class AuditEntryRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.manager.getRepository(AuditEntry);
  }

  /**
   * Takes the append lock for the rest of the running transaction. On PostgreSQL this is a
   * transaction-scoped advisory lock; on SQLite the transaction itself is already exclusive.
   */
  async lockForAppend(): Promise<void> {
    if (this.tx.isPostgres) {
      await this.tx.manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_APPEND_LOCK_KEY]);
    }
  }

  async findLast(): Promise<AuditEntry | null> {
    return this.repo.findOne({ where: {}, order: { seq: 'DESC' } });
  }

  /**
   * The chain's head (its last entry's seq and hash), or null for an empty trail: one read of
   * the primary key's last row. Call it under `lockForAppend`.
   */
  async findHead(): Promise<{ seq: number; hash: string } | null> {
    const rows = await this.tx.manager.query<{ seq: number | string; hash: string }[]>(
      'SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1',
    );
    const head = rows[0];
    return head ? { seq: Number(head.seq), hash: head.hash } : null;
  }

  /**
   * Appends one entry: a plain INSERT of the columns, the time stored as TypeORM stores it.
   * The entry has no generated or default column, so nothing needs reading back.
   */
  async insert(entry: AuditEntry): Promise<void> {
    const manager = this.tx.manager;
    const at = manager.connection.driver.preparePersistentValue(
      entry.at,
      manager.connection.getMetadata(AuditEntry).findColumnWithPropertyName('at')!,
    ) as unknown;
    const values = [
      entry.seq,
      at,
      entry.actorType,
      entry.actorId,
      entry.actorLabel,
      entry.action,
      entry.entityType,
      entry.entityId,
      entry.summary,
      entry.prevHash,
      entry.hash,
      entry.keyId,
    ];
    const placeholders = values.map((_, i) => (this.tx.isPostgres ? `$${i + 1}` : '?')).join(', ');
    await manager.query(
      `INSERT INTO audit_entries (seq, at, actor_type, actor_id, actor_label, action, entity_type,
         entity_id, summary, prev_hash, hash, key_id) VALUES (${placeholders})`,
      values,
    );
  }

  /**
   * The guard triggers that are absent from `audit_entries` (or, on PostgreSQL, disabled),
   * looked up by name on the database in use: on PostgreSQL in `schema`, else the current one.
   */
  async missingGuards(schema: string | undefined): Promise<string[]> {
    if (this.tx.isPostgres) {
      const rows = await this.tx.manager.query<{ tgname: string }[]>(
        `SELECT t.tgname FROM pg_trigger t
           JOIN pg_class c ON c.oid = t.tgrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relname = 'audit_entries' AND n.nspname = COALESCE($1, current_schema())
            AND NOT t.tgisinternal AND t.tgenabled <> 'D'`,
        [schema ?? null],
      );
      const present = new Set(rows.map((row) => row.tgname));
      return AUDIT_GUARD_TRIGGERS.postgres.filter((name) => !present.has(name));
    }
    const rows = await this.tx.manager.query<{ name: string }[]>(
      "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entries'",
    );
    const present = new Set(rows.map((row) => row.name));
    return AUDIT_GUARD_TRIGGERS.sqlite.filter((name) => !present.has(name));
  }

  async findPage(query: ListQuery): Promise<Page<AuditEntry>> {
    return findPage(this.repo.createQueryBuilder('audit'), query);
  }

  async findBySeq(seq: number): Promise<AuditEntry | null> {
    return this.repo.findOneBy({ seq });
  }

  /** Entries in seq order after `afterSeq`, a batch at a time. */
  async findBatch(afterSeq: number, size: number): Promise<AuditEntry[]> {
    return this.repo
      .createQueryBuilder('audit')
      .where('audit.seq > :afterSeq', { afterSeq })
      .orderBy('audit.seq', 'ASC')
      .take(size)
      .getMany();
  }
}
