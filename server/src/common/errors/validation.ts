import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { validationError } from './domain-errors.js';

/** Flattens class-validator errors into `{ 'address.city': 'message' }`, first message each. */
export function flattenValidationErrors(
  errors: ValidationError[],
  parent = '',
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) result[path] = messages[0]!;
    if (error.children?.length)
      Object.assign(result, flattenValidationErrors(error.children, path));
  }
  return result;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationError(flattenValidationErrors(errors)),
  });
}
