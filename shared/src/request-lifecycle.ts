import type { Permission } from './permissions.js';
import { hasPermission } from './permissions.js';
import type { Role } from './roles.js';

export const REQUEST_STATUSES = [
  'unverified',
  'new',
  'in_progress',
  'awaiting_requester',
  'completed',
  'rejected',
  'withdrawn',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  unverified: 'Waiting for email confirmation',
  new: 'New (queued)',
  in_progress: 'In progress',
  awaiting_requester: 'Waiting for the requester',
  completed: 'Completed',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};

export const CLOSED_STATUSES: readonly RequestStatus[] = ['completed', 'rejected', 'withdrawn'];
export const OPEN_STATUSES: readonly RequestStatus[] = REQUEST_STATUSES.filter(
  (s) => !CLOSED_STATUSES.includes(s),
);

export const REQUEST_ACTIONS = [
  'verify',
  'resend_verification',
  'mark_verified',
  'claim',
  'assign',
  'release',
  'request_info',
  'resume',
  'complete',
  'reject',
  'withdraw',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** The action as its button reads in the console, and as messages name it. */
export const REQUEST_ACTION_LABELS: Record<RequestAction, string> = {
  verify: 'Confirmed by the requester',
  resend_verification: 'Resend the confirmation link',
  mark_verified: 'Mark verified',
  claim: 'Claim',
  assign: 'Assign',
  release: 'Release',
  request_info: 'Request info',
  resume: 'Resume',
  complete: 'Complete',
  reject: 'Reject',
  withdraw: 'Withdraw',
};

/** Who may take an action: a permission from the matrix, or the requester through their emailed link. */
export type ActionActor = Permission | 'requester';

export interface Transition {
  from: RequestStatus;
  action: RequestAction;
  to: RequestStatus;
  allowedBy: ActionActor;
  /** Fields the action must carry. */
  requires: readonly ('reason' | 'message' | 'resolution' | 'assigneeId')[];
}

/**
 * The life cycle of a privacy request, as data. The server enforces exactly this table and
 * the console offers exactly the actions it allows from the current status.
 */
export const REQUEST_TRANSITIONS: readonly Transition[] = [
  { from: 'unverified', action: 'verify', to: 'new', allowedBy: 'requester', requires: [] },
  // Staff send a fresh confirmation link (the old one stops working), rate-limited.
  {
    from: 'unverified',
    action: 'resend_verification',
    to: 'unverified',
    allowedBy: 'requests.process',
    requires: [],
  },
  // Staff confirm the requester's identity another way (by phone, say), and say how.
  {
    from: 'unverified',
    action: 'mark_verified',
    to: 'new',
    allowedBy: 'requests.process',
    requires: ['reason'],
  },
  {
    from: 'unverified',
    action: 'reject',
    to: 'rejected',
    allowedBy: 'requests.process',
    requires: ['reason'],
  },
  { from: 'new', action: 'claim', to: 'in_progress', allowedBy: 'requests.process', requires: [] },
  {
    from: 'new',
    action: 'assign',
    to: 'in_progress',
    allowedBy: 'requests.assign',
    requires: ['assigneeId'],
  },
  {
    from: 'new',
    action: 'reject',
    to: 'rejected',
    allowedBy: 'requests.process',
    requires: ['reason'],
  },
  {
    from: 'in_progress',
    action: 'assign',
    to: 'in_progress',
    allowedBy: 'requests.assign',
    requires: ['assigneeId'],
  },
  {
    from: 'in_progress',
    action: 'release',
    to: 'new',
    allowedBy: 'requests.process',
    requires: [],
  },
  {
    from: 'in_progress',
    action: 'request_info',
    to: 'awaiting_requester',
    allowedBy: 'requests.process',
    requires: ['message'],
  },
  {
    from: 'in_progress',
    action: 'complete',
    to: 'completed',
    allowedBy: 'requests.process',
    requires: ['resolution'],
  },
  {
    from: 'in_progress',
    action: 'reject',
    to: 'rejected',
    allowedBy: 'requests.process',
    requires: ['reason'],
  },
  {
    from: 'in_progress',
    action: 'withdraw',
    to: 'withdrawn',
    allowedBy: 'requests.process',
    requires: [],
  },
  {
    from: 'awaiting_requester',
    action: 'resume',
    to: 'in_progress',
    allowedBy: 'requests.process',
    requires: [],
  },
  {
    from: 'awaiting_requester',
    action: 'assign',
    to: 'awaiting_requester',
    allowedBy: 'requests.assign',
    requires: ['assigneeId'],
  },
  {
    from: 'awaiting_requester',
    action: 'withdraw',
    to: 'withdrawn',
    allowedBy: 'requests.process',
    requires: [],
  },
];

export function findTransition(from: RequestStatus, action: RequestAction): Transition | undefined {
  return REQUEST_TRANSITIONS.find((t) => t.from === from && t.action === action);
}

export function actionsFrom(status: RequestStatus): RequestAction[] {
  return REQUEST_TRANSITIONS.filter((t) => t.from === status).map((t) => t.action);
}

/** The actions a staff role may take on a request in this status (what the console offers). */
export function actionsFor(role: Role, status: RequestStatus): RequestAction[] {
  return REQUEST_TRANSITIONS.filter(
    (t) => t.from === status && t.allowedBy !== 'requester' && hasPermission(role, t.allowedBy),
  ).map((t) => t.action);
}

export function isClosed(status: RequestStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

/** Extension is not a status change; it is allowed while a request is open and verified. */
export const EXTENDABLE_STATUSES: readonly RequestStatus[] = [
  'new',
  'in_progress',
  'awaiting_requester',
];
