import { Injectable } from '@nestjs/common';
import { addDays, dateInZone, endOfDay } from '@privacy-desk/shared';
import { Clock } from '../common/clock/clock.js';
import { AppConfig } from '../config/app-config.js';

/** Days in the desk's BUSINESS_TIME_ZONE, by the injected clock. */
@Injectable()
export class DeskCalendar {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get timeZone(): string {
    return this.config.clockSettings.timeZone;
  }

  now(): Date {
    return this.clock.now();
  }

  today(): string {
    return dateInZone(this.clock.now(), this.timeZone);
  }

  dateOf(instant: Date): string {
    return dateInZone(instant, this.timeZone);
  }

  /** The first instant of a desk day. */
  startOf(date: string): Date {
    return new Date(endOfDay(addDays(date, -1), this.timeZone).getTime() + 1);
  }

  /** A recorded day as an instant: now when it is today, else the start of that day. */
  instantFor(date: string): Date {
    return date === this.today() ? this.clock.now() : this.startOf(date);
  }
}
