import { CSRF_HEADER } from '@privacy-desk/shared';
import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, useDataProvider, type DataProvider, type RaRecord } from 'react-admin';

import { API_URL, apiFetch } from './api';
import { getCsrfToken } from './auth/session';

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  lastSeq?: number | null;
  brokenAt?: number;
  reason?: string;
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
}

export interface PrivacyDeskDataProvider extends DataProvider {
  verifyAuditChain(): Promise<AuditVerifyResult>;
  retryJob(id: RaRecord['id']): Promise<{ data: JobRecord }>;
  deactivateUser(id: RaRecord['id']): Promise<{ data: UserRecord }>;
  resetUserPassword(id: RaRecord['id']): Promise<{ temporaryPassword: string }>;
  changeOwnPassword(params: ChangeOwnPasswordParams): Promise<void>;
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
    if (resource === 'users') {
      const data = pick(params.data as Record<string, unknown>, USER_UPDATE_FIELDS);
      if (data.version === undefined && params.previousData?.version !== undefined) {
        data.version = params.previousData.version;
      }
      return base.update(resource, { ...params, data });
    }
    return base.update(resource, params);
  },

  create(resource, params) {
    if (resource === 'users') {
      const data = pick(params.data as Record<string, unknown>, USER_CREATE_FIELDS);
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

  resetUserPassword: (userId) =>
    apiFetch<{ temporaryPassword: string }>(`/users/${id(userId)}/reset-password`, {
      method: 'POST',
    }),

  async changeOwnPassword({ currentPassword, newPassword }) {
    await apiFetch('/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
  },
};

/** useDataProvider typed with the custom methods. */
export const useAppDataProvider = () => useDataProvider<PrivacyDeskDataProvider>();
