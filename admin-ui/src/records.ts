import {
  MAIL_TEMPLATES,
  OUTBOX_STATUSES,
  REQUEST_EVENT_TYPES,
  type CorrectableField,
  type DeadlineState,
  type DenialReason,
  type Jurisdiction,
  type RequestAction,
  type RequestChannel,
  type RequestKind,
  type RequestStatus,
} from '@privacy-desk/shared';
import type { RaRecord } from 'react-admin';

/** The records the API answers with, as the console reads them. */

export interface AuditChainBreak {
  /** The entry concerned; null for a problem of the checkpoint file as a whole. */
  seq: number | null;
  reason: string;
}

/** GET /api/audit/verify: every break found, not only the first. */
export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  lastSeq?: number | null;
  brokenAt?: number | null;
  reason?: string;
  breaks?: AuditChainBreak[];
  /** Breaks found beyond those listed. */
  moreBreaks?: number;
  checkpoints?: {
    checked: number;
    invalid: number;
    latest: { seq: number; at: string; keyId: string } | null;
  };
}

export interface ChangeOwnPasswordParams {
  currentPassword: string;
  newPassword: string;
}

export interface UserRecord extends RaRecord {
  id: string;
  email: string;
  name: string;
  role: string;
  active: boolean;
  mfaEnabled: boolean;
  /** Some source (IP address) is locked out after failed sign-ins; others can still sign in. */
  locked: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const JOB_STATUSES = ['pending', 'running', 'succeeded', 'dead'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface JobRecord extends RaRecord {
  id: string;
  type: string;
  status: JobStatus;
  payload: unknown;
  runAt: string;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  leaseExpiresAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  /** A run of a recurring job (one per period). */
  recurring?: boolean;
}

export interface CorrectionItem {
  field: CorrectableField;
  requestedValue: string;
  note?: string;
}

/** `payload` by kind; every key is optional because the console only reads what it shows. */
export interface RequestPayload {
  corrections?: CorrectionItem[];
  channels?: string[];
  scopes?: string[];
  format?: string;
  periodStart?: string;
  periodEnd?: string;
  [key: string]: unknown;
}

export interface RequestRecord extends RaRecord {
  id: string;
  reference: string;
  kind: RequestKind;
  channel: RequestChannel;
  jurisdiction: Jurisdiction;
  status: RequestStatus;
  requesterName: string;
  requesterEmail: string;
  subjectId: string | null;
  subjectName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  /** `claim`: held under a lease the holder's activity renews; `assignment`: by a manager, no lease. */
  assignmentKind?: 'claim' | 'assignment' | null;
  leaseExpiresAt: string | null;
  receivedAt: string;
  /** The legal due date (after any extension); the same as `legalDueDate`. */
  dueDate: string;
  /** The date the law allows. */
  legalDueDate: string;
  /** The date the desk aims for: a margin of business days before the legal due date. */
  targetDate: string;
  dueAt: string;
  originalDueDate: string;
  acknowledgeBy: string | null;
  extendedAt: string | null;
  extensionReason: string | null;
  deadline: DeadlineState | null;
  clockExplanation: string;
  extensionAvailable: boolean;
  payload: RequestPayload | null;
  resolution: string | null;
  reason: string | null;
  duplicateOfId: string | null;
  duplicateOfReference: string | null;
  enteredById: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  allowedActions: RequestAction[];
}

export const TIMELINE_EVENT_TYPES = REQUEST_EVENT_TYPES;
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];

export interface TimelineEvent {
  id: string;
  at: string;
  type: TimelineEventType | string;
  actorLabel: string;
  fromStatus: RequestStatus | null;
  toStatus: RequestStatus | null;
  body: string | null;
  summary: string;
  /** For an email: queued, held, sent or failed (as last known). */
  mailStatus?: OutboxStatus | null;
}

export interface RequestLease {
  assignmentKind: 'claim' | 'assignment';
  leaseExpiresAt: string | null;
}

export interface EntryDefaults {
  timeZone: string;
  today: string;
}

export interface RequestClock {
  explanation: string;
  receivedDate: string;
  dueDate: string;
  legalDueDate: string;
  targetDate: string;
  originalDueDate: string;
  acknowledgeBy: string | null;
  deadline: DeadlineState | null;
  extended: boolean;
  extensionAvailable: boolean;
  extensionBlockedReason: string | null;
  citation: string;
}

/** What an action carries besides `version`; each action needs at most one of these. */
export interface RequestActionFields {
  reason?: string;
  /** With the reason, when rejecting. */
  denialReason?: DenialReason;
  message?: string;
  resolution?: string;
  assigneeId?: string;
}

export interface Assignee {
  id: string;
  name: string;
}

export type BulkResult =
  { id: string; ok: true } | { id: string; ok: false; error: { code: string; message: string } };

export interface SubjectRecord extends RaRecord {
  id: string;
  name: string;
  company: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  email: string;
  phone: string | null;
  jobTitle: string | null;
  dateOfBirth: string | null;
  isMinor: boolean;
  /** When a confirmed minor's personal data was erased; the subject shows as "Erased minor". */
  erasedAt?: string | null;
  /** When the retention purge blanked the subject; shown as "Purged subject". */
  purgedAt?: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SubjectChange {
  id: string;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  changedBy: string;
  reason: string;
  at: string;
}

export { OUTBOX_STATUSES };
export const OUTBOX_TEMPLATES = MAIL_TEMPLATES;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface OutboxRecord extends RaRecord {
  id: string;
  to: string;
  subject: string;
  body: string;
  template: string;
  status: OutboxStatus;
  requestId: string | null;
  createdAt: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
}

export const API_KEY_SCOPES = ['requests:create', 'suppressions:read'] as const;

export interface ApiKeyRecord extends RaRecord {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Only in the answer of the create call, never again. */
  secret?: string;
}
