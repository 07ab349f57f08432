import { Injectable } from '@nestjs/common';
import {
  CORRECTABLE_FIELDS,
  correctionBlockers,
  DATA_CATEGORY_LABELS,
  dateInZone,
  isGagInForce,
} from '@privacy-desk/shared';
import type {
  CorrectableField,
  CorrectionFieldDto,
  CorrectionFollowUpDto,
  CorrectionWorkDto,
} from '@privacy-desk/shared';
import { conflict } from '../../common/errors/domain-errors.js';
import { Clock } from '../../common/clock/clock.js';
import { AppConfig } from '../../config/app-config.js';
import type { MailTemplateData } from '../../mail/templates.js';
import type { Subject } from '../../subjects/subject.entity.js';
import { SubjectsService } from '../../subjects/subjects.service.js';
import type { PrivacyRequest } from '../privacy-request.entity.js';
import type { CorrectionFieldDecision, CorrectionFollowUp } from './correction.entities.js';
import { CorrectionRepository } from './correction.repository.js';

export interface RequestedCorrection {
  field: CorrectableField;
  requestedValue: string;
  note: string | null;
}

/** The fields the person asked to correct (one per field; a later line for a field wins). */
export function requestedCorrections(request: PrivacyRequest): RequestedCorrection[] {
  if (request.kind !== 'correction')
    throw conflict('This request is not a correction request', 'not_a_correction');
  const payload = JSON.parse(request.payload) as {
    corrections?: { field: CorrectableField; requestedValue: string; note?: string }[];
  };
  const byField = new Map<CorrectableField, RequestedCorrection>();
  for (const c of payload.corrections ?? [])
    byField.set(c.field, {
      field: c.field,
      requestedValue: c.requestedValue,
      note: c.note ?? null,
    });
  return CORRECTABLE_FIELDS.filter((f) => byField.has(f)).map((f) => byField.get(f)!);
}

export const fieldLabel = (field: CorrectableField) => DATA_CATEGORY_LABELS[field];

/** Reading a correction: the diff beside the subject, the follow-ups, blockers and letter. */
@Injectable()
export class CorrectionView {
  constructor(
    private readonly corrections: CorrectionRepository,
    private readonly subjects: SubjectsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async subjectOf(request: PrivacyRequest): Promise<Subject | null> {
    if (!request.subjectId) return null;
    return this.subjects.get(request.subjectId).catch(() => null);
  }

  async work(request: PrivacyRequest): Promise<CorrectionWorkDto> {
    const requested = requestedCorrections(request);
    const subject = await this.subjectOf(request);
    // One after another: inside a transaction they share one PostgreSQL connection.
    const review = await this.corrections.findReview(request.id);
    const decisions = await this.corrections.decisionsOf(request.id);
    const followUps = await this.corrections.followUpsOf(request.id);
    const names = await this.corrections.userNames([
      review?.appliedById ?? null,
      ...decisions.map((d) => d.decidedById),
      ...followUps.map((f) => f.resolvedById),
    ]);
    const user = (id: string | null) => (id ? { id, name: names.get(id) ?? 'Unknown user' } : null);
    const byField = new Map(decisions.map((d) => [d.field, d]));
    const fields: CorrectionFieldDto[] = requested.map((r) => {
      const d = byField.get(r.field);
      return {
        field: r.field,
        currentValue: subject ? subject[r.field] : null,
        requestedValue: r.requestedValue,
        note: r.note,
        decision: d?.decision ?? null,
        value: d?.value ?? null,
        reason: d?.reason ?? null,
        decidedBy: d ? user(d.decidedById) : null,
        decidedAt: d?.decidedAt.toISOString() ?? null,
      };
    });
    const followUpDtos: CorrectionFollowUpDto[] = followUps.map((f) => ({
      id: f.id,
      disclosureId: f.disclosureId,
      disclosureReference: f.disclosureReference,
      recipientName: f.recipientName,
      recipientType: f.recipientType,
      fields: f.fields,
      status: f.status,
      method: f.method,
      notifiedOn: f.notifiedOn,
      exemption: f.exemption,
      explanation: f.explanation,
      resolvedBy: user(f.resolvedById),
      resolvedAt: f.resolvedAt?.toISOString() ?? null,
      version: f.version,
    }));
    const work = {
      linked: !!subject,
      fields,
      appliedAt: review?.appliedAt?.toISOString() ?? null,
      followUps: followUpDtos,
    };
    return {
      requestId: request.id,
      subjectId: subject?.id ?? null,
      subjectVersion: subject?.version ?? null,
      evidenceNotes: review?.evidenceNotes ?? null,
      appliedBy: user(review?.appliedById ?? null),
      blockers: correctionBlockers(work),
      version: review?.version ?? 0,
      ...work,
    };
  }

  /** Why the request cannot complete yet (the kind's `completionBlockers`). */
  async blockers(request: PrivacyRequest): Promise<string[]> {
    return (await this.work(request)).blockers;
  }

  /** What the completion letter says: changed, declined (and why), recipients told. */
  async letterData(request: PrivacyRequest): Promise<MailTemplateData['correction_completion']> {
    const requested = requestedCorrections(request);
    const decisions = new Map<CorrectableField, CorrectionFieldDecision>(
      (await this.corrections.decisionsOf(request.id)).map((d) => [d.field, d]),
    );
    const changed: { label: string; value: string }[] = [];
    const declined: { label: string; reason: string }[] = [];
    for (const { field } of requested) {
      const d = decisions.get(field);
      if (!d) continue;
      if (d.decision === 'decline')
        declined.push({ label: fieldLabel(field), reason: d.reason ?? '' });
      else changed.push({ label: fieldLabel(field), value: d.value ?? '(removed)' });
    }
    return {
      reference: request.reference,
      changed,
      declined,
      recipients: await this.recipientsTold(await this.corrections.followUpsOf(request.id)),
      resolution: request.resolution ?? '',
    };
  }

  /**
   * The recipients told, by name, once each. A recipient under a gag order in force is left
   * out, with no hint: the letter must not reveal what a court has sealed.
   */
  private async recipientsTold(followUps: CorrectionFollowUp[]): Promise<string[]> {
    const told = followUps.filter((f) => f.status === 'notified');
    const today = dateInZone(this.clock.now(), this.config.clockSettings.timeZone);
    const gagged = new Set(
      (await this.corrections.legalProcesses(told.map((f) => f.legalProcessId)))
        .filter((lp) => isGagInForce({ gagOrder: lp.gagOrder, gagUntil: lp.gagUntil }, today))
        .map((lp) => lp.id),
    );
    const names = told
      .filter((f) => !f.legalProcessId || !gagged.has(f.legalProcessId))
      .map((f) => f.recipientName);
    return [...new Set(names)].sort((a, b) => a.localeCompare(b));
  }
}
