import { daysInMonth } from './calendar.js';
import type { RequestKind } from './requests.js';

/**
 * How long personal data is kept, as rules with their citations, and the cutoff instants they
 * give for a moment and a configuration. Pure: the server's purge and the console's Retention
 * page read the same rules and show the same explanation.
 */
export const RETENTION_RULE_IDS = ['closed_requests', 'disclosure_log'] as const;
export type RetentionRuleId = (typeof RETENTION_RULE_IDS)[number];

export interface RetentionRule {
  id: RetentionRuleId;
  /** What the period covers, in words. */
  covers: string;
  unit: 'months' | 'years';
  /** The period the law requires records to be kept: the default, and the least allowed. */
  minimum: number;
  /** The environment variable that lengthens it. */
  setting: string;
  citation: string;
  /** What is kept after the period (non-personal figures) and what goes. */
  afterwards: string;
}

export const RETENTION_RULES: Readonly<Record<RetentionRuleId, RetentionRule>> = {
  closed_requests: {
    id: 'closed_requests',
    covers: 'closed privacy requests and the personal data they hold',
    unit: 'months',
    minimum: 24,
    setting: 'RETENTION_REQUEST_MONTHS',
    citation:
      'Cal. Code Regs. tit. 11, §7101(a) (CCPA Regulations: records of requests for 24 months)',
    afterwards:
      'the requester’s name and email, the request details, notes and messages, the delivered ' +
      'packages and the outbox mail are blanked; kind, status, jurisdiction, received, due and ' +
      'closed dates and the denial reason stay for the yearly metrics',
  },
  disclosure_log: {
    id: 'disclosure_log',
    covers: 'entries of the disclosure log',
    unit: 'years',
    minimum: 6,
    setting: 'RETENTION_DISCLOSURE_YEARS',
    citation:
      '45 CFR §164.528(a) and §164.530(j)(2) (HIPAA: accounting of disclosures for 6 years)',
    afterwards:
      'the recipient’s name and address, the purpose, consent evidence, review notes and attached ' +
      'documents are removed; date, recipient type, basis, data categories and the number of ' +
      'subjects stay',
  },
};

export interface RetentionConfig {
  /** Months a closed request keeps its personal data (at least 24). */
  requestMonths: number;
  /** Years a disclosure-log entry keeps its recipient details (at least 6). */
  disclosureYears: number;
}

export const DEFAULT_RETENTION: RetentionConfig = {
  requestMonths: RETENTION_RULES.closed_requests.minimum,
  disclosureYears: RETENTION_RULES.disclosure_log.minimum,
};

/** Settings that would keep records for less than the law requires, by setting name. */
export function retentionConfigProblems(config: RetentionConfig): Record<string, string> {
  const problems: Record<string, string> = {};
  const check = (rule: RetentionRule, value: number) => {
    if (!Number.isInteger(value) || value < rule.minimum)
      problems[rule.setting] =
        `must be a whole number of ${rule.unit}, at least ${rule.minimum} (${rule.citation})`;
  };
  check(RETENTION_RULES.closed_requests, config.requestMonths);
  check(RETENTION_RULES.disclosure_log, config.disclosureYears);
  return problems;
}

/** The same instant `months` earlier (UTC); a day the month lacks becomes its last day. */
export function subtractMonths(instant: Date, months: number): Date {
  const index = instant.getUTCFullYear() * 12 + instant.getUTCMonth() - months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const day = Math.min(instant.getUTCDate(), daysInMonth(year, month + 1));
  return new Date(
    Date.UTC(
      year,
      month,
      day,
      instant.getUTCHours(),
      instant.getUTCMinutes(),
      instant.getUTCSeconds(),
      instant.getUTCMilliseconds(),
    ),
  );
}

export interface RetentionCutoffs {
  /** Closed requests closed before this instant lose their personal data. */
  requestsClosedBefore: Date;
  /** Disclosures made before this instant lose their recipient details. */
  disclosuresBefore: Date;
}

export function retentionCutoffs(now: Date, config: RetentionConfig): RetentionCutoffs {
  return {
    requestsClosedBefore: subtractMonths(now, config.requestMonths),
    disclosuresBefore: subtractMonths(now, config.disclosureYears * 12),
  };
}

export interface RetentionPeriodView {
  id: RetentionRuleId;
  amount: number;
  unit: 'months' | 'years';
  minimum: number;
  citation: string;
  /** ISO instant: records before it are past their period. */
  cutoff: string;
  explanation: string;
}

/** Each period with its cutoff and its explanation in words, for the page and the API. */
export function explainRetention(now: Date, config: RetentionConfig): RetentionPeriodView[] {
  const cutoffs = retentionCutoffs(now, config);
  const view = (rule: RetentionRule, amount: number, cutoff: Date): RetentionPeriodView => {
    const day = cutoff.toISOString().slice(0, 10);
    const longer =
      amount > rule.minimum ? ` (configured; the law requires ${rule.minimum})` : ' (the minimum)';
    return {
      id: rule.id,
      amount,
      unit: rule.unit,
      minimum: rule.minimum,
      citation: rule.citation,
      cutoff:
        cutoffs[
          rule.id === 'closed_requests' ? 'requestsClosedBefore' : 'disclosuresBefore'
        ].toISOString(),
      explanation:
        `${capitalise(rule.covers)} are kept ${amount} ${rule.unit}${longer}, per ${rule.citation}. ` +
        `Those from before ${day} are past it: ${rule.afterwards}. Nothing is purged for a subject ` +
        'with an open request, an open violation flag or a gag order in force.',
    };
  };
  return [
    view(RETENTION_RULES.closed_requests, config.requestMonths, cutoffs.requestsClosedBefore),
    view(RETENTION_RULES.disclosure_log, config.disclosureYears, cutoffs.disclosuresBefore),
  ];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What of a purged request's details (its JSON payload) stays, per kind: choices that are no
 * personal data and that the clocks and reports read (an opt-out's scopes set its deadline).
 * Everything else (requested values, notes) goes. A new kind must say what it keeps.
 */
export const RETAINED_PAYLOAD_KEYS: Readonly<Record<RequestKind, readonly string[]>> = {
  correction: [],
  opt_out: ['channels', 'scopes', 'optIn'],
  access: ['format'],
  disclosure_report: ['periodStart', 'periodEnd'],
  minor_review: [],
  gag_notice: ['legalProcessId', 'legalProcessReference', 'typeLabel', 'receivedOn'],
};

/** The payload (JSON text) a purged request keeps: only its kind's retained keys. */
export function retainedPayload(kind: RequestKind, payload: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return '{}';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return '{}';
  const keep = RETAINED_PAYLOAD_KEYS[kind] ?? [];
  const kept: Record<string, unknown> = {};
  for (const key of keep)
    if (Object.hasOwn(parsed, key)) kept[key] = (parsed as Record<string, unknown>)[key];
  return JSON.stringify(kept);
}

/** The tables a purge touches, in the order the counts are shown. */
export const RETENTION_TABLES = [
  'privacy_requests',
  'request_events',
  'mail_outbox',
  'request_packages',
  'correction_reviews',
  'correction_decisions',
  'opt_out_checks',
  'disclosures',
  'document_attachments',
  'documents',
  'subjects',
  'subject_changes',
] as const;
export type RetentionTable = (typeof RETENTION_TABLES)[number];
export type RetentionCounts = Record<RetentionTable, number>;

export const RETENTION_TABLE_LABELS: Record<RetentionTable, string> = {
  privacy_requests: 'Requests blanked',
  request_events: 'Timeline entries blanked',
  mail_outbox: 'Outbox emails blanked',
  request_packages: 'Delivered packages emptied',
  correction_reviews: 'Correction notes blanked',
  correction_decisions: 'Correction decisions blanked',
  opt_out_checks: 'Opt-out checklist notes blanked',
  disclosures: 'Disclosure-log entries blanked',
  document_attachments: 'Document attachments removed',
  documents: 'Documents removed',
  subjects: 'Subjects blanked',
  subject_changes: 'Field-history entries removed',
};

export const RETENTION_RULE_LABELS: Record<RetentionRuleId, string> = {
  closed_requests: 'Closed requests',
  disclosure_log: 'Disclosure log',
};

export function emptyRetentionCounts(): RetentionCounts {
  return Object.fromEntries(RETENTION_TABLES.map((t) => [t, 0])) as RetentionCounts;
}

export function addRetentionCounts(
  a: RetentionCounts,
  b: Partial<RetentionCounts>,
): RetentionCounts {
  const sum = { ...a };
  for (const table of RETENTION_TABLES) sum[table] += b[table] ?? 0;
  return sum;
}

/** One line of counts for an audit entry: `privacy_requests=3, request_events=9, …`. */
export function describeRetentionCounts(counts: RetentionCounts): string {
  return RETENTION_TABLES.map((t) => `${t}=${counts[t]}`).join(', ');
}

/** GET /api/retention/preview, and the answer of POST /api/retention/run. */
export interface RetentionReportDto {
  /** true for the preview (nothing changed). */
  dryRun: boolean;
  at: string;
  periods: RetentionPeriodView[];
  /** Rows removed or blanked (or that would be), per table. */
  counts: RetentionCounts;
  /** Request references, disclosure references and subject ids affected (no personal data). */
  requests: string[];
  disclosures: string[];
  subjects: string[];
  /** Past their period but held: the subject has an open request, an open flag or a gag in force. */
  held: { requests: number; disclosures: number };
  /** The run: how many transactions (batches) it took. */
  batches: number;
}
