import { Injectable, OnModuleInit } from '@nestjs/common';
import { REQUEST_KIND_LABELS } from '@privacy-desk/shared';
import type { Actor } from '../auth/actor.js';
import { MailService } from '../mail/mail.service.js';
import type { MailTemplate, MailTemplateData } from '../mail/templates.js';
import type { PrivacyRequest } from './privacy-request.entity.js';
import { RequestClocks } from './request-clock.js';
import { RequestEvents, mailEventSummary } from './request-events.js';

/** The requester's emails, each queued in the outbox with its line on the timeline. */
@Injectable()
export class RequestMailer implements OnModuleInit {
  constructor(
    private readonly mail: MailService,
    private readonly events: RequestEvents,
    private readonly clocks: RequestClocks,
  ) {}

  onModuleInit(): void {
    this.mail.onStatusChange((message) => this.events.mailStatusChanged(message));
  }

  /** Inside the caller's transaction. */
  async send<K extends MailTemplate>(
    actor: Actor,
    request: PrivacyRequest,
    template: K,
    data: MailTemplateData[K],
  ): Promise<void> {
    const message = await this.mail.queue({
      to: request.requesterEmail,
      template,
      data,
      requestId: request.id,
    });
    await this.events.record(
      actor,
      request,
      'email_sent',
      mailEventSummary(template, message.status),
      { mail: { id: message.id, status: message.status } },
    );
  }

  async sendAcknowledgement(actor: Actor, request: PrivacyRequest): Promise<void> {
    await this.send(actor, request, 'acknowledgement', {
      reference: request.reference,
      kindLabel: REQUEST_KIND_LABELS[request.kind],
      dueDate: this.clocks.of(request).dueDate,
    });
  }

  /**
   * The one function that emails a confirmation link (at intake, and when staff resend it).
   * Call inside the caller's transaction.
   */
  async sendVerificationLink(actor: Actor, request: PrivacyRequest, token: string): Promise<void> {
    const message = await this.mail.queueVerification({
      to: request.requesterEmail,
      reference: request.reference,
      token,
      expiresAt: request.verificationExpiresAt!,
      requestId: request.id,
      actor,
    });
    await this.events.record(
      actor,
      request,
      'email_sent',
      mailEventSummary('verification', message.status),
      { mail: { id: message.id, status: message.status } },
    );
  }
}
