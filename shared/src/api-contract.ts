/** The body of every error answer from the API. */
export interface ApiErrorBody {
  message: string;
  code: string;
  /** Field name → message, on 422 validation failures (react-admin shows them beside inputs). */
  errors?: Record<string, string>;
  /** On 500s: the request id to quote when reporting the problem. */
  correlationId?: string;
}

export const ERROR_CODES = {
  validation: 'validation_failed',
  unauthenticated: 'unauthenticated',
  invalidCredentials: 'invalid_credentials',
  mfaRequired: 'mfa_required',
  mfaEnrolmentRequired: 'mfa_enrolment_required',
  passwordChangeRequired: 'password_change_required',
  forbidden: 'forbidden',
  csrf: 'csrf_token_invalid',
  notFound: 'not_found',
  conflict: 'conflict',
  staleVersion: 'stale_version',
  rateLimited: 'rate_limited',
  internal: 'internal_error',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export const CSRF_HEADER = 'X-CSRF-Token';
export const SESSION_COOKIE = 'pd_session';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: import('./roles.js').Role;
  mfaEnabled: boolean;
}

/** Answer of `POST /api/auth/login` and `GET /api/auth/me`. */
export interface SessionInfo {
  user: SessionUser;
  csrfToken: string;
  permissions: import('./permissions.js').Permission[];
  /** The session may only enrol a second factor until this is false. */
  mfaEnrolmentRequired: boolean;
  /** The session may only change its password until this is false. */
  passwordChangeRequired: boolean;
  expiresAt: string;
  /** The desk's IANA time zone (BUSINESS_TIME_ZONE): the console shows dates in it. */
  deskTimeZone: string;
}

export type ActorType = 'user' | 'api_client' | 'system';
