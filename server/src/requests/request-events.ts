import { Injectable } from '@nestjs/common';
import { MAIL_OUTCOME_PHRASES } from '@privacy-desk/shared';
import type { OutboxStatus, RequestEventType, RequestStatus } from '@privacy-desk/shared';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import type { MailTemplate } from '../mail/templates.js';
import type { PrivacyRequest } from './privacy-request.entity.js';
import { RequestEvent } from './request-event.entity.js';
import { RequestRepository } from './request.repository.js';

/** "Email to the requester (verification): held in the outbox (no SMTP server is configured)". */
export function mailEventSummary(template: MailTemplate, status: OutboxStatus): string {
  return `Email to the requester (${template.replace(/_/g, ' ')}): ${MAIL_OUTCOME_PHRASES[status]}`;
}

/** Writes lines on a request's timeline (inside the caller's transaction). */
@Injectable()
export class RequestEvents {
  constructor(
    private readonly requests: RequestRepository,
    private readonly clock: Clock,
  ) {}

  async record(
    actor: Actor,
    request: Pick<PrivacyRequest, 'id'>,
    type: RequestEventType,
    summary: string,
    extra: {
      from?: RequestStatus | null;
      to?: RequestStatus | null;
      body?: string | null;
      mail?: { id: string; status: OutboxStatus };
    } = {},
  ): Promise<RequestEvent> {
    const event = Object.assign(new RequestEvent(), {
      requestId: request.id,
      at: this.clock.now(),
      type,
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      fromStatus: extra.from ?? null,
      toStatus: extra.to ?? null,
      summary: summary.slice(0, 500),
      body: extra.body ?? null,
      mailId: extra.mail?.id ?? null,
      mailStatus: extra.mail?.status ?? null,
    });
    await this.requests.insertEvent(event);
    return event;
  }

  /** The email's event follows its outbox message: queued, held, sent or failed. */
  async mailStatusChanged(mail: {
    id: string;
    template: MailTemplate;
    status: OutboxStatus;
  }): Promise<void> {
    await this.requests.updateMailEvents(mail.id, {
      mailStatus: mail.status,
      summary: mailEventSummary(mail.template, mail.status),
    });
  }
}
