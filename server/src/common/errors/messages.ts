import { FIELD_MESSAGES, listInWords } from '@privacy-desk/shared';

/**
 * Field messages shared by the DTOs, written as the rest of a sentence after the field's label
 * (see shared/src/wording.ts): "Kind of request must be one of: Correction, … or Access.".
 */

export const REQUIRED = { message: 'is required' };
export const A_DATE = { message: 'must be a date such as 2026-03-31' };
export const YES_OR_NO = { message: 'must be yes or no' };

/** The choices by the words a person saw them under (the labels), never the stored values. */
export function oneOf<K extends string>(
  values: readonly K[],
  labels: Record<K, string>,
  options: { each?: boolean } = {},
): { message: string; each?: boolean } {
  const choices = listInWords(
    values.map((value) => labels[value]),
    'or',
  );
  return options.each
    ? { each: true, message: `each value must be one of: ${choices}` }
    : { message: `must be one of: ${choices}` };
}

/** A choice whose values have no labels of their own (picked from a list, never typed). */
export const ONE_OF_THE_CHOICES = { message: 'is not one of the choices offered' };

/** An id that must name a record of a kind: "must be a subject from the list". */
export const anId = (what: string, options: { each?: boolean } = {}) =>
  options.each
    ? { each: true, message: `each value must be ${what} from the list` }
    : { message: `must be ${what} from the list` };

export const PERIOD_END_BEFORE_START = FIELD_MESSAGES.periodEndBeforeStart;
