import {
  CORRECTABLE_FIELDS,
  CSRF_HEADER,
  type DenialReason,
  type RequestAction,
  type RequestKind,
} from '@privacy-desk/shared';
import simpleRestProvider from 'ra-data-simple-rest';
import {
  fetchUtils,
  useDataProvider,
  type DataProvider,
  type GetListParams,
  type GetListResult,
  type RaRecord,
} from 'react-admin';

import { API_URL, apiFetch } from './api';
import { getCsrfToken } from './auth/session';
import { ListCursors } from './list-cursors';
import type {
  ApiKeyRecord,
  Assignee,
  AuditVerifyResult,
  BulkResult,
  ChangeOwnPasswordParams,
  EntryDefaults,
  JobRecord,
  RequestActionFields,
  RequestClock,
  RequestLease,
  RequestRecord,
  SubjectChange,
  TimelineEvent,
  UserRecord,
} from './records';

export * from './records';

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

const cursors = new ListCursors();

/**
 * ra-data-simple-rest's getList (the same sort, range and filter parameters, the total from
 * Content-Range), which also sends the server's cursor when the page asked for follows the
 * last one read in the same view: paging on through a long list then costs what page 2 does.
 */
async function getListPage(resource: string, params: GetListParams): Promise<GetListResult> {
  const { page, perPage } = params.pagination ?? { page: 1, perPage: 10 };
  const { field, order } = params.sort ?? { field: 'id', order: 'ASC' };
  const start = (page - 1) * perPage;
  const query = new URLSearchParams({
    filter: JSON.stringify(params.filter ?? {}),
    range: JSON.stringify([start, start + perPage - 1]),
    sort: JSON.stringify([field, order]),
  });
  const cursor = cursors.cursorFor(resource, params);
  if (cursor) query.set('cursor', cursor);
  const { headers, json } = await httpClient(`${API_URL}/${resource}?${query}`, {
    ...(params.signal ? { signal: params.signal } : {}),
  });
  const range = headers.get('Content-Range');
  if (!range) throw new Error(`The ${resource} list answered without a Content-Range header`);
  cursors.remember(resource, params, headers.get('X-Next-Cursor'));
  return { data: json as GetListResult['data'], total: parseInt(range.split('/').pop()!, 10) };
}

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
      return getListPage(resource, { ...params, filter });
    }
    return getListPage(resource, params);
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
