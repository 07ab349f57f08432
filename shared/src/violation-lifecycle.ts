import type { Permission } from './permissions.js';
import { hasPermission } from './permissions.js';
import type { Role } from './roles.js';

export const VIOLATION_STATUSES = ['open', 'under_review', 'confirmed', 'dismissed'] as const;
export type ViolationStatus = (typeof VIOLATION_STATUSES)[number];

export const VIOLATION_STATUS_LABELS: Record<ViolationStatus, string> = {
  open: 'Open',
  under_review: 'Under review',
  confirmed: 'Confirmed',
  dismissed: 'Dismissed',
};

export const VIOLATION_ACTIONS = [
  'start_review',
  'confirm',
  'dismiss',
  'appeal',
  'uphold_appeal',
  'grant_appeal',
] as const;
export type ViolationAction = (typeof VIOLATION_ACTIONS)[number];

export interface ViolationTransition {
  from: ViolationStatus;
  action: ViolationAction;
  to: ViolationStatus;
  allowedBy: Permission;
  requires: readonly ('reason' | 'enforcementAction')[];
}

/**
 * The life cycle of a Terms-of-Service violation flag, as data. Deciding (`confirm`,
 * `dismiss`) takes a reason and an enforcement action. A confirmed flag can be appealed once;
 * `uphold_appeal` keeps it confirmed, `grant_appeal` overturns it; both are refused to the
 * officer who confirmed it, and the server allows only one appeal per flag.
 */
export const VIOLATION_TRANSITIONS: readonly ViolationTransition[] = [
  {
    from: 'open',
    action: 'start_review',
    to: 'under_review',
    allowedBy: 'violations.decide',
    requires: [],
  },
  {
    from: 'under_review',
    action: 'confirm',
    to: 'confirmed',
    allowedBy: 'violations.decide',
    requires: ['reason', 'enforcementAction'],
  },
  {
    from: 'under_review',
    action: 'dismiss',
    to: 'dismissed',
    allowedBy: 'violations.decide',
    requires: ['reason'],
  },
  {
    from: 'confirmed',
    action: 'appeal',
    to: 'confirmed',
    allowedBy: 'violations.flag',
    requires: ['reason'],
  },
  {
    from: 'confirmed',
    action: 'uphold_appeal',
    to: 'confirmed',
    allowedBy: 'violations.decide',
    requires: ['reason'],
  },
  {
    from: 'confirmed',
    action: 'grant_appeal',
    to: 'dismissed',
    allowedBy: 'violations.decide',
    requires: ['reason'],
  },
];

export function findViolationTransition(
  from: ViolationStatus,
  action: ViolationAction,
): ViolationTransition | undefined {
  return VIOLATION_TRANSITIONS.find((t) => t.from === from && t.action === action);
}

export function violationActionsFrom(status: ViolationStatus): ViolationAction[] {
  return VIOLATION_TRANSITIONS.filter((t) => t.from === status).map((t) => t.action);
}

export function violationActionsFor(role: Role, status: ViolationStatus): ViolationAction[] {
  return VIOLATION_TRANSITIONS.filter(
    (t) => t.from === status && hasPermission(role, t.allowedBy),
  ).map((t) => t.action);
}

export const VIOLATION_ACTION_LABELS: Record<ViolationAction, string> = {
  start_review: 'Start review',
  confirm: 'Confirm',
  dismiss: 'Dismiss',
  appeal: 'Appeal',
  uphold_appeal: 'Uphold the appeal decision',
  grant_appeal: 'Grant the appeal',
};
