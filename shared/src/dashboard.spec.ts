import { isOnTime, monthStarts, percentileCont, rate, weekStart, weekStarts } from './dashboard.js';

describe('dashboard rules', () => {
  it('starts weeks on Monday', () => {
    expect(weekStart('2026-11-30')).toBe('2026-11-30'); // a Monday
    expect(weekStart('2026-11-29')).toBe('2026-11-23'); // a Sunday
    expect(weekStart('2026-12-03')).toBe('2026-11-30');
  });

  it('lists the last weeks and months oldest first, ending with the current one', () => {
    expect(weekStarts('2026-12-02', 3)).toEqual(['2026-11-16', '2026-11-23', '2026-11-30']);
    expect(monthStarts('2026-02-15', 3)).toEqual(['2025-12-01', '2026-01-01', '2026-02-01']);
  });

  it('computes percentiles like percentile_cont', () => {
    expect(percentileCont([], 0.5)).toBeNull();
    expect(percentileCont([4], 0.9)).toBe(4);
    expect(percentileCont([1, 2, 3, 10], 0.5)).toBe(2.5);
    expect(percentileCont([1, 2, 3, 10], 0.9)).toBeCloseTo(7.9);
  });

  it('counts a request closed at its due instant as on time', () => {
    const due = new Date('2026-03-01T23:59:59.999Z');
    expect(isOnTime(due, due)).toBe(true);
    expect(isOnTime(new Date(due.getTime() + 1), due)).toBe(false);
    expect(rate(1, 4)).toBe(0.25);
    expect(rate(0, 0)).toBeNull();
  });
});
