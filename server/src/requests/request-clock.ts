import { Injectable } from '@nestjs/common';
import {
  checkExtension,
  computeClock,
  deadlineState,
  EXTENDABLE_STATUSES,
  isClosed,
} from '@privacy-desk/shared';
import { Clock } from '../common/clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import type { PrivacyRequest } from './privacy-request.entity.js';
import type { ClockDto } from './request.dto.js';

/** A request's legal clock: when it is due, whether it may be extended, and why. */
@Injectable()
export class RequestClocks {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  of(request: PrivacyRequest) {
    return computeClock(
      {
        jurisdiction: request.jurisdiction,
        kind: request.kind,
        receivedAt: request.receivedAt,
        extendedAt: request.extendedAt,
      },
      this.config.clockSettings,
    );
  }

  extensionBlockedReason(request: PrivacyRequest, now = this.clock.now()): string | null {
    if (!EXTENDABLE_STATUSES.includes(request.status))
      return `a request that is ${request.status} cannot be extended`;
    const verdict = checkExtension(
      {
        jurisdiction: request.jurisdiction,
        kind: request.kind,
        receivedAt: request.receivedAt,
        extendedAt: request.extendedAt,
      },
      now,
      this.config.clockSettings,
    );
    return verdict.allowed ? null : verdict.why;
  }

  deadline(request: PrivacyRequest, now = this.clock.now()) {
    return isClosed(request.status)
      ? null
      : deadlineState(this.of(request), now, this.config.clockSettings);
  }

  present(request: PrivacyRequest): ClockDto {
    const clock = this.of(request);
    const blocked = this.extensionBlockedReason(request);
    return {
      explanation: clock.explanation,
      citation: clock.citation,
      receivedDate: clock.receivedDate,
      dueDate: clock.dueDate,
      originalDueDate: clock.originalDueDate,
      acknowledgeBy: clock.acknowledgeBy ?? null,
      deadline: this.deadline(request),
      extended: clock.extended,
      extensionAvailable: blocked === null,
      extensionBlockedReason: blocked,
    };
  }
}
