import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  addDays,
  CLOSED_LEGAL_PROCESS_STATUSES,
  computeLegalProcessClock,
  countOf,
  dateInZone,
  deadlineState,
  endOfDay,
  explainGag,
  fieldLabelOf,
  fourEyesRefusal,
  isGagInForce,
  isIsoDate,
  LEGAL_PROCESS_STATUSES,
  LEGAL_PROCESS_TYPE_LABELS,
  LEGAL_PROCESS_TYPES,
  legalProcessActionsFor,
  REVIEW_STATUSES,
  periodEndProblem,
  reviewActionsFor,
} from '@privacy-desk/shared';
import type { DueStateDto, LegalProcessDto, ReviewStateDto } from '@privacy-desk/shared';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import {
  conflict,
  notFound,
  staleVersion,
  validationError,
} from '../common/errors/domain-errors.js';
import { parseListQuery, takeFilterKey } from '../common/list/list-query.js';
import type { ListSpec, RawListParams } from '../common/list/list-query.js';
import { ReferenceNumbers } from '../common/references/reference-numbers.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { DisclosureRepository } from '../disclosures/disclosure.repository.js';
import { LegalProcess } from './legal-process.entity.js';
import type { CreateLegalProcessDto, UpdateLegalProcessDto } from './legal-process.dto.js';
import { LegalProcessRepository } from './legal-process.repository.js';
import { ONE_OF_THE_CHOICES, YES_OR_NO, anId } from '../common/errors/messages.js';

export const LEGAL_PROCESS_LIST_SPEC: ListSpec = {
  sortable: {
    reference: 'reference',
    receivedAt: 'receivedAt',
    responseDueAt: 'responseDueAt',
    status: 'status',
    type: 'type',
  },
  filterable: {
    q: {
      column: 'reference',
      kind: 'search',
      columns: ['reference', 'caseNumber', 'issuingAuthority'],
    },
    type: { column: 'type', kind: 'exact', values: LEGAL_PROCESS_TYPES },
    status: { column: 'status', kind: 'exact', values: LEGAL_PROCESS_STATUSES },
    reviewStatus: { column: 'reviewStatus', kind: 'exact', values: REVIEW_STATUSES },
    id: { column: 'id', kind: 'exact' },
  },
  defaultSort: ['responseDueAt', 'ASC'],
};

const VIEWS = ['overdue', 'due_soon', 'all'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How far ahead of the server's clock a receipt time may be (clock skew). */
const RECEIPT_SKEW_MS = 60_000;

const REQUIRED_ON_RECORD = [
  'type',
  'issuingAuthority',
  'jurisdiction',
  'receivedAt',
  'responseDueOn',
  'subjectIds',
  'dataCategories',
] as const;

/** Only these statuses may be edited (before a response); a returned response too. */
const EDITABLE_STATUSES = ['received', 'under_review'];

/** Recording, editing, reading and presenting legal process. */
@Injectable()
export class LegalProcessService {
  constructor(
    private readonly processes: LegalProcessRepository,
    private readonly disclosures: DisclosureRepository,
    private readonly references: ReferenceNumbers,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get settings() {
    return this.config.clockSettings;
  }

  /** Today (YYYY-MM-DD) in the desk's time zone. */
  today(): string {
    return dateInZone(this.clock.now(), this.settings.timeZone);
  }

  // ---- Reading ------------------------------------------------------------------------------

  list(params: RawListParams) {
    const view = takeFilterKey(params, 'view');
    if (view.present && !VIEWS.includes(view.value as (typeof VIEWS)[number]))
      throw validationError({ 'filter.view': ONE_OF_THE_CHOICES.message });
    const gag = takeFilterKey(view.rest, 'gag');
    if (gag.present && ![true, false, 'true', 'false'].includes(gag.value as string))
      throw validationError({ 'filter.gag': YES_OR_NO.message });
    const subject = takeFilterKey(gag.rest, 'subjectId');
    if (subject.present && (typeof subject.value !== 'string' || !UUID.test(subject.value)))
      throw validationError({ 'filter.subjectId': anId('a subject').message });
    const query = parseListQuery(subject.rest, LEGAL_PROCESS_LIST_SPEC);
    const today = this.today();
    return this.processes.findPage(query, {
      view: view.present ? (view.value as (typeof VIEWS)[number]) : 'all',
      now: this.clock.now(),
      dueSoonBefore: endOfDay(addDays(today, this.settings.dueSoonDays), this.settings.timeZone),
      gag: gag.present ? gag.value === true || gag.value === 'true' : undefined,
      today,
      subjectId: subject.present ? (subject.value as string) : undefined,
    });
  }

  async get(id: string): Promise<LegalProcess> {
    const process = await this.processes.findById(id);
    if (!process) throw notFound('Legal process');
    return process;
  }

  // ---- Recording and editing ----------------------------------------------------------------

  async record(actor: Actor, input: CreateLegalProcessDto): Promise<LegalProcess> {
    const missing: Record<string, string> = {};
    for (const field of REQUIRED_ON_RECORD)
      if (input[field] === undefined) missing[field] = 'is required';
    if (Object.keys(missing).length) throw validationError(missing);
    return this.tx.run(async () => {
      const now = this.clock.now();
      const receivedAt = this.receivedAtFrom(input.receivedAt);
      const fields = this.checkedFields(input, receivedAt);
      const subjectIds = await this.checkedSubjects(input.subjectIds);
      const year = Number(dateInZone(receivedAt, this.settings.timeZone).slice(0, 4));
      const process = Object.assign(new LegalProcess(), {
        id: randomUUID(),
        reference: await this.references.next('LP', year),
        type: input.type,
        status: 'received',
        outcome: null,
        issuingAuthority: input.issuingAuthority,
        requestingAgency: input.requestingAgency || null,
        requestingOfficer: input.requestingOfficer || null,
        identityVerification: input.identityVerification?.trim() || null,
        jurisdiction: input.jurisdiction,
        caseNumber: input.caseNumber || null,
        receivedAt,
        ...fields,
        dataCategories: [...new Set(input.dataCategories)],
        notes: input.notes?.trim() || null,
        legalReviewerId: null,
        responseSummary: null,
        respondedAt: null,
        respondedById: null,
        reviewStatus: null,
        reviewedById: null,
        reviewedAt: null,
        reviewNote: null,
        gagLapseHandledAt: null,
        recordedById: actor.id ?? '',
        closedAt: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      } satisfies LegalProcess);
      await this.processes.insert(process, subjectIds);
      await this.audit.record(actor, {
        action: 'legal_process.recorded',
        entityType: 'legal_process',
        entityId: process.id,
        summary:
          `Recorded ${process.reference} (${LEGAL_PROCESS_TYPE_LABELS[process.type]}, ${countOf(subjectIds.length, 'subject')}, due ${input.responseDueOn}` +
          (process.gagOrder
            ? `, gag order ${process.gagUntil ? `until ${process.gagUntil}` : 'indefinite'})`
            : ')'),
      });
      return process;
    });
  }

  async update(actor: Actor, id: string, input: UpdateLegalProcessDto): Promise<LegalProcess> {
    return this.tx.run(async () => {
      const process = await this.get(id);
      const returned = process.reviewStatus === 'returned';
      if (!EDITABLE_STATUSES.includes(process.status) && !returned) {
        throw conflict(
          process.reviewStatus === 'approved'
            ? `${process.reference} was approved and can no longer change; record a new entry to correct it`
            : `${process.reference} is ${process.status} and can no longer be edited`,
          'not_editable',
        );
      }
      if (process.version !== input.version) throw staleVersion('This legal process');
      if (input.responseSummary !== undefined && !returned)
        throw validationError({
          responseSummary: 'can be corrected only after compliance returned the response',
        });
      const receivedAt =
        input.receivedAt !== undefined ? this.receivedAtFrom(input.receivedAt) : process.receivedAt;
      const merged = {
        responseDueOn: input.responseDueOn ?? this.dueDateOf(process),
        periodStart: input.periodStart !== undefined ? input.periodStart : process.periodStart,
        periodEnd: input.periodEnd !== undefined ? input.periodEnd : process.periodEnd,
        gagOrder: input.gagOrder ?? process.gagOrder,
        gagUntil:
          input.gagUntil !== undefined
            ? input.gagUntil
            : input.gagOrder === false
              ? null
              : process.gagUntil,
      };
      const fields = this.checkedFields(merged, receivedAt);
      const changes: string[] = [];
      if (input.subjectIds !== undefined) {
        const wanted = await this.checkedSubjects(input.subjectIds);
        const current = (await this.processes.subjectsOf(process.id)).map((s) => s.subjectId);
        const added = wanted.filter((s) => !current.includes(s));
        const removed = current.filter((s) => !wanted.includes(s));
        await this.processes.addSubjects(process.id, added);
        await this.processes.removeSubjects(process.id, removed);
        if (added.length || removed.length)
          changes.push(`subjects +${added.length}/-${removed.length}`);
      }
      const text = (value: string | null | undefined, current: string | null) =>
        value === undefined ? current : value?.trim() || null;
      const next: Partial<LegalProcess> = {
        type: input.type ?? process.type,
        issuingAuthority: input.issuingAuthority ?? process.issuingAuthority,
        requestingAgency: text(input.requestingAgency, process.requestingAgency),
        requestingOfficer: text(input.requestingOfficer, process.requestingOfficer),
        identityVerification: text(input.identityVerification, process.identityVerification),
        jurisdiction: input.jurisdiction ?? process.jurisdiction,
        caseNumber: text(input.caseNumber, process.caseNumber),
        receivedAt,
        ...fields,
        dataCategories: input.dataCategories
          ? [...new Set(input.dataCategories)]
          : process.dataCategories,
        notes: text(input.notes, process.notes),
        responseSummary: text(input.responseSummary, process.responseSummary),
      };
      for (const [key, value] of Object.entries(next)) {
        const before = (process as unknown as Record<string, unknown>)[key];
        if (JSON.stringify(before) !== JSON.stringify(value)) changes.push(key);
      }
      Object.assign(process, next, { updatedAt: this.clock.now() });
      if (!(await this.processes.saveVersioned(process))) throw staleVersion('This legal process');
      await this.audit.record(actor, {
        action: 'legal_process.updated',
        entityType: 'legal_process',
        entityId: process.id,
        summary: `${process.reference}: edited (${changes.map(fieldLabelOf).join(', ') || 'no change'})`,
      });
      return process;
    });
  }

  /** A staff-entered receipt: a date (today means now) or an instant; never in the future. */
  private receivedAtFrom(value: string): Date {
    const today = this.today();
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      if (!isIsoDate(value)) throw validationError({ receivedAt: 'is not a real date' });
      if (value > today)
        throw validationError({
          receivedAt: `cannot be in the future (today is ${today} in ${this.settings.timeZone})`,
        });
      if (value === today) return this.clock.now();
      return new Date(endOfDay(addDays(value, -1), this.settings.timeZone).getTime() + 1);
    }
    const at = new Date(value);
    if (Number.isNaN(at.getTime())) throw validationError({ receivedAt: 'is not a real date' });
    if (at.getTime() > this.clock.nowMs() + RECEIPT_SKEW_MS)
      throw validationError({ receivedAt: 'cannot be in the future' });
    return at;
  }

  /** The date rules: due date, period and gag order, each a 422 naming its field. */
  private checkedFields(
    input: {
      responseDueOn?: string;
      periodStart?: string | null;
      periodEnd?: string | null;
      gagOrder?: boolean;
      gagUntil?: string | null;
    },
    receivedAt: Date,
  ) {
    const problems: Record<string, string> = {};
    const receivedOn = dateInZone(receivedAt, this.settings.timeZone);
    const due = input.responseDueOn!;
    if (!isIsoDate(due)) problems.responseDueOn = 'is not a real date';
    else if (due < receivedOn)
      problems.responseDueOn = `must not be before the day it was received (${receivedOn})`;
    for (const field of ['periodStart', 'periodEnd'] as const) {
      const value = input[field];
      if (value && !isIsoDate(value)) problems[field] = 'is not a real date';
    }
    const periodProblem = periodEndProblem(input.periodStart, input.periodEnd);
    if (periodProblem) problems.periodEnd = periodProblem;
    const gagOrder = input.gagOrder ?? false;
    if (input.gagUntil && !gagOrder)
      problems.gagUntil = 'can be set only when a gag order is attached';
    else if (input.gagUntil && !isIsoDate(input.gagUntil)) problems.gagUntil = 'is not a real date';
    if (Object.keys(problems).length) throw validationError(problems);
    return {
      responseDueAt: endOfDay(due, this.settings.timeZone),
      periodStart: input.periodStart || null,
      periodEnd: input.periodEnd || null,
      gagOrder,
      gagUntil: gagOrder ? input.gagUntil || null : null,
    };
  }

  /** The subjects named, each existing: a 422 on `subjectIds` otherwise. */
  private async checkedSubjects(ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
    const found = new Set((await this.processes.existingSubjects(unique)).map((s) => s.id));
    const unknown = unique.filter((id) => !found.has(id));
    if (unknown.length)
      throw validationError({
        subjectIds: `${unknown.length} of these ${unknown.length === 1 ? 'is' : 'are'} not a known subject: ${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? ', …' : ''}`,
      });
    return unique;
  }

  // ---- Presenting ---------------------------------------------------------------------------

  dueDateOf(process: LegalProcess): string {
    return dateInZone(process.responseDueAt, this.settings.timeZone);
  }

  dueState(process: LegalProcess, now = this.clock.now()): DueStateDto {
    const clock = computeLegalProcessClock(
      { receivedAt: process.receivedAt, responseDueOn: this.dueDateOf(process) },
      this.settings,
    );
    return {
      dueDate: clock.dueDate,
      deadline: CLOSED_LEGAL_PROCESS_STATUSES.includes(process.status)
        ? null
        : deadlineState(clock, now, this.settings),
      explanation: clock.explanation,
    };
  }

  /** Why this user may not approve the response (four eyes), or null. */
  approvalBlockedReason(process: LegalProcess, actor: Actor): string | null {
    const reviewerId = actor.id ?? '';
    const refusal = fourEyesRefusal(reviewerId, { recordedById: process.recordedById });
    if (refusal) return refusal;
    return process.respondedById === reviewerId
      ? 'You recorded the response to this legal process; a different compliance officer must review it.'
      : null;
  }

  private reviewState(
    process: LegalProcess,
    actor: Actor,
    names: Map<string, string>,
  ): ReviewStateDto | null {
    if (!process.reviewStatus) return null;
    const blocked = this.approvalBlockedReason(process, actor);
    const actions = actor.role ? reviewActionsFor(actor.role, process.reviewStatus) : [];
    return {
      status: process.reviewStatus,
      reviewedBy: process.reviewedById
        ? { id: process.reviewedById, name: names.get(process.reviewedById) ?? '' }
        : null,
      reviewedAt: process.reviewedAt?.toISOString() ?? null,
      note: process.reviewNote,
      actions: blocked ? actions.filter((a) => a !== 'approve') : actions,
      approvalBlockedReason: blocked,
    };
  }

  /** The API shape, for the caller; `detail` adds the subjects and produced disclosures. */
  async present(
    processes: LegalProcess[],
    actor: Actor,
    detail = false,
  ): Promise<LegalProcessDto[]> {
    const names = await this.processes.userNames(
      processes.flatMap((p) => [p.recordedById, p.legalReviewerId, p.reviewedById]),
    );
    const counts = await this.processes.subjectCounts(processes.map((p) => p.id));
    const now = this.clock.now();
    const today = this.today();
    const out: LegalProcessDto[] = [];
    for (const p of processes) {
      const terms = { gagOrder: p.gagOrder, gagUntil: p.gagUntil };
      const dto: LegalProcessDto = {
        id: p.id,
        reference: p.reference,
        type: p.type,
        status: p.status,
        outcome: p.outcome,
        issuingAuthority: p.issuingAuthority,
        requestingAgency: p.requestingAgency,
        requestingOfficer: p.requestingOfficer,
        identityVerification: p.identityVerification,
        jurisdiction: p.jurisdiction,
        caseNumber: p.caseNumber,
        receivedAt: p.receivedAt.toISOString(),
        responseDueOn: this.dueDateOf(p),
        due: this.dueState(p, now),
        subjectCount: counts.get(p.id) ?? 0,
        dataCategories: p.dataCategories,
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        notes: p.notes,
        legalReviewer: p.legalReviewerId
          ? { id: p.legalReviewerId, name: names.get(p.legalReviewerId) ?? '' }
          : null,
        responseSummary: p.responseSummary,
        respondedAt: p.respondedAt?.toISOString() ?? null,
        gag: {
          ...terms,
          inForce: isGagInForce(terms, today),
          explanation: explainGag(terms, today),
        },
        review: this.reviewState(p, actor, names),
        recordedBy: { id: p.recordedById, name: names.get(p.recordedById) ?? '' },
        actions:
          actor.role && p.reviewStatus !== 'approved'
            ? legalProcessActionsFor(actor.role, p.status)
            : [],
        createdAt: p.createdAt.toISOString(),
        updatedAt: p.updatedAt.toISOString(),
        version: p.version,
      };
      if (detail) {
        const links = await this.processes.subjectsOf(p.id);
        const subjects = new Map(
          (await this.processes.existingSubjects(links.map((l) => l.subjectId))).map((s) => [
            s.id,
            s,
          ]),
        );
        const requests = await this.processes.requestReferences(
          links.map((l) => l.noticeRequestId).filter((id): id is string => !!id),
        );
        dto.subjects = links.map((l) => ({
          id: l.subjectId,
          name: subjects.get(l.subjectId)?.name ?? '',
          email: subjects.get(l.subjectId)?.email ?? '',
          noticeRequest: l.noticeRequestId
            ? { id: l.noticeRequestId, reference: requests.get(l.noticeRequestId) ?? '' }
            : null,
          notifiedAt: l.notifiedAt?.toISOString() ?? null,
        }));
        dto.disclosures = (await this.disclosures.findByLegalProcess(p.id)).map((d) => ({
          id: d.id,
          reference: d.reference,
        }));
      }
      out.push(dto);
    }
    return out;
  }
}
