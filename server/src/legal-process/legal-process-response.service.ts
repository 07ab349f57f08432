import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import {
  countOf,
  dateInZone,
  DISCLOSURE_BASIS_LABELS,
  findLegalProcessTransition,
  findReviewTransition,
  LEGAL_PROCESS_ACTION_LABELS,
  LEGAL_PROCESS_ACTIONS,
  LEGAL_PROCESS_OUTCOME_LABELS,
  LEGAL_PROCESS_STATUS_LABELS,
  legalProcessActionsFor,
  notPossibleNow,
  PRODUCING_OUTCOMES,
  RECIPIENT_TYPE_LABELS,
  REVIEW_ACTION_LABELS,
  REVIEW_ACTIONS,
  REVIEW_STATUS_LABELS,
  reviewActionsFor,
} from '@privacy-desk/shared';
import type { LegalProcessAction, ReviewAction } from '@privacy-desk/shared';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import {
  ApiError,
  conflict,
  forbidden,
  staleVersion,
  validationError,
} from '../common/errors/domain-errors.js';
import { ReferenceNumbers } from '../common/references/reference-numbers.js';
import { TransactionService } from '../database/transaction.service.js';
import { DisclosureRepository } from '../disclosures/disclosure.repository.js';
import { Disclosure } from '../disclosures/disclosure.entity.js';
import type { LegalProcess } from './legal-process.entity.js';
import type {
  LegalProcessActionDto,
  ProductionDto,
  ReturnReviewDto,
  ReviewVersionDto,
} from './legal-process.dto.js';
import { LegalProcessRepository } from './legal-process.repository.js';
import { LegalProcessService } from './legal-process.service.js';
import { oneOf } from '../common/errors/messages.js';

const DISCLOSURE_SKEW_MS = 60_000;
const words = (action: string) => action.replace('_', ' ');

/** The life cycle of legal process (review, response, production) and compliance review of it. */
@Injectable()
export class LegalProcessResponseService {
  constructor(
    private readonly service: LegalProcessService,
    private readonly processes: LegalProcessRepository,
    private readonly disclosures: DisclosureRepository,
    private readonly references: ReferenceNumbers,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
  ) {}

  /** Takes an action from the life-cycle table; a producing response records its disclosures. */
  async act(
    actor: Actor,
    id: string,
    action: string,
    input: LegalProcessActionDto,
  ): Promise<LegalProcess> {
    if (!LEGAL_PROCESS_ACTIONS.includes(action as LegalProcessAction))
      throw validationError({
        action: oneOf(LEGAL_PROCESS_ACTIONS, LEGAL_PROCESS_ACTION_LABELS).message,
      });
    const act = action as LegalProcessAction;
    return this.tx.run(async () => {
      const process = await this.service.get(id);
      const transition = findLegalProcessTransition(process.status, act);
      if (!transition || process.reviewStatus === 'approved') {
        const allowed =
          actor.role && process.reviewStatus !== 'approved'
            ? legalProcessActionsFor(actor.role, process.status)
            : [];
        throw new ApiError(
          HttpStatus.CONFLICT,
          'illegal_transition',
          notPossibleNow(
            LEGAL_PROCESS_ACTION_LABELS[act],
            'the legal process',
            LEGAL_PROCESS_STATUS_LABELS[process.status],
            allowed.map((a) => LEGAL_PROCESS_ACTION_LABELS[a]),
          ),
        );
      }
      if (!actor.role || !legalProcessActionsFor(actor.role, process.status).includes(act))
        throw forbidden(`Your role cannot ${words(act)} legal process`);
      if (process.version !== input.version) throw staleVersion('This legal process');
      const missing: Record<string, string> = {};
      for (const field of transition.requires) {
        const value = input[field];
        if (typeof value !== 'string' || value.trim() === '')
          missing[field] = 'is required for this action';
      }
      if (act === 'respond' && !input.responseSummary?.trim())
        missing.responseSummary = 'is required for this action';
      if (Object.keys(missing).length) throw validationError(missing);

      const now = this.clock.now();
      const from = process.status;
      const productions = input.productions ?? [];
      let detail = '';
      if (act !== 'respond' && productions.length)
        throw validationError({ productions: 'Only a response produces data' });
      switch (act) {
        case 'start_review': {
          const reviewer = await this.processes.findUser(input.legalReviewerId!);
          if (!reviewer || !reviewer.active)
            throw validationError({ legalReviewerId: 'must be an active user' });
          process.legalReviewerId = reviewer.id;
          detail = `; legal reviewer ${reviewer.id}`;
          break;
        }
        case 'respond': {
          const outcome = input.outcome!;
          if (outcome === 'rejected')
            throw validationError({ outcome: 'Use the Reject action to reject legal process' });
          const producing = PRODUCING_OUTCOMES.includes(outcome);
          if (producing && !productions.length)
            throw validationError({
              productions: `must list the data produced (at least one production) when the outcome is “${LEGAL_PROCESS_OUTCOME_LABELS[outcome]}”`,
            });
          if (!producing && productions.length)
            throw validationError({
              productions: `must be empty: the outcome “${LEGAL_PROCESS_OUTCOME_LABELS[outcome]}” produces no data`,
            });
          this.respondWith(process, actor, now, outcome, input.responseSummary!.trim());
          detail = `; outcome ${outcome}`;
          break;
        }
        case 'reject':
          this.respondWith(process, actor, now, 'rejected', input.reason!.trim());
          detail = '; outcome rejected';
          break;
        case 'withdraw':
          process.responseSummary = `Withdrawn by the requester: ${input.reason!.trim()}`;
          process.closedAt = now;
          break;
      }
      process.status = transition.to;
      process.updatedAt = now;
      if (!(await this.processes.saveVersioned(process))) throw staleVersion('This legal process');
      const produced: string[] = [];
      if (productions.length) {
        const named = new Set(
          (await this.processes.subjectsOf(process.id)).map((s) => s.subjectId),
        );
        for (const [index, production] of productions.entries())
          produced.push(await this.produce(actor, process, production, index, named, now));
      }
      await this.audit.record(actor, {
        action: `legal_process.${act}`,
        entityType: 'legal_process',
        entityId: process.id,
        summary:
          `${process.reference}: ${LEGAL_PROCESS_ACTION_LABELS[act]} (${LEGAL_PROCESS_STATUS_LABELS[from]} → ${LEGAL_PROCESS_STATUS_LABELS[transition.to]})${detail}` +
          (produced.length ? `; produced ${produced.join(', ')}` : ''),
      });
      return process;
    });
  }

  private respondWith(
    process: LegalProcess,
    actor: Actor,
    now: Date,
    outcome: LegalProcess['outcome'],
    summary: string,
  ) {
    process.outcome = outcome;
    process.responseSummary = summary;
    process.respondedAt = now;
    process.respondedById = actor.id;
    process.reviewStatus = 'pending_review';
    process.reviewedById = null;
    process.reviewedAt = null;
    process.reviewNote = null;
    process.closedAt = now;
  }

  /** One production: a disclosure record linked to the process, pending review, audited. */
  private async produce(
    actor: Actor,
    process: LegalProcess,
    production: ProductionDto,
    index: number,
    named: Set<string>,
    now: Date,
  ): Promise<string> {
    const at = `productions.${index}`;
    const problems: Record<string, string> = {};
    const subjectIds = [...new Set(production.subjectIds.map((id) => id.toLowerCase()))];
    if (subjectIds.some((id) => !named.has(id)))
      problems[`${at}.subjectIds`] = 'must be among the subjects this legal process names';
    const categories = [...new Set(production.dataCategories)];
    if (categories.some((c) => !process.dataCategories.includes(c)))
      problems[`${at}.dataCategories`] = 'must be among the data categories the process asks for';
    const disclosedAt = new Date(production.disclosedAt);
    if (Number.isNaN(disclosedAt.getTime()))
      problems[`${at}.disclosedAt`] = 'is not a real date and time';
    else if (disclosedAt.getTime() > now.getTime() + DISCLOSURE_SKEW_MS)
      problems[`${at}.disclosedAt`] = 'cannot be in the future';
    if (Object.keys(problems).length) throw validationError(problems);

    const year = Number(dateInZone(disclosedAt, this.service.settings.timeZone).slice(0, 4));
    const disclosure = Object.assign(new Disclosure(), {
      id: randomUUID(),
      reference: await this.references.next('DL', year),
      aggregated: false,
      recipientName: production.recipientName,
      recipientType: production.recipientType,
      recipientAddress: production.recipientAddress?.trim() || null,
      basis: 'legal_process',
      purpose: production.purpose.trim(),
      dataCategories: categories,
      disclosedAt,
      legalProcessId: process.id,
      consentRequestId: null,
      consentDocumentSha256: null,
      consentNote: null,
      consentGivenOn: null,
      reviewStatus: 'pending_review',
      reviewedById: null,
      reviewedAt: null,
      reviewNote: null,
      amendsId: null,
      recordedById: actor.id ?? '',
      createdAt: now,
      updatedAt: now,
      version: 1,
      purgedAt: null,
    } satisfies Disclosure);
    await this.disclosures.insert(
      disclosure,
      subjectIds.map((subjectId) => ({
        disclosureId: disclosure.id,
        subjectId,
        violationFlagId: null,
      })),
    );
    await this.audit.record(actor, {
      action: 'disclosure.recorded',
      entityType: 'disclosure',
      entityId: disclosure.id,
      summary: `Recorded ${disclosure.reference} (${DISCLOSURE_BASIS_LABELS.legal_process} ${process.reference}, ${countOf(subjectIds.length, 'subject')}, ${RECIPIENT_TYPE_LABELS[production.recipientType]})`,
    });
    return disclosure.reference;
  }

  /** Compliance review of the response, with four eyes. */
  async review(
    actor: Actor,
    id: string,
    action: ReviewAction,
    input: ReviewVersionDto | ReturnReviewDto,
  ): Promise<LegalProcess> {
    if (!REVIEW_ACTIONS.includes(action)) throw new Error(`unknown review action ${action}`);
    return this.tx.run(async () => {
      const process = await this.service.get(id);
      if (!process.reviewStatus)
        throw conflict(
          `${process.reference} has no response to review yet (it is ${process.status})`,
          'illegal_transition',
        );
      const transition = findReviewTransition(process.reviewStatus, action);
      if (!transition) {
        const allowed = actor.role ? reviewActionsFor(actor.role, process.reviewStatus) : [];
        throw new ApiError(
          HttpStatus.CONFLICT,
          'illegal_transition',
          notPossibleNow(
            REVIEW_ACTION_LABELS[action],
            'the response',
            REVIEW_STATUS_LABELS[process.reviewStatus],
            allowed.map((a) => REVIEW_ACTION_LABELS[a]),
          ),
        );
      }
      if (!actor.role || !reviewActionsFor(actor.role, process.reviewStatus).includes(action))
        throw forbidden(`Your role cannot ${action} legal-process responses`);
      if (action === 'approve') {
        const blocked = this.service.approvalBlockedReason(process, actor);
        if (blocked) throw forbidden(blocked, 'four_eyes');
      }
      if (process.version !== input.version) throw staleVersion('This legal process');
      const now = this.clock.now();
      const from = process.reviewStatus;
      process.reviewStatus = transition.to;
      process.updatedAt = now;
      if (action === 'resubmit') {
        process.reviewedById = null;
        process.reviewedAt = null;
      } else {
        process.reviewedById = actor.id;
        process.reviewedAt = now;
        process.reviewNote = action === 'return' ? (input as ReturnReviewDto).reason.trim() : null;
      }
      if (!(await this.processes.saveVersioned(process))) throw staleVersion('This legal process');
      await this.audit.record(actor, {
        action: `legal_process.review_${action}`,
        entityType: 'legal_process',
        entityId: process.id,
        summary: `${process.reference}: response ${action === 'return' ? 'returned' : `${action}d`} (${REVIEW_STATUS_LABELS[from]} → ${REVIEW_STATUS_LABELS[transition.to]})`,
      });
      return process;
    });
  }
}
