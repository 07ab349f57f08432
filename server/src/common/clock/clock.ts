/**
 * The one source of "now" for every time-dependent rule (sessions, TOTP steps, lockouts,
 * leases, job backoff, recurring periods, legal clocks). Production uses the system clock;
 * tests pass a `ManualClock` to `createApp` and move time explicitly.
 */
export abstract class Clock {
  abstract nowMs(): number;

  now(): Date {
    return new Date(this.nowMs());
  }
}

export class SystemClock extends Clock {
  nowMs(): number {
    return Date.now();
  }
}

/** A clock that moves only when told to: for tests, never for production. */
export class ManualClock extends Clock {
  private current: number;

  constructor(start: Date | number = Date.now()) {
    super();
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  nowMs(): number {
    return this.current;
  }

  set(at: Date | number): void {
    this.current = typeof at === 'number' ? at : at.getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
