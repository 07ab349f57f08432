import { AUDITED_RECORDS, auditEntityPath, isAuditedRecordType } from '@privacy-desk/shared';

import { canAccess } from '../auth/canAccess';

export interface AuditEntryRecord {
  id: number;
  seq: number;
  at: string;
  actorType: 'user' | 'api_client' | 'system';
  actorId: string | null;
  actorLabel: string;
  action: string;
  actionLabel?: string;
  entityType: string;
  entityTypeLabel?: string;
  entityId: string | null;
  entityLabel?: string | null;
  summary: string;
}

export interface AuditLink {
  /** react-admin route, or null when the reader has no page to open. */
  to: string | null;
  text: string;
}

const PAGE_ACTIONS = { show: 'show', edit: 'edit', list: 'list' } as const;

/**
 * What an entry is about, in words (its reference or name, else its kind), and where the reader
 * can open it: a link only to a page the reader's role may open.
 */
export function auditRecordLink(entry: AuditEntryRecord, role: string | undefined): AuditLink {
  const kind = entry.entityTypeLabel ?? entry.entityType;
  const text = entry.entityLabel ? `${kind} ${entry.entityLabel}` : kind;
  const path = auditEntityPath(entry.entityType, entry.entityId);
  if (!path || !isAuditedRecordType(entry.entityType)) return { to: null, text };
  const { resource, page } = AUDITED_RECORDS[entry.entityType];
  if (!resource || !page || !canAccess(role, resource, PAGE_ACTIONS[page])) {
    return { to: null, text };
  }
  return { to: path, text };
}

/** Who did it: a person's account opens (for those who manage accounts); others are text. */
export function auditActorLink(entry: AuditEntryRecord, role: string | undefined): AuditLink {
  if (entry.actorType !== 'user' || !entry.actorId || !canAccess(role, 'users', 'edit')) {
    return { to: null, text: entry.actorLabel };
  }
  return { to: auditEntityPath('user', entry.actorId), text: entry.actorLabel };
}
