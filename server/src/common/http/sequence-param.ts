import type { PipeTransform } from '@nestjs/common';
import { notFound } from '../errors/domain-errors.js';

/** The largest value of a PostgreSQL `integer` column (SQLite's are wider). */
export const MAX_INT_COLUMN = 2_147_483_647;

/**
 * A route parameter that names a row by a whole-number key (an audit entry's seq). Anything
 * but 1 to MAX_INT_COLUMN in plain digits is a 404, so no value reaches the database that one
 * of the two databases would refuse.
 */
export class SequenceParamPipe implements PipeTransform<unknown, number> {
  constructor(private readonly what: string) {}

  /** The global pipe may already have made it a number (`+value`), so both forms are read. */
  transform(value: unknown): number {
    const text = String(value);
    const n = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(n) || n < 1 || n > MAX_INT_COLUMN) throw notFound(this.what);
    return n;
  }
}
