import { HttpException, HttpStatus } from '@nestjs/common';
import { asSentence, ERROR_CODES, fieldMessages } from '@privacy-desk/shared';
import type { ErrorCode } from '@privacy-desk/shared';

/**
 * An error whose status, code and message are safe to show to the caller as they are. The
 * message and each field message are worded as sentences here, once for every caller (see
 * shared/src/wording.ts).
 */
export class ApiError extends HttpException {
  readonly errors?: Record<string, string>;

  constructor(
    status: number,
    readonly code: ErrorCode | string,
    message: string,
    errors?: Record<string, string>,
  ) {
    const worded = errors ? fieldMessages(errors) : undefined;
    super({ message: asSentence(message), code, ...(worded ? { errors: worded } : {}) }, status);
    this.errors = worded;
  }
}

export const INVALID_INPUT_MESSAGE = 'Some of the information needs correcting; see each field';

export const validationError = (errors: Record<string, string>, message = INVALID_INPUT_MESSAGE) =>
  new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, ERROR_CODES.validation, message, errors);

export const notFound = (what: string) =>
  new ApiError(HttpStatus.NOT_FOUND, ERROR_CODES.notFound, `${what} not found`);

export const conflict = (message: string, code: ErrorCode | string = ERROR_CODES.conflict) =>
  new ApiError(HttpStatus.CONFLICT, code, message);

export const staleVersion = (what: string) =>
  new ApiError(
    HttpStatus.CONFLICT,
    ERROR_CODES.staleVersion,
    `${what} was changed by someone else since you loaded it; reload and try again`,
  );

export const forbidden = (
  message = 'You do not have permission to do this',
  code: string = ERROR_CODES.forbidden,
) => new ApiError(HttpStatus.FORBIDDEN, code, message);

export const unauthenticated = (
  message = 'Sign in to continue',
  code: string = ERROR_CODES.unauthenticated,
) => new ApiError(HttpStatus.UNAUTHORIZED, code, message);
