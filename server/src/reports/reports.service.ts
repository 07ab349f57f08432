import { Injectable } from '@nestjs/common';
import {
  BANDED_LEGAL_PROCESS_TYPES,
  CCPA_METRIC_KINDS,
  CCPA_METRICS_RULES,
  LEGAL_PROCESS_OUTCOMES,
  LEGAL_PROCESS_TYPES,
  PRODUCING_OUTCOMES,
  REPORTED_DENIAL_REASONS,
  REQUEST_KIND_LABELS,
  SLA_RULES,
  TRANSPARENCY_RULES,
  isDenialReason,
  medianOfSorted,
  parseHalfYear,
  parseReportDate,
  parseReportYear,
  percentage,
  reportingBand,
  roundedMean,
  yearRange,
} from '@privacy-desk/shared';
import type {
  CcpaKindMetrics,
  CcpaMetricsReport,
  LegalProcessOutcome,
  ReportRange,
  ReportedDenialReason,
  RequestKind,
  SlaReport,
  SlaRow,
  TransparencyReport,
  TransparencyTypeRow,
} from '@privacy-desk/shared';
import { validationError } from '../common/errors/domain-errors.js';
import type { GroupedDays } from './reports.repository.js';
import { ReportsRepository } from './reports.repository.js';

const DAY_MS = 86_400_000;
const isoDate = (date: Date) => date.toISOString().slice(0, 10);
/** The last day a half-open range covers. */
const lastDay = (range: ReportRange) => isoDate(new Date(range.end.getTime() - DAY_MS));

/** Medians of day counts that arrive ordered within each group. */
function mediansByKey(rows: GroupedDays[]): Map<string | null, number | null> {
  const groups = new Map<string | null, number[]>();
  for (const row of rows) {
    const list = groups.get(row.key) ?? [];
    list.push(row.days);
    groups.set(row.key, list);
  }
  return new Map([...groups].map(([key, days]) => [key, medianOfSorted(days)]));
}

/** The three reports, computed from the repository's aggregates. Parameters are checked here. */
@Injectable()
export class ReportsService {
  constructor(private readonly reports: ReportsRepository) {}

  parseYear(year: unknown): number {
    const parsed = parseReportYear(year);
    if (parsed === null) throw validationError({ year: 'must be a year from 2000 to 2100' });
    return parsed;
  }

  async ccpaMetrics(yearParam: unknown): Promise<CcpaMetricsReport> {
    const year = this.parseYear(yearParam);
    const range = yearRange(year);
    const [counts, means, days] = [
      await this.reports.ccpaCounts(range),
      await this.reports.ccpaMeanDays(range),
      await this.reports.ccpaDays(range),
    ];
    const medians = mediansByKey(days);
    const kinds = new Map<string, CcpaKindMetrics>(
      CCPA_METRIC_KINDS.map((kind) => [
        kind,
        {
          kind,
          received: 0,
          compliedInWhole: 0,
          compliedInPart: 0,
          denied: 0,
          deniedByReason: Object.fromEntries(REPORTED_DENIAL_REASONS.map((r) => [r, 0])) as Record<
            ReportedDenialReason,
            number
          >,
          responded: 0,
          medianDaysToRespond: null,
          meanDaysToRespond: null,
        },
      ]),
    );
    for (const row of counts) {
      const metrics = kinds.get(row.kind);
      if (!metrics) continue;
      metrics.received += row.count;
      if (row.status === 'completed') {
        if (row.partial) metrics.compliedInPart += row.count;
        else metrics.compliedInWhole += row.count;
      } else if (row.status === 'rejected') {
        metrics.denied += row.count;
        const reason = isDenialReason(row.denialReason) ? row.denialReason : 'not_recorded';
        metrics.deniedByReason[reason] += row.count;
      }
    }
    for (const row of means) {
      const metrics = kinds.get(row.kind);
      if (!metrics) continue;
      metrics.responded = row.responded;
      metrics.meanDaysToRespond = roundedMean(row.meanDays);
      metrics.medianDaysToRespond = medians.get(row.kind) ?? null;
    }
    return {
      year,
      from: isoDate(range.start),
      to: lastDay(range),
      kinds: [...kinds.values()],
      rules: CCPA_METRICS_RULES,
    };
  }

  async transparency(periodParam: unknown): Promise<TransparencyReport> {
    const period = parseHalfYear(periodParam);
    if (!period) throw validationError({ period: 'must be a half-year, like 2026-H1 or 2026-H2' });
    const counts = await this.reports.transparencyCounts(period);
    const subjects = await this.reports.transparencySubjects(period);
    const types: TransparencyTypeRow[] = LEGAL_PROCESS_TYPES.map((type) => {
      const rows = counts.filter((row) => row.type === type);
      const received = rows.reduce((sum, row) => sum + row.count, 0);
      const covered = subjects.get(type) ?? 0;
      if (BANDED_LEGAL_PROCESS_TYPES.includes(type)) {
        return {
          type,
          banded: true,
          received: reportingBand(received),
          subjectsCovered: reportingBand(covered),
          producedSharePercent: null,
          outcomes: null,
          underGagOrder: null,
        };
      }
      const outcomes = Object.fromEntries(
        [...LEGAL_PROCESS_OUTCOMES, 'pending'].map((o) => [o, 0]),
      ) as Record<LegalProcessOutcome | 'pending', number>;
      let produced = 0;
      let gagged = 0;
      for (const row of rows) {
        const outcome = (LEGAL_PROCESS_OUTCOMES as readonly string[]).includes(row.outcome ?? '')
          ? (row.outcome as LegalProcessOutcome)
          : 'pending';
        outcomes[outcome] += row.count;
        if (outcome !== 'pending' && PRODUCING_OUTCOMES.includes(outcome)) produced += row.count;
        if (row.gag) gagged += row.count;
      }
      return {
        type,
        banded: false,
        received,
        subjectsCovered: covered,
        producedSharePercent: percentage(produced, received),
        outcomes,
        underGagOrder: gagged,
      };
    });
    return {
      period: period.period,
      from: isoDate(period.start),
      to: lastDay(period),
      types,
      rules: TRANSPARENCY_RULES,
    };
  }

  async sla(fromParam: unknown, toParam: unknown): Promise<SlaReport> {
    const from = parseReportDate(fromParam);
    const to = parseReportDate(toParam);
    const errors: Record<string, string> = {};
    if (!from) errors.from = 'must be a date such as 2026-03-31, from 2000 to 2100';
    if (!to) errors.to = 'must be a date such as 2026-03-31, from 2000 to 2100';
    if (from && to && to < from) errors.to = 'The end date cannot be before the start date';
    if (!from || !to || Object.keys(errors).length) throw validationError(errors);
    const range = { start: from, end: new Date(to.getTime() + DAY_MS) };
    const counts = await this.reports.slaCounts(range);
    const byAssigneeDays = mediansByKey(await this.reports.slaDays(range, 'assignee'));
    const byKindDays = mediansByKey(await this.reports.slaDays(range, 'kind'));

    const assignees = new Map<string | null, SlaRow>();
    const kinds = new Map<string, SlaRow>();
    for (const row of counts) {
      const a = assignees.get(row.assigneeId) ?? {
        key: row.assigneeId ?? 'unassigned',
        label: row.assigneeId ? (row.assigneeName ?? 'Former staff member') : 'Unassigned',
        onTime: 0,
        late: 0,
        medianDays: byAssigneeDays.get(row.assigneeId) ?? null,
      };
      a.onTime += row.onTime;
      a.late += row.late;
      assignees.set(row.assigneeId, a);
      const k = kinds.get(row.kind) ?? {
        key: row.kind,
        label: REQUEST_KIND_LABELS[row.kind as RequestKind] ?? row.kind,
        onTime: 0,
        late: 0,
        medianDays: byKindDays.get(row.kind) ?? null,
      };
      k.onTime += row.onTime;
      k.late += row.late;
      kinds.set(row.kind, k);
    }
    const byLabel = (a: SlaRow, b: SlaRow) => a.label.localeCompare(b.label);
    return {
      from: isoDate(from),
      to: isoDate(to),
      byAssignee: [...assignees.values()].sort(byLabel),
      byKind: [...kinds.values()].sort(byLabel),
      rules: SLA_RULES,
    };
  }
}
