import { addDays, addMonths, weekday } from './calendar.js';
import type { IsoDate } from './calendar.js';
import type { RequestKind } from './requests.js';
import type { RequestStatus } from './request-lifecycle.js';
import type { Role } from './roles.js';
import type { ViolationSeverity } from './disclosure-log.js';

/**
 * The console's home page, by role: the figures `GET /api/dashboard` returns and the rules
 * behind them. Every figure carries the span of time it covers; a snapshot (the backlog now,
 * what is overdue now) covers `from === to`, the moment it was taken.
 */
export interface DateRange {
  /** ISO 8601 UTC instant, inclusive. */
  from: string;
  /** ISO 8601 UTC instant, exclusive (the moment of the snapshot for a snapshot). */
  to: string;
}

/** Weeks of throughput and months of on-time rate the manager's dashboard shows. */
export const DASHBOARD_WEEKS = 12;
export const DASHBOARD_MONTHS = 12;
/** Gag orders lapsing within this many days show on the compliance dashboard. */
export const DASHBOARD_GAG_LAPSE_DAYS = 30;
/** Legal process due within this many days shows on the compliance dashboard. */
export const DASHBOARD_LEGAL_DUE_SOON_DAYS = 3;
/** The most requests of their own queue a staff member's dashboard lists. */
export const DASHBOARD_OWN_QUEUE_LIMIT = 50;

/**
 * Statuses that answer a request: what the on-time rate and the days to close count. A
 * withdrawn request was never answered, so it is closed but not measured.
 */
export const ANSWERED_STATUSES: readonly RequestStatus[] = ['completed', 'rejected'];

/** The rules behind the figures, in words the dashboard shows beside them. */
export const DASHBOARD_RULES = {
  backlog: 'Open requests now (every status but completed, rejected and withdrawn).',
  throughput:
    'Received: requests by the day they reached the company. Closed: requests completed, rejected or withdrawn that week. Weeks start on Monday in the desk time zone.',
  onTime:
    'Of the requests completed or rejected in the month, the share closed by their due date (at or before the end of the due day).',
  timeToClose:
    'Days from receipt to completion or rejection, for requests closed in the period; median and 90th percentile (linear interpolation, like percentile_cont).',
  overdue: 'Open requests whose due date has passed.',
  dueSoon: 'Open requests due between now and the given number of days from now.',
  workload: 'Open requests held by each active staff member (claimed or assigned).',
} as const;

/** The on-time rule: closed at or before the due instant (the end of the due day). */
export function isOnTime(closedAt: Date, dueAt: Date): boolean {
  return closedAt.getTime() <= dueAt.getTime();
}

/** The Monday of the week holding `date`. */
export function weekStart(date: IsoDate): IsoDate {
  const back = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(weekday(date));
  return addDays(date, -back);
}

/** The first days of the `count` weeks ending with the week of `today`, oldest first. */
export function weekStarts(today: IsoDate, count: number): IsoDate[] {
  const current = weekStart(today);
  return Array.from({ length: count }, (_, i) => addDays(current, -7 * (count - 1 - i)));
}

/** The first days of the `count` months ending with the month of `today`, oldest first. */
export function monthStarts(today: IsoDate, count: number): IsoDate[] {
  const first = `${today.slice(0, 8)}01`;
  return Array.from({ length: count }, (_, i) => addMonths(first, -(count - 1 - i)).date);
}

/**
 * A percentile by linear interpolation between the closest ranks (what PostgreSQL's
 * percentile_cont computes): the 0-based ranks below and above p·(count−1), and the fraction
 * between them.
 */
export function percentileRanks(count: number, p: number): [number, number, number] {
  const position = p * (count - 1);
  const low = Math.floor(position);
  return [low, Math.ceil(position), position - low];
}

/** The percentile of `count` sorted values, given the value at a 0-based rank. */
export function percentileAt(
  count: number,
  p: number,
  at: (rank: number) => number,
): number | null {
  if (count === 0) return null;
  const [low, high, fraction] = percentileRanks(count, p);
  return at(low) + (at(high) - at(low)) * fraction;
}

export function percentileCont(sorted: readonly number[], p: number): number | null {
  return percentileAt(sorted.length, p, (rank) => sorted[rank]!);
}

/** A share as a rate from 0 to 1, or null when nothing was counted. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

// ---- The response ---------------------------------------------------------------------------

export interface CountFigure {
  range: DateRange;
  count: number;
}

/** A count that links into the requests list with the filter that shows exactly its rows. */
export interface LinkedCountFigure extends CountFigure {
  /** The requests list's `filter` that lists these requests. */
  filter: Record<string, string>;
}

export interface ManagerDashboard {
  backlog: {
    range: DateRange;
    total: number;
    byStatus: { status: RequestStatus; count: number }[];
    byKind: { kind: RequestKind; count: number }[];
    /** Every (status, kind) pair with open requests. */
    cells: { status: RequestStatus; kind: RequestKind; count: number }[];
  };
  throughput: {
    range: DateRange;
    weeks: { week: IsoDate; range: DateRange; received: number; closed: number }[];
  };
  onTime: {
    range: DateRange;
    months: {
      month: string;
      range: DateRange;
      answered: number;
      onTime: number;
      rate: number | null;
    }[];
  };
  timeToClose: {
    range: DateRange;
    kinds: { kind: RequestKind; answered: number; medianDays: number; p90Days: number }[];
  };
  overdue: LinkedCountFigure;
  dueSoon: LinkedCountFigure & { days: number };
  workload: {
    range: DateRange;
    assignees: { id: string; name: string; open: number; overdue: number }[];
    /** Open requests nobody holds. */
    unassigned: number;
  };
}

export interface ComplianceDashboard {
  pendingReview: CountFigure & { disclosures: number; legalProcess: number };
  legalProcessDueSoon: CountFigure & { overdue: number; days: number };
  gagOrdersLapsing: CountFigure & { days: number };
  openFlags: {
    range: DateRange;
    total: number;
    bySeverity: { severity: ViolationSeverity; count: number }[];
  };
}

export interface StaffQueueItem {
  id: string;
  reference: string;
  kind: RequestKind;
  status: RequestStatus;
  dueAt: string;
  overdue: boolean;
}

export interface StaffDashboard {
  ownQueue: LinkedCountFigure & {
    overdue: number;
    dueSoon: number;
    /** The soonest due first, at most DASHBOARD_OWN_QUEUE_LIMIT. */
    items: StaffQueueItem[];
  };
  sharedQueue: LinkedCountFigure;
}

export interface AdminDashboard {
  accounts: { range: DateRange; byRole: { role: Role; active: number; inactive: number }[] };
  jobs: { range: DateRange; byStatus: { status: string; count: number }[] };
}

export interface DashboardDto {
  role: Role;
  generatedAt: string;
  timeZone: string;
  manager?: ManagerDashboard;
  compliance?: ComplianceDashboard;
  staff?: StaffDashboard;
  admin?: AdminDashboard;
}
