import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CSRF_HEADER, ERROR_CODES, hasPermission, SESSION_COOKIE } from '@privacy-desk/shared';
import { forbidden, unauthenticated } from '../common/errors/domain-errors.js';
import { ACCESS_METADATA } from './access.decorators.js';
import type { AccessRule } from './access.decorators.js';
import { AuthService } from './auth.service.js';
import type { AuthenticatedRequest } from './authenticated-request.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one gate every route passes. Deny by default: a route that declares no access rule is
 * refused, and the route-coverage test fails the build before such a route ships.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw forbidden('This route declares no access rule');
    if (rule.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
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
}
