import { Injectable } from '@nestjs/common';
import { ANSWERED_STATUSES, CLOSED_STATUSES } from '@privacy-desk/shared';
import type { RequestKind, RequestStatus, Role, ViolationSeverity } from '@privacy-desk/shared';
import type { SelectQueryBuilder } from 'typeorm';
import { TransactionService } from '../database/transaction.service.js';

/** A half-open span of time [from, to) as instants. */
export interface Span {
  from: Date;
  to: Date;
}

const num = (value: unknown): number => Number(value ?? 0);

/** SQLite returns `YYYY-MM-DD HH:MM:SS.SSS` (UTC) text; PostgreSQL a Date. */
function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(text.includes('T') ? text : `${text.replace(' ', 'T')}Z`);
}

/**
 * The dashboard's only queries: aggregates (COUNT, SUM over CASE, GROUP BY, window
 * functions) over the queue, the disclosure log, legal process, flags, accounts and jobs.
 * No whole rows are read to be counted; it never writes.
 */
@Injectable()
export class DashboardRepository {
  constructor(private readonly tx: TransactionService) {}

  private qb(): SelectQueryBuilder<object> {
    return this.tx.manager.createQueryBuilder();
  }

  /** Days from receipt to closing, as a fraction, in the database's own date arithmetic. */
  private get daysToClose(): string {
    return this.tx.isPostgres
      ? 'EXTRACT(EPOCH FROM (r.closed_at - r.received_at)) / 86400.0'
      : '(julianday(r.closed_at) - julianday(r.received_at))';
  }

  // ---- Manager ------------------------------------------------------------------------------

  async backlog(): Promise<{ status: RequestStatus; kind: RequestKind; count: number }[]> {
    const rows = await this.qb()
      .select('r.status', 'status')
      .addSelect('r.kind', 'kind')
      .addSelect('COUNT(*)', 'count')
      .from('privacy_requests', 'r')
      .where('r.status NOT IN (:...closed)', { closed: [...CLOSED_STATUSES] })
      .groupBy('r.status')
      .addGroupBy('r.kind')
      .getRawMany<{ status: RequestStatus; kind: RequestKind; count: unknown }>();
    return rows.map((r) => ({ status: r.status, kind: r.kind, count: num(r.count) }));
  }

  /** Requests received, and closed, in each span: one aggregate row. */
  async throughput(weeks: Span[]): Promise<{ received: number; closed: number }[]> {
    const qb = this.qb().from('privacy_requests', 'r');
    const params: Record<string, unknown> = { closed: [...CLOSED_STATUSES] };
    weeks.forEach((w, i) => {
      params[`f${i}`] = w.from;
      params[`t${i}`] = w.to;
      qb.addSelect(
        `SUM(CASE WHEN r.received_at >= :f${i} AND r.received_at < :t${i} THEN 1 ELSE 0 END)`,
        `received${i}`,
      ).addSelect(
        `SUM(CASE WHEN r.status IN (:...closed) AND r.closed_at >= :f${i} AND r.closed_at < :t${i} THEN 1 ELSE 0 END)`,
        `closed${i}`,
      );
    });
    const first = weeks[0]!.from;
    qb.where('(r.received_at >= :first OR r.closed_at >= :first)', { ...params, first });
    const row = (await qb.getRawOne<Record<string, unknown>>()) ?? {};
    return weeks.map((_, i) => ({
      received: num(row[`received${i}`]),
      closed: num(row[`closed${i}`]),
    }));
  }

  /** Requests answered (completed or rejected) in each span, and how many by their due date. */
  async onTime(months: Span[]): Promise<{ answered: number; onTime: number }[]> {
    const qb = this.qb().from('privacy_requests', 'r');
    const params: Record<string, unknown> = {};
    months.forEach((m, i) => {
      params[`f${i}`] = m.from;
      params[`t${i}`] = m.to;
      const within = `r.closed_at >= :f${i} AND r.closed_at < :t${i}`;
      qb.addSelect(`SUM(CASE WHEN ${within} THEN 1 ELSE 0 END)`, `answered${i}`).addSelect(
        `SUM(CASE WHEN ${within} AND r.closed_at <= r.due_at THEN 1 ELSE 0 END)`,
        `ontime${i}`,
      );
    });
    qb.where('r.status IN (:...answered) AND r.closed_at >= :first AND r.closed_at < :last', {
      ...params,
      answered: [...ANSWERED_STATUSES],
      first: months[0]!.from,
      last: months[months.length - 1]!.to,
    });
    const row = (await qb.getRawOne<Record<string, unknown>>()) ?? {};
    return months.map((_, i) => ({
      answered: num(row[`answered${i}`]),
      onTime: num(row[`ontime${i}`]),
    }));
  }

  /**
   * Per kind, the days to close at the ranks a median and a 90th percentile interpolate
   * between (0-based ranks floor and ceil of p·(n−1)), with n: at most four rows per kind.
   */
  async closeDurationRanks(
    span: Span,
  ): Promise<{ kind: RequestKind; rank: number; count: number; days: number }[]> {
    const days = this.daysToClose;
    const inner = this.qb()
      .select('r.kind', 'kind')
      .addSelect(days, 'days')
      .addSelect(`ROW_NUMBER() OVER (PARTITION BY r.kind ORDER BY ${days}) - 1`, 'pos')
      .addSelect('COUNT(*) OVER (PARTITION BY r.kind)', 'n')
      .from('privacy_requests', 'r')
      .where('r.status IN (:...answered) AND r.closed_at >= :from AND r.closed_at < :to', {
        answered: [...ANSWERED_STATUSES],
        from: span.from,
        to: span.to,
      });
    const [sql, parameters] = inner.getQueryAndParameters();
    // Integer division on both databases: floor and ceil of p·(n−1) for p = 0.5 and 0.9.
    const rows = (await this.tx.manager.query(
      `SELECT ranked.kind, ranked.days, ranked.pos, ranked.n FROM (${sql}) ranked
       WHERE ranked.pos IN ((ranked.n - 1) / 2, ranked.n / 2,
                             (9 * (ranked.n - 1)) / 10, (9 * (ranked.n - 1) + 9) / 10)
       ORDER BY ranked.kind, ranked.pos`,
      parameters,
    )) as { kind: RequestKind; days: unknown; pos: unknown; n: unknown }[];
    return rows.map((r) => ({
      kind: r.kind,
      rank: num(r.pos),
      count: num(r.n),
      days: num(r.days),
    }));
  }

  /** Open requests due before `before` (overdue: before now). */
  async openDueBefore(before: Date): Promise<number> {
    const row = await this.qb()
      .select('COUNT(*)', 'count')
      .from('privacy_requests', 'r')
      .where('r.due_at < :before AND r.status NOT IN (:...closed)', {
        before,
        closed: [...CLOSED_STATUSES],
      })
      .getRawOne<{ count: unknown }>();
    return num(row?.count);
  }

  /** Open requests due between `from` and `to`, both inclusive (the list's due-soon view). */
  async openDueBetween(from: Date, to: Date): Promise<number> {
    const row = await this.qb()
      .select('COUNT(*)', 'count')
      .from('privacy_requests', 'r')
      .where('r.due_at >= :from AND r.due_at <= :to AND r.status NOT IN (:...closed)', {
        from,
        to,
        closed: [...CLOSED_STATUSES],
      })
      .getRawOne<{ count: unknown }>();
    return num(row?.count);
  }

  /**
   * Open requests per holder: every active staff member (with none, too) and anyone else
   * still holding open requests; with how many of them are overdue.
   */
  async workload(
    now: Date,
  ): Promise<{ id: string; name: string; open: number; overdue: number }[]> {
    const rows = await this.qb()
      .select('u.id', 'id')
      .addSelect('u.name', 'name')
      .addSelect('COUNT(r.id)', 'open')
      .addSelect('SUM(CASE WHEN r.due_at < :now THEN 1 ELSE 0 END)', 'overdue')
      .from('users', 'u')
      .leftJoin('privacy_requests', 'r', 'r.assignee_id = u.id AND r.status NOT IN (:...closed)', {
        closed: [...CLOSED_STATUSES],
      })
      .where("(u.role = 'staff' AND u.active = :yes) OR r.id IS NOT NULL", { yes: true, now })
      .groupBy('u.id')
      .addGroupBy('u.name')
      .orderBy('COUNT(r.id)', 'DESC')
      .addOrderBy('u.name', 'ASC')
      .getRawMany<{ id: string; name: string; open: unknown; overdue: unknown }>();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      open: num(r.open),
      overdue: num(r.overdue),
    }));
  }

  async openUnassigned(): Promise<number> {
    const row = await this.qb()
      .select('COUNT(*)', 'count')
      .from('privacy_requests', 'r')
      .where('r.assignee_id IS NULL AND r.status NOT IN (:...closed)', {
        closed: [...CLOSED_STATUSES],
      })
      .getRawOne<{ count: unknown }>();
    return num(row?.count);
  }

  // ---- Staff --------------------------------------------------------------------------------

  /** A staff member's open requests: how many, overdue, due by `soon`. */
  async ownQueueCounts(
    userId: string,
    now: Date,
    soon: Date,
  ): Promise<{ count: number; overdue: number; dueSoon: number }> {
    const row = await this.qb()
      .select('COUNT(*)', 'count')
      .addSelect('SUM(CASE WHEN r.due_at < :now THEN 1 ELSE 0 END)', 'overdue')
      .addSelect(
        'SUM(CASE WHEN r.due_at >= :now AND r.due_at <= :soon THEN 1 ELSE 0 END)',
        'due_soon',
      )
      .from('privacy_requests', 'r')
      .where('r.assignee_id = :me AND r.status NOT IN (:...closed)', {
        me: userId,
        now,
        soon,
        closed: [...CLOSED_STATUSES],
      })
      .getRawOne<{ count: unknown; overdue: unknown; due_soon: unknown }>();
    return { count: num(row?.count), overdue: num(row?.overdue), dueSoon: num(row?.due_soon) };
  }

  /** The soonest-due of a staff member's open requests: reference and deadline, nothing personal. */
  async ownQueue(
    userId: string,
    limit: number,
  ): Promise<
    { id: string; reference: string; kind: RequestKind; status: RequestStatus; dueAt: Date }[]
  > {
    const rows = await this.qb()
      .select('r.id', 'id')
      .addSelect('r.reference', 'reference')
      .addSelect('r.kind', 'kind')
      .addSelect('r.status', 'status')
      .addSelect('r.due_at', 'due_at')
      .from('privacy_requests', 'r')
      .where('r.assignee_id = :me AND r.status NOT IN (:...closed)', {
        me: userId,
        closed: [...CLOSED_STATUSES],
      })
      .orderBy('r.due_at', 'ASC')
      .addOrderBy('r.reference', 'ASC')
      .limit(limit)
      .getRawMany<{
        id: string;
        reference: string;
        kind: RequestKind;
        status: RequestStatus;
        due_at: unknown;
      }>();
    return rows.map((r) => ({ ...r, dueAt: toDate(r.due_at) }));
  }

  /** The shared queue: verified requests nobody holds (the list's `unassigned` view). */
  async sharedQueue(): Promise<number> {
    const row = await this.qb()
      .select('COUNT(*)', 'count')
      .from('privacy_requests', 'r')
      .where("r.assignee_id IS NULL AND r.status = 'new'")
      .getRawOne<{ count: unknown }>();
    return num(row?.count);
  }

  // ---- Compliance officer -------------------------------------------------------------------

  async pendingReview(): Promise<{ disclosures: number; legalProcess: number }> {
    const [d, lp] = await Promise.all([
      this.qb()
        .select('COUNT(*)', 'count')
        .from('disclosures', 'd')
        .where("d.review_status = 'pending_review'")
        .getRawOne<{ count: unknown }>(),
      this.qb()
        .select('COUNT(*)', 'count')
        .from('legal_processes', 'lp')
        .where("lp.review_status = 'pending_review'")
        .getRawOne<{ count: unknown }>(),
    ]);
    return { disclosures: num(d?.count), legalProcess: num(lp?.count) };
  }

  /** Open legal process (received or under review) due by `until`; how many already overdue. */
  async legalProcessDueBy(until: Date, now: Date): Promise<{ count: number; overdue: number }> {
    const row = await this.qb()
      .select('COUNT(*)', 'count')
      .addSelect('SUM(CASE WHEN lp.response_due_at < :now THEN 1 ELSE 0 END)', 'overdue')
      .from('legal_processes', 'lp')
      .where("lp.status IN ('received', 'under_review') AND lp.response_due_at <= :until", {
        until,
        now,
      })
      .getRawOne<{ count: unknown; overdue: unknown }>();
    return { count: num(row?.count), overdue: num(row?.overdue) };
  }

  /** Gag orders with an end date between `from` and `to` (inclusive, YYYY-MM-DD). */
  async gagOrdersEndingBetween(from: string, to: string): Promise<number> {
    const row = await this.qb()
      .select('COUNT(*)', 'count')
      .from('legal_processes', 'lp')
      .where('lp.gag_order = :yes AND lp.gag_until IS NOT NULL', { yes: true })
      .andWhere('lp.gag_until >= :from AND lp.gag_until <= :to', { from, to })
      .getRawOne<{ count: unknown }>();
    return num(row?.count);
  }

  async openFlagsBySeverity(): Promise<{ severity: ViolationSeverity; count: number }[]> {
    const rows = await this.qb()
      .select('f.severity', 'severity')
      .addSelect('COUNT(*)', 'count')
      .from('violation_flags', 'f')
      .where("f.status IN ('open', 'under_review')")
      .groupBy('f.severity')
      .getRawMany<{ severity: ViolationSeverity; count: unknown }>();
    return rows.map((r) => ({ severity: r.severity, count: num(r.count) }));
  }

  // ---- Admin --------------------------------------------------------------------------------

  async accountsByRole(): Promise<{ role: Role; active: boolean; count: number }[]> {
    const rows = await this.qb()
      .select('u.role', 'role')
      .addSelect('u.active', 'active')
      .addSelect('COUNT(*)', 'count')
      .from('users', 'u')
      .groupBy('u.role')
      .addGroupBy('u.active')
      .getRawMany<{ role: Role; active: unknown; count: unknown }>();
    return rows.map((r) => ({
      role: r.role,
      active: r.active === true || r.active === 1 || r.active === '1',
      count: num(r.count),
    }));
  }

  async jobsByStatus(): Promise<{ status: string; count: number }[]> {
    const rows = await this.qb()
      .select('j.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .from('jobs', 'j')
      .groupBy('j.status')
      .getRawMany<{ status: string; count: unknown }>();
    return rows.map((r) => ({ status: r.status, count: num(r.count) }));
  }
}
