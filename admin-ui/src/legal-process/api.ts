import type { LegalProcessAction, LegalProcessDto, ReviewAction } from '@privacy-desk/shared';

import { apiFetch, fieldErrors } from '../api';

const path = (id: string) => `/legal-process/${encodeURIComponent(id)}`;

export interface ProductionInput {
  recipientName: string;
  recipientType: string;
  recipientAddress?: string | null;
  subjectIds: string[];
  dataCategories: string[];
  disclosedAt: string;
  purpose: string;
}

/** POST /api/legal-process/:id/actions/:action with the version the page shows. */
export const takeAction = (
  id: string,
  action: LegalProcessAction,
  version: number,
  fields: Record<string, unknown> = {},
) =>
  apiFetch<LegalProcessDto>(`${path(id)}/actions/${action}`, {
    method: 'POST',
    body: { version, ...fields },
  });

/** POST /api/legal-process/:id/{approve,return,resubmit}. */
export const review = (id: string, action: ReviewAction, version: number, reason?: string) =>
  apiFetch<LegalProcessDto>(`${path(id)}/${action}`, {
    method: 'POST',
    body: reason === undefined ? { version } : { version, reason },
  });

/**
 * The server's refusal in words: each field's message (a sentence naming the field by its
 * label) where there are some, else the message.
 */
export function describeError(error: unknown, fallback: string): string {
  const fields = fieldErrors(error);
  if (fields && Object.keys(fields).length > 0) return Object.values(fields).join(' ');
  return error instanceof Error && error.message ? error.message : fallback;
}
