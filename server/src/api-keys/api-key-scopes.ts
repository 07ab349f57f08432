/**
 * What an API key may be used for. A route names the scope it needs with
 * `@RequireApiKey(scope)`; an admin picks a key's scopes when creating it.
 */
export const API_KEY_SCOPES = ['requests:create', 'suppressions:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const API_KEY_SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  'requests:create': 'Submit privacy requests on behalf of people (the intake API)',
  'suppressions:read':
    'Check, list and scrub against the suppression (opt-out) list before contacting people or sharing with partners',
};

export function isApiKeyScope(value: unknown): value is ApiKeyScope {
  return typeof value === 'string' && (API_KEY_SCOPES as readonly string[]).includes(value);
}

/** The error code of a 401 for a malformed, unknown or revoked key. */
export const INVALID_API_KEY = 'invalid_api_key';
