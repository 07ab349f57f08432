import type { Role } from './roles.js';

/**
 * Every permission a route can declare. Names are `<resource>.<verb>`.
 * Later features add their permissions here and to the matrix below; the server guard and
 * the console's canAccess both read this one table.
 */
export const PERMISSIONS = [
  'users.read',
  'users.manage',
  'audit.read',
  'apiKeys.manage',
  'jobs.manage',
  'subjects.read',
  'subjects.manage',
  'outbox.read',
  'requests.read',
  'requests.process',
  'requests.assign',
  'disclosures.read',
  'disclosures.record',
  'disclosures.review',
  'violations.read',
  'violations.flag',
  'violations.decide',
  'suppressions.read',
  'reports.export',
  'dashboard.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_MATRIX: Readonly<Record<Permission, readonly Role[]>> = {
  'users.read': ['admin'],
  'users.manage': ['admin'],
  'audit.read': ['compliance_officer', 'admin'],
  'apiKeys.manage': ['admin'],
  'jobs.manage': ['admin'],
  'subjects.read': ['staff', 'compliance_officer', 'manager'],
  'subjects.manage': ['staff'],
  'outbox.read': ['staff', 'admin'],
  'requests.read': ['staff', 'compliance_officer', 'manager'],
  'requests.process': ['staff'],
  'requests.assign': ['manager'],
  'disclosures.read': ['staff', 'compliance_officer', 'manager'],
  'disclosures.record': ['staff'],
  'disclosures.review': ['compliance_officer'],
  'violations.read': ['staff', 'compliance_officer', 'manager'],
  'violations.flag': ['staff'],
  'violations.decide': ['compliance_officer'],
  'suppressions.read': ['staff', 'compliance_officer', 'manager', 'admin'],
  'reports.export': ['manager', 'compliance_officer'],
  'dashboard.read': ['staff', 'compliance_officer', 'manager', 'admin'],
};

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return (
    Object.hasOwn(PERMISSION_MATRIX, permission) && PERMISSION_MATRIX[permission].includes(role)
  );
}

export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((permission) => hasPermission(role, permission));
}
