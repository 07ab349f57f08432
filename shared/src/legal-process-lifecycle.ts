import type { Permission } from './permissions.js';
import { hasPermission } from './permissions.js';
import type { Role } from './roles.js';

export const LEGAL_PROCESS_STATUSES = [
  'received',
  'under_review',
  'responded',
  'rejected',
  'withdrawn',
] as const;
export type LegalProcessStatus = (typeof LEGAL_PROCESS_STATUSES)[number];

export const LEGAL_PROCESS_STATUS_LABELS: Record<LegalProcessStatus, string> = {
  received: 'Received',
  under_review: 'Under legal review',
  responded: 'Responded',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn by the requester',
};

export const CLOSED_LEGAL_PROCESS_STATUSES: readonly LegalProcessStatus[] = [
  'responded',
  'rejected',
  'withdrawn',
];

export const LEGAL_PROCESS_ACTIONS = ['start_review', 'respond', 'reject', 'withdraw'] as const;
export type LegalProcessAction = (typeof LEGAL_PROCESS_ACTIONS)[number];

export const LEGAL_PROCESS_ACTION_LABELS: Record<LegalProcessAction, string> = {
  start_review: 'Start legal review',
  respond: 'Respond',
  reject: 'Reject',
  withdraw: 'Withdrawn',
};

export interface LegalProcessTransition {
  from: LegalProcessStatus;
  action: LegalProcessAction;
  to: LegalProcessStatus;
  allowedBy: Permission;
  /** Fields the action must carry. */
  requires: readonly ('reason' | 'outcome' | 'legalReviewerId')[];
}

/**
 * The life cycle of legal process, as data. `respond` carries the outcome (and, when data is
 * produced, the disclosures); `reject` records the outcome `rejected`.
 */
export const LEGAL_PROCESS_TRANSITIONS: readonly LegalProcessTransition[] = [
  {
    from: 'received',
    action: 'start_review',
    to: 'under_review',
    allowedBy: 'disclosures.record',
    requires: ['legalReviewerId'],
  },
  {
    from: 'received',
    action: 'withdraw',
    to: 'withdrawn',
    allowedBy: 'disclosures.record',
    requires: ['reason'],
  },
  {
    from: 'under_review',
    action: 'respond',
    to: 'responded',
    allowedBy: 'disclosures.record',
    requires: ['outcome'],
  },
  {
    from: 'under_review',
    action: 'reject',
    to: 'rejected',
    allowedBy: 'disclosures.record',
    requires: ['reason'],
  },
  {
    from: 'under_review',
    action: 'withdraw',
    to: 'withdrawn',
    allowedBy: 'disclosures.record',
    requires: ['reason'],
  },
];

export function findLegalProcessTransition(
  from: LegalProcessStatus,
  action: LegalProcessAction,
): LegalProcessTransition | undefined {
  return LEGAL_PROCESS_TRANSITIONS.find((t) => t.from === from && t.action === action);
}

export function legalProcessActionsFrom(status: LegalProcessStatus): LegalProcessAction[] {
  return LEGAL_PROCESS_TRANSITIONS.filter((t) => t.from === status).map((t) => t.action);
}

export function legalProcessActionsFor(
  role: Role,
  status: LegalProcessStatus,
): LegalProcessAction[] {
  return LEGAL_PROCESS_TRANSITIONS.filter(
    (t) => t.from === status && hasPermission(role, t.allowedBy),
  ).map((t) => t.action);
}
