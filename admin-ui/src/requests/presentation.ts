import {
  ACCESS_FORMAT_LABELS,
  ACCESS_FORMATS,
  labelOf,
  OPT_OUT_CHANNEL_LABELS,
  OPT_OUT_SCOPE_LABELS,
  REQUEST_ACTION_LABELS,
  REQUEST_CHANNEL_LABELS,
  SUBJECT_FIELD_LABELS,
  CORRECTABLE_FIELDS,
  JURISDICTION_LABELS,
  JURISDICTIONS,
  OPT_OUT_CHANNELS,
  OPT_OUT_SCOPES,
  REQUEST_CHANNELS,
  REQUEST_KIND_LABELS,
  REQUEST_KINDS,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
  STAFF_ENTRY_CHANNELS,
  SUBMITTABLE_KINDS,
  type DeadlineState,
  type Jurisdiction,
  type RequestAction,
  type RequestKind,
  type RequestStatus,
} from '@privacy-desk/shared';

type ChipColor = 'default' | 'primary' | 'info' | 'success' | 'warning' | 'error';

export const kindLabel = (kind: string | null | undefined) => labelOf(REQUEST_KIND_LABELS, kind);
export const statusLabel = (status: string | null | undefined) =>
  labelOf(REQUEST_STATUS_LABELS, status);
export const jurisdictionLabel = (jurisdiction: string | null | undefined) =>
  labelOf(JURISDICTION_LABELS, jurisdiction);

export const CHANNEL_LABELS = REQUEST_CHANNEL_LABELS;
export const channelLabel = (channel: string | null | undefined) =>
  labelOf(CHANNEL_LABELS, channel);

export const CORRECTABLE_FIELD_LABELS = SUBJECT_FIELD_LABELS;
export const correctableFieldLabel = (field: string | null | undefined) =>
  labelOf(SUBJECT_FIELD_LABELS, field);

export { ACCESS_FORMAT_LABELS, OPT_OUT_CHANNEL_LABELS, OPT_OUT_SCOPE_LABELS };
export const optOutChannelLabel = (value: string) => labelOf(OPT_OUT_CHANNEL_LABELS, value);
export const optOutScopeLabel = (value: string) => labelOf(OPT_OUT_SCOPE_LABELS, value);
export const accessFormatLabel = (value: string | null | undefined) =>
  labelOf(ACCESS_FORMAT_LABELS, value);

type Choice = { id: string; name: string };
const choices = <T extends string>(values: readonly T[], label: (value: T) => string): Choice[] =>
  values.map((value) => ({ id: value, name: label(value) }));

export const kindChoices = choices(REQUEST_KINDS, (k: RequestKind) => REQUEST_KIND_LABELS[k]);
export const submittableKindChoices = choices(SUBMITTABLE_KINDS, (k) => REQUEST_KIND_LABELS[k]);
export const statusChoices = choices(
  REQUEST_STATUSES,
  (s: RequestStatus) => REQUEST_STATUS_LABELS[s],
);
export const jurisdictionChoices = choices(
  JURISDICTIONS,
  (j: Jurisdiction) => JURISDICTION_LABELS[j],
);
export const channelChoices = choices(REQUEST_CHANNELS, (c) => CHANNEL_LABELS[c]);
export const staffEntryChannelChoices = choices(STAFF_ENTRY_CHANNELS, (c) => CHANNEL_LABELS[c]);
export const correctableFieldChoices = choices(
  CORRECTABLE_FIELDS,
  (f) => CORRECTABLE_FIELD_LABELS[f],
);
export const optOutChannelChoices = choices(OPT_OUT_CHANNELS, (c) => OPT_OUT_CHANNEL_LABELS[c]);
export const optOutScopeChoices = choices(OPT_OUT_SCOPES, (s) => OPT_OUT_SCOPE_LABELS[s]);
export const accessFormatChoices = choices(ACCESS_FORMATS, (f) => ACCESS_FORMAT_LABELS[f]);

export function statusColor(status: RequestStatus | string): ChipColor {
  switch (status) {
    case 'unverified':
      return 'default';
    case 'new':
      return 'info';
    case 'in_progress':
      return 'primary';
    case 'awaiting_requester':
      return 'warning';
    case 'completed':
      return 'success';
    case 'rejected':
      return 'error';
    default:
      return 'default';
  }
}

export function deadlineColor(deadline: DeadlineState | null | undefined): ChipColor {
  if (deadline === 'overdue') return 'error';
  if (deadline === 'due_soon') return 'warning';
  if (deadline === 'on_track') return 'success';
  return 'default';
}

export function deadlineLabel(deadline: DeadlineState | null | undefined): string {
  if (deadline === 'overdue') return 'Overdue';
  if (deadline === 'due_soon') return 'Due soon';
  if (deadline === 'on_track') return 'On track';
  return 'Closed';
}

/** The field an action's dialog asks for; actions without one run at once (or after a confirm). */
export type ActionField = 'reason' | 'message' | 'resolution' | 'assigneeId';

export interface ActionPresentation {
  label: string;
  /** Dialog title. */
  title: string;
  field?: ActionField;
  fieldLabel?: string;
  /** Shown in the dialog: what happens to the text (emailed, or kept internal). */
  help?: string;
  confirm?: string;
  /** Asked before running an action that needs no field. */
  confirmText?: string;
}

export const ACTION_PRESENTATION: Record<RequestAction, ActionPresentation> = {
  verify: { label: REQUEST_ACTION_LABELS.verify, title: 'Confirmed by the requester' },
  resend_verification: {
    label: REQUEST_ACTION_LABELS.resend_verification,
    title: 'Resend the confirmation link?',
    confirmText:
      'A new link is emailed to the requester. The earlier link stops working. (At most once every 5 minutes.)',
    confirm: 'Resend',
  },
  mark_verified: {
    label: REQUEST_ACTION_LABELS.mark_verified,
    title: 'Mark the request verified',
    field: 'reason',
    fieldLabel: 'How was the identity confirmed?',
    help: 'Kept on the timeline and in the audit trail, not emailed (for example: identity checked by phone). The request joins the queue and the requester is acknowledged.',
    confirm: 'Mark verified',
  },
  claim: { label: REQUEST_ACTION_LABELS.claim, title: 'Claim this request' },
  assign: {
    label: `${REQUEST_ACTION_LABELS.assign} to…`,
    title: 'Assign the request',
    field: 'assigneeId',
    fieldLabel: 'Assignee',
    help: 'The request moves to their queue.',
    confirm: 'Assign',
  },
  release: {
    label: REQUEST_ACTION_LABELS.release,
    title: 'Release this request?',
    confirmText: 'It goes back to the unassigned queue for someone else to take.',
    confirm: 'Release',
  },
  request_info: {
    label: REQUEST_ACTION_LABELS.request_info,
    title: 'Ask the requester for information',
    field: 'message',
    fieldLabel: 'Message to the requester',
    help: 'Emailed to the requester. The request waits for their answer.',
    confirm: 'Send',
  },
  resume: { label: REQUEST_ACTION_LABELS.resume, title: 'Resume work' },
  complete: {
    label: REQUEST_ACTION_LABELS.complete,
    title: 'Complete the request',
    field: 'resolution',
    fieldLabel: 'Resolution',
    help: 'Emailed to the requester: what was done.',
    confirm: 'Complete',
  },
  reject: {
    label: REQUEST_ACTION_LABELS.reject,
    title: 'Reject the request',
    field: 'reason',
    fieldLabel: 'Reason',
    help: 'Emailed to the requester: why the request is refused.',
    confirm: 'Reject',
  },
  withdraw: {
    label: REQUEST_ACTION_LABELS.withdraw,
    title: 'Withdraw this request?',
    confirmText: 'Record that the requester withdrew it. The request is closed.',
    confirm: 'Withdraw',
  },
};

export const actionPresentation = (action: RequestAction | string): ActionPresentation =>
  Object.hasOwn(ACTION_PRESENTATION, action)
    ? ACTION_PRESENTATION[action as RequestAction]
    : { label: action, title: action };

/** Today's date where the browser is, as YYYY-MM-DD (what a date input holds). */
export function localToday(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** The request list's tabs, as values of the `view` filter. */
export const REQUEST_VIEWS = [
  { value: 'mine', label: 'My queue' },
  { value: 'unassigned', label: 'Unassigned' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'due_soon', label: 'Due soon' },
  { value: 'all', label: 'All' },
] as const;
export type RequestView = (typeof REQUEST_VIEWS)[number]['value'];

/** Only people who work requests have a queue of their own. */
export function viewsFor(canProcess: boolean): (typeof REQUEST_VIEWS)[number][] {
  return canProcess ? [...REQUEST_VIEWS] : REQUEST_VIEWS.filter((view) => view.value !== 'mine');
}
