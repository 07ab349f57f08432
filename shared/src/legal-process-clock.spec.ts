import { computeLegalProcessClock, deadlineState, DEFAULT_CLOCK_SETTINGS } from './legal-clock.js';

describe('legal-process clock rule', () => {
  const settings = { timeZone: 'Europe/Berlin', holidays: [], dueSoonDays: 3 };

  it('is due on the date stated on the process, at the end of that day in the desk zone', () => {
    const clock = computeLegalProcessClock(
      { receivedAt: new Date('2026-11-30T23:30:00Z'), responseDueOn: '2026-12-14' },
      settings,
    );
    // 23:30 UTC on 30 Nov is already 1 Dec in Berlin.
    expect(clock.receivedDate).toBe('2026-12-01');
    expect(clock.dueDate).toBe('2026-12-14');
    expect(clock.dueAt.toISOString()).toBe('2026-12-14T22:59:59.999Z');
    expect(clock.ruleId).toBe('legal_process');
    expect(clock.explanation).toBe(
      'received 2026-12-01 (Tue); due 2026-12-14 (Mon), the response date stated on the legal process; due soon within 3 days of it',
    );
  });

  it('is on track, due soon within three days, then overdue after the due day', () => {
    const clock = computeLegalProcessClock(
      { receivedAt: new Date('2026-03-01T10:00:00Z'), responseDueOn: '2026-03-20' },
      DEFAULT_CLOCK_SETTINGS,
    );
    const at = (iso: string) => deadlineState(clock, new Date(iso), DEFAULT_CLOCK_SETTINGS);
    expect(at('2026-03-16T12:00:00Z')).toBe('on_track');
    expect(at('2026-03-17T00:00:00Z')).toBe('due_soon');
    expect(at('2026-03-20T23:59:59Z')).toBe('due_soon');
    expect(at('2026-03-21T00:00:00Z')).toBe('overdue');
  });
});
