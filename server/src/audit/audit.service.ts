import { Injectable, OnModuleInit } from '@nestjs/common';
import { hasPermission } from '@privacy-desk/shared';
import type { AuditAction, AuditedRecordType, Permission } from '@privacy-desk/shared';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import { KeyRing } from '../common/crypto/secrets.js';
import { notFound } from '../common/errors/domain-errors.js';
import { parseListQuery } from '../common/list/list-query.js';
import type { ListSpec, RawListParams } from '../common/list/list-query.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { GENESIS_HASH, macEntry, storableText } from './audit-chain.js';
import { checkpointFileFor } from './audit-checkpoint.js';
import { AuditEntry } from './audit-entry.entity.js';
import { AuditEntryRepository } from './audit-entry.repository.js';
import { AuditEntityLabelRepository } from './audit-entity-label.repository.js';
import { verifyAuditTrail } from './audit-verifier.js';
import type { AuditVerification } from './audit-verifier.js';

export interface AuditRecord {
  /** One of the shared catalogue, so that the console can say what it means. */
  action: AuditAction;
  entityType: AuditedRecordType;
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

const mayRead = (reader: Actor) => (permission: Permission) =>
  reader.role !== undefined && hasPermission(reader.role, permission);

@Injectable()
export class AuditService implements OnModuleInit {
  constructor(
    private readonly entries: AuditEntryRepository,
    private readonly entityLabels: AuditEntityLabelRepository,
    private readonly tx: TransactionService,
    private readonly ring: KeyRing,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Refuses to start when the database no longer has the triggers that guard the trail. */
  async onModuleInit(): Promise<void> {
    const missing = await this.entries.missingGuards(this.config.env.DATABASE_SCHEMA);
    if (missing.length > 0) {
      throw new Error(
        `The audit trail is not protected: the database lacks the trigger${missing.length === 1 ? '' : 's'} ${missing.join(', ')} on audit_entries. Someone may have tampered with it. Run npm run audit:verify, then restore the triggers as the README describes ("The audit trail"), before starting the server.`,
      );
    }
  }

  /**
   * Appends an entry to the chain inside the caller's transaction, so it commits or rolls back
   * with the change it records. Call it from within `TransactionService.run`. What is MACed is
   * exactly what is stored: every text is made storable (well-formed, cut by code points) first.
   */
  async record(actor: Actor, record: AuditRecord): Promise<AuditEntry> {
    if (!this.tx.inTransaction) {
      throw new Error('AuditService.record must run inside TransactionService.run');
    }
    await this.entries.lockForAppend();
    const last = await this.entries.findHead();
    const entry = new AuditEntry();
    entry.seq = (last?.seq ?? 0) + 1;
    entry.at = this.clock.now();
    entry.actorType = actor.type;
    entry.actorId = actor.id === null ? null : storableText(actor.id, 64);
    entry.actorLabel = storableText(actor.label, 200);
    entry.action = storableText(record.action, 64);
    entry.entityType = storableText(record.entityType, 64);
    entry.entityId =
      record.entityId === undefined || record.entityId === null
        ? null
        : storableText(record.entityId, 64);
    entry.summary = storableText(record.summary, 500);
    entry.prevHash = last?.hash ?? GENESIS_HASH;
    entry.keyId = this.ring.current.id;
    entry.hash = macEntry(entry, this.ring);
    await this.entries.insert(entry);
    return entry;
  }

  async list(params: RawListParams) {
    return this.entries.findPage(parseListQuery(params, AUDIT_LIST_SPEC));
  }

  /**
   * A page of the log, with the references and names of the records its entries are about,
   * where the reader may read those records.
   */
  async listLabelled(reader: Actor, params: RawListParams) {
    const page = await this.list(params);
    return { page, labels: await this.entityLabels.labelsFor(page.rows, mayRead(reader)) };
  }

  async get(seq: number): Promise<AuditEntry> {
    const entry = await this.entries.findBySeq(seq);
    if (!entry) throw notFound('Audit entry');
    return entry;
  }

  async getLabelled(reader: Actor, seq: number) {
    const entry = await this.get(seq);
    return { entry, labels: await this.entityLabels.labelsFor([entry], mayRead(reader)) };
  }

  /** Every break in the chain, and every disagreement with the signed checkpoints. */
  async verify(): Promise<AuditVerification> {
    return verifyAuditTrail(
      (afterSeq, size) => this.entries.findBatch(afterSeq, size),
      this.ring,
      checkpointFileFor(this.config.env),
    );
  }
}
