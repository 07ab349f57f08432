import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiSecurity,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Permission } from '@privacy-desk/shared';
import type { ApiKeyScope } from '../api-keys/api-key-scopes.js';
import type { Actor } from './actor.js';
import type { AuthenticatedRequest } from './authenticated-request.js';

export const ACCESS_METADATA = 'privacy-desk:access';

/** What a route needs. Every route declares exactly one of these; the guard denies the rest. */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'authenticated'; allowRestricted: boolean }
  | { kind: 'permission'; permission: Permission; apiKeyScope?: ApiKeyScope }
  | { kind: 'apiKey'; scope: ApiKeyScope };

/** Anyone, signed in or not. */
export const Public = () => SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessRule);

/**
 * Any signed-in staff member. `allowRestricted` lets a session that must still enrol a second
 * factor or change its password reach the route (the routes that let it do so).
 */
export const Authenticated = (options: { allowRestricted?: boolean } = {}) =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, {
      kind: 'authenticated',
      allowRestricted: options.allowRestricted ?? false,
    } satisfies AccessRule),
    ApiCookieAuth(),
    ApiSecurity('csrf'),
    ApiUnauthorizedResponse({ description: 'Not signed in' }),
  );

/** A signed-in staff member whose role has this permission in the shared matrix. */
export const RequirePermission = (permission: Permission) =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'permission', permission } satisfies AccessRule),
    ApiCookieAuth(),
    ApiSecurity('csrf'),
    ApiUnauthorizedResponse({ description: 'Not signed in' }),
    ApiForbiddenResponse({ description: `Needs the ${permission} permission` }),
  );

/**
 * Either a signed-in staff member whose role has this permission, or an outside system whose
 * API key has this scope. A request that carries an Authorization header is judged as an API
 * key call (the session cookie is then not read); otherwise as a staff session.
 */
export const RequirePermissionOrApiKey = (permission: Permission, scope: ApiKeyScope) =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, {
      kind: 'permission',
      permission,
      apiKeyScope: scope,
    } satisfies AccessRule),
    ApiCookieAuth(),
    ApiSecurity('csrf'),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not signed in, and no valid API key' }),
    ApiForbiddenResponse({
      description: `Needs the ${permission} permission, or an API key with the ${scope} scope`,
    }),
  );

/**
 * An outside system calling with an API key (`Authorization: Bearer pdk_…`) that has this
 * scope. A staff session does not satisfy it, and no CSRF token is needed (no cookie is read).
 */
export const RequireApiKey = (scope: ApiKeyScope) =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'apiKey', scope } satisfies AccessRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No API key, or a malformed, unknown or revoked one' }),
    ApiForbiddenResponse({ description: `The API key lacks the ${scope} scope` }),
  );

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.actor) throw new Error('CurrentActor used on a route without authentication');
  return request.actor;
});

export const CurrentSession = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.auth) throw new Error('CurrentSession used on a route without authentication');
  return request.auth;
});
