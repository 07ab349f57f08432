import {
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  LEGAL_PROCESS_OUTCOME_LABELS,
  LEGAL_PROCESS_OUTCOMES,
  LEGAL_PROCESS_STATUS_LABELS,
  LEGAL_PROCESS_STATUSES,
  LEGAL_PROCESS_TYPE_LABELS,
  LEGAL_PROCESS_TYPES,
  RECIPIENT_TYPE_LABELS,
  RECIPIENT_TYPES,
  REVIEW_STATUS_LABELS,
  REVIEW_STATUSES,
  type LegalProcessDto,
} from '@privacy-desk/shared';
import type { RaRecord } from 'react-admin';

/** GET /api/legal-process[/:id], as react-admin holds it. */
export type LegalProcessRecord = LegalProcessDto & RaRecord;

const choices = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((id) => ({ id, name: labels[id] }));

export const typeChoices = choices(LEGAL_PROCESS_TYPES, LEGAL_PROCESS_TYPE_LABELS);
export const statusChoices = choices(LEGAL_PROCESS_STATUSES, LEGAL_PROCESS_STATUS_LABELS);
export const reviewStatusChoices = choices(REVIEW_STATUSES, REVIEW_STATUS_LABELS);
export const outcomeChoices = choices(LEGAL_PROCESS_OUTCOMES, LEGAL_PROCESS_OUTCOME_LABELS);
export const recipientTypeChoices = choices(RECIPIENT_TYPES, RECIPIENT_TYPE_LABELS);
export const categoryChoices = choices(DATA_CATEGORIES, DATA_CATEGORY_LABELS);

export const gagChoices = [
  { id: 'true', name: 'Gag order in force' },
  { id: 'false', name: 'No gag order in force' },
];

export const LEGAL_PROCESS_VIEWS = [
  { value: 'all', label: 'All' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'due_soon', label: 'Due soon' },
] as const;

export const typeLabel = (value: string) =>
  LEGAL_PROCESS_TYPE_LABELS[value as keyof typeof LEGAL_PROCESS_TYPE_LABELS] ?? value;
export const statusLabel = (value: string) =>
  LEGAL_PROCESS_STATUS_LABELS[value as keyof typeof LEGAL_PROCESS_STATUS_LABELS] ?? value;
export const outcomeLabel = (value: string | null) =>
  value
    ? (LEGAL_PROCESS_OUTCOME_LABELS[value as keyof typeof LEGAL_PROCESS_OUTCOME_LABELS] ?? value)
    : '—';
export const reviewStatusLabel = (value: string) =>
  REVIEW_STATUS_LABELS[value as keyof typeof REVIEW_STATUS_LABELS] ?? value;
export const categoryLabel = (value: string) =>
  DATA_CATEGORY_LABELS[value as keyof typeof DATA_CATEGORY_LABELS] ?? value;

/** The fields POST /api/legal-process and PUT /api/legal-process/:id accept. */
const WRITABLE = [
  'type',
  'issuingAuthority',
  'requestingAgency',
  'requestingOfficer',
  'identityVerification',
  'jurisdiction',
  'caseNumber',
  'receivedAt',
  'responseDueOn',
  'subjectIds',
  'dataCategories',
  'periodStart',
  'periodEnd',
  'notes',
  'gagOrder',
  'gagUntil',
] as const;

/** The form's values as the API takes them: only writable fields; empty optional text is null. */
export function toApiBody(
  data: Record<string, unknown>,
  extra: readonly string[] = [],
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of [...WRITABLE, ...extra]) {
    const value = data[field];
    if (value === undefined) continue;
    body[field] = value === '' ? null : value;
  }
  if (body.gagOrder !== true) body.gagUntil = null;
  if (body.gagOrder === undefined || body.gagOrder === null) body.gagOrder = false;
  return body;
}
