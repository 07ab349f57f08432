import { dateInZone, endOfDay } from './calendar.js';

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
