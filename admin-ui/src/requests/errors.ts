import { errorCode, fieldErrors, isHttpError } from '../api';

/** Words for a refused request call, keeping the server's own explanation where it has one. */
export function describeRequestError(error: unknown, fallback: string): string {
  const code = errorCode(error);
  if (code === 'stale_version') {
    return 'Someone else changed this request meanwhile. It has been reloaded; please try again.';
  }
  const fields = fieldErrors(error);
  // Each message is a sentence that names its field by the label a person sees.
  if (fields && Object.keys(fields).length > 0) return Object.values(fields).join(' ');
  if (isHttpError(error) && error.message) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}

/** Errors after which what the page shows is out of date. */
export function isStaleAnswer(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'stale_version' || code === 'illegal_transition';
}
