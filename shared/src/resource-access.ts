import type { Permission } from './permissions.js';
import { hasPermission } from './permissions.js';
import type { Role } from './roles.js';

/** react-admin's action names, as passed to `canAccess({ resource, action })`. */
export type ResourceAction = 'list' | 'show' | 'create' | 'edit' | 'delete' | 'export' | string;

/**
 * Which permission each console resource action needs. The console's `canAccess` reads this,
 * so a role never sees a menu entry or a button the server would refuse.
 */
export const RESOURCE_ACCESS: Readonly<Record<string, Readonly<Record<string, Permission>>>> = {
  users: {
    list: 'users.read',
    show: 'users.read',
    create: 'users.manage',
    edit: 'users.manage',
    deactivate: 'users.manage',
    resetPassword: 'users.manage',
    unlock: 'users.manage',
  },
  jobs: {
    list: 'jobs.manage',
    show: 'jobs.manage',
    retry: 'jobs.manage',
  },
  requests: {
    export: 'reports.export',
    list: 'requests.read',
    show: 'requests.read',
    create: 'requests.process',
    claim: 'requests.process',
    note: 'requests.process',
    extend: 'requests.process',
    assign: 'requests.assign',
    bulkReject: 'requests.process',
    correct: 'requests.process',
  },
  subjects: {
    export: 'reports.export',
    list: 'subjects.read',
    show: 'subjects.read',
    create: 'subjects.manage',
    edit: 'subjects.manage',
  },
  reports: {
    list: 'reports.read',
    export: 'reports.export',
  },
  outbox: {
    list: 'outbox.read',
    show: 'outbox.read',
  },
  'api-keys': {
    list: 'apiKeys.manage',
    create: 'apiKeys.manage',
    revoke: 'apiKeys.manage',
  },
  'legal-process': {
    export: 'reports.export',
    list: 'disclosures.read',
    show: 'disclosures.read',
    create: 'disclosures.record',
    edit: 'disclosures.record',
    start_review: 'disclosures.record',
    respond: 'disclosures.record',
    reject: 'disclosures.record',
    withdraw: 'disclosures.record',
    approve: 'disclosures.review',
    return: 'disclosures.review',
    resubmit: 'disclosures.record',
  },
  disclosures: {
    export: 'reports.export',
    list: 'disclosures.read',
    show: 'disclosures.read',
    create: 'disclosures.record',
    edit: 'disclosures.record',
    amend: 'disclosures.record',
    approve: 'disclosures.review',
    return: 'disclosures.review',
    resubmit: 'disclosures.record',
  },
  violations: {
    export: 'reports.export',
    list: 'violations.read',
    show: 'violations.read',
    create: 'violations.flag',
    edit: 'violations.flag',
    appeal: 'violations.flag',
    start_review: 'violations.decide',
    confirm: 'violations.decide',
    dismiss: 'violations.decide',
    uphold_appeal: 'violations.decide',
    grant_appeal: 'violations.decide',
  },
  suppressions: {
    export: 'reports.export',
    list: 'suppressions.read',
    show: 'suppressions.read',
    scrub: 'suppressions.read',
  },
  documents: {
    list: 'disclosures.read',
    download: 'disclosures.read',
  },
  'review-queue': {
    list: 'disclosures.review',
  },
  retention: {
    list: 'retention.read',
    purge: 'retention.purge',
  },
  exports: {
    list: 'reports.export',
    show: 'reports.export',
    create: 'reports.export',
    cancel: 'reports.export',
    download: 'reports.export',
  },
  audit: {
    export: 'reports.export',
    list: 'audit.read',
    show: 'audit.read',
    verify: 'audit.read',
  },
};

/** Deny by default: an unknown resource or action is not accessible. */
export function canRoleAccess(role: Role, resource: string, action: ResourceAction): boolean {
  if (!Object.hasOwn(RESOURCE_ACCESS, resource)) return false;
  const actions = RESOURCE_ACCESS[resource]!;
  if (!Object.hasOwn(actions, action)) return false;
  return hasPermission(role, actions[action]!);
}
