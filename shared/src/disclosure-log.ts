/**
 * The vocabulary of the disclosure log: legal process, disclosures and Terms-of-Service
 * violation flags. Shared by the server (validation, storage) and the console (labels, inputs).
 */
import { CORRECTABLE_FIELDS, SUBJECT_FIELD_LABELS } from './requests.js';

/** `LP-2026-000123`, `DL-2026-000123`, `VF-2026-000123`. */
export const RECORD_PREFIXES = {
  request: 'PR',
  legalProcess: 'LP',
  disclosure: 'DL',
  violation: 'VF',
} as const;
export type RecordPrefix = (typeof RECORD_PREFIXES)[keyof typeof RECORD_PREFIXES];

export function formatRecordReference(prefix: RecordPrefix, year: number, number: number): string {
  return `${prefix}-${year}-${String(number).padStart(6, '0')}`;
}

// ---- Legal process --------------------------------------------------------------------------

export const LEGAL_PROCESS_TYPES = [
  'court_order',
  'subpoena',
  'search_warrant',
  'emergency_request',
  'preservation_request',
  'national_security_letter',
  'fisa_order',
  'other',
] as const;
export type LegalProcessType = (typeof LEGAL_PROCESS_TYPES)[number];

export const LEGAL_PROCESS_TYPE_LABELS: Record<LegalProcessType, string> = {
  court_order: 'Court order',
  subpoena: 'Subpoena',
  search_warrant: 'Search warrant',
  emergency_request: 'Emergency request',
  preservation_request: 'Preservation request',
  national_security_letter: 'National security letter',
  fisa_order: 'FISA order',
  other: 'Other legal process',
};

export const LEGAL_PROCESS_OUTCOMES = [
  'produced_in_full',
  'produced_in_part',
  'narrowed',
  'rejected',
  'no_data',
] as const;
export type LegalProcessOutcome = (typeof LEGAL_PROCESS_OUTCOMES)[number];

export const LEGAL_PROCESS_OUTCOME_LABELS: Record<LegalProcessOutcome, string> = {
  produced_in_full: 'Produced in full',
  produced_in_part: 'Produced in part',
  narrowed: 'Narrowed',
  rejected: 'Rejected',
  no_data: 'No data held',
};

/** Outcomes under which data left the company, so disclosure records must be created. */
export const PRODUCING_OUTCOMES: readonly LegalProcessOutcome[] = [
  'produced_in_full',
  'produced_in_part',
  'narrowed',
];

// ---- Disclosures -----------------------------------------------------------------------------

export const RECIPIENT_TYPES = [
  'business_partner',
  'service_provider',
  'content_provider',
  'court',
  'law_enforcement',
  'government',
  'other',
] as const;
export type RecipientType = (typeof RECIPIENT_TYPES)[number];

export const RECIPIENT_TYPE_LABELS: Record<RecipientType, string> = {
  business_partner: 'Business partner',
  service_provider: 'Service provider',
  content_provider: 'Third-party content provider',
  court: 'Court',
  law_enforcement: 'Law enforcement',
  government: 'Government agency',
  other: 'Other',
};

export const DISCLOSURE_BASES = [
  'consent',
  'service_delivery',
  'partner_marketing',
  'legal_process',
  'tos_violation',
  'suspected_fraud_or_illegal',
] as const;
export type DisclosureBasis = (typeof DISCLOSURE_BASES)[number];

export const DISCLOSURE_BASIS_LABELS: Record<DisclosureBasis, string> = {
  consent: 'Consent of the person',
  service_delivery: 'To provide a service the person asked for',
  partner_marketing: 'Business partner marketing',
  legal_process: 'Court order or other legal process',
  tos_violation: 'Terms of Service violation',
  suspected_fraud_or_illegal: 'Suspected fraud or illegal activity',
};

/** What can be disclosed: each subject field, plus the request and response data. */
export const DATA_CATEGORIES = [...CORRECTABLE_FIELDS, 'request_data', 'response_data'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const DATA_CATEGORY_LABELS: Record<DataCategory, string> = {
  ...SUBJECT_FIELD_LABELS,
  request_data: 'Request data',
  response_data: 'Response data',
};

// ---- Terms-of-Service violation flags --------------------------------------------------------

export const VIOLATION_CATEGORIES = [
  'fraud',
  'illegal_activity',
  'abuse',
  'spam',
  'account_misuse',
  'other',
] as const;
export type ViolationCategory = (typeof VIOLATION_CATEGORIES)[number];

export const VIOLATION_CATEGORY_LABELS: Record<ViolationCategory, string> = {
  fraud: 'Fraud',
  illegal_activity: 'Illegal activity',
  abuse: 'Abuse',
  spam: 'Spam',
  account_misuse: 'Account misuse',
  other: 'Other',
};

export const VIOLATION_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ViolationSeverity = (typeof VIOLATION_SEVERITIES)[number];

export const VIOLATION_SEVERITY_LABELS: Record<ViolationSeverity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const VIOLATION_SOURCES = ['monitoring_review', 'report', 'legal'] as const;
export type ViolationSource = (typeof VIOLATION_SOURCES)[number];

export const VIOLATION_SOURCE_LABELS: Record<ViolationSource, string> = {
  monitoring_review: 'Monitoring review',
  report: 'A report',
  legal: 'Legal',
};

export const ENFORCEMENT_ACTIONS = ['none', 'warning', 'suspension', 'termination'] as const;
export type EnforcementAction = (typeof ENFORCEMENT_ACTIONS)[number];

export const ENFORCEMENT_ACTION_LABELS: Record<EnforcementAction, string> = {
  none: 'No action',
  warning: 'Warning',
  suspension: 'Suspension',
  termination: 'Termination',
};

/** A confirmed flag can be appealed once; a different compliance officer decides it. */
export const APPEAL_STATUSES = ['pending', 'upheld', 'overturned'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = {
  pending: 'Appeal pending',
  upheld: 'Appeal refused (flag upheld)',
  overturned: 'Appeal granted (flag overturned)',
};

// ---- Documents -------------------------------------------------------------------------------

/** What a document attached to a record is. */
export const DOCUMENT_ROLES = ['order', 'response_letter', 'evidence', 'consent', 'other'] as const;
export type DocumentRole = (typeof DOCUMENT_ROLES)[number];

export const DOCUMENT_ROLE_LABELS: Record<DocumentRole, string> = {
  order: 'The order or demand',
  response_letter: 'Our response letter',
  evidence: 'Evidence',
  consent: 'Evidence of consent',
  other: 'Other',
};

export const DOCUMENT_OWNER_TYPES = ['legal_process', 'disclosure', 'violation'] as const;
export type DocumentOwnerType = (typeof DOCUMENT_OWNER_TYPES)[number];

/**
 * The types a document may be, detected from its content (never from the name or the
 * client's Content-Type), and the largest accepted size.
 */
export const DOCUMENT_MEDIA_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/tiff',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
