import { CanActivate, ExecutionContext, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ERROR_CODES } from '@privacy-desk/shared';
import type { Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../../config/app-config.js';
import { ApiError } from '../errors/domain-errors.js';

const RATE_LIMIT_METADATA = 'privacy-desk:rate-limit';

export type RateLimitName = 'login' | 'public_form';

/** Limits calls to this route per client IP address (see RateLimitGuard). */
export const RateLimited = (name: RateLimitName) => SetMetadata(RATE_LIMIT_METADATA, name);

/**
 * Per-IP limits for routes that invite guessing. Counters are kept in this process; behind
 * several instances each keeps its own (the per-account lockout is in the database).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiters: Record<RateLimitName, RateLimiterMemory>;

  constructor(
    private readonly reflector: Reflector,
    config: AppConfig,
  ) {
    this.limiters = {
      login: new RateLimiterMemory({
        keyPrefix: 'login',
        points: config.env.LOGIN_RATE_LIMIT_PER_MINUTE,
        duration: 60,
      }),
      public_form: new RateLimiterMemory({
        keyPrefix: 'public_form',
        points: config.env.PUBLIC_FORM_RATE_LIMIT_PER_HOUR,
        duration: 3600,
      }),
    };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const name = this.reflector.get<RateLimitName | undefined>(
      RATE_LIMIT_METADATA,
      context.getHandler(),
    );
    if (!name) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    try {
      await this.limiters[name].consume(request.ip ?? 'unknown');
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      http
        .getResponse<Response>()
        .setHeader('Retry-After', String(Math.ceil(rejection.msBeforeNext / 1000)));
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        ERROR_CODES.rateLimited,
        name === 'login'
          ? 'Too many attempts from your network; wait a minute and try again'
          : 'Too many submissions from your network; try again later',
      );
    }
  }
}
