import type { Permission } from './permissions.js';
import { hasPermission } from './permissions.js';
import type { Role } from './roles.js';

/**
 * Compliance review with four eyes: every disclosure and every legal-process response enters
 * `pending_review`; a compliance officer other than whoever recorded it approves it or returns
 * it with a reason. A returned record is corrected and resubmitted. An approved record never
 * changes again; a mistake is fixed by an amending record.
 */
export const REVIEW_STATUSES = ['pending_review', 'returned', 'approved'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  pending_review: 'Pending compliance review',
  returned: 'Returned for correction',
  approved: 'Approved',
};

export const REVIEW_ACTIONS = ['approve', 'return', 'resubmit'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export const REVIEW_ACTION_LABELS: Record<ReviewAction, string> = {
  approve: 'Approve',
  return: 'Return for correction',
  resubmit: 'Resubmit for review',
};

export interface ReviewTransition {
  from: ReviewStatus;
  action: ReviewAction;
  to: ReviewStatus;
  allowedBy: Permission;
  requires: readonly 'reason'[];
}

export const REVIEW_TRANSITIONS: readonly ReviewTransition[] = [
  {
    from: 'pending_review',
    action: 'approve',
    to: 'approved',
    allowedBy: 'disclosures.review',
    requires: [],
  },
  {
    from: 'pending_review',
    action: 'return',
    to: 'returned',
    allowedBy: 'disclosures.review',
    requires: ['reason'],
  },
  {
    from: 'returned',
    action: 'resubmit',
    to: 'pending_review',
    allowedBy: 'disclosures.record',
    requires: [],
  },
];

export function findReviewTransition(
  from: ReviewStatus,
  action: ReviewAction,
): ReviewTransition | undefined {
  return REVIEW_TRANSITIONS.find((t) => t.from === from && t.action === action);
}

export function reviewActionsFrom(status: ReviewStatus): ReviewAction[] {
  return REVIEW_TRANSITIONS.filter((t) => t.from === status).map((t) => t.action);
}

export function reviewActionsFor(role: Role, status: ReviewStatus): ReviewAction[] {
  return REVIEW_TRANSITIONS.filter(
    (t) => t.from === status && hasPermission(role, t.allowedBy),
  ).map((t) => t.action);
}

/** Only a record still being worked on (pending or returned) may be edited; approved never. */
export function isEditableReviewStatus(status: ReviewStatus): boolean {
  return status !== 'approved';
}

/**
 * The four-eyes rule: nobody approves a record they recorded, or one that cites a violation
 * flag they decided. Returns the reason in words when the reviewer is excluded.
 */
export function fourEyesRefusal(
  reviewerId: string,
  record: { recordedById: string; flagDeciderIds?: readonly (string | null)[] },
): string | null {
  if (reviewerId === record.recordedById) {
    return 'You recorded this entry; a different compliance officer must review it.';
  }
  if (record.flagDeciderIds?.some((id) => id === reviewerId)) {
    return 'You decided a violation flag this entry cites; a different compliance officer must review it.';
  }
  return null;
}
