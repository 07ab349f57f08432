import { Injectable } from '@nestjs/common';
import { findPage } from '../common/list/apply-list-query.js';
import type { ListQuery, Page } from '../common/list/list-query.js';
import { TransactionService } from '../database/transaction.service.js';
import { AuditEntry } from './audit-entry.entity.js';

/** Any constant: the advisory lock that serialises audit appends across PostgreSQL processes. */
const AUDIT_APPEND_LOCK_KEY = 7_420_001;

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

  async insert(entry: AuditEntry): Promise<void> {
    await this.repo.insert(entry);
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
