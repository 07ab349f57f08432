import { ValidationPipe } from '@nestjs/common';
import type { ArgumentMetadata } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { FIELD_MESSAGES, isEmailAddress } from '@privacy-desk/shared';
import { ValidateBy, ValidateIf, validateSync } from 'class-validator';
import type { ValidationError } from 'class-validator';
import { validationError } from './domain-errors.js';
import { findTextErrors } from './text-rule.js';

export { MultilineText } from './text-rule.js';

const NOT_NULL = 'notNull';

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
      if (message !== undefined) result.set(path, message);
      if (error.children?.length) walk(error.children, path);
    }
  };
  walk(errors, parent);
  // fromEntries defines own properties, so a field named "__proto__" is reported, not lost.
  return Object.fromEntries(result);
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
  if (Object.keys(textErrors).length > 0) return { value, errors: textErrors };
  return { value, errors: flattenValidationErrors(validateSync(value)) };
}
