import {
  LEGAL_PROCESS_OUTCOMES,
  LEGAL_PROCESS_OUTCOME_LABELS,
  LEGAL_PROCESS_TYPE_LABELS,
  REPORTED_DENIAL_REASONS,
  REPORTED_DENIAL_REASON_LABELS,
  REQUEST_KIND_LABELS,
  escapeCsvFormula,
} from '@privacy-desk/shared';
import type {
  CcpaMetricsReport,
  ReportRule,
  SlaReport,
  TransparencyReport,
} from '@privacy-desk/shared';
import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | null;

/** A report as one table (the CSV, and the body of the PDF), with its title and rules. */
export interface ReportTable {
  /** Names the report in file names and the audit log. */
  id: 'ccpa-metrics' | 'transparency' | 'sla';
  title: string;
  /** The parameters, in words (in the PDF and the audit entry). */
  parameters: string;
  header: string[];
  rows: Cell[][];
  rules: readonly ReportRule[];
}

export function ccpaTable(report: CcpaMetricsReport): ReportTable {
  return {
    id: 'ccpa-metrics',
    title: `CCPA §7102 metrics, ${report.year}`,
    parameters: `year=${report.year} (${report.from} to ${report.to}, UTC)`,
    header: [
      'Request kind',
      'Received',
      'Complied with in whole',
      'Complied with in part',
      'Denied',
      ...REPORTED_DENIAL_REASONS.map((r) => `Denied: ${REPORTED_DENIAL_REASON_LABELS[r]}`),
      'Responded',
      'Median days to respond',
      'Mean days to respond',
    ],
    rows: report.kinds.map((k) => [
      REQUEST_KIND_LABELS[k.kind],
      k.received,
      k.compliedInWhole,
      k.compliedInPart,
      k.denied,
      ...REPORTED_DENIAL_REASONS.map((r) => k.deniedByReason[r]),
      k.responded,
      k.medianDaysToRespond,
      k.meanDaysToRespond,
    ]),
    rules: report.rules,
  };
}

export function transparencyTable(report: TransparencyReport): ReportTable {
  return {
    id: 'transparency',
    title: `Transparency report on legal process, ${report.period}`,
    parameters: `period=${report.period} (${report.from} to ${report.to}, UTC)`,
    header: [
      'Process type',
      'Requests received',
      'Subjects covered',
      'Some data produced (%)',
      ...LEGAL_PROCESS_OUTCOMES.map((o) => `Outcome: ${LEGAL_PROCESS_OUTCOME_LABELS[o]}`),
      'Outcome: Pending',
      'Under a gag order',
    ],
    rows: report.types.map((t) => [
      LEGAL_PROCESS_TYPE_LABELS[t.type],
      t.received,
      t.subjectsCovered,
      t.producedSharePercent,
      ...LEGAL_PROCESS_OUTCOMES.map((o) => (t.outcomes ? t.outcomes[o] : null)),
      t.outcomes ? t.outcomes.pending : null,
      t.underGagOrder,
    ]),
    rules: report.rules,
  };
}

export function slaTable(report: SlaReport): ReportTable {
  const rows = (grouping: string, list: SlaReport['byAssignee']): Cell[][] =>
    list.map((r) => [grouping, r.label, r.onTime, r.late, r.medianDays]);
  return {
    id: 'sla',
    title: `SLA report, ${report.from} to ${report.to}`,
    parameters: `from=${report.from} to=${report.to} (UTC, both included)`,
    header: ['Grouping', 'Name', 'On time', 'Late', 'Median days'],
    rows: [...rows('Assignee', report.byAssignee), ...rows('Request kind', report.byKind)],
    rules: report.rules,
  };
}

/** The table as CSV: text cells escaped against formula injection, blanks for "not reported". */
export function tableCsv(table: ReportTable): string {
  return stringify([
    table.header.map(escapeCsvFormula),
    ...table.rows.map((row) =>
      row.map((cell) => (typeof cell === 'string' ? escapeCsvFormula(cell) : (cell ?? ''))),
    ),
  ]);
}
