import { Injectable } from '@nestjs/common';
import {
  computeClock,
  deadlineState,
  EXTENDABLE_STATUSES,
  extensionRefusal,
  isClosed,
} from '@privacy-desk/shared';
import { Clock } from '../common/clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import type { ClockInput, Clock as LegalClock, RequestKind } from '@privacy-desk/shared';
import type { PrivacyRequest } from './privacy-request.entity.js';
import type { ClockDto } from './request.dto.js';

/**
 * An opt-out's scopes, which choose its clock (CCPA: sharing is a CCPA right, marketing
 * contact falls under CAN-SPAM); undefined for other kinds or an unreadable payload.
 */
export function optOutScopesOf(kind: RequestKind, payload: unknown): string[] | undefined {
  if (kind !== 'opt_out' || typeof payload !== 'object' || payload === null) return undefined;
  const scopes = (payload as { scopes?: unknown }).scopes;
  return Array.isArray(scopes)
    ? scopes.filter((s): s is string => typeof s === 'string')
    : undefined;
}

/** A stored request's payload, or undefined when it does not parse. */
export function parsedPayload(request: PrivacyRequest): unknown {
  try {
    return JSON.parse(request.payload) as unknown;
  } catch {
    return undefined;
  }
}

/** What the legal clock of a stored request is computed from (its payload, if already parsed). */
export function clockInputOf(
  request: PrivacyRequest,
  payload: unknown = parsedPayload(request),
): ClockInput {
  return {
    jurisdiction: request.jurisdiction,
    kind: request.kind,
    receivedAt: request.receivedAt,
    extendedAt: request.extendedAt,
    optOutScopes: optOutScopesOf(request.kind, payload),
  };
}

const CLOCK_CACHE_ENTRIES = 20_000;

/** A request's legal clock: when it is due, whether it may be extended, and why. */
@Injectable()
export class RequestClocks {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Clocks by their input: computeClock is pure (its settings are fixed for the process), and a
   * list page computes the same clock two or three times a row, walking business days each time.
   */
  private readonly computed = new Map<string, LegalClock>();

  of(request: PrivacyRequest) {
    return this.forInput(clockInputOf(request));
  }

  /** The clock of these inputs (a request being created has no stored row yet). */
  forInput(input: ClockInput) {
    const key = [
      input.jurisdiction,
      input.kind,
      input.receivedAt.getTime(),
      input.extendedAt?.getTime() ?? '',
      input.optOutScopes?.join(',') ?? '*',
    ].join('|');
    let clock = this.computed.get(key);
    if (!clock) {
      clock = computeClock(input, this.config.clockSettings);
      if (this.computed.size >= CLOCK_CACHE_ENTRIES) this.computed.clear();
      this.computed.set(key, clock);
    }
    return clock;
  }

  extensionBlockedReason(request: PrivacyRequest, now = this.clock.now()): string | null {
    const input = clockInputOf(request);
    return this.blockedReason(request, input, this.forInput(input), now);
  }

  /** The clock, deadline and extension state of a request whose payload is already parsed. */
  stateOf(request: PrivacyRequest, payload: unknown, now: Date) {
    const input = clockInputOf(request, payload);
    const clock = this.forInput(input);
    return {
      clock,
      deadline: this.deadlineOf(request, clock, now),
      extensionBlockedReason: this.blockedReason(request, input, clock, now),
    };
  }

  private blockedReason(
    request: PrivacyRequest,
    input: ClockInput,
    clock: LegalClock,
    now: Date,
  ): string | null {
    if (!EXTENDABLE_STATUSES.includes(request.status))
      return `a request that is ${request.status} cannot be extended`;
    return extensionRefusal(input, now, this.config.clockSettings, clock);
  }

  private deadlineOf(request: PrivacyRequest, clock: LegalClock, now: Date) {
    return isClosed(request.status) ? null : deadlineState(clock, now, this.config.clockSettings);
  }

  present(request: PrivacyRequest): ClockDto {
    const { clock, deadline, extensionBlockedReason } = this.stateOf(
      request,
      parsedPayload(request),
      this.clock.now(),
    );
    return {
      explanation: clock.explanation,
      citation: clock.citation,
      receivedDate: clock.receivedDate,
      dueDate: clock.dueDate,
      legalDueDate: clock.legalDueDate,
      targetDate: clock.targetDate,
      originalDueDate: clock.originalDueDate,
      acknowledgeBy: clock.acknowledgeBy ?? null,
      deadline,
      extended: clock.extended,
      extensionAvailable: extensionBlockedReason === null,
      extensionBlockedReason,
    };
  }
}
