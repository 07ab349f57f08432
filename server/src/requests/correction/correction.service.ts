import { randomUUID } from 'node:crypto';
import { HttpException, Injectable } from '@nestjs/common';
import {
  CORRECTION_DECISION_LABELS,
  FOLLOW_UP_EXEMPTION_LABELS,
  compareDates,
  correctedFields,
  dateInZone,
  fieldsToTell,
  isIsoDate,
} from '@privacy-desk/shared';
import type { CorrectableField, CorrectionWorkDto } from '@privacy-desk/shared';
import { AuditService } from '../../audit/audit.service.js';
import type { Actor } from '../../auth/actor.js';
import { Clock } from '../../common/clock/clock.js';
import {
  ApiError,
  conflict,
  notFound,
  staleVersion,
  validationError,
} from '../../common/errors/domain-errors.js';
import { AppConfig } from '../../config/app-config.js';
import { TransactionService } from '../../database/transaction.service.js';
import { DisclosureRepository } from '../../disclosures/disclosure.repository.js';
import type { Subject } from '../../subjects/subject.entity.js';
import { SubjectsService } from '../../subjects/subjects.service.js';
import type { PrivacyRequest } from '../privacy-request.entity.js';
import { RequestEvents } from '../request-events.js';
import { RequestLeasePolicy } from '../request-lease.js';
import { RequestRepository } from '../request.repository.js';
import { RequestsService } from '../requests.service.js';
import type {
  ApplyCorrectionDto,
  CorrectionDecisionsDto,
  ResolveFollowUpDto,
} from './correction.dto.js';
import {
  CorrectionFieldDecision,
  CorrectionFollowUp,
  CorrectionReview,
} from './correction.entities.js';
import { CorrectionRepository } from './correction.repository.js';
import { CorrectionView, fieldLabel, requestedCorrections } from './correction-view.js';
import { A_DATE } from '../../common/errors/messages.js';

const FAR_PAST = new Date('1900-01-01T00:00:00Z');
const FAR_FUTURE = new Date('9999-12-31T00:00:00Z');

/**
 * Staff's work on a correction request: decide each field, apply the accepted values to the
 * subject, tell the recipients. Apply is an explicit staff action taken before completing;
 * completion is refused until it is done and every recipient is notified or exempt.
 */
@Injectable()
export class CorrectionService {
  constructor(
    private readonly reader: RequestsService,
    private readonly corrections: CorrectionRepository,
    private readonly view: CorrectionView,
    private readonly subjects: SubjectsService,
    private readonly disclosures: DisclosureRepository,
    private readonly audit: AuditService,
    private readonly events: RequestEvents,
    private readonly requests: RequestRepository,
    private readonly lease: RequestLeasePolicy,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async work(id: string): Promise<CorrectionWorkDto> {
    return this.view.work(await this.reader.get(id));
  }

  async letter(id: string) {
    return this.view.letterData(await this.reader.get(id));
  }

  /** Records decisions on some (or all) requested fields, and the evidence notes. */
  async decide(
    actor: Actor,
    id: string,
    input: CorrectionDecisionsDto,
  ): Promise<CorrectionWorkDto> {
    return this.tx.run(async () => {
      const request = await this.reader.get(id);
      const requested = requestedCorrections(request);
      this.assertWorkable(actor, request);
      const subject = await this.linkedSubject(request);
      let review = await this.corrections.findReview(request.id);
      if (review?.appliedAt) throw alreadyApplied();
      if ((review?.version ?? 0) !== input.version)
        throw staleVersion('These correction decisions');
      if (subject.version !== input.subjectVersion) throw subjectChanged();

      const errors: Record<string, string> = {};
      const now = this.clock.now();
      const rows: CorrectionFieldDecision[] = [];
      input.decisions.forEach((d, index) => {
        const at = `decisions.${index}`;
        const asked = requested.find((r) => r.field === d.field);
        if (!asked) {
          errors[`${at}.field`] = 'was not among the fields the person asked to correct';
          return;
        }
        if (rows.some((r) => r.field === d.field)) {
          errors[`${at}.field`] = 'is decided twice';
          return;
        }
        let value: string | null = null;
        if (d.decision === 'decline') {
          if (!d.reason) errors[`${at}.reason`] = 'is required to decline a field';
        } else {
          const raw = d.decision === 'accept' ? asked.requestedValue : (d.value ?? '');
          const checked = this.checkValue(d.field, raw);
          if (checked !== null && typeof checked === 'object') {
            errors[`${at}.value`] =
              d.decision === 'accept'
                ? `the requested value ${checked.message}; accept it with an edited value or decline it`
                : checked.message;
          } else value = checked;
        }
        rows.push(
          Object.assign(new CorrectionFieldDecision(), {
            id: randomUUID(),
            requestId: request.id,
            field: d.field,
            decision: d.decision,
            value,
            reason: d.reason || null,
            decidedById: actor.id!,
            decidedAt: now,
          }),
        );
      });
      if (Object.keys(errors).length) throw validationError(errors);

      if (!review) {
        review = Object.assign(new CorrectionReview(), {
          requestId: request.id,
          subjectId: subject.id,
          subjectVersion: subject.version,
          evidenceNotes: input.evidenceNotes?.trim() || null,
          appliedAt: null,
          appliedById: null,
          updatedAt: now,
          version: 1,
        });
        await this.corrections.insertReview(review);
      } else {
        review.subjectId = subject.id;
        review.subjectVersion = subject.version;
        if (input.evidenceNotes !== undefined)
          review.evidenceNotes = input.evidenceNotes?.trim() || null;
        review.updatedAt = now;
        if (!(await this.corrections.saveReviewVersioned(review)))
          throw staleVersion('These correction decisions');
      }
      for (const row of rows) {
        await this.corrections.putDecision(row);
        await this.audit.record(actor, {
          action: 'request.correction_decided',
          entityType: 'request',
          entityId: request.id,
          summary: `${request.reference}: ${fieldLabel(row.field)}: ${CORRECTION_DECISION_LABELS[row.decision].toLowerCase()}`,
        });
      }
      const summary = rows.length
        ? `Correction decisions: ${rows.map((r) => `${fieldLabel(r.field)} ${CORRECTION_DECISION_LABELS[r.decision].toLowerCase()}`).join('; ')}`
        : 'Correction evidence notes updated';
      await this.events.record(actor, request, 'correction_decided', summary);
      if (!rows.length)
        await this.audit.record(actor, {
          action: 'request.correction_notes',
          entityType: 'request',
          entityId: request.id,
          summary: `${request.reference}: correction evidence notes updated`,
        });
      await this.renewLease(actor, request);
      return this.view.work(request);
    });
  }

  /**
   * Applies the accepted values to the subject in one transaction with the field history
   * (reason: the request's reference), the follow-up for each approved disclosure that carried
   * a corrected field, the timeline event and the audit entry. A subject changed since the diff
   * was shown is a 409 `subject_changed`, and nothing changes.
   */
  async apply(actor: Actor, id: string, input: ApplyCorrectionDto): Promise<CorrectionWorkDto> {
    return this.tx.run(async () => {
      const request = await this.reader.get(id);
      const requested = requestedCorrections(request);
      this.assertWorkable(actor, request);
      const subject = await this.linkedSubject(request);
      const review = await this.corrections.findReview(request.id);
      if (review?.appliedAt) throw alreadyApplied();
      const decisions = review ? await this.corrections.decisionsOf(request.id) : [];
      const undecided = requested.filter((r) => !decisions.some((d) => d.field === r.field));
      if (!review || undecided.length)
        throw conflict(
          `Decide every field before applying: ${undecided.map((r) => fieldLabel(r.field)).join(', ')} still open`,
          'undecided_fields',
        );
      if (subject.version !== input.subjectVersion || subject.version !== review.subjectVersion)
        throw subjectChanged();

      const corrected = correctedFields(
        decisions.map((d) => ({ ...d, currentValue: subject[d.field] })),
      );
      const now = this.clock.now();
      if (corrected.length) {
        const values: Partial<Record<CorrectableField, string | null>> = {};
        for (const d of decisions) if (corrected.includes(d.field)) values[d.field] = d.value;
        await this.subjects.update(
          actor,
          subject.id,
          { ...values, version: subject.version } as never,
          request.reference,
        );
      }
      const followUps = await this.followUpsFor(request, subject, corrected, now);
      await this.corrections.insertFollowUps(followUps);
      review.appliedAt = now;
      review.appliedById = actor.id;
      review.updatedAt = now;
      if (!(await this.corrections.saveReviewVersioned(review)))
        throw staleVersion('These correction decisions');
      const changedText = corrected.length
        ? `changed ${corrected.map(fieldLabel).join(', ')}`
        : 'no field changed';
      await this.events.record(
        actor,
        request,
        'correction_applied',
        `Correction applied to the subject: ${changedText}; ${followUps.length} recipient(s) to notify`,
      );
      await this.audit.record(actor, {
        action: 'request.correction_applied',
        entityType: 'request',
        entityId: request.id,
        summary: `${request.reference}: correction applied to subject ${subject.id} (${changedText}; ${followUps.length} follow-up(s))`,
      });
      await this.renewLease(actor, request);
      return this.view.work(request);
    });
  }

  /** Marks one recipient notified (how, when) or exempt (GDPR Art. 19's two grounds). */
  async resolveFollowUp(
    actor: Actor,
    id: string,
    followUpId: string,
    input: ResolveFollowUpDto,
  ): Promise<CorrectionWorkDto> {
    return this.tx.run(async () => {
      const request = await this.reader.get(id);
      requestedCorrections(request);
      this.assertWorkable(actor, request);
      const followUp = await this.corrections.findFollowUp(request.id, followUpId);
      if (!followUp) throw notFound('Follow-up');
      if (followUp.status !== 'open')
        throw conflict('This recipient is already marked notified or exempt', 'follow_up_resolved');
      if (followUp.version !== input.version) throw staleVersion('This follow-up');
      const now = this.clock.now();
      const errors: Record<string, string> = {};
      let summary: string;
      if (input.outcome === 'notified') {
        const today = dateInZone(now, this.config.clockSettings.timeZone);
        if (!input.method) errors.method = 'is required: say how the recipient was told';
        if (!input.notifiedOn) errors.notifiedOn = 'is required';
        else if (!isIsoDate(input.notifiedOn)) errors.notifiedOn = A_DATE.message;
        else if (compareDates(input.notifiedOn, today) > 0)
          errors.notifiedOn = 'cannot be in the future';
        followUp.method = input.method ?? null;
        followUp.notifiedOn = input.notifiedOn ?? null;
        summary = `Recipient ${followUp.recipientName} told of the correction (${input.method}, ${input.notifiedOn})`;
      } else {
        if (!input.exemption) errors.exemption = 'is required: impossible or disproportionate';
        if (!input.explanation) errors.explanation = 'is required: explain why';
        followUp.exemption = input.exemption ?? null;
        followUp.explanation = input.explanation ?? null;
        summary = `Recipient ${followUp.recipientName} not told: ${input.exemption ? FOLLOW_UP_EXEMPTION_LABELS[input.exemption] : ''}`;
      }
      if (Object.keys(errors).length) throw validationError(errors);
      followUp.status = input.outcome;
      followUp.resolvedById = actor.id;
      followUp.resolvedAt = now;
      if (!(await this.corrections.saveFollowUpVersioned(followUp)))
        throw staleVersion('This follow-up');
      await this.events.record(actor, request, 'recipient_notified', summary, {
        body: input.outcome === 'exempt' ? (input.explanation ?? null) : null,
      });
      await this.audit.record(actor, {
        action: `request.recipient_${input.outcome}`,
        entityType: 'request',
        entityId: request.id,
        summary: `${request.reference}: ${followUp.disclosureReference} recipient ${input.outcome}`,
      });
      await this.renewLease(actor, request);
      return this.view.work(request);
    });
  }

  /** One follow-up per approved disclosure of the subject that carried a corrected field. */
  private async followUpsFor(
    request: PrivacyRequest,
    subject: Subject,
    corrected: CorrectableField[],
    now: Date,
  ): Promise<CorrectionFollowUp[]> {
    if (!corrected.length) return [];
    const all = await this.disclosures.findForSubject(subject.id, FAR_PAST, FAR_FUTURE);
    const approved = all.filter((d) => d.reviewStatus === 'approved');
    // A record corrected by an approved amendment is replaced by it: its recipient is told once.
    const superseded = await this.disclosures.supersededAmong(approved.map((d) => d.id));
    return approved
      .filter((d) => !superseded.has(d.id))
      .map((d) => ({ d, fields: fieldsToTell(d.dataCategories, corrected) }))
      .filter(({ fields }) => fields.length > 0)
      .map(({ d, fields }) =>
        Object.assign(new CorrectionFollowUp(), {
          id: randomUUID(),
          requestId: request.id,
          disclosureId: d.id,
          disclosureReference: d.reference,
          recipientName: d.recipientName,
          recipientType: d.recipientType,
          legalProcessId: d.legalProcessId,
          fields,
          status: 'open',
          method: null,
          notifiedOn: null,
          exemption: null,
          explanation: null,
          resolvedById: null,
          resolvedAt: null,
          createdAt: now,
          version: 1,
        }),
      );
  }

  /** The value as the subject's edit would store it, or the reason it is refused. */
  private checkValue(field: CorrectableField, raw: string): string | null | { message: string } {
    try {
      return this.subjects.checkFields({ [field]: raw })[field] ?? null;
    } catch (error) {
      if (error instanceof ApiError && error.errors)
        return { message: error.errors[field] ?? Object.values(error.errors)[0] ?? 'is not valid' };
      if (error instanceof HttpException) return { message: 'is not valid' };
      throw error;
    }
  }

  /** Like every write its holder makes on the request, the work renews the claim's lease. */
  private async renewLease(actor: Actor, request: PrivacyRequest): Promise<void> {
    const now = this.clock.now();
    if (!this.lease.renewOnWrite(request, actor, now)) return;
    request.updatedAt = now;
    if (!(await this.requests.saveVersioned(request))) throw staleVersion('This request');
  }

  /** Work on a correction happens while it is in progress, by its assignee. */
  private assertWorkable(actor: Actor, request: PrivacyRequest): void {
    if (request.status !== 'in_progress')
      throw conflict(
        `A correction can only be worked on while the request is in progress (it is ${request.status.replace(/_/g, ' ')})`,
        'not_in_progress',
      );
    if (request.assigneeId !== actor.id)
      throw conflict(
        'This request is assigned to someone else; ask a manager to reassign it',
        'not_assignee',
      );
  }

  private async linkedSubject(request: PrivacyRequest): Promise<Subject> {
    const subject = await this.view.subjectOf(request);
    if (!subject)
      throw conflict(
        'Link this request to its subject first: a correction is decided against the subject’s current values',
        'subject_not_linked',
      );
    return subject;
  }
}

const alreadyApplied = () =>
  conflict('This correction was already applied to the subject', 'already_applied');

const subjectChanged = () =>
  conflict(
    'The subject was changed since these values were shown; reload, check the decisions against the current values and try again',
    'subject_changed',
  );
