import type { CorrectableField } from './requests.js';
import { CORRECTABLE_FIELDS } from './requests.js';

/**
 * The correction workflow (a `correction` request): staff decide each requested field, the
 * accepted values are applied to the subject, and every recipient who received a corrected
 * field is told.
 *
 * - GDPR Art. 16: the data subject has the right to have inaccurate personal data rectified.
 * - GDPR Art. 19: the controller communicates a rectification to each recipient to whom the
 *   data were disclosed, "unless this proves impossible or involves disproportionate effort",
 *   and informs the data subject about those recipients if they request it.
 * - CCPA Regs. 11 CCR §7023(c): a business that corrects personal information instructs the
 *   service providers and contractors that maintain it to make the correction.
 */

export const CORRECTION_DECISIONS = ['accept', 'accept_edited', 'decline'] as const;
export type CorrectionDecision = (typeof CORRECTION_DECISIONS)[number];

export const CORRECTION_DECISION_LABELS: Record<CorrectionDecision, string> = {
  accept: 'Accept as requested',
  accept_edited: 'Accept with an edited value',
  decline: 'Decline',
};

/** A "notify recipient" follow-up: open, then notified (how and when) or exempt (why). */
export const FOLLOW_UP_STATUSES = ['open', 'notified', 'exempt'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const FOLLOW_UP_STATUS_LABELS: Record<FollowUpStatus, string> = {
  open: 'To notify',
  notified: 'Notified',
  exempt: 'Exempt',
};

/** GDPR Art. 19's two exemptions from telling a recipient. */
export const FOLLOW_UP_EXEMPTIONS = ['impossible', 'disproportionate'] as const;
export type FollowUpExemption = (typeof FOLLOW_UP_EXEMPTIONS)[number];

export const FOLLOW_UP_EXEMPTION_LABELS: Record<FollowUpExemption, string> = {
  impossible: 'Impossible (GDPR Art. 19)',
  disproportionate: 'Disproportionate effort (GDPR Art. 19)',
};

/** One requested field beside the subject's current value, with staff's decision. */
export interface CorrectionFieldDto {
  field: CorrectableField;
  currentValue: string | null;
  requestedValue: string;
  note: string | null;
  decision: CorrectionDecision | null;
  /** The value that will be (or was) written: requested or edited; null when declined. */
  value: string | null;
  reason: string | null;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
}

export interface CorrectionFollowUpDto {
  id: string;
  disclosureId: string;
  disclosureReference: string;
  recipientName: string;
  recipientType: string;
  /** The corrected fields this recipient received. */
  fields: CorrectableField[];
  status: FollowUpStatus;
  method: string | null;
  notifiedOn: string | null;
  exemption: FollowUpExemption | null;
  explanation: string | null;
  resolvedBy: { id: string; name: string } | null;
  resolvedAt: string | null;
  version: number;
}

/** The correction work on one request, as the request page shows it. */
export interface CorrectionWorkDto {
  requestId: string;
  /** False until the request is linked to a subject: nothing can be decided before that. */
  linked: boolean;
  subjectId: string | null;
  /** The subject's version the shown current values belong to; apply sends it back. */
  subjectVersion: number | null;
  fields: CorrectionFieldDto[];
  evidenceNotes: string | null;
  appliedAt: string | null;
  appliedBy: { id: string; name: string } | null;
  followUps: CorrectionFollowUpDto[];
  /** Why the request cannot complete yet (empty: it can). */
  blockers: string[];
  /** The decisions' version (0 before the first save); a stale one is refused with 409. */
  version: number;
}

/** The fields an apply changes: accepted (as requested or edited) and different from now. */
export function correctedFields(
  fields: Pick<CorrectionFieldDto, 'field' | 'decision' | 'value' | 'currentValue'>[],
): CorrectableField[] {
  return fields
    .filter((f) => f.decision !== null && f.decision !== 'decline' && f.value !== f.currentValue)
    .map((f) => f.field);
}

/** The corrected fields a disclosure carried (its data categories that were corrected). */
export function fieldsToTell(
  categories: readonly string[],
  corrected: readonly CorrectableField[],
): CorrectableField[] {
  return CORRECTABLE_FIELDS.filter((f) => corrected.includes(f) && categories.includes(f));
}

/**
 * Why a correction request cannot complete yet, in words staff can act on. A request that is
 * not linked to a subject has nothing in our records to correct: staff link the subject to
 * decide the fields, or complete it (the letter then says nothing was changed).
 */
export function correctionBlockers(work: {
  linked: boolean;
  fields: Pick<CorrectionFieldDto, 'decision'>[];
  appliedAt: string | Date | null;
  followUps: Pick<CorrectionFollowUpDto, 'status'>[];
}): string[] {
  if (!work.linked) return [];
  const blockers: string[] = [];
  const undecided = work.fields.filter((f) => f.decision === null).length;
  if (undecided) blockers.push(`${undecided} field(s) still need a decision`);
  if (!work.appliedAt) blockers.push('the decisions are not applied to the subject yet');
  const open = work.followUps.filter((f) => f.status === 'open').length;
  if (open) blockers.push(`${open} recipient(s) still to notify or mark exempt`);
  return blockers;
}
