import {
  asFieldError,
  checkDisclosureBasis,
  FIELD_MESSAGES,
  type DisclosureBasis,
  type DisclosureBasisInput,
} from '@privacy-desk/shared';

import { deskToday } from '../common/desk-dates';

/** The form's values: the show record's shape (nested refs), plus what the form adds. */
export interface DisclosureFormValues {
  aggregated?: boolean;
  subjects?: { id?: string; violationFlag?: { id?: string | null } | null }[];
  recipientName?: string;
  recipientType?: string;
  recipientAddress?: string | null;
  basis?: DisclosureBasis;
  purpose?: string;
  dataCategories?: string[];
  disclosedAt?: string | Date | null;
  legalProcess?: { id?: string | null } | null;
  consentRequest?: { id?: string | null } | null;
  consentDocumentSha256?: string | null;
  consentNote?: string | null;
  consentGivenOn?: string | Date | null;
  amends?: { id?: string | null } | null;
  amendsId?: string | null;
  version?: number;
}

const day = (value: string | Date | null | undefined): string => {
  if (!value) return '';
  if (value instanceof Date) {
    const local = new Date(value.getTime() - value.getTimezoneOffset() * 60_000);
    return local.toISOString().slice(0, 10);
  }
  return value.slice(0, 10);
};
const orNull = (value: string | null | undefined) => (value && value.trim() ? value : null);

/** The body POST/PUT /api/disclosures accepts. */
export function toDisclosureBody(values: DisclosureFormValues, mode: 'create' | 'edit') {
  const aggregated = values.aggregated ?? false;
  const body: Record<string, unknown> = {
    aggregated,
    subjects: aggregated
      ? []
      : (values.subjects ?? [])
          .filter((s) => s?.id)
          .map((s) => ({
            subjectId: s.id,
            violationFlagId: values.basis === 'tos_violation' ? orNull(s.violationFlag?.id) : null,
          })),
    recipientName: values.recipientName ?? '',
    recipientType: values.recipientType,
    recipientAddress: orNull(values.recipientAddress),
    basis: values.basis,
    purpose: values.purpose ?? '',
    dataCategories: values.dataCategories ?? [],
    disclosedAt: day(values.disclosedAt),
    legalProcessId: orNull(values.legalProcess?.id),
    consentRequestId: values.basis === 'consent' ? orNull(values.consentRequest?.id) : null,
    consentDocumentSha256: values.basis === 'consent' ? orNull(values.consentDocumentSha256) : null,
    consentNote: values.basis === 'consent' ? orNull(values.consentNote) : null,
    consentGivenOn:
      values.basis === 'consent' && orNull(values.consentNote)
        ? orNull(day(values.consentGivenOn))
        : null,
  };
  if (mode === 'create') body.amendsId = orNull(values.amendsId ?? values.amends?.id ?? null);
  else body.version = values.version;
  return body;
}

/** Where a server field's message shows in the form. */
function formPath(field: string): string {
  if (field === 'legalProcessId') return 'legalProcess.id';
  if (field === 'consentRequestId') return 'consentRequest.id';
  const subject = /^subjects\.(\d+)\.(subjectId|violationFlagId)$/.exec(field);
  if (subject)
    return `subjects.${subject[1]}.${subject[2] === 'subjectId' ? 'id' : 'violationFlag.id'}`;
  return field;
}

function setPath(target: Record<string, unknown>, path: string, message: string) {
  const parts = path.split('.');
  let node: Record<string, unknown> = target;
  parts.slice(0, -1).forEach((part) => {
    node[part] = (node[part] as Record<string, unknown> | undefined) ?? {};
    node = node[part] as Record<string, unknown>;
  });
  node[parts[parts.length - 1]!] = message;
}

/** The desk's today (the server checks again with its own clock). */
const today = deskToday;

/**
 * The basis rules, as you type: the same shared function the server runs, with what the
 * console knows (required fields per basis; the server also checks flags, opt-outs and links).
 */
export function basisErrors(values: DisclosureFormValues): Record<string, string> {
  if (!values.basis) return {};
  const body = toDisclosureBody(values, 'create');
  const input: DisclosureBasisInput = {
    basis: values.basis,
    aggregated: body.aggregated as boolean,
    subjects: body.subjects as DisclosureBasisInput['subjects'],
    dataCategories: body.dataCategories as string[],
    disclosedOn: body.disclosedAt as string,
    legalProcessId: body.legalProcessId as string | null,
    consentRequestId: body.consentRequestId as string | null,
    consentDocumentSha256: body.consentDocumentSha256 as string | null,
    consentNote: body.consentNote as string | null,
    consentGivenOn: body.consentGivenOn as string | null,
  };
  return checkDisclosureBasis(input, { today: today() });
}

/** react-admin form-level validation: the basis errors placed on the form's fields. */
export function validateDisclosure(values: DisclosureFormValues): Record<string, unknown> {
  const errors: Record<string, unknown> = {};
  const missing = asFieldError(FIELD_MESSAGES.required);
  if (!values.recipientName?.trim()) errors.recipientName = missing;
  if (!values.recipientType) errors.recipientType = missing;
  if (!values.basis) errors.basis = missing;
  if (!values.purpose?.trim()) errors.purpose = missing;
  for (const [field, message] of Object.entries(basisErrors(values)))
    setPath(errors, formPath(field), message);
  return errors;
}
