import type { DateRange } from '@privacy-desk/shared';

/** A day in the desk's time zone, e.g. "16 Jun 2027". */
function day(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone,
  }).format(instant);
}

/**
 * The span a figure covers, in words: "as of 16 Jun 2027, 12:00" for a snapshot, else the
 * first and last day ("1 Apr 2027 – 30 Apr 2027"; `to` is exclusive).
 */
export function formatRange(range: DateRange, timeZone: string): string {
  const from = new Date(range.from);
  const to = new Date(range.to);
  if (from.getTime() === to.getTime()) {
    const time = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    }).format(to);
    return `as of ${day(to, timeZone)}, ${time}`;
  }
  const last = new Date(Math.max(from.getTime(), to.getTime() - 1));
  const a = day(from, timeZone);
  const b = day(last, timeZone);
  return a === b ? a : `${a} – ${b}`;
}

/** A rate from 0 to 1 as a whole percentage, or a dash when nothing was counted. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

/** The console path of the requests list with this filter (what a figure links to). */
export function requestsListPath(filter: Record<string, string>): string {
  return `/requests?filter=${encodeURIComponent(JSON.stringify(filter))}`;
}

/** "Week of 5 Apr" for a week's first day (YYYY-MM-DD). */
export function weekLabel(week: string): string {
  const [y, m, d] = week.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "Apr 2027" for a month (YYYY-MM). */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}
