/** The vocabulary of privacy requests, shared by server and console. */

export const REQUEST_KINDS = [
  'correction',
  'opt_out',
  'access',
  'disclosure_report',
  'minor_review',
  'gag_notice',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/**
 * Kinds a person (or an integration) can ask for; `minor_review` and `gag_notice` (tell a
 * subject of legal process once its gag order lapsed) are created by the system.
 */
export const SUBMITTABLE_KINDS = ['correction', 'opt_out', 'access', 'disclosure_report'] as const;
export type SubmittableKind = (typeof SUBMITTABLE_KINDS)[number];

export const REQUEST_KIND_LABELS: Record<RequestKind, string> = {
  correction: 'Correction',
  opt_out: 'Opt-out of contact',
  access: 'Access (copy of my information)',
  disclosure_report: 'Disclosure report',
  minor_review: 'Minor review',
  gag_notice: 'Notice of legal process',
};

export const REQUEST_CHANNELS = [
  'web_form',
  'email',
  'phone',
  'mail',
  'api',
  'gpc',
  'staff',
] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

export const REQUEST_CHANNEL_LABELS: Record<RequestChannel, string> = {
  web_form: 'Web form',
  email: 'Email',
  phone: 'Phone',
  mail: 'Post',
  api: 'API',
  gpc: 'Global Privacy Control',
  staff: 'In person / staff',
};

/** Channels staff choose from when they enter a request received some other way. */
export const STAFF_ENTRY_CHANNELS = ['email', 'phone', 'mail', 'staff'] as const;

export const JURISDICTIONS = ['gdpr', 'ccpa', 'hipaa', 'can_spam', 'other'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export const JURISDICTION_LABELS: Record<Jurisdiction, string> = {
  gdpr: 'GDPR',
  ccpa: 'CCPA / CPRA',
  hipaa: 'HIPAA',
  can_spam: 'CAN-SPAM',
  other: 'Other',
};

/** The subject's fields a correction can name. */
export const CORRECTABLE_FIELDS = [
  'name',
  'company',
  'addressLine1',
  'addressLine2',
  'city',
  'region',
  'postalCode',
  'country',
  'email',
  'phone',
  'jobTitle',
  'dateOfBirth',
] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/**
 * What a person calls each field of a subject's "User Information": the public form, the
 * console, letters, disclosure categories and audit summaries all name fields with these.
 */
export const SUBJECT_FIELD_LABELS: Record<CorrectableField, string> = {
  name: 'Name',
  company: 'Company',
  addressLine1: 'Address line 1',
  addressLine2: 'Address line 2',
  city: 'City',
  region: 'Region / state',
  postalCode: 'Postal code',
  country: 'Country',
  email: 'Email',
  phone: 'Phone',
  jobTitle: 'Job title',
  dateOfBirth: 'Date of birth',
};

export const OPT_OUT_CHANNELS = ['email', 'phone', 'post'] as const;
export const OPT_OUT_SCOPES = ['marketing_contact', 'partner_sharing'] as const;
export const ACCESS_FORMATS = ['pdf', 'csv', 'json'] as const;

export const OPT_OUT_CHANNEL_LABELS: Record<(typeof OPT_OUT_CHANNELS)[number], string> = {
  email: 'Email',
  phone: 'Phone',
  post: 'Post',
};
export const OPT_OUT_SCOPE_LABELS: Record<(typeof OPT_OUT_SCOPES)[number], string> = {
  marketing_contact: 'Marketing contact',
  partner_sharing: 'Sharing with partners',
};
export const ACCESS_FORMAT_LABELS: Record<(typeof ACCESS_FORMATS)[number], string> = {
  pdf: 'PDF document',
  csv: 'CSV spreadsheet',
  json: 'JSON (machine-readable)',
};

export interface CorrectionPayload {
  corrections: { field: CorrectableField; requestedValue: string; note?: string }[];
}
export interface OptOutPayload {
  channels: (typeof OPT_OUT_CHANNELS)[number][];
  scopes: (typeof OPT_OUT_SCOPES)[number][];
  /** "Opt me back in": a verified request from the person revokes these entries instead. */
  optIn?: boolean;
}
export interface AccessPayload {
  format: (typeof ACCESS_FORMATS)[number];
}
export interface DisclosureReportPayload {
  periodStart: string;
  periodEnd: string;
}

/** `PR-2026-000123`. */
export function formatReference(year: number, number: number): string {
  return `PR-${year}-${String(number).padStart(6, '0')}`;
}

/** What a line on a request's timeline records. */
export const REQUEST_EVENT_TYPES = [
  'created',
  'verified',
  'claimed',
  'released',
  'assigned',
  'status_changed',
  'extended',
  'note',
  'email_sent',
  'verification_resent',
  'duplicate_linked',
  'subject_linked',
  'lease_expired',
  'merged',
  'correction_decided',
  'correction_applied',
  'recipient_notified',
  'suppression',
  'package_sent',
  'package_downloaded',
  'report_incomplete',
] as const;
export type RequestEventType = (typeof REQUEST_EVENT_TYPES)[number];

/** The emails Privacy Desk sends, and the states of a message in the outbox. */
export const MAIL_TEMPLATES = [
  'verification',
  'acknowledgement',
  'request_info',
  'extension_notice',
  'completion',
  'rejection',
  'legal_process_notice',
  'correction_completion',
  'package_ready',
] as const;
export const OUTBOX_STATUSES = ['queued', 'sent', 'held', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** What became of an email, in words (the timeline and the outbox say the same). */
export const MAIL_OUTCOME_PHRASES: Record<OutboxStatus, string> = {
  queued: 'queued for delivery',
  held: 'held in the outbox (no SMTP server is configured)',
  sent: 'sent',
  failed: 'delivery failed',
};
