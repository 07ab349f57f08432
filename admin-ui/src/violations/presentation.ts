import {
  APPEAL_STATUS_LABELS,
  APPEAL_STATUSES,
  ENFORCEMENT_ACTION_LABELS,
  ENFORCEMENT_ACTIONS,
  VIOLATION_ACTION_LABELS,
  VIOLATION_CATEGORIES,
  VIOLATION_CATEGORY_LABELS,
  VIOLATION_SEVERITIES,
  VIOLATION_SEVERITY_LABELS,
  VIOLATION_SOURCE_LABELS,
  VIOLATION_SOURCES,
  VIOLATION_STATUS_LABELS,
  VIOLATION_STATUSES,
  type ViolationSeverity,
  type ViolationStatus,
} from '@privacy-desk/shared';

export type ChipColor = 'default' | 'primary' | 'info' | 'success' | 'warning' | 'error';

const labelOf = <K extends string>(labels: Record<K, string>, value: string | null | undefined) =>
  value && Object.hasOwn(labels, value) ? labels[value as K] : (value ?? '');

const choicesOf = <K extends string>(values: readonly K[], labels: Record<K, string>) =>
  values.map((id) => ({ id, name: labels[id] }));

export const violationStatusLabel = (value: string | null | undefined) =>
  labelOf(VIOLATION_STATUS_LABELS, value);
export const severityLabel = (value: string | null | undefined) =>
  labelOf(VIOLATION_SEVERITY_LABELS, value);
export const categoryLabel = (value: string | null | undefined) =>
  labelOf(VIOLATION_CATEGORY_LABELS, value);
export const sourceLabel = (value: string | null | undefined) =>
  labelOf(VIOLATION_SOURCE_LABELS, value);
export const enforcementLabel = (value: string | null | undefined) =>
  labelOf(ENFORCEMENT_ACTION_LABELS, value);
export const appealStatusLabel = (value: string | null | undefined) =>
  labelOf(APPEAL_STATUS_LABELS, value);
export const violationActionLabel = (value: string | null | undefined) =>
  labelOf(VIOLATION_ACTION_LABELS, value);

export const violationStatusChoices = choicesOf(VIOLATION_STATUSES, VIOLATION_STATUS_LABELS);
export const severityChoices = choicesOf(VIOLATION_SEVERITIES, VIOLATION_SEVERITY_LABELS);
export const categoryChoices = choicesOf(VIOLATION_CATEGORIES, VIOLATION_CATEGORY_LABELS);
export const sourceChoices = choicesOf(VIOLATION_SOURCES, VIOLATION_SOURCE_LABELS);
export const enforcementChoices = choicesOf(ENFORCEMENT_ACTIONS, ENFORCEMENT_ACTION_LABELS);
export const appealStatusChoices = choicesOf(APPEAL_STATUSES, APPEAL_STATUS_LABELS);

const SEVERITY_COLORS: Record<ViolationSeverity, ChipColor> = {
  low: 'default',
  medium: 'info',
  high: 'warning',
  critical: 'error',
};
export const severityColor = (value: string): ChipColor =>
  Object.hasOwn(SEVERITY_COLORS, value) ? SEVERITY_COLORS[value as ViolationSeverity] : 'default';

const STATUS_COLORS: Record<ViolationStatus, ChipColor> = {
  open: 'warning',
  under_review: 'info',
  confirmed: 'error',
  dismissed: 'default',
};
export const violationStatusColor = (value: string): ChipColor =>
  Object.hasOwn(STATUS_COLORS, value) ? STATUS_COLORS[value as ViolationStatus] : 'default';

/** Evidence links as the form edits them: one per line. */
export const linksToText = (links: unknown): string =>
  Array.isArray(links) ? links.join('\n') : typeof links === 'string' ? links : '';
export const textToLinks = (text: unknown): string[] =>
  typeof text === 'string'
    ? text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
    : Array.isArray(text)
      ? (text as string[])
      : [];
