import { Injectable } from '@nestjs/common';
import type { AuditedRecordType, Permission } from '@privacy-desk/shared';
import { TransactionService } from '../database/transaction.service.js';

/**
 * Where the audit log finds a readable name for the record an entry is about (a reference, or
 * the name of an account or key), and the permission a reader needs to see it. Subjects get
 * none: the trail stays free of personal data.
 */
const LABEL_SOURCES: Partial<
  Record<AuditedRecordType, { table: string; column: string; permission: Permission }>
> = {
  request: { table: 'privacy_requests', column: 'reference', permission: 'requests.read' },
  privacy_request: { table: 'privacy_requests', column: 'reference', permission: 'requests.read' },
  disclosure: { table: 'disclosures', column: 'reference', permission: 'disclosures.read' },
  legal_process: { table: 'legal_processes', column: 'reference', permission: 'disclosures.read' },
  violation_flag: { table: 'violation_flags', column: 'reference', permission: 'violations.read' },
  user: { table: 'users', column: 'name', permission: 'users.read' },
  api_key: { table: 'api_keys', column: 'name', permission: 'apiKeys.manage' },
};

export interface AuditedRecordRef {
  entityType: string;
  entityId: string | null;
}

export const auditedRecordKey = (type: string, id: string) => `${type}:${id}`;

@Injectable()
export class AuditEntityLabelRepository {
  constructor(private readonly tx: TransactionService) {}

  /**
   * Labels of the records the entries are about, keyed by `auditedRecordKey`, for those the
   * reader may read (`may`); one query a table.
   */
  async labelsFor(
    refs: readonly AuditedRecordRef[],
    may: (permission: Permission) => boolean,
  ): Promise<Map<string, string>> {
    const idsByType = new Map<string, Set<string>>();
    for (const { entityType, entityId } of refs) {
      const source = LABEL_SOURCES[entityType as AuditedRecordType];
      if (!entityId || !source || !may(source.permission)) continue;
      const ids = idsByType.get(entityType) ?? new Set<string>();
      ids.add(entityId);
      idsByType.set(entityType, ids);
    }
    const labels = new Map<string, string>();
    for (const [type, ids] of idsByType) {
      const source = LABEL_SOURCES[type as AuditedRecordType]!;
      const rows: { id: string; label: string | null }[] = await this.tx.manager
        .createQueryBuilder()
        .select('t.id', 'id')
        .addSelect(`t.${source.column}`, 'label')
        .from(source.table, 't')
        .where('t.id IN (:...ids)', { ids: [...ids] })
        .getRawMany();
      for (const row of rows) {
        if (row.label) labels.set(auditedRecordKey(type, row.id), row.label);
      }
    }
    return labels;
  }
}
