import type { FollowUpStatus } from './corrections.js';
import type { LegalProcessAction } from './legal-process-lifecycle.js';
import type { RequestAction } from './request-lifecycle.js';
import type { ReviewAction } from './review-lifecycle.js';
import type { ViolationAction } from './violation-lifecycle.js';

/**
 * What the audit log calls each kind of record an entry is about, and where the console shows
 * it: its own page (`show` or `edit`), its list (`list`), or nowhere (`resource` null).
 */
export const AUDITED_RECORDS = {
  request: { label: 'Request', resource: 'requests', page: 'show' },
  privacy_request: { label: 'Request', resource: 'requests', page: 'show' },
  request_package: { label: 'Access package', resource: null, page: null },
  subject: { label: 'Subject', resource: 'subjects', page: 'show' },
  suppression: { label: 'Suppression', resource: 'suppressions', page: 'list' },
  disclosure: { label: 'Disclosure', resource: 'disclosures', page: 'show' },
  legal_process: { label: 'Legal process', resource: 'legal-process', page: 'show' },
  violation_flag: { label: 'Violation flag', resource: 'violations', page: 'show' },
  user: { label: 'User', resource: 'users', page: 'edit' },
  api_key: { label: 'API key', resource: 'api-keys', page: 'list' },
  export: { label: 'Export', resource: 'exports', page: 'list' },
  report: { label: 'Report', resource: null, page: null },
  retention: { label: 'Retention run', resource: 'retention', page: 'list' },
  job: { label: 'Job', resource: 'jobs', page: 'show' },
  mail: { label: 'Mail', resource: 'outbox', page: 'show' },
  auth: { label: 'Sign-in', resource: null, page: null },
  key_ring: { label: 'Key ring', resource: null, page: null },
  period: { label: 'Diagnostics period', resource: null, page: null },
  probe: { label: 'Diagnostics probe', resource: null, page: null },
} as const satisfies Record<
  string,
  { label: string; resource: string | null; page: 'show' | 'edit' | 'list' | null }
>;
export type AuditedRecordType = keyof typeof AUDITED_RECORDS;

const REQUEST_ACTION_ENTRIES: Record<`request.${RequestAction}`, string> = {
  'request.verify': 'Request: requester confirmed',
  'request.resend_verification': 'Request: confirmation link sent again',
  'request.mark_verified': 'Request: identity verified by staff',
  'request.claim': 'Request: claimed',
  'request.assign': 'Request: assigned',
  'request.release': 'Request: released to the queue',
  'request.request_info': 'Request: information asked of the requester',
  'request.resume': 'Request: work resumed',
  'request.complete': 'Request: completed',
  'request.reject': 'Request: rejected',
  'request.withdraw': 'Request: withdrawn',
};

const VIOLATION_ACTION_ENTRIES: Record<`violation.${ViolationAction}`, string> = {
  'violation.start_review': 'Violation flag: review started',
  'violation.confirm': 'Violation flag: confirmed',
  'violation.dismiss': 'Violation flag: dismissed',
  'violation.appeal': 'Violation flag: appealed',
  'violation.uphold_appeal': 'Violation flag: appeal upheld',
  'violation.grant_appeal': 'Violation flag: appeal granted',
};

const LEGAL_PROCESS_ACTION_ENTRIES: Record<
  `legal_process.${LegalProcessAction}` | `legal_process.review_${ReviewAction}`,
  string
> = {
  'legal_process.start_review': 'Legal process: review started',
  'legal_process.respond': 'Legal process: response recorded',
  'legal_process.reject': 'Legal process: rejected',
  'legal_process.withdraw': 'Legal process: withdrawn',
  'legal_process.review_approve': 'Legal process: response approved (second review)',
  'legal_process.review_return': 'Legal process: response returned (second review)',
  'legal_process.review_resubmit': 'Legal process: response resubmitted for review',
};

const RECIPIENT_ENTRIES: Record<`request.recipient_${Exclude<FollowUpStatus, 'open'>}`, string> = {
  'request.recipient_notified': 'Correction: recipient told',
  'request.recipient_exempt': 'Correction: recipient not told (exemption)',
};

/**
 * Every action the server writes to the audit trail, with the words the console shows for it.
 * `AuditService.record` accepts only these, so a new action cannot reach the log unlabelled.
 */
export const AUDIT_ACTION_LABELS = {
  ...REQUEST_ACTION_ENTRIES,
  ...RECIPIENT_ENTRIES,
  'request.created': 'Request: received',
  'request.verified': 'Request: requester confirmed',
  'request.verification_resent': 'Request: confirmation link sent again',
  'request.subject_linked': 'Request: linked to a subject',
  'request.duplicate_kept': 'Request: kept although it looks like a duplicate',
  'request.extended': 'Request: deadline extended',
  'request.note_added': 'Request: note added',
  'request.lease_expired': 'Request: claim lapsed, back in the queue',
  'request.report_incomplete': 'Request: disclosure report marked incomplete',
  'request.correction_decided': 'Correction: field decided',
  'request.correction_applied': 'Correction: applied to the subject',
  'request.correction_notes': 'Correction: notes saved',
  'request_package.sent': 'Access package: sent',
  'request_package.downloaded': 'Access package: downloaded',
  'subject.created': 'Subject: created',
  'subject.updated': 'Subject: updated',
  'subject.erased': 'Subject: erased',
  'suppression.applied': 'Suppression: added',
  'suppression.revoked': 'Suppression: revoked',
  'suppression.scrubbed': 'Suppression: list scrubbed',
  'opt_out.check_done': 'Opt-out: system checked',
  'disclosure.recorded': 'Disclosure: recorded',
  'disclosure.amendment_recorded': 'Disclosure: amendment recorded',
  'disclosure.updated': 'Disclosure: updated',
  'disclosure.approved': 'Disclosure: approved (second review)',
  'disclosure.returned': 'Disclosure: returned (second review)',
  'disclosure.resubmitted': 'Disclosure: resubmitted for review',
  ...LEGAL_PROCESS_ACTION_ENTRIES,
  'legal_process.recorded': 'Legal process: recorded',
  'legal_process.updated': 'Legal process: updated',
  'legal_process.subject_notified': 'Legal process: subject told',
  'legal_process.gag_lapsed': 'Legal process: gag order lapsed',
  ...VIOLATION_ACTION_ENTRIES,
  'violation.flagged': 'Violation flag: raised',
  'violation.updated': 'Violation flag: updated',
  'document.attached': 'Document: attached',
  'user.created': 'User: account created',
  'user.updated': 'User: account updated',
  'user.deactivated': 'User: account deactivated',
  'user.unlocked': 'User: account unlocked',
  'user.password_reset': 'User: password reset by an admin',
  'auth.login_succeeded': 'Sign-in',
  'auth.login_failed': 'Sign-in failed',
  'auth.account_locked': 'Sign-in: account locked',
  'auth.logout': 'Sign-out',
  'auth.password_changed': 'Password changed',
  'auth.mfa_enrolment_started': 'Two-step sign-in: set-up started',
  'auth.mfa_enabled': 'Two-step sign-in: turned on',
  'auth.mfa_disabled': 'Two-step sign-in: turned off',
  'api_key.created': 'API key: created',
  'api_key.revoked': 'API key: revoked',
  'mail.queued': 'Mail: queued',
  'mail.released': 'Mail: released for sending',
  'export.requested': 'Export: started in the background',
  'export.completed': 'Export: downloaded in full',
  'export.aborted': 'Export: download abandoned',
  'export.failed': 'Export: failed',
  'export.cancelled': 'Export: cancelled',
  'export.cancel_requested': 'Export: cancellation asked',
  'export.downloaded': 'Export: file downloaded',
  'report.exported': 'Report: file downloaded',
  'retention.purged': 'Retention: personal data purged',
  'job.retried': 'Job: retried',
  'secrets.reencrypted': 'Key ring: secrets re-encrypted',
  'diagnostics.tick': 'Diagnostics: tick',
  'diagnostics.probes_enqueued': 'Diagnostics: probes queued',
  'diagnostics.probe_ran': 'Diagnostics: probe ran',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return Object.prototype.hasOwnProperty.call(AUDIT_ACTION_LABELS, value);
}

/** What the console shows for an action; an action no longer written keeps a readable form. */
export function auditActionLabel(action: string): string {
  if (isAuditAction(action)) return AUDIT_ACTION_LABELS[action];
  const [type, ...rest] = action.split('.');
  const subject = auditEntityTypeLabel(type ?? '');
  const what = rest.join(' ').replace(/_/g, ' ');
  return what ? `${subject}: ${what}` : subject;
}

export function isAuditedRecordType(value: string): value is AuditedRecordType {
  return Object.prototype.hasOwnProperty.call(AUDITED_RECORDS, value);
}

export function auditEntityTypeLabel(type: string): string {
  if (isAuditedRecordType(type)) return AUDITED_RECORDS[type].label;
  const words = type.replace(/_/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Record';
}

/**
 * The console address (react-admin's hash route) of the record an entry is about, or null when
 * the console has no page for it.
 */
export function auditEntityPath(type: string, id: string | null): string | null {
  if (!id || !isAuditedRecordType(type)) return null;
  const { resource, page } = AUDITED_RECORDS[type];
  if (!resource || !page) return null;
  if (page === 'show') return `/${resource}/${encodeURIComponent(id)}/show`;
  if (page === 'edit') return `/${resource}/${encodeURIComponent(id)}`;
  return `/${resource}`;
}

/** The choices of the audit log's Action filter: grouped by record, in reading order. */
export const AUDIT_ACTION_CHOICES = AUDIT_ACTIONS.map((id) => ({
  id,
  name: AUDIT_ACTION_LABELS[id],
})).sort((a, b) => a.name.localeCompare(b.name));

export const AUDITED_RECORD_CHOICES = Object.entries(AUDITED_RECORDS)
  .filter(([id]) => id !== 'privacy_request')
  .map(([id, { label }]) => ({ id, name: label }))
  .sort((a, b) => a.name.localeCompare(b.name));
