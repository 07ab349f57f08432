import { Injectable } from '@nestjs/common';
import {
  addDays,
  DASHBOARD_GAG_LAPSE_DAYS,
  DASHBOARD_LEGAL_DUE_SOON_DAYS,
  DASHBOARD_MONTHS,
  DASHBOARD_OWN_QUEUE_LIMIT,
  DASHBOARD_WEEKS,
  dateInZone,
  endOfDay,
  monthStarts,
  percentileAt,
  rate,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  ROLES,
  VIOLATION_SEVERITIES,
  weekStarts,
} from '@privacy-desk/shared';
import type {
  AdminDashboard,
  ComplianceDashboard,
  DashboardDto,
  DateRange,
  IsoDate,
  ManagerDashboard,
  RequestKind,
  StaffDashboard,
} from '@privacy-desk/shared';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { DashboardRepository } from './dashboard.repository.js';
import type { Span } from './dashboard.repository.js';

const DAY_MS = 86_400_000;
const round1 = (n: number) => Math.round(n * 10) / 10;
const iso = (span: Span): DateRange => ({
  from: span.from.toISOString(),
  to: span.to.toISOString(),
});

/** The figures of the console's home page, by the caller's role, as of the injected clock. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly figures: DashboardRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  private get timeZone(): string {
    return this.config.clockSettings.timeZone;
  }

  /** The first instant of a desk day. */
  private startOf(date: IsoDate): Date {
    return new Date(endOfDay(addDays(date, -1), this.timeZone).getTime() + 1);
  }

  /** Consecutive spans from each start to the next; the last one ends now. */
  private spans(starts: IsoDate[], now: Date): Span[] {
    return starts.map((start, i) => ({
      from: this.startOf(start),
      to: i + 1 < starts.length ? this.startOf(starts[i + 1]!) : now,
    }));
  }

  async dashboard(actor: Actor): Promise<DashboardDto> {
    const now = this.clock.now();
    const base = { role: actor.role!, generatedAt: now.toISOString(), timeZone: this.timeZone };
    switch (actor.role) {
      case 'manager':
        return { ...base, manager: await this.manager(now) };
      case 'compliance_officer':
        return { ...base, compliance: await this.compliance(now) };
      case 'staff':
        return { ...base, staff: await this.staff(actor.id!, now) };
      default:
        return { ...base, admin: await this.admin(now) };
    }
  }

  /** The end of the list's due-soon view: the same window the requests list filters by. */
  private dueSoonUntil(now: Date): Date {
    return new Date(now.getTime() + this.config.clockSettings.dueSoonDays * DAY_MS);
  }

  private async manager(now: Date): Promise<ManagerDashboard> {
    const today = dateInZone(now, this.timeZone);
    const snapshot = iso({ from: now, to: now });
    const weeks = this.spans(weekStarts(today, DASHBOARD_WEEKS), now);
    const monthFirsts = monthStarts(today, DASHBOARD_MONTHS);
    const months = this.spans(monthFirsts, now);
    const year = { from: months[0]!.from, to: now };
    const soon = this.dueSoonUntil(now);

    const [cells, throughput, onTime, ranks, overdue, dueSoon, workload, unassigned] =
      await Promise.all([
        this.figures.backlog(),
        this.figures.throughput(weeks),
        this.figures.onTime(months),
        this.figures.closeDurationRanks(year),
        this.figures.openDueBefore(now),
        this.figures.openDueBetween(now, soon),
        this.figures.workload(now),
        this.figures.openUnassigned(),
      ]);

    const byStatus = REQUEST_STATUSES.map((status) => ({
      status,
      count: cells.filter((c) => c.status === status).reduce((sum, c) => sum + c.count, 0),
    })).filter((s) => s.count > 0);
    const byKind = REQUEST_KINDS.map((kind) => ({
      kind,
      count: cells.filter((c) => c.kind === kind).reduce((sum, c) => sum + c.count, 0),
    })).filter((k) => k.count > 0);

    const timeToClose = REQUEST_KINDS.flatMap((kind) => {
      const rows = ranks.filter((r) => r.kind === kind);
      if (rows.length === 0) return [];
      const count = rows[0]!.count;
      const at = new Map(rows.map((r) => [r.rank, r.days]));
      const percentile = (p: number) => percentileAt(count, p, (rank) => at.get(rank) ?? NaN)!;
      return [
        {
          kind: kind as RequestKind,
          answered: count,
          medianDays: round1(percentile(0.5)),
          p90Days: round1(percentile(0.9)),
        },
      ];
    });

    return {
      backlog: {
        range: snapshot,
        total: cells.reduce((sum, c) => sum + c.count, 0),
        byStatus,
        byKind,
        cells: [...cells].sort(
          (a, b) =>
            REQUEST_STATUSES.indexOf(a.status) - REQUEST_STATUSES.indexOf(b.status) ||
            REQUEST_KINDS.indexOf(a.kind) - REQUEST_KINDS.indexOf(b.kind),
        ),
      },
      throughput: {
        range: iso({ from: weeks[0]!.from, to: now }),
        weeks: weeks.map((span, i) => ({
          week: weekStarts(today, DASHBOARD_WEEKS)[i]!,
          range: iso(span),
          ...throughput[i]!,
        })),
      },
      onTime: {
        range: iso(year),
        months: months.map((span, i) => ({
          month: monthFirsts[i]!.slice(0, 7),
          range: iso(span),
          ...onTime[i]!,
          rate: rate(onTime[i]!.onTime, onTime[i]!.answered),
        })),
      },
      timeToClose: { range: iso(year), kinds: timeToClose },
      overdue: { range: snapshot, count: overdue, filter: { view: 'overdue' } },
      dueSoon: {
        range: iso({ from: now, to: soon }),
        count: dueSoon,
        days: this.config.clockSettings.dueSoonDays,
        filter: { view: 'due_soon' },
      },
      workload: { range: snapshot, assignees: workload, unassigned },
    };
  }

  private async compliance(now: Date): Promise<ComplianceDashboard> {
    const today = dateInZone(now, this.timeZone);
    const snapshot = iso({ from: now, to: now });
    const dueBy = endOfDay(addDays(today, DASHBOARD_LEGAL_DUE_SOON_DAYS), this.timeZone);
    const lapseTo = addDays(today, DASHBOARD_GAG_LAPSE_DAYS);
    const [pending, due, lapsing, flags] = await Promise.all([
      this.figures.pendingReview(),
      this.figures.legalProcessDueBy(dueBy, now),
      this.figures.gagOrdersEndingBetween(today, lapseTo),
      this.figures.openFlagsBySeverity(),
    ]);
    return {
      pendingReview: {
        range: snapshot,
        count: pending.disclosures + pending.legalProcess,
        ...pending,
      },
      legalProcessDueSoon: {
        range: iso({ from: now, to: dueBy }),
        days: DASHBOARD_LEGAL_DUE_SOON_DAYS,
        ...due,
      },
      gagOrdersLapsing: {
        range: iso({ from: this.startOf(today), to: endOfDay(lapseTo, this.timeZone) }),
        days: DASHBOARD_GAG_LAPSE_DAYS,
        count: lapsing,
      },
      openFlags: {
        range: snapshot,
        total: flags.reduce((sum, f) => sum + f.count, 0),
        bySeverity: VIOLATION_SEVERITIES.map((severity) => ({
          severity,
          count: flags.find((f) => f.severity === severity)?.count ?? 0,
        })),
      },
    };
  }

  private async staff(userId: string, now: Date): Promise<StaffDashboard> {
    const snapshot = iso({ from: now, to: now });
    const soon = this.dueSoonUntil(now);
    const [counts, items, shared] = await Promise.all([
      this.figures.ownQueueCounts(userId, now, soon),
      this.figures.ownQueue(userId, DASHBOARD_OWN_QUEUE_LIMIT),
      this.figures.sharedQueue(),
    ]);
    return {
      ownQueue: {
        range: snapshot,
        ...counts,
        filter: { view: 'mine' },
        items: items.map((r) => ({
          id: r.id,
          reference: r.reference,
          kind: r.kind,
          status: r.status,
          dueAt: r.dueAt.toISOString(),
          overdue: r.dueAt < now,
        })),
      },
      sharedQueue: { range: snapshot, count: shared, filter: { view: 'unassigned' } },
    };
  }

  private async admin(now: Date): Promise<AdminDashboard> {
    const snapshot = iso({ from: now, to: now });
    const [accounts, jobs] = await Promise.all([
      this.figures.accountsByRole(),
      this.figures.jobsByStatus(),
    ]);
    const of = (role: string, active: boolean) =>
      accounts.find((a) => a.role === role && a.active === active)?.count ?? 0;
    return {
      accounts: {
        range: snapshot,
        byRole: ROLES.map((role) => ({
          role,
          active: of(role, true),
          inactive: of(role, false),
        })),
      },
      jobs: { range: snapshot, byStatus: jobs },
    };
  }
}
