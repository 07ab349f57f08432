import { Injectable } from '@nestjs/common';
import type { ReportRange } from '@privacy-desk/shared';
import { CCPA_METRIC_KINDS } from '@privacy-desk/shared';
import type { SelectQueryBuilder } from 'typeorm';
import { TransactionService } from '../database/transaction.service.js';

export interface CcpaCountRow {
  kind: string;
  status: string;
  denialReason: string | null;
  partial: number;
  count: number;
}

export interface KindDaysRow {
  kind: string;
  responded: number;
  meanDays: number | null;
}

export interface TransparencyCountRow {
  type: string;
  outcome: string | null;
  gag: number;
  count: number;
}

export interface SlaCountRow {
  assigneeId: string | null;
  assigneeName: string | null;
  kind: string;
  onTime: number;
  late: number;
}

export interface GroupedDays {
  key: string | null;
  days: number;
}

const num = (value: unknown): number => Number(value ?? 0);
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/**
 * The only queries of the reports: aggregates (GROUP BY) over requests and legal process, and,
 * for medians, only the ordered day counts. Nothing here loads whole rows.
 */
@Injectable()
export class ReportsRepository {
  constructor(private readonly tx: TransactionService) {}

  /** Whole calendar days (UTC) from received date to closed date, in this database's SQL. */
  private daysToRespond(alias: string): string {
    return this.tx.isPostgres
      ? `((${alias}.closed_at AT TIME ZONE 'UTC')::date - (${alias}.received_at AT TIME ZONE 'UTC')::date)`
      : `CAST(julianday(date(${alias}.closed_at)) - julianday(date(${alias}.received_at)) AS INTEGER)`;
  }

  private consumerRequestsIn(range: ReportRange): SelectQueryBuilder<object> {
    return this.tx.manager
      .createQueryBuilder()
      .from('privacy_requests', 'r')
      .where('r.received_at >= :start AND r.received_at < :end', range)
      .andWhere('r.kind IN (:...kinds)', { kinds: [...CCPA_METRIC_KINDS] });
  }

  /** Requests received in the range, counted by kind, status, denial reason, and "in part". */
  async ccpaCounts(range: ReportRange): Promise<CcpaCountRow[]> {
    const partial =
      "CASE WHEN r.status = 'completed' AND d.request_id IS NOT NULL THEN 1 ELSE 0 END";
    const rows = await this.consumerRequestsIn(range)
      .leftJoin(
        (declined) =>
          declined
            .select('DISTINCT cd.request_id', 'request_id')
            .from('correction_decisions', 'cd')
            .where("cd.decision = 'decline'"),
        'd',
        "d.request_id = r.id AND r.kind = 'correction'",
      )
      .select('r.kind', 'kind')
      .addSelect('r.status', 'status')
      .addSelect('r.denial_reason', 'denialReason')
      .addSelect(partial, 'partial')
      .addSelect('COUNT(*)', 'count')
      .groupBy('r.kind')
      .addGroupBy('r.status')
      .addGroupBy('r.denial_reason')
      .addGroupBy(partial)
      .getRawMany<Record<string, unknown>>();
    return rows.map((row) => ({
      kind: String(row.kind),
      status: String(row.status),
      denialReason: (row.denialReason as string | null) ?? null,
      partial: num(row.partial),
      count: num(row.count),
    }));
  }

  private respondedIn(range: ReportRange): SelectQueryBuilder<object> {
    return this.consumerRequestsIn(range)
      .andWhere("r.status IN ('completed', 'rejected')")
      .andWhere('r.closed_at IS NOT NULL');
  }

  /** Per kind: how many were responded to, and the mean days to respond. */
  async ccpaMeanDays(range: ReportRange): Promise<KindDaysRow[]> {
    const rows = await this.respondedIn(range)
      .select('r.kind', 'kind')
      .addSelect('COUNT(*)', 'responded')
      .addSelect(`AVG(${this.daysToRespond('r')})`, 'meanDays')
      .groupBy('r.kind')
      .getRawMany<Record<string, unknown>>();
    return rows.map((row) => ({
      kind: String(row.kind),
      responded: num(row.responded),
      meanDays: numOrNull(row.meanDays),
    }));
  }

  /** Days to respond per kind, ordered (for the medians): only the two columns. */
  async ccpaDays(range: ReportRange): Promise<GroupedDays[]> {
    const days = this.daysToRespond('r');
    const rows = await this.respondedIn(range)
      .select('r.kind', 'key')
      .addSelect(days, 'days')
      .orderBy('r.kind')
      .addOrderBy(days)
      .getRawMany<Record<string, unknown>>();
    return rows.map((row) => ({ key: String(row.key), days: num(row.days) }));
  }

  /** Legal process received in the range, counted by type, outcome and gag order. */
  async transparencyCounts(range: ReportRange): Promise<TransparencyCountRow[]> {
    const gag = 'CASE WHEN lp.gag_order THEN 1 ELSE 0 END';
    const rows = await this.tx.manager
      .createQueryBuilder()
      .from('legal_processes', 'lp')
      .select('lp.type', 'type')
      .addSelect('lp.outcome', 'outcome')
      .addSelect(gag, 'gag')
      .addSelect('COUNT(*)', 'count')
      .where('lp.received_at >= :start AND lp.received_at < :end', range)
      .groupBy('lp.type')
      .addGroupBy('lp.outcome')
      .addGroupBy(gag)
      .getRawMany<Record<string, unknown>>();
    return rows.map((row) => ({
      type: String(row.type),
      outcome: (row.outcome as string | null) ?? null,
      gag: num(row.gag),
      count: num(row.count),
    }));
  }

  /** Distinct subjects named by the legal process of each type received in the range. */
  async transparencySubjects(range: ReportRange): Promise<Map<string, number>> {
    const rows = await this.tx.manager
      .createQueryBuilder()
      .from('legal_processes', 'lp')
      .innerJoin('legal_process_subjects', 's', 's.legal_process_id = lp.id')
      .select('lp.type', 'type')
      .addSelect('COUNT(DISTINCT s.subject_id)', 'subjects')
      .where('lp.received_at >= :start AND lp.received_at < :end', range)
      .groupBy('lp.type')
      .getRawMany<Record<string, unknown>>();
    return new Map(rows.map((row) => [String(row.type), num(row.subjects)]));
  }

  private closedIn(range: ReportRange): SelectQueryBuilder<object> {
    return this.tx.manager
      .createQueryBuilder()
      .from('privacy_requests', 'r')
      .where('r.closed_at >= :start AND r.closed_at < :end', range)
      .andWhere("r.status IN ('completed', 'rejected')");
  }

  /** Requests closed in the range, on time and late, per assignee and kind. */
  async slaCounts(range: ReportRange): Promise<SlaCountRow[]> {
    const rows = await this.closedIn(range)
      .leftJoin('users', 'u', 'u.id = r.assignee_id')
      .select('r.assignee_id', 'assigneeId')
      .addSelect('u.name', 'assigneeName')
      .addSelect('r.kind', 'kind')
      .addSelect('SUM(CASE WHEN r.closed_at <= r.due_at THEN 1 ELSE 0 END)', 'onTime')
      .addSelect('SUM(CASE WHEN r.closed_at > r.due_at THEN 1 ELSE 0 END)', 'late')
      .groupBy('r.assignee_id')
      .addGroupBy('u.name')
      .addGroupBy('r.kind')
      .getRawMany<Record<string, unknown>>();
    return rows.map((row) => ({
      assigneeId: (row.assigneeId as string | null) ?? null,
      assigneeName: (row.assigneeName as string | null) ?? null,
      kind: String(row.kind),
      onTime: num(row.onTime),
      late: num(row.late),
    }));
  }

  /** Days to respond of the requests closed in the range, ordered within each group. */
  async slaDays(range: ReportRange, by: 'assignee' | 'kind'): Promise<GroupedDays[]> {
    const column = by === 'assignee' ? 'r.assignee_id' : 'r.kind';
    const days = this.daysToRespond('r');
    const rows = await this.closedIn(range)
      .select(column, 'key')
      .addSelect(days, 'days')
      .orderBy(column)
      .addOrderBy(days)
      .getRawMany<Record<string, unknown>>();
    return rows.map((row) => ({ key: (row.key as string | null) ?? null, days: num(row.days) }));
  }
}
