import { randomUUID } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  dateInZone,
  JURISDICTION_LABELS,
  labelOf,
  REQUEST_CHANNEL_LABELS,
  REQUEST_KIND_LABELS,
  REQUEST_STATUS_LABELS,
} from '@privacy-desk/shared';
import type { Jurisdiction, RequestChannel, RequestKind } from '@privacy-desk/shared';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { randomToken, sha256Hex } from '../common/crypto/secrets.js';
import { staleVersion, validationError } from '../common/errors/domain-errors.js';
import { Clock } from '../common/clock/clock.js';
import { ReferenceNumbers } from '../common/references/reference-numbers.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import type { Subject } from '../subjects/subject.entity.js';
import { SubjectsService } from '../subjects/subjects.service.js';
import { normaliseEmail } from '../users/users.service.js';
import type { GagNoticePayload } from './kinds/index.js';
import { RequestKinds } from './kinds/index.js';
import { PrivacyRequest } from './privacy-request.entity.js';
import { optOutScopesOf, RequestClocks } from './request-clock.js';
import { RequestEvents } from './request-events.js';
import { RequestMailer } from './request-mailer.js';
import { validatePayload } from './request-payloads.js';
import { RequestRepository } from './request.repository.js';

export interface NewRequest {
  kind: RequestKind;
  channel: RequestChannel;
  jurisdiction?: Jurisdiction;
  requesterName: string;
  requesterEmail: string;
  receivedAt: Date;
  payload: unknown;
  subjectId?: string | null;
  enteredById?: string | null;
  /** `unverified` for public submissions awaiting the emailed link; `new` otherwise. */
  status: 'unverified' | 'new';
  /** Email the requester (acknowledgement or verification link). */
  notifyRequester: boolean;
}

export type VerifyOutcome =
  | { outcome: 'verified'; request: PrivacyRequest }
  | { outcome: 'already_verified'; request: PrivacyRequest }
  | { outcome: 'expired' }
  | { outcome: 'invalid' };

/**
 * How a request enters the queue: from any channel, through verification, or queued by the
 * system (a minor's review, a lapsed gag order's notice). Whenever a request becomes `new`,
 * its kind's `onNew` runs in the same transaction.
 */
@Injectable()
export class RequestIntakeService implements OnModuleInit {
  constructor(
    private readonly requests: RequestRepository,
    private readonly subjects: SubjectsService,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly events: RequestEvents,
    private readonly mailer: RequestMailer,
    private readonly references: ReferenceNumbers,
    private readonly kinds: RequestKinds,
    private readonly clocks: RequestClocks,
  ) {}

  /** How long an emailed confirmation link works, from the configuration. */
  get verificationLinkHours(): number {
    return this.config.env.VERIFICATION_LINK_HOURS;
  }

  get verificationLinkMs(): number {
    return this.verificationLinkHours * 3_600_000;
  }

  onModuleInit(): void {
    this.subjects.onMinorDetected((subject, actor) => this.queueMinorReview(subject, actor));
  }

  /** Creates a request from any channel; returns it and, for public submissions, the verification token. */
  async create(
    actor: Actor,
    input: NewRequest,
  ): Promise<{ request: PrivacyRequest; verificationToken?: string }> {
    const payload = validatePayload(input.kind, input.payload);
    const requesterEmail = normaliseEmail(input.requesterEmail);
    const settings = this.config.clockSettings;
    return this.tx.run(async () => {
      let subjectId: string | null = null;
      if (input.subjectId) {
        subjectId = (
          await this.subjects.get(input.subjectId).catch(() => {
            throw validationError({ subjectId: 'This subject does not exist' });
          })
        ).id;
      } else if (input.status === 'new') {
        subjectId = (await this.subjects.findByEmail(requesterEmail))?.id ?? null;
      }
      const now = this.clock.now();
      const year = Number(dateInZone(input.receivedAt, settings.timeZone).slice(0, 4));
      const reference = await this.references.next('PR', year);
      const jurisdiction = input.jurisdiction ?? this.config.env.DEFAULT_JURISDICTION;
      // Computed once: the acknowledgement and the caller's answer read it back from RequestClocks.
      const clock = this.clocks.forInput({
        jurisdiction,
        kind: input.kind,
        receivedAt: input.receivedAt,
        optOutScopes: optOutScopesOf(input.kind, payload),
      });
      let verificationToken: string | undefined;
      const request: PrivacyRequest = Object.assign(new PrivacyRequest(), {
        id: randomUUID(),
        reference,
        kind: input.kind,
        channel: input.channel,
        jurisdiction,
        status: input.status,
        requesterName: input.requesterName.trim(),
        requesterEmail,
        subjectId,
        assigneeId: null,
        assignmentKind: null,
        leaseExpiresAt: null,
        receivedAt: input.receivedAt,
        dueAt: clock.dueAt,
        extendedAt: null,
        extensionReason: null,
        resolution: null,
        reason: null,
        denialReason: null,
        payload: JSON.stringify(payload),
        duplicateOfId: null,
        enteredById: input.enteredById ?? null,
        verificationTokenHash: null,
        verificationExpiresAt: null,
        verifiedAt: input.status === 'new' ? now : null,
        closedAt: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      if (input.status === 'unverified') {
        verificationToken = randomToken();
        request.verificationTokenHash = sha256Hex(verificationToken);
        request.verificationExpiresAt = new Date(now.getTime() + this.verificationLinkMs);
      }
      const duplicate = await this.requests.findOpenDuplicate(
        requesterEmail,
        input.kind,
        request.id,
      );
      if (duplicate) request.duplicateOfId = duplicate.id;
      await this.requests.insert(request);

      await this.events.record(
        actor,
        request,
        'created',
        `Received by ${input.channel.replace('_', ' ')}; ${clock.explanation}`,
      );
      if (duplicate) {
        await this.events.record(
          actor,
          request,
          'duplicate_linked',
          `Likely duplicate of ${duplicate.reference} (same email and kind, still open)`,
        );
        await this.events.record(
          actor,
          duplicate,
          'duplicate_linked',
          `${reference} looks like a duplicate of this request`,
        );
      }
      if (subjectId)
        await this.events.record(
          actor,
          request,
          'subject_linked',
          'Linked to the subject with this email',
        );
      await this.audit.record(actor, {
        action: 'request.created',
        entityType: 'request',
        entityId: request.id,
        summary: `Created ${reference} (${labelOf(REQUEST_KIND_LABELS, input.kind)}, ${labelOf(REQUEST_CHANNEL_LABELS, input.channel)}, ${labelOf(JURISDICTION_LABELS, jurisdiction)}), status ${labelOf(REQUEST_STATUS_LABELS, input.status)}`,
      });
      if (request.status === 'new') await this.joinedQueue(actor, request);
      if (input.notifyRequester) {
        if (verificationToken) {
          await this.mailer.sendVerificationLink(actor, request, verificationToken);
        } else {
          await this.mailer.sendAcknowledgement(actor, request);
        }
      }
      return { request, verificationToken };
    });
  }

  /** Follows the emailed link: the request joins the queue and the requester is acknowledged. */
  async verify(token: string): Promise<VerifyOutcome> {
    const hash = sha256Hex(token);
    return this.tx.run(async () => {
      const request = await this.requests.findByVerificationHash(hash);
      if (!request) return { outcome: 'invalid' };
      if (request.status !== 'unverified') return { outcome: 'already_verified', request };
      if (
        !request.verificationExpiresAt ||
        request.verificationExpiresAt.getTime() < this.clock.nowMs()
      ) {
        return { outcome: 'expired' };
      }
      const actor: Actor = { type: 'system', id: null, label: 'requester (email link)' };
      const now = this.clock.now();
      request.status = 'new';
      request.verifiedAt = now;
      request.verificationTokenHash = null;
      request.verificationExpiresAt = null;
      request.updatedAt = now;
      await this.saveVerified(actor, request, async () => {
        await this.events.record(
          actor,
          request,
          'verified',
          'The requester confirmed their email address',
          { from: 'unverified', to: 'new' },
        );
        await this.audit.record(actor, {
          action: 'request.verified',
          entityType: 'request',
          entityId: request.id,
          summary: `${request.reference} verified by the requester's emailed link`,
        });
      });
      return { outcome: 'verified', request };
    });
  }

  /**
   * A verified request (by the emailed link, or staff's Mark verified) joins the queue: it is
   * linked to the subject with this email, if any, and saved. Then the requester is
   * acknowledged. Inside the caller's transaction; the caller writes its own event and audit.
   */
  async saveVerified(actor: Actor, request: PrivacyRequest, verifiedEvent: () => Promise<unknown>) {
    const linked = !request.subjectId;
    if (linked)
      request.subjectId = (await this.subjects.findByEmail(request.requesterEmail))?.id ?? null;
    if (!(await this.requests.saveVersioned(request))) throw staleVersion('This request');
    await verifiedEvent();
    if (linked && request.subjectId)
      await this.events.record(
        actor,
        request,
        'subject_linked',
        'Linked to the subject with this verified email',
      );
    await this.joinedQueue(actor, request);
    await this.mailer.sendAcknowledgement(actor, request);
  }

  /** The kind's work that needs no staff step (an opt-out's suppression). */
  private async joinedQueue(actor: Actor, request: PrivacyRequest): Promise<void> {
    await this.kinds.of(request.kind).onNew?.({ actor, request, now: this.clock.now() });
  }

  private async queueMinorReview(subject: Subject, actor: Actor): Promise<void> {
    await this.create(actor, {
      kind: 'minor_review',
      channel: 'staff',
      requesterName: subject.name,
      requesterEmail: subject.email,
      receivedAt: this.clock.now(),
      payload: {
        note: 'Date of birth shows the subject is under 18; the policy says no data from minors.',
      },
      subjectId: subject.id,
      status: 'new',
      notifyRequester: false,
    });
  }

  /**
   * Queues the staff task to tell a subject of legal process whose gag order lapsed (inside
   * the caller's transaction). Completing it sends the notice through the outbox.
   */
  async queueGagNotice(
    actor: Actor,
    subject: Pick<Subject, 'id' | 'name' | 'email'>,
    payload: GagNoticePayload,
  ): Promise<PrivacyRequest> {
    const { request } = await this.create(actor, {
      kind: 'gag_notice',
      channel: 'staff',
      requesterName: subject.name,
      requesterEmail: subject.email,
      receivedAt: this.clock.now(),
      payload,
      subjectId: subject.id,
      status: 'new',
      notifyRequester: false,
    });
    return request;
  }
}
