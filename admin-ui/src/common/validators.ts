import {
  asFieldError,
  dateOfBirthProblem,
  emailProblem,
  FIELD_MESSAGES,
  pastDateProblem,
  periodEndProblem,
} from '@privacy-desk/shared';
import { required, type Validator } from 'react-admin';

// The shared field rules (the server checks the same) as react-admin validators: each message
// shows under its field as the user leaves it, and all of them at once on Save.

const shown = (problem: string | undefined) => (problem ? asFieldError(problem) : undefined);

/** Marks the field with an asterisk, and says so under it when left empty. */
export const requiredField = (): Validator => required(asFieldError(FIELD_MESSAGES.required));

export const emailAddress: Validator = (value: unknown) => shown(emailProblem(value));

/** A date not after `today` (the desk's today, as the server counts it). */
export const notInFuture =
  (today: string): Validator =>
  (value: unknown) =>
    shown(pastDateProblem(value, today));

export const dateOfBirth =
  (today: string): Validator =>
  (value: unknown) =>
    shown(dateOfBirthProblem(value, today));

/** The end of a period, judged against the form's `startSource` field. */
export const periodEnd =
  (startSource: string): Validator =>
  (value: unknown, values: Record<string, unknown>) =>
    shown(periodEndProblem(values?.[startSource], value));
