/**
 * Calendar dates as `YYYY-MM-DD` strings and the arithmetic the legal clocks need. Pure, and
 * free of the host's time zone: instants become dates only through an explicit IANA zone.
 */
export type IsoDate = string;

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parts(date: IsoDate): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number];
}

function fromUtc(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

function toUtc(date: IsoDate): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d);
}

export function weekday(date: IsoDate): (typeof WEEKDAYS)[number] {
  return WEEKDAYS[new Date(toUtc(date)).getUTCDay()]!;
}

export function isWeekend(date: IsoDate): boolean {
  const day = new Date(toUtc(date)).getUTCDay();
  return day === 0 || day === 6;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The same day `months` later. When that day does not exist (31 January + 1 month), the last
 * day of that month, and `missing` names the day that does not exist.
 */
export function addMonths(date: IsoDate, months: number): { date: IsoDate; missing?: string } {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = daysInMonth(year, month);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d <= last) return { date: `${year}-${pad(month)}-${pad(d)}` };
  return { date: `${year}-${pad(month)}-${pad(last)}`, missing: `${year}-${pad(month)}-${pad(d)}` };
}

/**
 * Holidays as UTC-midnight milliseconds, made once per list: the business-day walks below step
 * through days as numbers and only write the date they end on.
 */
const holidayDays = new WeakMap<readonly IsoDate[], Set<number>>();

function holidaySet(holidays: readonly IsoDate[]): Set<number> {
  let set = holidayDays.get(holidays);
  if (!set) {
    set = new Set(holidays.filter((h) => isIsoDate(h)).map(toUtc));
    holidayDays.set(holidays, set);
  }
  return set;
}

function isWeekendDay(ms: number): boolean {
  const day = new Date(ms).getUTCDay();
  return day === 0 || day === 6;
}

/** `days` business days after `date` (which itself is not counted), skipping weekends and holidays. */
export function addBusinessDays(
  date: IsoDate,
  days: number,
  holidays: readonly IsoDate[],
): { date: IsoDate; skippedHolidays: IsoDate[] } {
  const skippedHolidays: IsoDate[] = [];
  const closed = holidaySet(holidays);
  let current = toUtc(date);
  let counted = 0;
  while (counted < days) {
    current += DAY_MS;
    if (isWeekendDay(current)) continue;
    if (closed.has(current)) {
      skippedHolidays.push(fromUtc(current));
      continue;
    }
    counted += 1;
  }
  return { date: fromUtc(current), skippedHolidays };
}

/** Whether a date is a working day: neither a Saturday, a Sunday nor one of `holidays`. */
export function isWorkingDay(date: IsoDate, holidays: readonly IsoDate[]): boolean {
  return !isWeekend(date) && !holidays.includes(date);
}

/** `date` itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(date: IsoDate, holidays: readonly IsoDate[]): IsoDate {
  const closed = holidaySet(holidays);
  let current = toUtc(date);
  while (isWeekendDay(current) || closed.has(current)) current += DAY_MS;
  return fromUtc(current);
}

/** `days` business days before `date`, skipping weekends and holidays (the mirror of addBusinessDays). */
export function subtractBusinessDays(
  date: IsoDate,
  days: number,
  holidays: readonly IsoDate[],
): IsoDate {
  const closed = holidaySet(holidays);
  let current = toUtc(date);
  let counted = 0;
  while (counted < days) {
    current -= DAY_MS;
    if (!isWeekendDay(current) && !closed.has(current)) counted += 1;
  }
  return fromUtc(current);
}

/**
 * Formatters by time zone, made once: building an Intl.DateTimeFormat costs far more than using
 * one, and a page of 25 requests computes hundreds of dates (a profile of the requests list
 * found most of its time here).
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function formatter(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: () => Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat(cache === dateFormats ? 'en-CA' : 'en-US', options());
    // Only valid zones are kept (the constructor throws for others), and there are few of them.
    cache.set(timeZone, format);
  }
  return format;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** en-US with hourCycle h23: "11/30/2026, 19:13:31". */
const US_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

/** The calendar date of an instant in an IANA time zone. */
export function dateInZone(instant: Date, timeZone: string): IsoDate {
  const format = formatter(dateFormats, timeZone, () => ({
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }));
  // `format` costs a third of `formatToParts`; en-CA writes YYYY-MM-DD, checked in case a
  // locale data update ever changes it.
  const text = format.format(instant);
  if (ISO_DATE.test(text)) return text;
  const fields = format.formatToParts(instant);
  const get = (type: string) => fields.find((f) => f.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const format = formatter(offsetFormats, timeZone, () => ({
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }));
  const text = format.format(new Date(instant));
  const match = US_DATE_TIME.exec(text);
  if (match) {
    const [, month, day, year, hour, minute, second] = match.map(Number) as number[];
    const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
    return wall - Math.floor(instant / 1000) * 1000;
  }
  const fields = format.formatToParts(new Date(instant));
  const get = (type: string) => Number(fields.find((f) => f.type === type)!.value);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The last millisecond of a calendar date in an IANA time zone. */
export function endOfDay(date: IsoDate, timeZone: string): Date {
  const nextMidnightWall = toUtc(addDays(date, 1));
  let instant = nextMidnightWall - zoneOffsetMs(nextMidnightWall, timeZone);
  instant = nextMidnightWall - zoneOffsetMs(instant, timeZone);
  return new Date(instant - 1);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
