import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CSRF_HEADER, ERROR_CODES, hasPermission, SESSION_COOKIE } from '@privacy-desk/shared';
import { INVALID_API_KEY } from '../api-keys/api-key-scopes.js';
import type { ApiKeyScope } from '../api-keys/api-key-scopes.js';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import { forbidden, unauthenticated } from '../common/errors/domain-errors.js';
import { ACCESS_METADATA } from './access.decorators.js';
import type { AccessRule } from './access.decorators.js';
import { AuthService } from './auth.service.js';
import type { AuthenticatedRequest } from './authenticated-request.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const API_KEY_REFUSALS = {
  malformed: 'The Authorization header must be "Bearer pdk_<prefix>_<secret>"',
  unknown: 'Unknown API key',
  revoked: 'This API key has been revoked',
} as const;

/**
 * The one gate every route passes. Deny by default: a route that declares no access rule is
 * refused, and the route-coverage test fails the build before such a route ships.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw forbidden('This route declares no access rule');
    if (rule.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (rule.kind === 'apiKey') return this.authenticateApiKey(request, rule.scope);
    if (rule.kind === 'permission' && rule.apiKeyScope && request.get('authorization')) {
      return this.authenticateApiKey(request, rule.apiKeyScope);
    }

    const token: unknown = request.cookies?.[SESSION_COOKIE];
    const session =
      typeof token === 'string' && token ? await this.auth.resolveSession(token) : null;
    if (!session) throw unauthenticated();

    if (
      !SAFE_METHODS.has(request.method) &&
      !this.auth.isCsrfTokenValid(session, request.get(CSRF_HEADER))
    ) {
      throw forbidden(`Missing or wrong ${CSRF_HEADER} header`, ERROR_CODES.csrf);
    }

    request.auth = session;
    request.actor = {
      type: 'user',
      id: session.user.id,
      label: session.user.name,
      role: session.user.role,
    };

    const restrictedAllowed = rule.kind === 'authenticated' && rule.allowRestricted;
    if (!restrictedAllowed) {
      if (this.auth.mfaEnrolmentRequired(session.user)) {
        throw forbidden(
          'Set up two-factor sign-in before continuing',
          ERROR_CODES.mfaEnrolmentRequired,
        );
      }
      if (session.user.mustChangePassword) {
        throw forbidden(
          'Choose a new password before continuing',
          ERROR_CODES.passwordChangeRequired,
        );
      }
    }
    if (rule.kind === 'permission' && !hasPermission(session.user.role, rule.permission)) {
      throw forbidden();
    }
    return true;
  }

  /** API-key routes read only the Authorization header: never the session cookie. */
  private async authenticateApiKey(
    request: AuthenticatedRequest,
    scope: ApiKeyScope,
  ): Promise<boolean> {
    const header = request.get('authorization');
    if (!header) {
      throw unauthenticated('Send an API key as "Authorization: Bearer pdk_<prefix>_<secret>"');
    }
    const [scheme, presented, ...rest] = header.trim().split(/\s+/);
    const check =
      scheme?.toLowerCase() === 'bearer' && presented && rest.length === 0
        ? await this.apiKeys.authenticate(presented)
        : ({ ok: false, reason: 'malformed' } as const);
    if (!check.ok) throw unauthenticated(API_KEY_REFUSALS[check.reason], INVALID_API_KEY);
    if (!this.apiKeys.hasScope(check.key, scope)) {
      throw forbidden(`This API key does not have the ${scope} scope`);
    }
    request.actor = { type: 'api_client', id: check.key.id, label: `API key ${check.key.name}` };
    await this.apiKeys.recordUse(check.key);
    return true;
  }
}
