import { CanActivate, ExecutionContext, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ERROR_CODES } from '@privacy-desk/shared';
import type { Request, Response } from 'express';
import { AppConfig } from '../../config/app-config.js';
import { TransactionService } from '../../database/transaction.service.js';
import { Clock } from '../clock/clock.js';
import { ApiError } from '../errors/domain-errors.js';
import { RateLimitCounterRepository } from './rate-limit-counter.repository.js';

const RATE_LIMIT_METADATA = 'privacy-desk:rate-limit';

export type RateLimitName = 'login' | 'public_form' | 'package_link';

/** Limits calls to this route per client IP address (see RateLimitGuard). */
export const RateLimited = (name: RateLimitName) => SetMetadata(RATE_LIMIT_METADATA, name);

/**
 * Per-IP limits for routes that invite guessing, in fixed windows counted in the database
 * (`rate_limit_counters`), so that several instances behind one load balancer add up.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limits: Record<RateLimitName, { points: number; windowMs: number }>;

  constructor(
    private readonly reflector: Reflector,
    private readonly counters: RateLimitCounterRepository,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.limits = {
      login: { points: config.env.LOGIN_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 },
      public_form: { points: config.env.PUBLIC_FORM_RATE_LIMIT_PER_HOUR, windowMs: 3_600_000 },
      package_link: { points: config.env.PACKAGE_LINK_RATE_LIMIT_PER_HOUR, windowMs: 3_600_000 },
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
    const { points, windowMs } = this.limits[name];
    const now = this.clock.nowMs();
    const window = Math.floor(now / windowMs);
    const windowEndsAt = (window + 1) * windowMs;
    const key = `${name}:${(request.ip ?? 'unknown').slice(0, 100)}:${window}`;
    const hits = await this.tx.run(() => this.counters.hit(key, new Date(windowEndsAt)));
    if (hits <= points) return true;
    http
      .getResponse<Response>()
      .setHeader('Retry-After', String(Math.max(1, Math.ceil((windowEndsAt - now) / 1000))));
    throw new ApiError(
      HttpStatus.TOO_MANY_REQUESTS,
      ERROR_CODES.rateLimited,
      name === 'login'
        ? 'Too many attempts from your network; wait a minute and try again.'
        : name === 'package_link'
          ? 'Too many downloads from your network; try again later.'
          : 'Too many submissions from your network; try again later.',
    );
  }
}
