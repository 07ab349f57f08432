import {
  addBusinessDays,
  addDays,
  dateInZone,
  endOfDay,
  isWorkingDay,
  nextWorkingDay,
  subtractBusinessDays,
} from './calendar.js';
import type { IsoDate } from './calendar.js';

/** The date and wall-clock fields of an instant in a zone, read field by field. */
function partsInZone(instant: Date, timeZone: string) {
  const fields = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => fields.find((f) => f.type === type)!.value;
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    time: `${get('hour')}:${get('minute')}`,
  };
}

const ZONES = [
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/Berlin',
  'Australia/Lord_Howe', // a half-hour daylight-saving shift
  'Asia/Kathmandu', // +05:45
  'Pacific/Kiritimati', // +14:00
  'Pacific/Pago_Pago', // -11:00
];

describe('dates in a time zone', () => {
  it('gives the calendar date of every hour of two years, in zones with odd offsets and shifts', () => {
    const wrong: string[] = [];
    const start = Date.UTC(2026, 0, 1);
    for (const zone of ZONES) {
      for (let hour = 0; hour < 2 * 366 * 24; hour += 7) {
        const instant = new Date(start + hour * 3_600_000 + 59 * 60_000);
        const expected = partsInZone(instant, zone).date;
        const actual = dateInZone(instant, zone);
        if (actual !== expected) wrong.push(`${zone} ${instant.toISOString()}: ${actual}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('ends each day at the last millisecond before local midnight, across daylight-saving changes', () => {
    const wrong: string[] = [];
    for (const zone of ZONES) {
      for (let day = 0; day < 2 * 366; day += 3) {
        const date = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
        const end = endOfDay(date, zone);
        const last = partsInZone(end, zone);
        const next = partsInZone(new Date(end.getTime() + 1), zone);
        if (last.date !== date || last.time !== '23:59' || next.time !== '00:00') {
          wrong.push(`${zone} ${date}: ${end.toISOString()}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('business days', () => {
  /** The walks done one calendar date at a time, as written before they stepped in numbers. */
  const naive = {
    add(date: IsoDate, days: number, holidays: IsoDate[]) {
      const skipped: IsoDate[] = [];
      let current = date;
      for (let counted = 0; counted < days;) {
        current = addDays(current, 1);
        if (isWorkingDay(current, holidays)) counted += 1;
        else if (holidays.includes(current) && !['Sat', 'Sun'].includes(dayName(current)))
          skipped.push(current);
      }
      return { date: current, skippedHolidays: skipped };
    },
    subtract(date: IsoDate, days: number, holidays: IsoDate[]) {
      let current = date;
      for (let counted = 0; counted < days;) {
        current = addDays(current, -1);
        if (isWorkingDay(current, holidays)) counted += 1;
      }
      return current;
    },
    next(date: IsoDate, holidays: IsoDate[]) {
      let current = date;
      while (!isWorkingDay(current, holidays)) current = addDays(current, 1);
      return current;
    },
  };
  const dayName = (date: IsoDate) =>
    ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(`${date}T00:00:00Z`).getUTCDay()]!;

  it('agree with a day-by-day walk, with and without holidays (weekend ones included)', () => {
    const holidaySets: IsoDate[][] = [
      [],
      ['2026-12-25', '2026-12-26', '2027-01-01', '2026-12-24', '2026-11-26'],
      ['2027-02-29', 'not a date', '2026-12-28'],
    ];
    const wrong: string[] = [];
    for (const holidays of holidaySets) {
      for (let day = 0; day < 120; day += 1) {
        const date = addDays('2026-11-01', day);
        for (const days of [0, 1, 5, 10, 30, 45]) {
          const label = `${date} ${days} [${holidays.join(',')}]`;
          const added = addBusinessDays(date, days, holidays);
          if (JSON.stringify(added) !== JSON.stringify(naive.add(date, days, holidays)))
            wrong.push(`add ${label}: ${JSON.stringify(added)}`);
          const subtracted = subtractBusinessDays(date, days, holidays);
          if (subtracted !== naive.subtract(date, days, holidays))
            wrong.push(`subtract ${label}: ${subtracted}`);
        }
        if (nextWorkingDay(date, holidays) !== naive.next(date, holidays))
          wrong.push(`next ${date}: ${nextWorkingDay(date, holidays)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
