import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  checkDisclosureBasis,
  countOf,
  DISCLOSURE_BASIS_LABELS,
  findReviewTransition,
  fourEyesRefusal,
  hasPermission,
  isEditableReviewStatus,
  isGagInForce,
  isIsoDate,
  reviewActionsFor,
  reviewActionsFrom,
} from '@privacy-desk/shared';
import type { DisclosureDto, ReviewAction, ReviewStateDto, Role } from '@privacy-desk/shared';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import {
  ApiError,
  conflict,
  notFound,
  staleVersion,
  validationError,
} from '../common/errors/domain-errors.js';
import { parseListQuery, takeFilterKey } from '../common/list/list-query.js';
import type { ListQuery, ListSpec, Page, RawListParams } from '../common/list/list-query.js';
import { ReferenceNumbers } from '../common/references/reference-numbers.js';
import { TransactionService } from '../database/transaction.service.js';
import type { LegalProcess } from '../legal-process/legal-process.entity.js';
import { DeskCalendar } from './desk-calendar.js';
import { DisclosureLookups } from './disclosure-lookups.repository.js';
import { DisclosureSubject } from './disclosure-subject.entity.js';
import { Disclosure } from './disclosure.entity.js';
import type {
  DisclosureFieldsDto,
  RecordDisclosureDto,
  UpdateDisclosureDto,
} from './disclosure.dto.js';
import { DisclosureRepository } from './disclosure.repository.js';
import type { DisclosureListExtras } from './disclosure.repository.js';
import { PartnerSharingOptOuts } from './partner-sharing-opt-outs.js';
import { REVIEW_STATUSES, DISCLOSURE_BASES, RECIPIENT_TYPES } from '@privacy-desk/shared';

export const DISCLOSURE_LIST_SPEC: ListSpec = {
  sortable: {
    disclosedAt: 'disclosedAt',
    reference: 'reference',
    recipientName: 'recipientName',
    basis: 'basis',
    reviewStatus: 'reviewStatus',
    createdAt: 'createdAt',
    updatedAt: 'updatedAt',
  },
  filterable: {
    q: { column: 'reference', kind: 'search', columns: ['reference', 'recipientName'] },
    basis: { column: 'basis', kind: 'exact', values: DISCLOSURE_BASES },
    recipientType: { column: 'recipientType', kind: 'exact', values: RECIPIENT_TYPES },
    reviewStatus: { column: 'reviewStatus', kind: 'exact', values: REVIEW_STATUSES },
    disclosedFrom: { column: 'disclosedAt', kind: 'gte' },
    disclosedTo: { column: 'disclosedAt', kind: 'lte' },
    legalProcessId: { column: 'legalProcessId', kind: 'exact' },
    aggregated: { column: 'aggregated', kind: 'boolean' },
    amendsId: { column: 'amendsId', kind: 'exact' },
    // Answered through other tables (see DisclosureRepository.findPage).
    subjectId: { column: 'subjectId', kind: 'exact' },
    gag: { column: 'gag', kind: 'boolean' },
  },
  defaultSort: ['disclosedAt', 'DESC'],
};

const FOUR_EYES = 'four_eyes';

/**
 * The disclosure log: recording, editing while under review, compliance review with four
 * eyes, and amendments. An approved record never changes again through any route.
 */
@Injectable()
export class DisclosuresService {
  constructor(
    private readonly disclosures: DisclosureRepository,
    private readonly lookups: DisclosureLookups,
    private readonly optOuts: PartnerSharingOptOuts,
    private readonly references: ReferenceNumbers,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly calendar: DeskCalendar,
  ) {}

  // ---- reading ------------------------------------------------------------------------------

  list(params: RawListParams): Promise<Page<Disclosure>> {
    const { query, extras } = this.listQuery(params);
    return this.disclosures.findPage(query, extras);
  }

  /**
   * A batch of the CSV export in the list's shape, as far as the export's columns go
   * (EXPORT_COLUMNS.disclosures): the same filters and order as `list`, one statement a batch.
   */
  async exportPage(params: RawListParams): Promise<Page<DisclosureExportDto>> {
    const { query, extras } = this.listQuery(params);
    const page = await this.disclosures.findExportPage(query, extras);
    const today = this.calendar.today();
    return {
      ...page,
      rows: page.rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        disclosedAt: isoInstant(r.disclosedAt),
        recipientName: r.recipientName,
        recipientType: r.recipientType,
        basis: r.basis,
        purpose: r.purpose,
        dataCategories: JSON.parse(r.dataCategories) as string[],
        subjectCount: Number(r.subjectCount),
        aggregated: Boolean(r.aggregated),
        legalProcess:
          r.legalProcessReference !== null ? { reference: r.legalProcessReference } : null,
        gagged:
          r.legalProcessReference !== null &&
          gagInForce({ gagOrder: Boolean(r.gagOrder), gagUntil: r.gagUntil }, today),
        review: { status: r.reviewStatus },
        amends: r.amendsReference !== null ? { reference: r.amendsReference } : null,
        recordedBy: { name: r.recordedByName ?? 'Unknown user' },
        createdAt: isoInstant(r.createdAt),
      })),
    };
  }

  private listQuery(params: RawListParams): { query: ListQuery; extras: DisclosureListExtras } {
    const query = parseListQuery(params, DISCLOSURE_LIST_SPEC);
    const extras: DisclosureListExtras = {};
    query.filters = query.filters.filter((filter) => {
      if (filter.spec.column === 'subjectId') {
        extras.subjectIds = filter.value as string[];
        return false;
      }
      if (filter.spec.column === 'gag') {
        extras.gag = { inForce: filter.value === true, today: this.calendar.today() };
        return false;
      }
      return true;
    });
    // A date filter names whole desk days: "to" includes the whole of its day.
    for (const filter of query.filters) {
      if (filter.spec.kind === 'lte' && filter.spec.column === 'disclosedAt') {
        const raw = this.rawFilterValue(params, 'disclosedTo');
        if (isIsoDate(raw))
          filter.value = new Date(this.calendar.startOf(raw).getTime() + 86_400_000 - 1);
      }
      if (filter.spec.kind === 'gte' && filter.spec.column === 'disclosedAt') {
        const raw = this.rawFilterValue(params, 'disclosedFrom');
        if (isIsoDate(raw)) filter.value = this.calendar.startOf(raw);
      }
    }
    return { query, extras };
  }

  private rawFilterValue(params: RawListParams, key: string): unknown {
    return takeFilterKey(params, key).value;
  }

  async get(id: string): Promise<Disclosure> {
    const disclosure = await this.disclosures.findById(id);
    if (!disclosure) throw notFound('Disclosure');
    return disclosure;
  }

  /** Throws 409 when the disclosure is approved (for every route that would change it). */
  async assertChangeable(id: string): Promise<Disclosure> {
    const disclosure = await this.get(id);
    if (!isEditableReviewStatus(disclosure.reviewStatus))
      throw conflict(
        `${disclosure.reference} is approved and can no longer change; record an amendment instead`,
        'disclosure_approved',
      );
    return disclosure;
  }

  // ---- writing ------------------------------------------------------------------------------

  async record(actor: Actor, body: RecordDisclosureDto): Promise<Disclosure> {
    return this.tx.run(async () => {
      const now = this.calendar.now();
      if (body.amendsId) {
        const original = await this.disclosures.findById(body.amendsId);
        if (!original) throw validationError({ amendsId: 'No such disclosure.' });
        if (original.reviewStatus !== 'approved')
          throw validationError({
            amendsId: `${original.reference} is not approved yet: correct it instead of amending it.`,
          });
      }
      const subjects = await this.checkBasis(body);
      const disclosure = new Disclosure();
      Object.assign(disclosure, this.fields(body), {
        id: randomUUID(),
        reference: await this.references.next('DL', Number(this.calendar.today().slice(0, 4))),
        reviewStatus: 'pending_review',
        reviewedById: null,
        reviewedAt: null,
        reviewNote: null,
        amendsId: body.amendsId ?? null,
        recordedById: actor.id!,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      await this.disclosures.insert(disclosure, this.links(disclosure.id, subjects));
      await this.audit.record(actor, {
        action: body.amendsId ? 'disclosure.amendment_recorded' : 'disclosure.recorded',
        entityType: 'disclosure',
        entityId: disclosure.id,
        summary: `Recorded ${disclosure.reference} (${DISCLOSURE_BASIS_LABELS[disclosure.basis]}, ${countOf(subjects.length, 'subject')})${body.amendsId ? ` amending ${body.amendsId}` : ''}`,
      });
      return disclosure;
    });
  }

  async update(actor: Actor, id: string, body: UpdateDisclosureDto): Promise<Disclosure> {
    return this.tx.run(async () => {
      const disclosure = await this.assertChangeable(id);
      if (disclosure.version !== body.version) throw staleVersion('This disclosure');
      const subjects = await this.checkBasis(body);
      Object.assign(disclosure, this.fields(body), { updatedAt: this.calendar.now() });
      if (!(await this.disclosures.updateVersioned(disclosure)))
        throw staleVersion('This disclosure');
      await this.disclosures.replaceSubjects(disclosure.id, this.links(disclosure.id, subjects));
      await this.audit.record(actor, {
        action: 'disclosure.updated',
        entityType: 'disclosure',
        entityId: disclosure.id,
        summary: `Edited ${disclosure.reference} while under review`,
      });
      return disclosure;
    });
  }

  async review(
    actor: Actor,
    id: string,
    action: ReviewAction,
    input: { version: number; reason?: string },
  ): Promise<Disclosure> {
    return this.tx.run(async () => {
      const disclosure = await this.get(id);
      const transition = findReviewTransition(disclosure.reviewStatus, action);
      if (!transition) {
        const allowed = reviewActionsFrom(disclosure.reviewStatus);
        throw conflict(
          disclosure.reviewStatus === 'approved'
            ? `${disclosure.reference} is approved and can no longer change; record an amendment instead`
            : `Cannot ${action} a disclosure that is ${disclosure.reviewStatus}; allowed: ${allowed.join(', ') || 'none'}`,
          disclosure.reviewStatus === 'approved' ? 'disclosure_approved' : 'invalid_transition',
        );
      }
      if (disclosure.version !== input.version) throw staleVersion('This disclosure');
      const reason = input.reason?.trim();
      if (transition.requires.includes('reason') && !reason)
        throw validationError({ reason: 'Say what must be corrected.' });
      if (action === 'approve') {
        const refusal = await this.fourEyes(actor.id!, disclosure);
        if (refusal) throw new ApiError(403, FOUR_EYES, refusal);
      }
      const now = this.calendar.now();
      disclosure.reviewStatus = transition.to;
      disclosure.updatedAt = now;
      if (action === 'resubmit') {
        // The previous reviewer's note stays until a new decision replaces it.
      } else {
        disclosure.reviewedById = actor.id;
        disclosure.reviewedAt = now;
        disclosure.reviewNote = reason || null;
      }
      if (!(await this.disclosures.updateVersioned(disclosure)))
        throw staleVersion('This disclosure');
      await this.audit.record(actor, {
        action: `disclosure.${action === 'approve' ? 'approved' : action === 'return' ? 'returned' : 'resubmitted'}`,
        entityType: 'disclosure',
        entityId: disclosure.id,
        summary: `${action === 'approve' ? 'Approved' : action === 'return' ? 'Returned' : 'Resubmitted'} ${disclosure.reference}`,
      });
      return disclosure;
    });
  }

  /** Why this reviewer may not approve the disclosure, or null. */
  async fourEyes(reviewerId: string, disclosure: Disclosure): Promise<string | null> {
    const flagIds = (await this.disclosures.subjectsOf([disclosure.id]))
      .map((s) => s.violationFlagId)
      .filter((f): f is string => !!f);
    const flags = await this.lookups.flags(flagIds);
    return fourEyesRefusal(reviewerId, {
      recordedById: disclosure.recordedById,
      flagDeciderIds: flags.flatMap((f) => [f.decidedById, f.appealDecidedById]),
    });
  }

  private fields(body: DisclosureFieldsDto) {
    const consent = body.basis === 'consent';
    return {
      aggregated: body.aggregated ?? false,
      recipientName: body.recipientName,
      recipientType: body.recipientType,
      recipientAddress: body.recipientAddress?.trim() || null,
      basis: body.basis,
      purpose: body.purpose,
      dataCategories: [...new Set(body.dataCategories)],
      disclosedAt: this.calendar.instantFor(body.disclosedAt),
      legalProcessId: body.legalProcessId ?? null,
      consentRequestId: consent ? (body.consentRequestId ?? null) : null,
      consentDocumentSha256: consent ? body.consentDocumentSha256?.trim() || null : null,
      consentNote: consent ? body.consentNote?.trim() || null : null,
      consentGivenOn: consent && body.consentNote?.trim() ? (body.consentGivenOn ?? null) : null,
    };
  }

  private links(
    disclosureId: string,
    subjects: { subjectId: string; violationFlagId?: string | null }[],
  ) {
    return subjects.map((s) =>
      Object.assign(new DisclosureSubject(), {
        disclosureId,
        subjectId: s.subjectId,
        violationFlagId: s.violationFlagId ?? null,
      }),
    );
  }

  /** Looks up the facts the basis rules need, runs the shared rules, 422 on any error. */
  private async checkBasis(body: DisclosureFieldsDto) {
    const subjects = body.subjects ?? [];
    const subjectIds = subjects.map((s) => s.subjectId);
    const known = await this.lookups.subjects(subjectIds);
    const input = {
      basis: body.basis,
      aggregated: body.aggregated ?? false,
      subjects,
      dataCategories: body.dataCategories,
      disclosedOn: body.disclosedAt,
      legalProcessId: body.legalProcessId,
      consentRequestId: body.consentRequestId,
      consentDocumentSha256: body.consentDocumentSha256,
      consentNote: body.consentNote,
      consentGivenOn: body.consentGivenOn,
    };
    const confirmed =
      body.basis === 'tos_violation' ? await this.lookups.confirmedFlagsOf(subjectIds) : [];
    const confirmedFlagsBySubject: Record<string, string[]> = Object.fromEntries(
      subjectIds.map((id) => [id, []]),
    );
    for (const flag of confirmed) confirmedFlagsBySubject[flag.subjectId]?.push(flag.id);
    const errors = checkDisclosureBasis(input, {
      today: this.calendar.today(),
      knownSubjectIds: known.map((s) => s.id),
      subjectLabels: Object.fromEntries(known.map((s) => [s.id, s.name])),
      confirmedFlagsBySubject,
      partnerSharingOptOuts:
        body.basis === 'partner_marketing' ? [...(await this.optOuts.optedOut(subjectIds))] : [],
      legalProcessExists: body.legalProcessId
        ? (await this.lookups.legalProcesses([body.legalProcessId])).length === 1
        : undefined,
      consentRequestExists: body.consentRequestId
        ? (await this.lookups.requests([body.consentRequestId])).length === 1
        : undefined,
      consentDocumentExists:
        body.consentDocumentSha256 && /^[0-9a-f]{64}$/.test(body.consentDocumentSha256)
          ? await this.lookups.documentExists(body.consentDocumentSha256)
          : undefined,
    });
    if (body.basis !== 'legal_process' && body.legalProcessId && !errors.legalProcessId) {
      if ((await this.lookups.legalProcesses([body.legalProcessId])).length !== 1)
        errors.legalProcessId = 'No such legal-process record.';
    }
    if (Object.keys(errors).length) throw validationError(errors);
    return subjects;
  }

  // ---- presenting ---------------------------------------------------------------------------

  /** The API shape; `detail` adds subjects, amendments and the cited flags. */
  async present(rows: Disclosure[], actor: Actor, detail = false): Promise<DisclosureDto[]> {
    const ids = rows.map((d) => d.id);
    const links = await this.disclosures.subjectsOf(ids);
    const flagIds = links.map((l) => l.violationFlagId).filter((f): f is string => !!f);
    const flags = new Map((await this.lookups.flags(flagIds)).map((f) => [f.id, f]));
    const subjects = detail
      ? new Map((await this.lookups.subjects(links.map((l) => l.subjectId))).map((s) => [s.id, s]))
      : new Map();
    const lps = new Map(
      (
        await this.lookups.legalProcesses(
          rows.map((d) => d.legalProcessId).filter((x): x is string => !!x),
        )
      ).map((lp) => [lp.id, lp]),
    );
    const amends = new Map(
      (
        await this.disclosures.findByIds(
          rows.map((d) => d.amendsId).filter((x): x is string => !!x),
        )
      ).map((d) => [d.id, d]),
    );
    const requests = new Map(
      (
        await this.lookups.requests(
          rows.map((d) => d.consentRequestId).filter((x): x is string => !!x),
        )
      ).map((r) => [r.id, r]),
    );
    const users = new Map(
      (
        await this.lookups.users([
          ...rows.map((d) => d.recordedById),
          ...rows.map((d) => d.reviewedById).filter((x): x is string => !!x),
        ])
      ).map((u) => [u.id, u]),
    );
    const today = this.calendar.today();
    const role = actor.role as Role | undefined;
    const result: DisclosureDto[] = [];
    for (const d of rows) {
      const own = links.filter((l) => l.disclosureId === d.id);
      const deciders = own
        .map((l) => (l.violationFlagId ? flags.get(l.violationFlagId) : undefined))
        .flatMap((f) => (f ? [f.decidedById, f.appealDecidedById] : []));
      const lp = d.legalProcessId ? lps.get(d.legalProcessId) : undefined;
      const amended = d.amendsId ? amends.get(d.amendsId) : undefined;
      const request = d.consentRequestId ? requests.get(d.consentRequestId) : undefined;
      const dto: DisclosureDto = {
        id: d.id,
        reference: d.reference,
        aggregated: d.aggregated,
        subjectCount: own.length,
        recipientName: d.recipientName,
        recipientType: d.recipientType,
        recipientAddress: d.recipientAddress,
        basis: d.basis,
        purpose: d.purpose,
        dataCategories: d.dataCategories,
        disclosedAt: d.disclosedAt.toISOString(),
        legalProcess: lp ? { id: lp.id, reference: lp.reference } : null,
        consentRequest: request ? { id: request.id, reference: request.reference } : null,
        consentDocumentSha256: d.consentDocumentSha256,
        consentNote: d.consentNote,
        consentGivenOn: d.consentGivenOn,
        gagged: lp ? gagInForce(lp, today) : false,
        review: this.reviewState(d, actor, role, deciders, users),
        amends: amended ? { id: amended.id, reference: amended.reference } : null,
        recordedBy: userRef(users, d.recordedById),
        createdAt: d.createdAt.toISOString(),
        updatedAt: d.updatedAt.toISOString(),
        version: d.version,
      };
      if (detail) {
        dto.subjects = own.map((l) => {
          const s = subjects.get(l.subjectId);
          const flag = l.violationFlagId ? flags.get(l.violationFlagId) : undefined;
          return {
            id: l.subjectId,
            name: s?.name ?? '',
            email: s?.email ?? '',
            violationFlag: flag ? { id: flag.id, reference: flag.reference } : null,
          };
        });
        dto.amendedBy = (await this.disclosures.findAmending(d.id)).map((a) => ({
          id: a.id,
          reference: a.reference,
          reviewStatus: a.reviewStatus,
        }));
      }
      result.push(dto);
    }
    return result;
  }

  private reviewState(
    d: Disclosure,
    actor: Actor,
    role: Role | undefined,
    flagDeciderIds: (string | null)[],
    users: Map<string, { id: string; name: string }>,
  ): ReviewStateDto {
    const refusal =
      role && hasPermission(role, 'disclosures.review') && actor.id
        ? fourEyesRefusal(actor.id, { recordedById: d.recordedById, flagDeciderIds })
        : null;
    const actions = role
      ? reviewActionsFor(role, d.reviewStatus).filter((a) => !(a === 'approve' && refusal))
      : [];
    return {
      status: d.reviewStatus,
      reviewedBy: d.reviewedById ? userRef(users, d.reviewedById) : null,
      reviewedAt: d.reviewedAt?.toISOString() ?? null,
      note: d.reviewNote,
      actions,
      approvalBlockedReason: d.reviewStatus === 'pending_review' ? refusal : null,
    };
  }
}

export function gagInForce(
  lp: Pick<LegalProcess, 'gagOrder' | 'gagUntil'>,
  today: string,
): boolean {
  return isGagInForce({ gagOrder: lp.gagOrder, gagUntil: lp.gagUntil }, today);
}

/** The fields of a disclosure that its CSV export shows, in the API's shape. */
export interface DisclosureExportDto {
  id: string;
  reference: string;
  disclosedAt: string;
  recipientName: string;
  recipientType: string;
  basis: string;
  purpose: string;
  dataCategories: string[];
  subjectCount: number;
  aggregated: boolean;
  legalProcess: { reference: string } | null;
  gagged: boolean;
  review: { status: string };
  amends: { reference: string } | null;
  recordedBy: { name: string };
  createdAt: string;
}

/** A raw timestamp as the API sends it: PostgreSQL gives a Date, SQLite UTC text. */
function isoInstant(value: Date | string): string {
  if (value instanceof Date) return value.toISOString();
  // TypeORM writes SQLite instants as `YYYY-MM-DD HH:mm:ss.SSS` in UTC: rewritten, not parsed.
  if (SQLITE_INSTANT.test(value)) return `${value.slice(0, 10)}T${value.slice(11)}Z`;
  return new Date(value.includes('T') ? value : `${value.replace(' ', 'T')}Z`).toISOString();
}

const SQLITE_INSTANT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;

function userRef(users: Map<string, { id: string; name: string }>, id: string) {
  return { id, name: users.get(id)?.name ?? 'Unknown user' };
}
