import { HttpStatus, Injectable } from '@nestjs/common';
import {
  actionsFor,
  findTransition,
  labelOf,
  notPossibleNow,
  REQUEST_ACTION_LABELS,
  REQUEST_STATUS_LABELS,
} from '@privacy-desk/shared';
import type { DenialReason, RequestAction, RequestEventType } from '@privacy-desk/shared';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import {
  ApiError,
  conflict,
  staleVersion,
  validationError,
} from '../common/errors/domain-errors.js';
import { Clock } from '../common/clock/clock.js';
import { TransactionService } from '../database/transaction.service.js';
import { SubjectsService } from '../subjects/subjects.service.js';
import { RequestKinds } from './kinds/index.js';
import type { PrivacyRequest } from './privacy-request.entity.js';
import type { RequestEvent } from './request-event.entity.js';
import { RequestClocks } from './request-clock.js';
import { RequestEvents } from './request-events.js';
import { RequestLeasePolicy } from './request-lease.js';
import { RequestMailer } from './request-mailer.js';
import { RequestRepository } from './request.repository.js';
import { RequestsService } from './requests.service.js';

export interface ActionInput {
  version: number;
  reason?: string;
  /** With `reason`, when rejecting: the structured code the reports group denials by. */
  denialReason?: DenialReason;
  message?: string;
  resolution?: string;
  assigneeId?: string;
}

/**
 * A request's life after intake: the actions of the shared life-cycle table, the deadline
 * extension, notes, the subject link and duplicates. Completing runs the kind's hooks.
 */
@Injectable()
export class RequestLifecycleService {
  constructor(
    private readonly reader: RequestsService,
    private readonly requests: RequestRepository,
    private readonly subjects: SubjectsService,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly clocks: RequestClocks,
    private readonly events: RequestEvents,
    private readonly mailer: RequestMailer,
    private readonly lease: RequestLeasePolicy,
    private readonly kinds: RequestKinds,
  ) {}

  /** Takes an action from the life-cycle table on one request. */
  async act(
    actor: Actor,
    id: string,
    action: RequestAction,
    input: ActionInput,
  ): Promise<PrivacyRequest> {
    return this.tx.run(async () => {
      const request = await this.reader.get(id);
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
      const allowed = this.reader.allowedActions(request, actor.role);
      throw new ApiError(
        HttpStatus.CONFLICT,
        'illegal_transition',
        notPossibleNow(
          labelOf(REQUEST_ACTION_LABELS, action),
          'the request',
          REQUEST_STATUS_LABELS[request.status],
          allowed.map((a) => REQUEST_ACTION_LABELS[a]),
        ),
      );
    }
    if (!actor.role || !actionsFor(actor.role, request.status).includes(action)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'forbidden',
        `Your role cannot take the action “${labelOf(REQUEST_ACTION_LABELS, action)}” on requests`,
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

  async apply(
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
    if (action === 'complete') await this.refuseBlockedCompletion(actor, request, now);
    const from = request.status;
    request.status = transition.to;
    request.updatedAt = now;
    let eventType: RequestEventType = 'status_changed';
    let summary = `${from} → ${transition.to}`;
    let body: string | null = null;
    /** After the status is saved and recorded: the kind's work and the requester's letter. */
    let afterSave: (() => Promise<void>) | undefined;

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
        afterSave = () =>
          this.mailer.send(actor, request, 'request_info', {
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
        afterSave = () => this.completeKind(actor, request, now);
        break;
      case 'reject':
        request.reason = input.reason!.trim();
        request.denialReason = input.denialReason ?? 'other';
        request.leaseExpiresAt = null;
        request.closedAt = now;
        body = request.reason;
        summary = 'Rejected';
        // An unverified address is not known to be the requester's: it gets no mail.
        if (from !== 'unverified')
          afterSave = () =>
            this.mailer.send(actor, request, 'rejection', {
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
    await this.events.record(actor, request, eventType, summary, { from, to: transition.to, body });
    await this.audit.record(actor, {
      action: `request.${action}`,
      entityType: 'request',
      entityId: request.id,
      summary: `${request.reference}: ${REQUEST_ACTION_LABELS[action]} (${REQUEST_STATUS_LABELS[from]} → ${REQUEST_STATUS_LABELS[transition.to]})`,
    });
    if (afterSave) await afterSave();
    return request;
  }

  async extend(
    actor: Actor,
    id: string,
    input: { version: number; reason: string },
  ): Promise<PrivacyRequest> {
    return this.tx.run(async () => {
      const request = await this.reader.get(id);
      if (request.version !== input.version) throw staleVersion('This request');
      const now = this.clock.now();
      const blocked = this.clocks.extensionBlockedReason(request, now);
      if (blocked)
        throw conflict(`The deadline cannot be extended: ${blocked}`, 'extension_not_allowed');
      request.extendedAt = now;
      request.extensionReason = input.reason.trim();
      const clock = this.clocks.of(request);
      request.dueAt = clock.dueAt;
      request.updatedAt = now;
      this.lease.renewOnWrite(request, actor, now);
      if (!(await this.requests.saveVersioned(request))) throw staleVersion('This request');
      await this.events.record(
        actor,
        request,
        'extended',
        `Deadline extended to ${clock.dueDate}`,
        {
          body: request.extensionReason,
        },
      );
      await this.audit.record(actor, {
        action: 'request.extended',
        entityType: 'request',
        entityId: request.id,
        summary: `${request.reference}: deadline extended from ${clock.originalDueDate} to ${clock.dueDate}`,
      });
      await this.mailer.send(actor, request, 'extension_notice', {
        reference: request.reference,
        reason: request.extensionReason,
        newDueDate: clock.dueDate,
      });
      return request;
    });
  }

  async addNote(actor: Actor, id: string, text: string): Promise<RequestEvent> {
    return this.tx.run(async () => {
      const request = await this.reader.get(id);
      const now = this.clock.now();
      if (this.lease.renewOnWrite(request, actor, now)) {
        request.updatedAt = now;
        if (!(await this.requests.saveVersioned(request))) throw staleVersion('This request');
      }
      const event = await this.events.record(actor, request, 'note', 'Internal note', {
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
      const request = await this.reader.get(id);
      if (request.version !== input.version) throw staleVersion('This request');
      const subject = await this.subjects.get(input.subjectId).catch(() => {
        throw validationError({ subjectId: 'This subject does not exist' });
      });
      request.subjectId = subject.id;
      request.updatedAt = this.clock.now();
      this.lease.renewOnWrite(request, actor, request.updatedAt);
      if (!(await this.requests.saveVersioned(request))) throw staleVersion('This request');
      await this.events.record(
        actor,
        request,
        'subject_linked',
        `Linked to a subject by ${actor.label}`,
      );
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
      const request = await this.reader.get(id);
      if (request.version !== input.version) throw staleVersion('This request');
      if (!request.duplicateOfId)
        throw conflict('This request is not marked as a likely duplicate', 'not_a_duplicate');
      const original = await this.reader.get(request.duplicateOfId);
      if (input.decision === 'keep') {
        request.duplicateOfId = null;
        request.updatedAt = this.clock.now();
        if (!(await this.requests.saveVersioned(request))) throw staleVersion('This request');
        await this.events.record(
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
      await this.events.record(
        actor,
        original,
        'merged',
        `${request.reference} was merged into this request`,
      );
      await this.events.record(actor, merged, 'merged', `Merged into ${original.reference}`);
      return merged;
    });
  }

  private async refuseBlockedCompletion(actor: Actor, request: PrivacyRequest, now: Date) {
    const blockers =
      (await this.kinds.of(request.kind).completionBlockers?.({ actor, request, now })) ?? [];
    if (blockers.length)
      throw conflict(
        `This request cannot be completed yet: ${blockers.join('; ')}`,
        'completion_blocked',
      );
  }

  /** The kind changes the records the person asked about, then sends its letter. */
  private async completeKind(actor: Actor, request: PrivacyRequest, now: Date): Promise<void> {
    const kind = this.kinds.of(request.kind);
    const context = { actor, request, now };
    await kind.onComplete?.(context);
    if (kind.completionLetter) await kind.completionLetter(context);
    else
      await this.mailer.send(actor, request, 'completion', {
        reference: request.reference,
        resolution: request.resolution!,
      });
  }
}
