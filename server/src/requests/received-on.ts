import { Injectable } from '@nestjs/common';
import { addDays, dateInZone, endOfDay, FIELD_MESSAGES, isIsoDate } from '@privacy-desk/shared';
import { Clock } from '../common/clock/clock.js';
import { validationError } from '../common/errors/domain-errors.js';
import { AppConfig } from '../config/app-config.js';

/** How far ahead of the server's clock an intake's receipt time may be (clock skew). */
const INTAKE_SKEW_MS = 60_000;

/**
 * Receipt dates, judged in the desk's BUSINESS_TIME_ZONE by the injected clock: "today" is
 * the same day for the console's default and for the server's "not in the future" check.
 */
@Injectable()
export class ReceivedOnPolicy {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get timeZone(): string {
    return this.config.clockSettings.timeZone;
  }

  /** Today's date (YYYY-MM-DD) in the business time zone. */
  today(): string {
    return dateInZone(this.clock.now(), this.timeZone);
  }

  /** A staff-entered receipt date as an instant: now if today, else the start of that business day. */
  receivedAtFromDate(date: string): Date {
    if (!isIsoDate(date)) throw validationError({ receivedAt: 'is not a real date' });
    const today = this.today();
    if (date > today)
      throw validationError({
        receivedAt: `${FIELD_MESSAGES.future} (today is ${today} in ${this.timeZone})`,
      });
    if (date === today) return this.clock.now();
    return new Date(endOfDay(addDays(date, -1), this.timeZone).getTime() + 1);
  }

  /** An intake's receipt instant (now when not given); refused when in the future. */
  receivedAtFromInstant(value: string | undefined): Date {
    const now = this.clock.nowMs();
    const receivedAt = value ? new Date(value) : new Date(now);
    if (receivedAt.getTime() > now + INTAKE_SKEW_MS)
      throw validationError({ receivedAt: 'cannot be in the future' });
    return receivedAt;
  }
}
