import { REQUEST_STATUS_LABELS } from '@privacy-desk/shared';
import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import { randomToken, sha256Hex } from '../common/crypto/secrets.js';
import { ApiError, staleVersion } from '../common/errors/domain-errors.js';
import { TransactionService } from '../database/transaction.service.js';
import type { PrivacyRequest } from './privacy-request.entity.js';
import { RequestRepository } from './request.repository.js';
import { RequestEvents } from './request-events.js';
import { RequestIntakeService } from './request-intake.service.js';
import { RequestLifecycleService } from './request-lifecycle.service.js';
import { RequestMailer } from './request-mailer.js';
import { RequestsService } from './requests.service.js';

/** At most one fresh link per request in this window, so a click cannot flood an inbox. */
export const RESEND_MIN_INTERVAL_MINUTES = 5;
/** And at most this many resends per request in all; beyond it, confirm by other means. */
export const RESEND_MAX_PER_REQUEST = 5;

/**
 * What staff do for a request still waiting for its emailed confirmation: send a fresh link
 * (the old one stops working), or mark it verified with a reason (the identity was checked
 * another way). Both are actions of the life-cycle table, audited, with a timeline event.
 */
@Injectable()
export class RequestVerificationService {
  constructor(
    private readonly reader: RequestsService,
    private readonly intake: RequestIntakeService,
    private readonly lifecycle: RequestLifecycleService,
    private readonly events: RequestEvents,
    private readonly mailer: RequestMailer,
    private readonly requests: RequestRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
  ) {}

  async resend(actor: Actor, id: string, input: { version: number }): Promise<PrivacyRequest> {
    return this.tx.run(async () => {
      const request = await this.reader.get(id);
      if (request.version !== input.version) throw staleVersion('This request');
      this.lifecycle.guard(actor, request, 'resend_verification', input);
      const now = this.clock.now();
      this.checkResendAllowed(
        request,
        now,
        await this.requests.countEvents(id, 'verification_resent'),
      );

      const token = randomToken();
      request.verificationTokenHash = sha256Hex(token);
      request.verificationExpiresAt = new Date(now.getTime() + this.intake.verificationLinkMs);
      request.updatedAt = now;
      if (!(await this.requests.saveVersioned(request))) throw staleVersion('This request');
      await this.events.record(
        actor,
        request,
        'verification_resent',
        `A new confirmation link was sent by ${actor.label}; the earlier link no longer works`,
      );
      await this.audit.record(actor, {
        action: 'request.verification_resent',
        entityType: 'request',
        entityId: request.id,
        summary: `${request.reference}: confirmation link sent again (the earlier one revoked)`,
      });
      await this.mailer.sendVerificationLink(actor, request, token);
      return request;
    });
  }

  async markVerified(
    actor: Actor,
    id: string,
    input: { version: number; reason?: string },
  ): Promise<PrivacyRequest> {
    return this.tx.run(async () => {
      const request = await this.reader.get(id);
      if (request.version !== input.version) throw staleVersion('This request');
      const transition = this.lifecycle.guard(actor, request, 'mark_verified', input);
      const now = this.clock.now();
      const reason = input.reason!.trim();
      request.status = transition.to;
      request.verifiedAt = now;
      request.verificationTokenHash = null;
      request.verificationExpiresAt = null;
      request.updatedAt = now;
      await this.intake.saveVerified(actor, request, async () => {
        await this.events.record(actor, request, 'verified', `Marked verified by ${actor.label}`, {
          from: 'unverified',
          to: transition.to,
          body: reason,
        });
        await this.audit.record(actor, {
          action: 'request.mark_verified',
          entityType: 'request',
          entityId: request.id,
          summary: `${request.reference}: marked verified by staff (${REQUEST_STATUS_LABELS.unverified} → ${REQUEST_STATUS_LABELS[transition.to]})`,
        });
      });
      return request;
    });
  }

  private checkResendAllowed(request: PrivacyRequest, now: Date, resent: number): void {
    if (resent >= RESEND_MAX_PER_REQUEST)
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        'resend_limit_reached',
        `The confirmation link was already sent again ${resent} times; confirm the requester's identity another way and use Mark verified`,
      );
    const issuedAt = request.verificationExpiresAt
      ? request.verificationExpiresAt.getTime() - this.intake.verificationLinkMs
      : 0;
    const nextAllowed = issuedAt + RESEND_MIN_INTERVAL_MINUTES * 60_000;
    if (now.getTime() < nextAllowed) {
      const minutes = Math.ceil((nextAllowed - now.getTime()) / 60_000);
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        'resend_too_soon',
        `A confirmation link was sent less than ${RESEND_MIN_INTERVAL_MINUTES} minutes ago; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      );
    }
  }
}
