import type { Permission } from './permissions.js';

/**
 * CSV exports of the console's lists: which lists, their columns, and the rules every cell
 * follows. The server writes the files from these tables; the console offers the Export button
 * and the Exports page from them.
 */

export const EXPORT_LISTS = [
  'requests',
  'subjects',
  'legal-process',
  'disclosures',
  'violations',
  'suppressions',
  'audit',
] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];

export const EXPORT_LIST_LABELS: Record<ExportList, string> = {
  requests: 'Requests',
  subjects: 'Subjects',
  'legal-process': 'Legal process',
  disclosures: 'Disclosures',
  violations: 'Violation flags',
  suppressions: 'Suppression list',
  audit: 'Audit log',
};

/** The permission that reads each list (an export needs it as well as `reports.export`). */
export const EXPORT_LIST_READ_PERMISSIONS: Record<ExportList, Permission> = {
  requests: 'requests.read',
  subjects: 'subjects.read',
  'legal-process': 'disclosures.read',
  disclosures: 'disclosures.read',
  violations: 'violations.read',
  suppressions: 'suppressions.read',
  audit: 'audit.read',
};

/** Default: from this many rows the console runs an export in the background. */
export const DEFAULT_EXPORT_BACKGROUND_THRESHOLD = 50_000;

export function isExportList(value: unknown): value is ExportList {
  return typeof value === 'string' && (EXPORT_LISTS as readonly string[]).includes(value);
}

/** One column of an export: a (dotted) field of the list's API row, and its header. */
export interface ExportColumn {
  field: string;
  label: string;
}

const c = (field: string, label: string): ExportColumn => ({ field, label });

/**
 * The columns of each list's CSV. Values are the list's own API values: enum codes as the API
 * sends them, dates and times as ISO 8601 (times in UTC), lists joined with "; ".
 */
export const EXPORT_COLUMNS: Record<ExportList, readonly ExportColumn[]> = {
  requests: [
    c('reference', 'Reference'),
    c('kind', 'Kind'),
    c('status', 'Status'),
    c('channel', 'Channel'),
    c('jurisdiction', 'Jurisdiction'),
    c('requesterName', 'Requester name'),
    c('requesterEmail', 'Requester email'),
    c('subjectName', 'Subject'),
    c('assigneeName', 'Assignee'),
    c('receivedAt', 'Received at (UTC)'),
    c('dueDate', 'Due date'),
    c('deadline', 'Deadline'),
    c('resolution', 'Resolution'),
    c('reason', 'Reason'),
    c('duplicateOfReference', 'Duplicate of'),
    c('createdAt', 'Created at (UTC)'),
    c('updatedAt', 'Updated at (UTC)'),
    c('id', 'Id'),
  ],
  subjects: [
    c('name', 'Name'),
    c('company', 'Company'),
    c('email', 'Email'),
    c('phone', 'Phone'),
    c('jobTitle', 'Title'),
    c('addressLine1', 'Address line 1'),
    c('addressLine2', 'Address line 2'),
    c('city', 'City'),
    c('region', 'Region'),
    c('postalCode', 'Postal code'),
    c('country', 'Country'),
    c('dateOfBirth', 'Date of birth'),
    c('isMinor', 'Minor'),
    c('erasedAt', 'Erased at (UTC)'),
    c('createdAt', 'Created at (UTC)'),
    c('updatedAt', 'Updated at (UTC)'),
    c('id', 'Id'),
  ],
  'legal-process': [
    c('reference', 'Reference'),
    c('type', 'Type'),
    c('status', 'Status'),
    c('outcome', 'Outcome'),
    c('issuingAuthority', 'Issuing authority'),
    c('requestingAgency', 'Requesting agency'),
    c('jurisdiction', 'Jurisdiction'),
    c('caseNumber', 'Case number'),
    c('receivedAt', 'Received at (UTC)'),
    c('responseDueOn', 'Response due on'),
    c('due.deadline', 'Deadline'),
    c('subjectCount', 'Subjects'),
    c('dataCategories', 'Data categories'),
    c('gag.gagOrder', 'Gag order'),
    c('gag.gagUntil', 'Gag until'),
    c('review.status', 'Review status'),
    c('respondedAt', 'Responded at (UTC)'),
    c('recordedBy.name', 'Recorded by'),
    c('createdAt', 'Created at (UTC)'),
    c('id', 'Id'),
  ],
  disclosures: [
    c('reference', 'Reference'),
    c('disclosedAt', 'Disclosed at (UTC)'),
    c('recipientName', 'Recipient'),
    c('recipientType', 'Recipient type'),
    c('basis', 'Basis'),
    c('purpose', 'Purpose'),
    c('dataCategories', 'Data categories'),
    c('subjectCount', 'Subjects'),
    c('aggregated', 'Aggregated'),
    c('legalProcess.reference', 'Legal process'),
    c('gagged', 'Under gag order'),
    c('review.status', 'Review status'),
    c('amends.reference', 'Amends'),
    c('recordedBy.name', 'Recorded by'),
    c('createdAt', 'Created at (UTC)'),
    c('id', 'Id'),
  ],
  violations: [
    c('reference', 'Reference'),
    c('subject.name', 'Subject'),
    c('category', 'Category'),
    c('severity', 'Severity'),
    c('status', 'Status'),
    c('termsClause', 'Terms clause'),
    c('description', 'Description'),
    c('source', 'Source'),
    c('enforcementAction', 'Enforcement action'),
    c('decidedBy.name', 'Decided by'),
    c('decidedAt', 'Decided at (UTC)'),
    c('appealStatus', 'Appeal status'),
    c('flaggedBy.name', 'Flagged by'),
    c('createdAt', 'Created at (UTC)'),
    c('id', 'Id'),
  ],
  suppressions: [
    c('channel', 'Channel'),
    c('value', 'Value'),
    c('scope', 'Scope'),
    c('subject.name', 'Subject'),
    c('sourceReference', 'Source request'),
    c('effectiveAt', 'Effective at (UTC)'),
    c('stopBy', 'Stop by'),
    c('active', 'Active'),
    c('revokedAt', 'Revoked at (UTC)'),
    c('revokeReason', 'Revoke reason'),
    c('createdAt', 'Created at (UTC)'),
    c('id', 'Id'),
  ],
  audit: [
    c('seq', 'Sequence'),
    c('at', 'At (UTC)'),
    c('actorType', 'Actor type'),
    c('actorLabel', 'Actor'),
    c('action', 'Action'),
    c('actionLabel', 'What happened'),
    c('entityType', 'Entity type'),
    c('entityId', 'Entity id'),
    c('summary', 'Summary'),
    c('hash', 'Hash'),
  ],
};

/** Reads a dotted field of an API row (`subject.name`); undefined when a step is missing. */
export function exportFieldValue(row: unknown, field: string): unknown {
  let value: unknown = row;
  for (const step of field.split('.')) {
    if (value === null || value === undefined || typeof value !== 'object') return undefined;
    value = Object.hasOwn(value, step) ? (value as Record<string, unknown>)[step] : undefined;
  }
  return value;
}

/** Characters that make a spreadsheet read a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell as text: empty for null, dates as ISO 8601 UTC, lists joined with "; ", and a
 * text that a spreadsheet would take for a formula prefixed with an apostrophe.
 */
export function exportCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return escapeFormula(value.map((v) => exportCell(v)).join('; '));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return escapeFormula(JSON.stringify(value));
  return escapeFormula(String(value));
}

function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Background export life cycle (the console's Exports page). */
export const EXPORT_JOB_STATUSES = [
  'queued',
  'running',
  'done',
  'cancelled',
  'failed',
  'expired',
] as const;
export type ExportJobStatus = (typeof EXPORT_JOB_STATUSES)[number];

export const EXPORT_JOB_STATUS_LABELS: Record<ExportJobStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Ready',
  cancelled: 'Cancelled',
  failed: 'Failed',
  expired: 'Expired',
};

/** How long a finished background export can be downloaded. */
export const EXPORT_DOWNLOAD_HOURS = 24;

export interface ExportJobDto {
  id: string;
  list: ExportList;
  filter: Record<string, unknown>;
  sort: [string, 'ASC' | 'DESC'] | null;
  status: ExportJobStatus;
  rowsDone: number;
  rowsTotal: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string | null;
  /** True while the file can be downloaded (done and not expired). */
  downloadable: boolean;
}

/** `GET /api/exports/settings`: from how many rows the console runs an export in the background. */
export interface ExportSettingsDto {
  backgroundThreshold: number;
}
