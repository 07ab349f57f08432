/**
 * Dates as people read them, in the desk's time zone (`BUSINESS_TIME_ZONE`): a date where only
 * the day means something (received on, due, a period), a date and time where the moment does
 * (sent, signed in, decided). One formatter per zone and style, as making one is costly.
 */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withTime}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat('en-US', {
      timeZone,
      dateStyle: 'medium',
      ...(withTime ? { timeStyle: 'short' } : {}),
    });
    formatters.set(key, made);
  }
  return made;
}

function toDate(value: string | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * "Nov 28, 2026". A calendar date (`2026-11-28`) is that day wherever the desk is; an instant
 * is the day it was in the desk's zone.
 */
export function formatDateIn(
  value: string | Date | null | undefined,
  timeZone: string,
  empty = '—',
): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'string' && DATE_ONLY.test(value)) {
    return formatter('UTC', false).format(new Date(`${value}T12:00:00Z`));
  }
  const date = toDate(value);
  return date ? formatter(timeZone, false).format(date) : String(value);
}

/** "Nov 28, 2026, 2:05 PM", in the desk's zone. */
export function formatDateTimeIn(
  value: string | Date | null | undefined,
  timeZone: string,
  empty = '—',
): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'string' && DATE_ONLY.test(value)) return formatDateIn(value, timeZone);
  const date = toDate(value);
  return date ? formatter(timeZone, true).format(date) : String(value);
}
