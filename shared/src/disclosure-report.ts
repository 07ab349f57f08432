/**
 * The disclosure report a subject receives: their accounting of disclosures for a period, in
 * the view meant for them (HIPAA §164.528; GDPR Art. 15(1)(c) "the recipients … to whom the
 * personal data have been or will be disclosed"). Entries under a gag order in force are left
 * out with no hint: no reference numbers, no counts of what was left out. Repeated
 * disclosures to one recipient for one purpose are one row with the first date, the last date
 * and how many times (HIPAA §164.528(b)(3)).
 */
import type { AccountingEntryDto, AccountingGroupDto } from './disclosure-log-api.js';
import {
  DATA_CATEGORY_LABELS,
  DISCLOSURE_BASIS_LABELS,
  RECIPIENT_TYPE_LABELS,
} from './disclosure-log.js';
import type { DataCategory, DisclosureBasis, RecipientType } from './disclosure-log.js';

/** One line of the report: a single disclosure (frequency 1) or a group of repeats. */
export interface DisclosureReportRow {
  first: string;
  last: string;
  frequency: number;
  recipientName: string;
  recipientType: RecipientType;
  recipientTypeLabel: string;
  basis: DisclosureBasis;
  basisLabel: string;
  purpose: string;
  dataCategories: DataCategory[];
  dataCategoryLabels: string[];
}

/** The report's content: the JSON copy, and what the letter (HTML, PDF) says. */
export interface DisclosureReportContent {
  /** The request this report answers (PR-…). */
  reference: string;
  subjectName: string;
  periodStart: string;
  periodEnd: string;
  /** The desk day the report was prepared. */
  preparedOn: string;
  rows: DisclosureReportRow[];
  /** The earlier report this one completes, when it is a follow-up (PR-…). */
  followUpOf: string | null;
}

/** What a staff member sees of a sent report. */
export interface DisclosureReportSentDto {
  packageId: string;
  sentAt: string;
  expiresAt: string | null;
  downloadCount: number;
  maxDownloads: number | null;
}

/** GET /api/requests/:id/disclosure-report: the preview (or, once sent, the kept copy). */
export interface DisclosureReportDto {
  requestId: string;
  content: DisclosureReportContent;
  /** The letter as HTML (shown in a sandboxed frame). */
  html: string;
  sent: DisclosureReportSentDto | null;
  /** Earlier reports found incomplete after a gag order lapsed (timeline summaries). */
  incomplete: string[];
}

/**
 * The subject's accounting as the report's rows, oldest first: singles and groups of repeats
 * side by side, each with its labels. Takes the subject view only (no staff-only fields).
 */
export function disclosureReportRows(accounting: {
  entries: AccountingEntryDto[];
  groups: AccountingGroupDto[];
}): DisclosureReportRow[] {
  const row = (
    e: Pick<
      AccountingGroupDto,
      'recipientName' | 'recipientType' | 'basis' | 'purpose' | 'dataCategories'
    >,
    first: string,
    last: string,
    frequency: number,
  ): DisclosureReportRow => ({
    first,
    last,
    frequency,
    recipientName: e.recipientName,
    recipientType: e.recipientType,
    recipientTypeLabel: RECIPIENT_TYPE_LABELS[e.recipientType],
    basis: e.basis,
    basisLabel: DISCLOSURE_BASIS_LABELS[e.basis],
    purpose: e.purpose,
    dataCategories: [...e.dataCategories],
    dataCategoryLabels: e.dataCategories.map((c) => DATA_CATEGORY_LABELS[c]),
  });
  return [
    ...accounting.entries.map((e) => row(e, e.disclosedAt, e.disclosedAt, 1)),
    ...accounting.groups.map((g) => row(g, g.first, g.last, g.frequency)),
  ].sort(
    (a, b) =>
      a.first.localeCompare(b.first) ||
      a.recipientName.localeCompare(b.recipientName) ||
      a.purpose.localeCompare(b.purpose),
  );
}

/** Whether a report's period (inclusive dates) covers a desk day. */
export function periodCovers(period: { periodStart: string; periodEnd: string }, day: string) {
  return period.periodStart <= day && day <= period.periodEnd;
}
