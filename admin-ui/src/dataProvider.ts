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

export interface PrivacyDeskDataProvider extends DataProvider {
  verifyAuditChain(): Promise<AuditVerifyResult>;
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

const id = (value: RaRecord['id']) => encodeURIComponent(String(value));

export const dataProvider: PrivacyDeskDataProvider = {
  ...base,

  getList(resource, params) {
    if (resource === 'audit' && params.filter) {
      const filter = { ...params.filter };
      if ('at_gte' in filter) filter.at_gte = dayBoundary(filter.at_gte, false);
      if ('at_lte' in filter) filter.at_lte = dayBoundary(filter.at_lte, true);
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
