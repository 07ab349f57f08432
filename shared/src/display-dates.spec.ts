import { formatDateIn, formatDateTimeIn } from './display-dates.js';

describe('dates as people read them', () => {
  it('shows a calendar date as that day, whatever the zone', () => {
    expect(formatDateIn('2026-11-28', 'Pacific/Auckland')).toBe('Nov 28, 2026');
    expect(formatDateIn('2026-11-28', 'America/Los_Angeles')).toBe('Nov 28, 2026');
  });

  it("shows an instant on the day and at the time it was in the desk's zone", () => {
    // 23:30 UTC on the 27th is already the 28th in Berlin, and still the 27th in New York.
    const instant = '2026-11-27T23:30:00.000Z';
    expect(formatDateIn(instant, 'Europe/Berlin')).toBe('Nov 28, 2026');
    expect(formatDateIn(instant, 'America/New_York')).toBe('Nov 27, 2026');
    expect(formatDateTimeIn(instant, 'Europe/Berlin')).toBe('Nov 28, 2026, 12:30 AM');
    expect(formatDateTimeIn(instant, 'UTC')).toBe('Nov 27, 2026, 11:30 PM');
  });

  it('says nothing was there, and keeps a value it cannot read', () => {
    expect(formatDateIn(null, 'UTC')).toBe('—');
    expect(formatDateTimeIn(undefined, 'UTC', 'Never')).toBe('Never');
    expect(formatDateTimeIn('soon', 'UTC')).toBe('soon');
    expect(formatDateTimeIn('2026-11-28', 'UTC')).toBe('Nov 28, 2026');
  });
});
