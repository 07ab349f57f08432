import { compareDates, isIsoDate } from './calendar.js';

/**
 * Rules on single form fields that the console checks as the user types and the server checks
 * again: one wording for both. Messages name no field, as each is shown under its own; the
 * server sends them as they are (`{ field: message }`), the console as a sentence.
 */
export const FIELD_MESSAGES = {
  required: 'is required',
  email: 'must be a valid email address',
  notRealDate: 'is not a real date',
  future: 'cannot be in the future',
  tooLongAgo: 'is too long ago',
  periodEndBeforeStart: 'The end of the period cannot be before its start',
  countryCode: 'must be a two-letter country code such as DE or US',
} as const;

export function tooLongMessage(max: number): string {
  return `must be at most ${max} characters`;
}

/** The earliest date of birth the registry accepts. */
export const EARLIEST_DATE_OF_BIRTH = '1900-01-01';

/** Longest email address (RFC 5321: 64 for the local part, 255 for the domain, and the "@"). */
export const EMAIL_MAX_LENGTH = 320;

// A local part of the usual characters without leading, trailing or doubled dots; a domain of
// at least two labels of letters, digits and inner hyphens, ending in a top-level domain of
// letters (or an internationalised "xn--" one).
const EMAIL_PATTERN =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

export function isEmailAddress(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > EMAIL_MAX_LENGTH) return false;
  const at = value.lastIndexOf('@');
  if (at < 1 || at > 64) return false;
  return EMAIL_PATTERN.test(value);
}

/** "Nothing was entered": undefined, null, or only spaces. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && !value.trim());
}

export function requiredProblem(value: unknown): string | undefined {
  return isBlank(value) ? FIELD_MESSAGES.required : undefined;
}

/** An email field; blank is left to `requiredProblem`. */
export function emailProblem(value: unknown): string | undefined {
  if (isBlank(value)) return undefined;
  return isEmailAddress(typeof value === 'string' ? value.trim() : value)
    ? undefined
    : FIELD_MESSAGES.email;
}

/** A date (YYYY-MM-DD) that may not lie after `today`, the desk's today. Blank is no problem. */
export function pastDateProblem(value: unknown, today: string): string | undefined {
  if (isBlank(value)) return undefined;
  if (!isIsoDate(value)) return FIELD_MESSAGES.notRealDate;
  return compareDates(value, today) > 0 ? FIELD_MESSAGES.future : undefined;
}

/** A date of birth: a real date, not after today, not before 1900. Blank is no problem. */
export function dateOfBirthProblem(value: unknown, today: string): string | undefined {
  const problem = pastDateProblem(value, today);
  if (problem || isBlank(value)) return problem;
  return compareDates(value as string, EARLIEST_DATE_OF_BIRTH) < 0
    ? FIELD_MESSAGES.tooLongAgo
    : undefined;
}

/**
 * A period's end against its start: the end may not come first. Either left blank, or a date
 * that is not a real one (its own rule says so), is no problem here.
 */
export function periodEndProblem(start: unknown, end: unknown): string | undefined {
  if (!isIsoDate(start) || !isIsoDate(end)) return undefined;
  return compareDates(end, start) < 0 ? FIELD_MESSAGES.periodEndBeforeStart : undefined;
}

/** A server or rule message as the console shows it under a field: "Cannot be in the future". */
export function asFieldError(message: string): string {
  return message ? message.charAt(0).toUpperCase() + message.slice(1) : message;
}
