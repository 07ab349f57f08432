import { ValidationPipe } from '@nestjs/common';
import type { ArgumentMetadata } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { FIELD_MESSAGES, isEmailAddress } from '@privacy-desk/shared';
import { ValidateBy, ValidateIf, validateSync } from 'class-validator';
import type { ValidationError } from 'class-validator';
import { fieldMessages } from '@privacy-desk/shared';
import { validationError } from './domain-errors.js';
import { findTextErrors } from './text-rule.js';

export { MultilineText } from './text-rule.js';

const NOT_NULL = 'notNull';

/** class-validator's own wording (after the property name), and what a person reads instead. */
const DEFAULT_WORDING: [RegExp, string][] = [
  [/^should not be empty$/, 'is required'],
  [/^should not be null or undefined$/, 'is required'],
  [/^must be an email$/, 'must be a valid email address'],
  [/^must be a string$/, 'must be text'],
  [/^must be a boolean value$/, 'must be yes or no'],
  [/^must be an? (integer )?number.*$/, 'must be a whole number'],
  [/^must be a positive number$/, 'must be more than 0'],
  [/^must not be less than (\S+)$/, 'must be at least $1'],
  [/^must not be greater than (\S+)$/, 'must be at most $1'],
  [/^must be shorter than or equal to (\d+) characters$/, 'must be at most $1 characters'],
  [/^must be longer than or equal to (\d+) characters$/, 'must be at least $1 characters'],
  [/^must contain at least (\d+) elements$/, 'must name at least $1'],
  [/^must contain no more than (\d+) elements$/, 'must name at most $1'],
  [/^must contain not more than (\d+) elements$/, 'must name at most $1'],
  [/^must be an array$/, 'must be a list'],
  [/^must be an object$/, 'must be a group of fields'],
  [/^must be either object or array$/, 'must be a group of fields'],
  [/^must be a UUID$/, 'must be chosen from the list'],
  [/^must be a valid ISO 8601 date string$/, 'must be a date such as 2026-03-31'],
  [/^must be a valid ISO31661 Alpha2 code$/, 'must be a two-letter country code such as DE or US'],
  [/^must be one of the following values: .*$/, 'is not one of the choices offered'],
  [/^must be a valid enum value$/, 'is not one of the choices offered'],
  [/^must match .* regular expression$/, 'is not in the expected form'],
  [/^'s elements must be unique$/, 'lists the same value more than once'],
];

/**
 * A class-validator message as the rest of a sentence after the field's label: its own
 * wording ("email must be an email", "each value in ids must be a UUID") reworded; our
 * messages (which never start with the property's name) as they are.
 */
export function plainMessage(property: string, message: string): string {
  let rest: string | undefined;
  let each = false;
  for (const prefix of [`${property} `, `nested property ${property} `, `property ${property} `]) {
    if (message.startsWith(prefix)) rest = message.slice(prefix.length);
  }
  if (message.startsWith(`each value in ${property} `)) {
    rest = message.slice(`each value in ${property} `.length);
    each = true;
  }
  if (message === `All ${property}'s elements must be unique`) rest = "'s elements must be unique";
  if (rest === undefined) return message;
  // A field the form does not have has no label: the name sent is the only one there is.
  if (rest === 'should not exist') return `The field “${property}” is not one this form accepts`;
  const reworded = DEFAULT_WORDING.reduce<string | undefined>(
    (found, [pattern, wording]) =>
      found ?? (pattern.test(rest) ? rest.replace(pattern, wording) : undefined),
    undefined,
  );
  const text = reworded ?? 'is not valid';
  return each ? `each value ${text}` : text;
}

/**
 * Flattens class-validator errors into `{ 'address.city': 'message' }`, first message each
 * (a "must not be null" first, as it explains the others).
 */
export function flattenValidationErrors(
  errors: ValidationError[],
  parent = '',
): Record<string, string> {
  const result = new Map<string, string>();
  const walk = (list: ValidationError[], prefix: string) => {
    for (const error of list) {
      const path = prefix ? `${prefix}.${error.property}` : error.property;
      const constraints = error.constraints ?? {};
      const message = constraints[NOT_NULL] ?? Object.values(constraints)[0];
      if (message !== undefined) result.set(path, plainMessage(error.property, message));
      if (error.children?.length) walk(error.children, path);
    }
  };
  walk(errors, parent);
  // fromEntries defines own properties, so a field named "__proto__" is reported, not lost.
  return fieldMessages(Object.fromEntries(result));
}

/**
 * An optional field that may be left out, but not sent as `null`: for columns that cannot be
 * empty (a user's name, a subject's email). Use `@IsOptional()` only where null means "clear".
 */
export function OptionalField(): PropertyDecorator {
  const notNull = ValidateBy({
    name: NOT_NULL,
    validator: {
      validate: (value: unknown) => value !== null,
      defaultMessage: () => 'must not be empty; leave the field out to keep its value',
    },
  });
  const onlyWhenSent = ValidateIf((_object: object, value: unknown) => value !== undefined);
  return (target, property) => {
    onlyWhenSent(target, property);
    notNull(target, property);
  };
}

/** An email address by the shared rule the console checks too (trimmed first by the DTO). */
export function IsEmailAddress(): PropertyDecorator {
  return ValidateBy({
    name: 'isEmailAddress',
    validator: {
      validate: (value: unknown) => isEmailAddress(value),
      defaultMessage: () => FIELD_MESSAGES.email,
    },
  });
}

/**
 * The global pipe: the text rule (valid Unicode, no control characters outside multi-line
 * fields) over every string of a DTO body, query or parameter, then class-validator.
 */
export class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (
      (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') &&
      typeof metadata.metatype === 'function' &&
      metadata.metatype !== Object
    ) {
      const errors = findTextErrors(value, {
        metatype: metadata.metatype,
        path: metadata.type === 'body' ? '' : (metadata.data ?? ''),
      });
      if (Object.keys(errors).length > 0) throw validationError(errors);
    }
    return super.transform(value, metadata);
  }
}

export const VALIDATION_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors: ValidationError[]) => validationError(flattenValidationErrors(errors)),
};

export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe(VALIDATION_OPTIONS);
}

/**
 * Validates a plain object against a DTO class outside the pipe (the HTML form): the text
 * rule first, then class-validator. Returns the instance and `{ field: message }` errors.
 */
export function validateInput<T extends object>(
  metatype: new () => T,
  plain: object,
): { value: T; errors: Record<string, string> } {
  const textErrors = findTextErrors(plain, { metatype });
  const value = plainToInstance(metatype, plain);
  if (Object.keys(textErrors).length > 0) return { value, errors: fieldMessages(textErrors) };
  return { value, errors: flattenValidationErrors(validateSync(value)) };
}
