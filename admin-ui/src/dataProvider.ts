import {
  CORRECTABLE_FIELDS,
  CSRF_HEADER,
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
import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, useDataProvider, type DataProvider, type RaRecord } from 'react-admin';

import { API_URL, apiFetch } from './api';
import { getCsrfToken } from './auth/session';

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

export interface PrivacyDeskDataProvider extends DataProvider {
  verifyAuditChain(): Promise<AuditVerifyResult>;
  retryJob(id: RaRecord['id']): Promise<{ data: JobRecord }>;
  deactivateUser(id: RaRecord['id']): Promise<{ data: UserRecord }>;
  resetUserPassword(id: RaRecord['id']): Promise<{ temporaryPassword: string }>;
  /** Clears failed sign-ins from every source, and any lock. */
  unlockUser(id: RaRecord['id']): Promise<{ data: UserRecord }>;
  changeOwnPassword(params: ChangeOwnPasswordParams): Promise<void>;

  /** Claims the request due first (of `kind`, if given); rejects 404 `queue_empty`. */
  claimNextRequest(kind?: RequestKind): Promise<{ data: RequestRecord }>;
  requestAction(
    id: RaRecord['id'],
    action: RequestAction,
    version: number,
    fields?: RequestActionFields,
  ): Promise<{ data: RequestRecord }>;
  extendRequest(
    id: RaRecord['id'],
    version: number,
    reason: string,
  ): Promise<{ data: RequestRecord }>;
  addRequestNote(id: RaRecord['id'], body: string): Promise<{ data: TimelineEvent }>;
  /** Minor review: confirm the age and erase the subject's personal data (completes it). */
  eraseMinor(id: RaRecord['id'], version: number): Promise<{ data: RequestRecord }>;
  /** Minor review: correct the date of birth to one that makes the subject 18+ (completes it). */
  correctMinorDateOfBirth(
    id: RaRecord['id'],
    version: number,
    dateOfBirth: string,
  ): Promise<{ data: RequestRecord }>;
  linkRequestSubject(
    id: RaRecord['id'],
    version: number,
    subjectId: string,
  ): Promise<{ data: RequestRecord }>;
  /** Settles a likely duplicate: merge it into its original, or keep it separate. */
  resolveDuplicate(
    id: RaRecord['id'],
    version: number,
    decision: 'merge' | 'keep',
  ): Promise<{ data: RequestRecord }>;
  getRequestTimeline(id: RaRecord['id']): Promise<TimelineEvent[]>;
  getRequestClock(id: RaRecord['id']): Promise<RequestClock>;
  /** Heartbeat while the holder of a claim works on it: renews the claim's lease. */
  renewRequestLease(id: RaRecord['id']): Promise<RequestLease>;
  /** The desk's BUSINESS_TIME_ZONE and today's date in it (the default "Received on"). */
  getEntryDefaults(): Promise<EntryDefaults>;
  getAssignees(): Promise<Assignee[]>;
  bulkAssignRequests(ids: RaRecord['id'][], assigneeId: string): Promise<BulkResult[]>;
  bulkRejectRequests(
    ids: RaRecord['id'][],
    reason: string,
    denialReason?: DenialReason,
  ): Promise<BulkResult[]>;
  getSubjectHistory(id: RaRecord['id']): Promise<SubjectChange[]>;
  revokeApiKey(id: RaRecord['id']): Promise<{ data: ApiKeyRecord }>;
}

/**
 * fetchJson with the session cookie and the CSRF token on every request. Errors come back as
 * HttpError whose `body` is the server's `{ message, code, errors }`: react-admin forms read
 * `error.body.errors` and show each message beside its input.
 */
export const httpClient = (url: string, options: fetchUtils.Options = {}) => {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  const token = getCsrfToken();
  if (token) headers.set(CSRF_HEADER, token);
  return fetchUtils.fetchJson(url, { ...options, headers, credentials: 'same-origin' });
};

const base = simpleRestProvider(API_URL, httpClient);

/** The fields PUT /api/users/:id accepts; `version` makes the update optimistic-locked. */
const USER_UPDATE_FIELDS = ['name', 'role', 'active', 'version'] as const;
const USER_CREATE_FIELDS = ['email', 'name', 'role', 'password'] as const;

const SUBJECT_FIELDS = CORRECTABLE_FIELDS;
const REQUEST_CREATE_FIELDS = [
  'kind',
  'channel',
  'jurisdiction',
  'requesterName',
  'requesterEmail',
  'receivedAt',
  'subjectId',
  'payload',
] as const;
const API_KEY_CREATE_FIELDS = ['name', 'scopes'] as const;
const VIOLATION_UPDATE_FIELDS = [
  'category',
  'severity',
  'termsClause',
  'description',
  'evidenceText',
  'evidenceLinks',
  'source',
  'version',
] as const;

/** Fields a create or update may send, per resource; others (read-only ones) are dropped. */
const WRITABLE_FIELDS: Record<string, { create?: readonly string[]; update?: readonly string[] }> =
  {
    users: { create: USER_CREATE_FIELDS, update: USER_UPDATE_FIELDS },
    subjects: { create: SUBJECT_FIELDS, update: [...SUBJECT_FIELDS, 'version'] },
    requests: { create: REQUEST_CREATE_FIELDS },
    'api-keys': { create: API_KEY_CREATE_FIELDS },
    violations: { update: VIOLATION_UPDATE_FIELDS },
  };

function pick(data: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const field of fields) if (data[field] !== undefined) picked[field] = data[field];
  return picked;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date input's `YYYY-MM-DD` as the start or end of that day in the user's time zone. */
function dayBoundary(value: unknown, end: boolean): unknown {
  if (typeof value !== 'string' || !DATE_ONLY.test(value)) return value;
  const date = new Date(`${value}T${end ? '23:59:59.999' : '00:00:00.000'}`);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** Date filters (`<field>_gte` / `<field>_lte`) of each resource whose list has date inputs. */
const DATE_FILTERS: Record<string, string[]> = { audit: ['at'], jobs: ['runAt'] };

const id = (value: RaRecord['id']) => encodeURIComponent(String(value));

const post = <T>(path: string, body?: unknown) => apiFetch<T>(path, { method: 'POST', body });

export const dataProvider: PrivacyDeskDataProvider = {
  ...base,

  getList(resource, params) {
    const dateFields = Object.hasOwn(DATE_FILTERS, resource) ? DATE_FILTERS[resource] : undefined;
    if (dateFields && params.filter) {
      const filter = { ...params.filter };
      for (const field of dateFields) {
        if (`${field}_gte` in filter)
          filter[`${field}_gte`] = dayBoundary(filter[`${field}_gte`], false);
        if (`${field}_lte` in filter)
          filter[`${field}_lte`] = dayBoundary(filter[`${field}_lte`], true);
      }
      return base.getList(resource, { ...params, filter });
    }
    return base.getList(resource, params);
  },

  update(resource, params) {
    const fields = Object.hasOwn(WRITABLE_FIELDS, resource)
      ? WRITABLE_FIELDS[resource]?.update
      : undefined;
    if (fields) {
      const data = pick(params.data as Record<string, unknown>, fields);
      if (data.version === undefined && params.previousData?.version !== undefined) {
        data.version = params.previousData.version;
      }
      return base.update(resource, { ...params, data });
    }
    return base.update(resource, params);
  },

  create(resource, params) {
    const fields = Object.hasOwn(WRITABLE_FIELDS, resource)
      ? WRITABLE_FIELDS[resource]?.create
      : undefined;
    if (fields) {
      const data = pick(params.data as Record<string, unknown>, fields);
      return base.create(resource, { ...params, data });
    }
    return base.create(resource, params);
  },

  verifyAuditChain: () => apiFetch<AuditVerifyResult>('/audit/verify'),

  async retryJob(jobId) {
    const data = await apiFetch<JobRecord>(`/jobs/${id(jobId)}/retry`, { method: 'POST' });
    return { data };
  },

  async deactivateUser(userId) {
    const data = await apiFetch<UserRecord>(`/users/${id(userId)}/deactivate`, {
      method: 'POST',
    });
    return { data };
  },

  async unlockUser(userId) {
    const data = await apiFetch<UserRecord>(`/users/${id(userId)}/unlock`, { method: 'POST' });
    return { data };
  },

  resetUserPassword: (userId) =>
    apiFetch<{ temporaryPassword: string }>(`/users/${id(userId)}/reset-password`, {
      method: 'POST',
    }),

  async changeOwnPassword({ currentPassword, newPassword }) {
    await apiFetch('/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
  },

  async claimNextRequest(kind) {
    const data = await post<RequestRecord>('/requests/claim-next', kind ? { kind } : {});
    return { data };
  },

  async requestAction(requestId, action, version, fields = {}) {
    // Assignment (managers) has a route of its own; every other action goes through actions/.
    const path =
      action === 'assign'
        ? `/requests/${id(requestId)}/assign`
        : `/requests/${id(requestId)}/actions/${encodeURIComponent(action)}`;
    const data = await post<RequestRecord>(path, { ...fields, version });
    return { data };
  },

  async extendRequest(requestId, version, reason) {
    const data = await post<RequestRecord>(`/requests/${id(requestId)}/extend`, {
      version,
      reason,
    });
    return { data };
  },

  async eraseMinor(requestId, version) {
    const data = await post<RequestRecord>(`/requests/${id(requestId)}/minor-review/erase`, {
      version,
    });
    return { data };
  },

  async correctMinorDateOfBirth(requestId, version, dateOfBirth) {
    const data = await post<RequestRecord>(`/requests/${id(requestId)}/minor-review/correct-dob`, {
      version,
      dateOfBirth,
    });
    return { data };
  },

  async addRequestNote(requestId, body) {
    const data = await post<TimelineEvent>(`/requests/${id(requestId)}/notes`, { body });
    return { data };
  },

  async linkRequestSubject(requestId, version, subjectId) {
    const data = await post<RequestRecord>(`/requests/${id(requestId)}/link-subject`, {
      version,
      subjectId,
    });
    return { data };
  },

  async resolveDuplicate(requestId, version, decision) {
    const data = await post<RequestRecord>(`/requests/${id(requestId)}/duplicate`, {
      version,
      decision,
    });
    return { data };
  },

  getRequestTimeline: (requestId) =>
    apiFetch<TimelineEvent[]>(`/requests/${id(requestId)}/timeline`),

  getRequestClock: (requestId) => apiFetch<RequestClock>(`/requests/${id(requestId)}/clock`),

  renewRequestLease: (requestId) => post<RequestLease>(`/requests/${id(requestId)}/lease`, {}),

  getEntryDefaults: () => apiFetch<EntryDefaults>('/requests/entry-defaults'),

  getAssignees: () => apiFetch<Assignee[]>('/requests/assignees'),

  async bulkAssignRequests(ids, assigneeId) {
    const answer = await post<{ results: BulkResult[] }>('/requests/bulk/assign', {
      ids,
      assigneeId,
    });
    return answer.results;
  },

  async bulkRejectRequests(ids, reason, denialReason) {
    const answer = await post<{ results: BulkResult[] }>('/requests/bulk/reject', {
      ids,
      reason,
      denialReason,
    });
    return answer.results;
  },

  getSubjectHistory: (subjectId) => apiFetch<SubjectChange[]>(`/subjects/${id(subjectId)}/history`),

  async revokeApiKey(keyId) {
    const data = await post<ApiKeyRecord>(`/api-keys/${id(keyId)}/revoke`);
    return { data };
  },
};

/** useDataProvider typed with the custom methods. */
export const useAppDataProvider = () => useDataProvider<PrivacyDeskDataProvider>();
