import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import {
  actionsFor,
  checkExtension,
  computeClock,
  dateInZone,
  deadlineState,
  EXTENDABLE_STATUSES,
  findTransition,
  isClosed,
  REQUEST_KIND_LABELS,
} from '@privacy-desk/shared';
import type {
  Jurisdiction,
  RequestAction,
  RequestChannel,
  RequestKind,
  RequestEventType,
  Role,
} from '@privacy-desk/shared';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { SYSTEM_ACTOR } from '../auth/actor.js';
import { randomToken, sha256Hex } from '../common/crypto/secrets.js';
import {
  ApiError,
  conflict,
  notFound,
  staleVersion,
  validationError,
} from '../common/errors/domain-errors.js';
import { parseListQuery, takeFilterKey } from '../common/list/list-query.js';
import type { ListSpec, RawListParams } from '../common/list/list-query.js';
import { Clock } from '../common/clock/clock.js';
import { ReferenceNumbers } from '../common/references/reference-numbers.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { JobRunnerService } from '../jobs/job-runner.service.js';
import { MailService } from '../mail/mail.service.js';
import type { MailTemplate, MailTemplateData } from '../mail/templates.js';
import type { Subject } from '../subjects/subject.entity.js';
import { SubjectsService } from '../subjects/subjects.service.js';
import { normaliseEmail } from '../users/users.service.js';
import { PrivacyRequest } from './privacy-request.entity.js';
import type { ClockDto, RequestDto } from './request.dto.js';
import type { RequestEvent } from './request-event.entity.js';
import { RequestEvents, mailEventSummary } from './request-events.js';
import { RequestLeasePolicy } from './request-lease.js';
import { validatePayload } from './request-payloads.js';
import { RequestRepository } from './request.repository.js';
import type { QueueView } from './request.repository.js';

export const REQUEST_LIST_SPEC: ListSpec = {
  sortable: {
    dueAt: 'dueAt',
    receivedAt: 'receivedAt',
    reference: 'reference',
    status: 'status',
    updatedAt: 'updatedAt',
    kind: 'kind',
  },
  filterable: {
    status: { column: 'status', kind: 'exact' },
    kind: { column: 'kind', kind: 'exact' },
    channel: { column: 'channel', kind: 'exact' },
    jurisdiction: { column: 'jurisdiction', kind: 'exact' },
    assigneeId: { column: 'assigneeId', kind: 'exact' },
    subjectId: { column: 'subjectId', kind: 'exact' },
    id: { column: 'id', kind: 'exact' },
    q: {
      column: 'reference',
      kind: 'search',
      columns: ['reference', 'requesterName', 'requesterEmail'],
    },
  },
  defaultSort: ['dueAt', 'ASC'],
};

const QUEUE_VIEWS: readonly QueueView[] = ['mine', 'unassigned', 'overdue', 'due_soon', 'all'];
export const VERIFICATION_HOURS = 24;
export const LEASE_EXPIRY_JOB = 'requests.expire_leases';

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

export interface ActionInput {
  version: number;
  reason?: string;
  message?: string;
  resolution?: string;
  assigneeId?: string;
}

/** Called inside the transaction that completes a `gag_notice` request (the notice was sent). */
export type GagNoticeListener = (request: PrivacyRequest, actor: Actor) => Promise<void>;

/** What a `gag_notice` request carries: the legal process its subject is told about. */
export interface GagNoticePayload {
  legalProcessId: string;
  legalProcessReference: string;
  typeLabel: string;
  issuingAuthority: string;
  receivedOn: string;
}

export type BulkResult =
  { id: string; ok: true } | { id: string; ok: false; error: { code: string; message: string } };

export type VerifyOutcome =
  | { outcome: 'verified'; request: PrivacyRequest }
  | { outcome: 'already_verified'; request: PrivacyRequest }
  | { outcome: 'expired' }
  | { outcome: 'invalid' };

@Injectable()
export class RequestsService implements OnModuleInit {
  private readonly gagNoticeListeners: GagNoticeListener[] = [];

  constructor(
    private readonly requests: RequestRepository,
    private readonly subjects: SubjectsService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly config: AppConfig,
    private readonly jobs: JobRunnerService,
    private readonly clock: Clock,
    private readonly events: RequestEvents,
    private readonly lease: RequestLeasePolicy,
    private readonly references: ReferenceNumbers,
  ) {}

  onModuleInit(): void {
    this.subjects.onMinorDetected((subject, actor) => this.queueMinorReview(subject, actor));
    this.mail.onStatusChange((message) => this.events.mailStatusChanged(message));
    this.jobs.register(LEASE_EXPIRY_JOB, async () => {
      await this.expireLeases();
    });
    this.jobs.registerRecurring(LEASE_EXPIRY_JOB, 60_000);
  }

  // ---- Reading ------------------------------------------------------------------------------

  async list(params: RawListParams, actor: Actor) {
    const requested = takeFilterKey(params, 'view');
    if (requested.present && !QUEUE_VIEWS.includes(requested.value as QueueView)) {
      throw validationError({ 'filter.view': `must be one of: ${QUEUE_VIEWS.join(', ')}` });
    }
    const view = requested.present ? (requested.value as QueueView) : 'all';
    const query = parseListQuery(requested.rest, REQUEST_LIST_SPEC);
    const now = this.clock.now();
    const soon = new Date(now.getTime() + this.config.clockSettings.dueSoonDays * 86_400_000);
    return this.requests.findPage(query, {
      name: view,
      userId: actor.id ?? '',
      now,
      dueSoonBefore: soon,
    });
  }

  async get(id: string): Promise<PrivacyRequest> {
    const request = await this.requests.findById(id);
    if (!request) throw notFound('Request');
    return request;
  }

  clockOf(request: PrivacyRequest) {
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

  allowedActions(request: PrivacyRequest, role: Role | undefined): RequestAction[] {
    return role ? actionsFor(role, request.status) : [];
  }

  async timeline(id: string) {
    await this.get(id);
    return this.requests.timeline(id);
  }

  assignees() {
    return this.requests.activeStaff();
  }

  /** Names for ids shown beside requests (assignee, subject, duplicate reference). */
  async lookups(requests: PrivacyRequest[]) {
    const [users, references, subjectName] = await Promise.all([
      this.requests.userNames(requests.map((r) => r.assigneeId).filter((id): id is string => !!id)),
      this.requests.referencesOf(
        requests.map((r) => r.duplicateOfId).filter((id): id is string => !!id),
      ),
      this.subjects.namesOf(requests.map((r) => r.subjectId).filter((id): id is string => !!id)),
    ]);
    return {
      userName: new Map(users.map((u) => [u.id, u.name])),
      reference: new Map(references.map((r) => [r.id, r.reference])),
      subjectName,
    };
  }

  // ---- Intake -------------------------------------------------------------------------------

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
            throw validationError({ subjectId: 'no subject has this id' });
          })
        ).id;
      } else if (input.status === 'new') {
        subjectId = (await this.subjects.findByEmail(requesterEmail))?.id ?? null;
      }
      const now = this.clock.now();
      const year = Number(dateInZone(input.receivedAt, settings.timeZone).slice(0, 4));
      const reference = await this.references.next('PR', year);
      const jurisdiction = input.jurisdiction ?? this.config.env.DEFAULT_JURISDICTION;
      const clock = computeClock(
        { jurisdiction, kind: input.kind, receivedAt: input.receivedAt },
        settings,
      );
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
        request.verificationExpiresAt = new Date(now.getTime() + VERIFICATION_HOURS * 3_600_000);
      }
      const duplicate = await this.requests.findOpenDuplicate(
        requesterEmail,
        input.kind,
        request.id,
      );
      if (duplicate) request.duplicateOfId = duplicate.id;
      await this.requests.insert(request);

      await this.event(
        actor,
        request,
        'created',
        `Received by ${input.channel.replace('_', ' ')}; ${clock.explanation}`,
      );
      if (duplicate) {
        await this.event(
          actor,
          request,
          'duplicate_linked',
          `Likely duplicate of ${duplicate.reference} (same email and kind, still open)`,
        );
        await this.event(
          actor,
          duplicate,
          'duplicate_linked',
          `${reference} looks like a duplicate of this request`,
        );
      }
      if (subjectId)
        await this.event(actor, request, 'subject_linked', 'Linked to the subject with this email');
      await this.audit.record(actor, {
        action: 'request.created',
        entityType: 'request',
        entityId: request.id,
        summary: `Created ${reference} (${input.kind}, ${input.channel}, ${jurisdiction}) as ${input.status}`,
      });
      if (input.notifyRequester) {
        if (verificationToken) {
          await this.sendVerificationLink(actor, request, verificationToken);
        } else {
          await this.sendAcknowledgement(actor, request);
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
        await this.event(
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
      await this.event(
        actor,
        request,
        'subject_linked',
        'Linked to the subject with this verified email',
      );
    await this.sendAcknowledgement(actor, request);
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

  /** Runs when a `gag_notice` request is completed, in its transaction (records `notified_at`). */
  onGagNoticeCompleted(listener: GagNoticeListener): void {
    this.gagNoticeListeners.push(listener);
  }

  // ---- The life cycle -----------------------------------------------------------------------

  /** Takes an action from the life-cycle table on one request. */
  async act(
    actor: Actor,
    id: string,
    action: RequestAction,
    input: ActionInput,
  ): Promise<PrivacyRequest> {
    return this.tx.run(async () => {
      const request = await this.get(id);
      if (request.version !== input.version) throw staleVersion('This request');
      return this.apply(actor, request, action, input);
    });
  }

  /**
   * Refuses what the life-cycle table refuses: 409 `illegal_transition` from the wrong
   * status, 403 for a role without the permission, 422 for a missing required field.
   */
  guard(actor: Actor, request: PrivacyRequest, action: RequestAction, input: ActionInput) {
    const transition = findTransition(request.status, action);
    if (!transition || transition.allowedBy === 'requester') {
      const allowed = this.allowedActions(request, actor.role);
      throw new ApiError(
        HttpStatus.CONFLICT,
        'illegal_transition',
        `Cannot ${action.replace('_', ' ')} a request that is ${request.status}; allowed now: ${allowed.join(', ') || 'nothing'}`,
      );
    }
    if (!actor.role || !actionsFor(actor.role, request.status).includes(action)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'forbidden',
        `Your role cannot ${action.replace('_', ' ')} requests`,
      );
    }
    const missing: Record<string, string> = {};
    for (const field of transition.requires) {
      const value = input[field];
      if (typeof value !== 'string' || value.trim() === '')
        missing[field] = 'is required for this action';
    }
    if (Object.keys(missing).length) throw validationError(missing);
    return transition;
  }

  private async apply(
    actor: Actor,
    request: PrivacyRequest,
    action: RequestAction,
    input: ActionInput,
  ): Promise<PrivacyRequest> {
    const transition = this.guard(actor, request, action, input);

    const assigneeOnly =
      ['release', 'request_info', 'complete', 'reject', 'withdraw', 'resume'].includes(action) &&
      request.status !== 'new' &&
      request.status !== 'unverified';
    if (assigneeOnly && request.assigneeId !== actor.id) {
      throw conflict(
        'This request is assigned to someone else; ask a manager to reassign it',
        'not_assignee',
      );
    }

    const now = this.clock.now();
    const from = request.status;
    request.status = transition.to;
    request.updatedAt = now;
    let eventType: RequestEventType = 'status_changed';
    let summary = `${from} → ${transition.to}`;
    let body: string | null = null;
    let mail: (() => Promise<void>) | undefined;

    switch (action) {
      case 'claim':
        this.lease.hold(request, actor.id!, 'claim', now);
        eventType = 'claimed';
        summary = `Claimed by ${actor.label}; ${this.lease.ruleFor('claim')}`;
        break;
      case 'assign': {
        const assignee = await this.requests.findUser(input.assigneeId!);
        if (!assignee || !assignee.active || assignee.role !== 'staff') {
          throw validationError({ assigneeId: 'must be an active staff member' });
        }
        this.lease.hold(request, assignee.id, 'assignment', now);
        eventType = 'assigned';
        summary = `Assigned to ${assignee.name} by ${actor.label}; ${this.lease.ruleFor('assignment')}`;
        break;
      }
      case 'release':
        request.assigneeId = null;
        request.assignmentKind = null;
        request.leaseExpiresAt = null;
        eventType = 'released';
        summary = `Released back to the queue by ${actor.label}`;
        break;
      case 'request_info':
        request.leaseExpiresAt = null;
        body = input.message!.trim();
        summary = 'Asked the requester for information';
        mail = () =>
          this.sendMail(actor, request, 'request_info', {
            reference: request.reference,
            message: body!,
          });
        break;
      case 'resume':
        this.lease.resume(request, now);
        summary = 'Resumed work';
        break;
      case 'complete':
        request.resolution = input.resolution!.trim();
        request.leaseExpiresAt = null;
        request.closedAt = now;
        body = request.resolution;
        summary = 'Completed';
        mail =
          request.kind === 'gag_notice'
            ? () => this.sendGagNotice(actor, request)
            : () =>
                this.sendMail(actor, request, 'completion', {
                  reference: request.reference,
                  resolution: request.resolution!,
                });
        break;
      case 'reject':
        request.reason = input.reason!.trim();
        request.leaseExpiresAt = null;
        request.closedAt = now;
        body = request.reason;
        summary = 'Rejected';
        // An unverified address is not known to be the requester's: it gets no mail.
        if (from !== 'unverified')
          mail = () =>
            this.sendMail(actor, request, 'rejection', {
              reference: request.reference,
              reason: request.reason!,
            });
        break;
      case 'withdraw':
        request.leaseExpiresAt = null;
        request.closedAt = now;
        summary = 'Withdrawn at the requester’s wish';
        break;
      case 'verify':
      case 'resend_verification':
      case 'mark_verified':
        // Not through this path: the emailed link, and RequestVerificationService.
        throw new Error(`${action} is not taken through RequestsService.apply`);
    }
    if (!(await this.requests.saveVersioned(request))) throw staleVersion('This request');
    await this.event(actor, request, eventType, summary, { from, to: transition.to, body });
    await this.audit.record(actor, {
      action: `request.${action}`,
      entityType: 'request',
      entityId: request.id,
      summary: `${request.reference}: ${action.replace('_', ' ')} (${from} → ${transition.to})`,
    });
    if (mail) await mail();
    return request;
  }

  async extend(
    actor: Actor,
    id: string,
    input: { version: number; reason: string },
  ): Promise<PrivacyRequest> {
    return this.tx.run(async () => {
      const request = await this.get(id);
      if (request.version !== input.version) throw staleVersion('This request');
      const now = this.clock.now();
      const blocked = this.extensionBlockedReason(request, now);
      if (blocked)
        throw conflict(`The deadline cannot be extended: ${blocked}`, 'extension_not_allowed');
      request.extendedAt = now;
      request.extensionReason = input.reason.trim();
      const clock = this.clockOf(request);
      request.dueAt = clock.dueAt;
      request.updatedAt = now;
      this.lease.renewOnWrite(request, actor, now);
      if (!(await this.requests.saveVersioned(request))) throw staleVersion('This request');
      await this.event(actor, request, 'extended', `Deadline extended to ${clock.dueDate}`, {
        body: request.extensionReason,
      });
      await this.audit.record(actor, {
        action: 'request.extended',
        entityType: 'request',
        entityId: request.id,
        summary: `${request.reference}: deadline extended from ${clock.originalDueDate} to ${clock.dueDate}`,
      });
      await this.sendMail(actor, request, 'extension_notice', {
        reference: request.reference,
        reason: request.extensionReason,
        newDueDate: clock.dueDate,
      });
      return request;
    });
  }

  async addNote(actor: Actor, id: string, text: string): Promise<RequestEvent> {
    return this.tx.run(async () => {
      const request = await this.get(id);
      const now = this.clock.now();
      if (this.lease.renewOnWrite(request, actor, now)) {
        request.updatedAt = now;
        if (!(await this.requests.saveVersioned(request))) throw staleVersion('This request');
      }
      const event = await this.event(actor, request, 'note', 'Internal note', {
        body: text.trim(),
      });
      await this.audit.record(actor, {
        action: 'request.note_added',
        entityType: 'request',
        entityId: request.id,
        summary: `${request.reference}: internal note added`,
      });
      return event;
    });
  }

  async linkSubject(
    actor: Actor,
    id: string,
    input: { version: number; subjectId: string },
  ): Promise<PrivacyRequest> {
    return this.tx.run(async () => {
      const request = await this.get(id);
      if (request.version !== input.version) throw staleVersion('This request');
      const subject = await this.subjects.get(input.subjectId).catch(() => {
        throw validationError({ subjectId: 'no subject has this id' });
      });
      request.subjectId = subject.id;
      request.updatedAt = this.clock.now();
      this.lease.renewOnWrite(request, actor, request.updatedAt);
      if (!(await this.requests.saveVersioned(request))) throw staleVersion('This request');
      await this.event(actor, request, 'subject_linked', `Linked to a subject by ${actor.label}`);
      await this.audit.record(actor, {
        action: 'request.subject_linked',
        entityType: 'request',
        entityId: request.id,
        summary: `${request.reference}: linked to subject ${subject.id}`,
      });
      return request;
    });
  }

  /**
   * Settles a likely duplicate: `merge` closes it as rejected with a reason naming the
   * original (the requester is told); `keep` unlinks it so both are worked.
   */
  async resolveDuplicate(
    actor: Actor,
    id: string,
    input: { version: number; decision: 'merge' | 'keep' },
  ): Promise<PrivacyRequest> {
    return this.tx.run(async () => {
      const request = await this.get(id);
      if (request.version !== input.version) throw staleVersion('This request');
      if (!request.duplicateOfId)
        throw conflict('This request is not marked as a likely duplicate', 'not_a_duplicate');
      const original = await this.get(request.duplicateOfId);
      if (input.decision === 'keep') {
        request.duplicateOfId = null;
        request.updatedAt = this.clock.now();
        if (!(await this.requests.saveVersioned(request))) throw staleVersion('This request');
        await this.event(
          actor,
          request,
          'duplicate_linked',
          `Kept separate from ${original.reference} by ${actor.label}`,
        );
        await this.audit.record(actor, {
          action: 'request.duplicate_kept',
          entityType: 'request',
          entityId: request.id,
          summary: `${request.reference}: kept separate from ${original.reference}`,
        });
        return request;
      }
      const merged = await this.apply(actor, request, 'reject', {
        version: request.version,
        reason: `This is the same request as ${original.reference}, which we are already handling; we will answer you there.`,
      });
      await this.event(
        actor,
        original,
        'merged',
        `${request.reference} was merged into this request`,
      );
      await this.event(actor, merged, 'merged', `Merged into ${original.reference}`);
      return merged;
    });
  }

  // ---- The queue ----------------------------------------------------------------------------

  /** Atomically gives the caller the unassigned new request that is due soonest. */
  async claimNext(actor: Actor, kind?: RequestKind): Promise<PrivacyRequest> {
    await this.expireLeases();
    const claimed = await this.tx.run(async () => {
      const next = await this.requests.lockNextUnassigned(kind);
      if (!next) return null;
      return this.apply(actor, next, 'claim', { version: next.version });
    });
    if (!claimed) {
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        'queue_empty',
        kind
          ? `No unassigned ${REQUEST_KIND_LABELS[kind].toLowerCase()} request is waiting`
          : 'The queue is empty: no unassigned request is waiting',
      );
    }
    return claimed;
  }

  /** Returns in-progress requests whose lease ran out to the queue. */
  async expireLeases(): Promise<number> {
    const expired = await this.requests.findExpiredLeases(this.clock.now());
    let count = 0;
    for (const stale of expired) {
      await this.tx.run(async () => {
        const request = await this.requests.findById(stale.id);
        if (
          !request ||
          request.status !== 'in_progress' ||
          !request.leaseExpiresAt ||
          request.leaseExpiresAt > this.clock.now()
        )
          return;
        const previous = request.assigneeId;
        request.status = 'new';
        request.assigneeId = null;
        request.assignmentKind = null;
        request.leaseExpiresAt = null;
        request.updatedAt = this.clock.now();
        if (!(await this.requests.saveVersioned(request))) return;
        await this.event(
          SYSTEM_ACTOR,
          request,
          'lease_expired',
          `The claim's holder was not active in the console for ${this.lease.leaseMinutes} minutes: returned to the queue`,
          {
            from: 'in_progress',
            to: 'new',
          },
        );
        await this.audit.record(SYSTEM_ACTOR, {
          action: 'request.lease_expired',
          entityType: 'request',
          entityId: request.id,
          summary: `${request.reference}: lease of ${previous ?? 'nobody'} expired; back in the queue`,
        });
        count += 1;
      });
    }
    return count;
  }

  async bulk(
    actor: Actor,
    ids: string[],
    action: 'assign' | 'reject',
    input: Omit<ActionInput, 'version'>,
  ): Promise<BulkResult[]> {
    const results: BulkResult[] = [];
    for (const id of [...new Set(ids)]) {
      try {
        await this.tx.run(async () => {
          const request = await this.requests.findById(id);
          if (!request) throw notFound('Request');
          await this.apply(actor, request, action, { ...input, version: request.version });
        });
        results.push({ id, ok: true });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const body = error.getResponse() as {
          message: string;
          code: string;
          errors?: Record<string, string>;
        };
        const detail = body.errors
          ? `: ${Object.entries(body.errors)
              .map(([f, m]) => `${f} ${m}`)
              .join('; ')}`
          : '';
        results.push({
          id,
          ok: false,
          error: { code: body.code, message: `${body.message}${detail}` },
        });
      }
    }
    return results;
  }

  // ---- Helpers ------------------------------------------------------------------------------

  /** The notice of legal process, through the outbox; then the listeners record it. */
  private async sendGagNotice(actor: Actor, request: PrivacyRequest): Promise<void> {
    const payload = JSON.parse(request.payload) as GagNoticePayload;
    await this.sendMail(actor, request, 'legal_process_notice', {
      reference: request.reference,
      legalProcessReference: payload.legalProcessReference,
      typeLabel: payload.typeLabel,
      issuingAuthority: payload.issuingAuthority,
      receivedOn: payload.receivedOn,
    });
    for (const listener of this.gagNoticeListeners) await listener(request, actor);
  }

  private async sendAcknowledgement(actor: Actor, request: PrivacyRequest): Promise<void> {
    const clock = this.clockOf(request);
    await this.sendMail(actor, request, 'acknowledgement', {
      reference: request.reference,
      kindLabel: REQUEST_KIND_LABELS[request.kind],
      dueDate: clock.dueDate,
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
    await this.event(
      actor,
      request,
      'email_sent',
      mailEventSummary('verification', message.status),
      {
        mail: { id: message.id, status: message.status },
      },
    );
  }

  private async sendMail<K extends MailTemplate>(
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
    await this.event(actor, request, 'email_sent', mailEventSummary(template, message.status), {
      mail: { id: message.id, status: message.status },
    });
  }

  /** A line on the request's timeline (inside the caller's transaction). */
  event(
    actor: Actor,
    request: PrivacyRequest,
    type: RequestEventType,
    summary: string,
    extra: Parameters<RequestEvents['record']>[4] = {},
  ): Promise<RequestEvent> {
    return this.events.record(actor, request, type, summary, extra);
  }

  /** The API shape of requests, for the caller's role (allowed actions) and with names looked up. */
  async present(requests: PrivacyRequest[], actor: Actor): Promise<RequestDto[]> {
    const names = await this.lookups(requests);
    const now = this.clock.now();
    return requests.map((r) => {
      const clock = this.clockOf(r);
      return {
        id: r.id,
        reference: r.reference,
        kind: r.kind,
        channel: r.channel,
        jurisdiction: r.jurisdiction,
        status: r.status,
        requesterName: r.requesterName,
        requesterEmail: r.requesterEmail,
        subjectId: r.subjectId,
        subjectName: r.subjectId ? (names.subjectName.get(r.subjectId) ?? null) : null,
        assigneeId: r.assigneeId,
        assigneeName: r.assigneeId ? (names.userName.get(r.assigneeId) ?? null) : null,
        assignmentKind: r.assignmentKind,
        leaseExpiresAt: r.leaseExpiresAt?.toISOString() ?? null,
        receivedAt: r.receivedAt.toISOString(),
        dueDate: clock.dueDate,
        dueAt: clock.dueAt.toISOString(),
        originalDueDate: clock.originalDueDate,
        acknowledgeBy: clock.acknowledgeBy ?? null,
        extendedAt: r.extendedAt?.toISOString() ?? null,
        extensionReason: r.extensionReason,
        deadline: isClosed(r.status) ? null : deadlineState(clock, now, this.config.clockSettings),
        clockExplanation: clock.explanation,
        extensionAvailable: this.extensionBlockedReason(r, now) === null,
        payload: JSON.parse(r.payload) as unknown,
        resolution: r.resolution,
        reason: r.reason,
        duplicateOfId: r.duplicateOfId,
        duplicateOfReference: r.duplicateOfId
          ? (names.reference.get(r.duplicateOfId) ?? null)
          : null,
        enteredById: r.enteredById,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
        version: r.version,
        allowedActions: this.allowedActions(r, actor.role),
      };
    });
  }

  async presentClock(id: string): Promise<ClockDto> {
    const request = await this.get(id);
    const clock = this.clockOf(request);
    const blocked = this.extensionBlockedReason(request);
    return {
      explanation: clock.explanation,
      citation: clock.citation,
      receivedDate: clock.receivedDate,
      dueDate: clock.dueDate,
      originalDueDate: clock.originalDueDate,
      acknowledgeBy: clock.acknowledgeBy ?? null,
      deadline: isClosed(request.status)
        ? null
        : deadlineState(clock, this.clock.now(), this.config.clockSettings),
      extended: clock.extended,
      extensionAvailable: blocked === null,
      extensionBlockedReason: blocked,
    };
  }
}
