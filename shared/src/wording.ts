import { listInWords } from './labels.js';
import { SUBJECT_FIELD_LABELS } from './requests.js';

/**
 * How the server words what went wrong, so that a person reads a sentence about a field they
 * can see ("The end of the period cannot be before its start."), never a property name.
 *
 * A field message is written either as a whole sentence (it starts with a capital letter), or
 * as the rest of a sentence after the field's label ("is required", "must be a valid email
 * address"); `fieldMessage` puts the label in front. Every message ends with a full stop.
 */

/** What a person calls each field of a form, where that is not simply its name in words. */
export const INPUT_FIELD_LABELS: Record<string, string> = {
  ...SUBJECT_FIELD_LABELS,
  body: 'The request',
  requesterName: 'Name',
  requesterEmail: 'Email',
  kind: 'Kind of request',
  channel: 'Channel',
  receivedAt: 'Received on',
  receivedOn: 'Received on',
  subjectId: 'Subject',
  subjectIds: 'Subjects',
  assigneeId: 'Assignee',
  ids: 'Requests',
  requestId: 'Request',
  legalProcessId: 'Legal process',
  violationFlagId: 'Violation flag',
  amendsId: 'Disclosure to amend',
  consentRequestId: 'Request that recorded the consent',
  legalReviewerId: 'Legal reviewer',
  duplicateOfId: 'Duplicate of',
  periodStart: 'Start of the period',
  periodEnd: 'End of the period',
  currentPassword: 'Current password',
  newPassword: 'New password',
  otp: 'Code',
  recoveryCode: 'Recovery code',
  csrfToken: 'Security token',
  token: 'Confirmation link',
  dataCategories: 'Data categories',
  recipientType: 'Recipient type',
  recipientName: 'Recipient',
  recipientAddress: 'Recipient address',
  disclosedAt: 'Disclosed on',
  issuingAuthority: 'Authority',
  caseNumber: 'Case or docket number',
  responseDueOn: 'Response due on',
  responseSummary: 'Summary of the response',
  gagUntil: 'Gag order holds until',
  gagOrder: 'Gag order',
  termsClause: 'Clause of the Terms cited',
  evidenceText: 'Evidence',
  evidenceLinks: 'Evidence links',
  evidenceNotes: 'Evidence notes',
  enforcementAction: 'Enforcement action',
  appealReason: 'Reason for the appeal',
  decisionReason: 'Reason for the decision',
  revokeReason: 'Reason for revoking',
  denialReason: 'Reason for the denial',
  notifiedOn: 'Notified on',
  consentGivenOn: 'Consent given on',
  consentNote: 'Note of consent',
  consentDocumentSha256: 'Consent document',
  notifyRequester: 'Tell the requester',
  optIn: 'Opt back in',
  format: 'Format',
  channels: 'Channels',
  scopes: 'Scopes',
  corrections: 'Corrections',
  requestedValue: 'Correct value',
  mediaType: 'File type',
  effectiveAt: 'Effective from',
  targetDate: 'Target date',
  subjectVersion: 'Subject version',
  q: 'Search',
  sort: 'Sort order',
  range: 'Page range',
  filter: 'Filter',
};

/** "periodStart" → "Period start"; "addressLine1" → "Address line 1"; "opt_out" → "Opt out". */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The label of the field at a path such as `payload.corrections.0.field` or `filter.severity`:
 * its last named part, read in the context a person knows it by.
 */
export function fieldLabelOf(path: string): string {
  const parts = path.split('.').filter((part) => part !== '' && !/^\d+$/.test(part));
  const last = parts[parts.length - 1] ?? 'body';
  if (last === 'field' && parts.includes('corrections')) return 'Field to correct';
  const label = Object.hasOwn(INPUT_FIELD_LABELS, last)
    ? INPUT_FIELD_LABELS[last]
    : humanizeKey(last);
  return parts[0] === 'filter' && parts.length > 1 ? `${label} filter` : label;
}

/** A message as a sentence: a capital first letter and a full stop (or ? or !) at the end. */
export function asSentence(message: string): string {
  const text = message.trim();
  if (text === '') return text;
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.?!]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** True when a message is already a whole sentence, not the rest of one after a label. */
const isWholeSentence = (message: string) => /^[A-Z0-9"“(]/.test(message.trim());

/** The message about one field, as a sentence naming the field by its label. */
export function fieldMessage(path: string, message: string): string {
  if (isWholeSentence(message)) return asSentence(message);
  const each = /^each value /.exec(message);
  if (each) {
    return asSentence(`each value in ${fieldLabelOf(path)} ${message.slice(each[0].length)}`);
  }
  return asSentence(`${fieldLabelOf(path)} ${message}`);
}

/** Every field message of a `{ field: message }` map worded by `fieldMessage`, same keys. */
export function fieldMessages(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => [path, fieldMessage(path, message)]),
  );
}

/**
 * The 409 for an action the life cycle does not allow from the current status, in the words
 * of the buttons: "“Complete” is not possible while the request is new (queued); possible
 * now: Claim or Reject."
 */
export function notPossibleNow(
  actionLabel: string,
  what: string,
  statusLabel: string,
  allowedLabels: readonly string[],
): string {
  const now = allowedLabels.length ? listInWords(allowedLabels, 'or') : 'nothing';
  return `“${actionLabel}” is not possible while ${what} is ${statusLabel.toLowerCase()}; possible now: ${now}.`;
}
