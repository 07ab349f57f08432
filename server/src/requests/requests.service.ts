import { Injectable } from '@nestjs/common';
import { actionsFor } from '@privacy-desk/shared';
import type { RequestAction, Role } from '@privacy-desk/shared';
import type { Actor } from '../auth/actor.js';
import { notFound, validationError } from '../common/errors/domain-errors.js';
import { parseListQuery, takeFilterKey } from '../common/list/list-query.js';
import type { ListSpec, RawListParams } from '../common/list/list-query.js';
import { Clock } from '../common/clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { SubjectsService } from '../subjects/subjects.service.js';
import type { PrivacyRequest } from './privacy-request.entity.js';
import type { ClockDto, RequestDto } from './request.dto.js';
import { parsedPayload, RequestClocks } from './request-clock.js';
import { RequestRepository } from './request.repository.js';
import type { QueueView } from './request.repository.js';
import { ONE_OF_THE_CHOICES } from '../common/errors/messages.js';

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

/** Reading requests: the queue's lists, one request, its timeline, and their API shape. */
@Injectable()
export class RequestsService {
  constructor(
    private readonly requests: RequestRepository,
    private readonly subjects: SubjectsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly clocks: RequestClocks,
  ) {}

  // ---- Reading ------------------------------------------------------------------------------

  async list(params: RawListParams, actor: Actor) {
    const requested = takeFilterKey(params, 'view');
    if (requested.present && !QUEUE_VIEWS.includes(requested.value as QueueView)) {
      throw validationError({ 'filter.view': ONE_OF_THE_CHOICES.message });
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

  /** The API shape of requests, for the caller's role (allowed actions) and with names looked up. */
  async present(requests: PrivacyRequest[], actor: Actor): Promise<RequestDto[]> {
    const names = await this.lookups(requests);
    const now = this.clock.now();
    return requests.map((r) => {
      const payload = parsedPayload(r) ?? null;
      const { clock, deadline, extensionBlockedReason } = this.clocks.stateOf(r, payload, now);
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
        legalDueDate: clock.legalDueDate,
        targetDate: clock.targetDate,
        dueAt: clock.dueAt.toISOString(),
        originalDueDate: clock.originalDueDate,
        acknowledgeBy: clock.acknowledgeBy ?? null,
        extendedAt: r.extendedAt?.toISOString() ?? null,
        extensionReason: r.extensionReason,
        deadline,
        clockExplanation: clock.explanation,
        extensionAvailable: extensionBlockedReason === null,
        payload,
        resolution: r.resolution,
        reason: r.reason,
        denialReason: r.denialReason,
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
    return this.clocks.present(await this.get(id));
  }
}
