import { asSentence, CSRF_HEADER, type ApiErrorBody } from '@privacy-desk/shared';
import { HttpError } from 'react-admin';

import { getCsrfToken } from './auth/session';

export const API_URL = '/api';

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Send the CSRF header (default: whenever a token is known). */
  csrf?: boolean;
  signal?: AbortSignal;
}

/** Headers every API call carries: JSON, and the session's CSRF token when there is one. */
export function apiHeaders(csrf = true): Headers {
  const headers = new Headers({ Accept: 'application/json' });
  const token = csrf ? getCsrfToken() : undefined;
  if (token) headers.set(CSRF_HEADER, token);
  return headers;
}

/**
 * Turns an error answer into react-admin's HttpError, keeping the server's body (code, errors).
 * Field messages become sentences ("Cannot be in the future"), as the form's own checks show them.
 */
export function toHttpError(status: number, statusText: string, body: unknown): HttpError {
  const errorBody = (body && typeof body === 'object' ? { ...body } : {}) as Partial<ApiErrorBody>;
  if (errorBody.errors && typeof errorBody.errors === 'object') {
    errorBody.errors = Object.fromEntries(
      Object.entries(errorBody.errors).map(([field, message]) => [
        field,
        typeof message === 'string' ? asSentence(message) : message,
      ]),
    );
  }
  const message =
    typeof errorBody.message === 'string' && errorBody.message
      ? errorBody.message
      : statusText || `Request failed (${status})`;
  return new HttpError(message, status, errorBody);
}

export function isHttpError(error: unknown): error is HttpError {
  return typeof error === 'object' && error !== null && 'status' in error;
}

export function errorCode(error: unknown): string | undefined {
  if (!isHttpError(error)) return undefined;
  const body = error.body as Partial<ApiErrorBody> | undefined;
  return typeof body?.code === 'string' ? body.code : undefined;
}

/** Field errors of a 422 answer (`{ field: message }`), or undefined. */
export function fieldErrors(error: unknown): Record<string, string> | undefined {
  if (!isHttpError(error)) return undefined;
  const body = error.body as Partial<ApiErrorBody> | undefined;
  return body?.errors && typeof body.errors === 'object' ? body.errors : undefined;
}

/**
 * Calls the API with the session cookie (same origin) and the CSRF header.
 * Resolves to the parsed JSON (or undefined on 204); rejects with an HttpError.
 */
export async function apiFetch<T = unknown>(path: string, request: ApiRequest = {}): Promise<T> {
  const { method = 'GET', body, csrf = true, signal } = request;
  const headers = apiHeaders(csrf);
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  const response = await fetch(`${API_URL}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    signal,
  });
  const text = response.status === 204 ? '' : await response.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!response.ok) throw toHttpError(response.status, response.statusText, json);
  return json as T;
}

/**
 * Sends a `multipart/form-data` body (a file upload) with the session cookie and the CSRF
 * header; the browser sets the Content-Type with its boundary. Resolves to the parsed JSON;
 * rejects with an HttpError whose body carries the server's field errors.
 */
export async function apiUpload<T = unknown>(path: string, form: FormData): Promise<T> {
  const response = await fetch(`${API_URL}${path}`, {
    method: 'POST',
    headers: apiHeaders(),
    body: form,
    credentials: 'same-origin',
  });
  const text = await response.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!response.ok) throw toHttpError(response.status, response.statusText, json);
  return json as T;
}
