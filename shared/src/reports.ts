/**
 * The three reports (CCPA §7102 metrics, transparency on legal process, SLA): their parameters,
 * the rules behind every figure (shown on the report pages), and small pure helpers.
 */
import type { LegalProcessOutcome, LegalProcessType } from './disclosure-log.js';
import type { RequestKind } from './requests.js';

// ---- Denial reasons ------------------------------------------------------------------------

/** Why a request was denied: chosen with the free-text reason when it is rejected. */
export const DENIAL_REASONS = [
  'identity_not_verified',
  'exemption_applies',
  'no_data_held',
  'manifestly_unfounded',
  'other',
] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];

export const DENIAL_REASON_LABELS: Record<DenialReason, string> = {
  identity_not_verified: 'Could not verify identity',
  exemption_applies: 'An exemption applies',
  no_data_held: 'Not a consumer, or no data held',
  manifestly_unfounded: 'Manifestly unfounded or excessive',
  other: 'Other',
};

/** How the report names a denial recorded before reasons were structured. */
export const DENIAL_NOT_RECORDED = 'not_recorded';
export type ReportedDenialReason = DenialReason | typeof DENIAL_NOT_RECORDED;
export const REPORTED_DENIAL_REASONS: readonly ReportedDenialReason[] = [
  ...DENIAL_REASONS,
  DENIAL_NOT_RECORDED,
];
export const REPORTED_DENIAL_REASON_LABELS: Record<ReportedDenialReason, string> = {
  ...DENIAL_REASON_LABELS,
  not_recorded: 'Reason not recorded',
};

export function isDenialReason(value: unknown): value is DenialReason {
  return typeof value === 'string' && (DENIAL_REASONS as readonly string[]).includes(value);
}

// ---- Rules ---------------------------------------------------------------------------------

export interface ReportRule {
  figure: string;
  rule: string;
}

/** The request kinds the CCPA metrics count: those a consumer can ask for. */
export const CCPA_METRIC_KINDS = [
  'access',
  'correction',
  'opt_out',
  'disclosure_report',
] as const satisfies readonly RequestKind[];

export const CCPA_METRICS_RULES: readonly ReportRule[] = [
  {
    figure: 'Year',
    rule: 'A calendar year in UTC: from 1 January 00:00 UTC to 31 December 24:00 UTC. Every request is counted in the year of its received date.',
  },
  {
    figure: 'Requests received',
    rule: 'Requests of the kind whose received date (when the request reached the company, the date the legal clock starts from) falls in the year, in any status and from any jurisdiction. Requests the desk creates itself (minor reviews, notices of legal process) are not consumer requests and are left out.',
  },
  {
    figure: 'Complied with in whole',
    rule: 'Requests received in the year that are completed, and not complied with in part.',
  },
  {
    figure: 'Complied with in part',
    rule: 'Requests received in the year that are completed, but where the desk declined part of what was asked: a correction completed with at least one requested field declined.',
  },
  {
    figure: 'Denied',
    rule: 'Requests received in the year that were rejected, grouped by the denial reason chosen when rejecting. Rejections recorded without a reason code count as "Reason not recorded". Withdrawn and still open requests are neither complied with nor denied.',
  },
  {
    figure: 'Days to respond (median, mean)',
    rule: 'For requests received in the year and closed (completed or rejected): whole calendar days (UTC) from the received date to the closed date, the date the desk completed or rejected the request. Same-day responses count 0 days. The median of an even count is the mean of the two middle values; both are rounded to one decimal.',
  },
];

/** Legal-process types reported only in bands, as the large companies do. */
export const BANDED_LEGAL_PROCESS_TYPES: readonly LegalProcessType[] = [
  'national_security_letter',
  'fisa_order',
];
export const REPORTING_BAND_WIDTH = 250;

export const TRANSPARENCY_RULES: readonly ReportRule[] = [
  {
    figure: 'Half-year',
    rule: 'H1 is 1 January to 30 June, H2 is 1 July to 31 December, in UTC. Legal process is counted in the half-year of its received date.',
  },
  {
    figure: 'Requests received',
    rule: 'Legal process of the type received in the half-year, in any status.',
  },
  {
    figure: 'Subjects covered',
    rule: 'Distinct subjects named by the legal process of the type received in the half-year.',
  },
  {
    figure: 'Some data produced',
    rule: 'The share of the requests received whose recorded outcome produced data (produced in full, produced in part, or narrowed), as a percentage of requests received, rounded to one decimal.',
  },
  {
    figure: 'Outcomes',
    rule: 'Requests received in the half-year by recorded outcome; "Pending" is legal process without an outcome yet (open, or withdrawn).',
  },
  {
    figure: 'Under a gag order',
    rule: 'Requests received in the half-year that came with a non-disclosure (gag) order, whether or not it has since lapsed.',
  },
  {
    figure: 'Bands',
    rule: `National security letters and FISA orders are reported only in bands of ${REPORTING_BAND_WIDTH} (0–249, 250–499, …), for requests received and subjects covered; their outcomes, share produced and gag orders are not reported.`,
  },
];

export const SLA_RULES: readonly ReportRule[] = [
  {
    figure: 'Range',
    rule: 'From and to are dates in UTC, both included. A request counts in the range of its closed date.',
  },
  {
    figure: 'Requests',
    rule: 'Requests completed or rejected in the range (withdrawn requests owe no response), of every kind.',
  },
  {
    figure: 'On time, late',
    rule: 'On time: closed by its due date (the end of the due date in the desk’s time zone, after any extension). Late: closed after it.',
  },
  {
    figure: 'Median days',
    rule: 'Whole calendar days (UTC) from the received date to the closed date; the median of an even count is the mean of the two middle values.',
  },
  {
    figure: 'Assignee',
    rule: 'The staff member who held the request when it was closed; "Unassigned" when nobody did.',
  },
];

// ---- Parameters ----------------------------------------------------------------------------

export const REPORT_MIN_YEAR = 2000;
export const REPORT_MAX_YEAR = 2100;

export interface ReportRange {
  /** Inclusive, UTC instant. */
  start: Date;
  /** Exclusive, UTC instant. */
  end: Date;
}

/** A year as written in the query string; null when it is not one. */
export function parseReportYear(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= REPORT_MIN_YEAR && year <= REPORT_MAX_YEAR ? year : null;
}

export function yearRange(year: number): ReportRange {
  return { start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year + 1, 0, 1)) };
}

/** `2026-H1` → its range; null when it is not a half-year. */
export function parseHalfYear(value: unknown): (ReportRange & { period: string }) | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-H([12])$/.exec(value);
  if (!m) return null;
  const year = parseReportYear(m[1]);
  if (year === null) return null;
  const first = m[2] === '1';
  return {
    period: value,
    start: new Date(Date.UTC(year, first ? 0 : 6, 1)),
    end: first ? new Date(Date.UTC(year, 6, 1)) : new Date(Date.UTC(year + 1, 0, 1)),
  };
}

/** A YYYY-MM-DD date that exists; null otherwise. */
export function parseReportDate(value: unknown): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return null;
  const year = date.getUTCFullYear();
  return year >= REPORT_MIN_YEAR && year <= REPORT_MAX_YEAR ? date : null;
}

// ---- Pure helpers --------------------------------------------------------------------------

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The median of values already in ascending order, to one decimal; null when empty. */
export function medianOfSorted(sorted: readonly number[]): number | null {
  if (!sorted.length) return null;
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return round1(value);
}

export function roundedMean(mean: number | null): number | null {
  return mean === null ? null : round1(mean);
}

export function percentage(part: number, whole: number): number | null {
  return whole === 0 ? null : round1((part * 100) / whole);
}

/** The band a count falls in: `0–249`, `250–499`, … */
export function reportingBand(count: number, width = REPORTING_BAND_WIDTH): string {
  const low = Math.floor(count / width) * width;
  return `${low}–${low + width - 1}`;
}

/** CSV cells that a spreadsheet would run as a formula, escaped with a leading quote. */
export function escapeCsvFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

// ---- Report shapes (the JSON the server returns) -------------------------------------------

export interface CcpaKindMetrics {
  kind: RequestKind;
  received: number;
  compliedInWhole: number;
  compliedInPart: number;
  denied: number;
  deniedByReason: Record<ReportedDenialReason, number>;
  /** Requests counted in the days figures. */
  responded: number;
  medianDaysToRespond: number | null;
  meanDaysToRespond: number | null;
}

export interface CcpaMetricsReport {
  year: number;
  from: string;
  to: string;
  kinds: CcpaKindMetrics[];
  rules: readonly ReportRule[];
}

export interface TransparencyTypeRow {
  type: LegalProcessType;
  banded: boolean;
  /** Exact counts for unbanded types; bands (strings) for banded ones. */
  received: number | string;
  subjectsCovered: number | string;
  /** Null for banded types or when none was received. */
  producedSharePercent: number | null;
  outcomes: Record<LegalProcessOutcome | 'pending', number> | null;
  underGagOrder: number | null;
}

export interface TransparencyReport {
  period: string;
  from: string;
  to: string;
  types: TransparencyTypeRow[];
  rules: readonly ReportRule[];
}

export interface SlaRow {
  key: string;
  label: string;
  onTime: number;
  late: number;
  medianDays: number | null;
}

export interface SlaReport {
  from: string;
  to: string;
  byAssignee: SlaRow[];
  byKind: SlaRow[];
  rules: readonly ReportRule[];
}
