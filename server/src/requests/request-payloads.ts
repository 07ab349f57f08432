import { REQUEST_KIND_LABELS } from '@privacy-desk/shared';
import type { RequestKind } from '@privacy-desk/shared';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { validationError } from '../common/errors/domain-errors.js';
import { flattenValidationErrors } from '../common/errors/validation.js';
import { REQUEST_KIND_REGISTRY } from './kinds/index.js';

/**
 * Validates a request's kind-specific payload by its kind's rules (`kinds/`); a bad one is a
 * 422 naming the field (`payload.corrections.0.field`). Unknown fields are refused. Returns
 * the clean payload.
 */
export function validatePayload(kind: RequestKind, payload: unknown): Record<string, unknown> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw validationError({
      payload: `The details of the request (${REQUEST_KIND_LABELS[kind].toLowerCase()}) are missing`,
    });
  }
  const rules = REQUEST_KIND_REGISTRY[kind].payload;
  const instance = plainToInstance(rules.dto, payload);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  const problems = errors.length
    ? flattenValidationErrors(errors)
    : (rules.check?.(instance as never) ?? {});
  if (Object.keys(problems).length) {
    throw validationError(
      Object.fromEntries(Object.entries(problems).map(([k, v]) => [`payload.${k}`, v])),
    );
  }
  return JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
}
