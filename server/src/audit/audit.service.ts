import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { notFound } from '../common/errors/domain-errors.js';
import { parseListQuery } from '../common/list/list-query.js';
import type { ListSpec, RawListParams } from '../common/list/list-query.js';
import { TransactionService } from '../database/transaction.service.js';
import { GENESIS_HASH, hashEntry, verifyChain } from './audit-chain.js';
import type { ChainVerdict } from './audit-chain.js';
import { AuditEntry } from './audit-entry.entity.js';
import { AuditEntryRepository } from './audit-entry.repository.js';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Short, and free of personal-data values: what happened, not to whom. */
  summary: string;
}

export const AUDIT_LIST_SPEC: ListSpec = {
  sortable: { seq: 'seq', at: 'at', action: 'action', entityType: 'entityType' },
  filterable: {
    action: { column: 'action', kind: 'exact' },
    entityType: { column: 'entityType', kind: 'exact' },
    entityId: { column: 'entityId', kind: 'exact' },
    actorId: { column: 'actorId', kind: 'exact' },
    actorType: { column: 'actorType', kind: 'exact', values: ['user', 'api_client', 'system'] },
    at_gte: { column: 'at', kind: 'gte' },
    at_lte: { column: 'at', kind: 'lte' },
    q: { column: 'summary', kind: 'search', columns: ['summary', 'action', 'actorLabel'] },
  },
  defaultSort: ['seq', 'DESC'],
  idColumn: 'seq',
};

const VERIFY_BATCH = 1000;

@Injectable()
export class AuditService {
  constructor(
    private readonly entries: AuditEntryRepository,
    private readonly tx: TransactionService,
  ) {}

  /**
   * Appends an entry to the chain inside the caller's transaction, so it commits or rolls back
   * with the change it records. Call it from within `TransactionService.run`.
   */
  async record(actor: Actor, record: AuditRecord): Promise<AuditEntry> {
    if (!this.tx.inTransaction) {
      throw new Error('AuditService.record must run inside TransactionService.run');
    }
    await this.entries.lockForAppend();
    const last = await this.entries.findLast();
    const entry = new AuditEntry();
    entry.seq = (last?.seq ?? 0) + 1;
    entry.at = new Date();
    entry.actorType = actor.type;
    entry.actorId = actor.id;
    entry.actorLabel = actor.label.slice(0, 200);
    entry.action = record.action;
    entry.entityType = record.entityType;
    entry.entityId = record.entityId ?? null;
    entry.summary = record.summary.slice(0, 500);
    entry.prevHash = last?.hash ?? GENESIS_HASH;
    entry.hash = hashEntry(entry);
    await this.entries.insert(entry);
    return entry;
  }

  async list(params: RawListParams) {
    return this.entries.findPage(parseListQuery(params, AUDIT_LIST_SPEC));
  }

  async get(seq: number): Promise<AuditEntry> {
    const entry = await this.entries.findBySeq(seq);
    if (!entry) throw notFound('Audit entry');
    return entry;
  }

  async verify(): Promise<Omit<ChainVerdict, 'state'>> {
    let afterSeq = 0;
    let verdict = verifyChain([]);
    for (;;) {
      const batch = await this.entries.findBatch(afterSeq, VERIFY_BATCH);
      if (batch.length === 0) break;
      verdict = verifyChain(batch, verdict.state);
      if (!verdict.ok) break;
      afterSeq = batch[batch.length - 1]!.seq;
    }
    const { state: _state, ...result } = verdict;
    return result;
  }
}
