import { canRoleAccess, ROLES, RESOURCE_ACCESS } from '@privacy-desk/shared';

import { canAccess } from './canAccess.js';

describe('console canAccess', () => {
  it('shows users to admins only', () => {
    expect(ROLES.filter((role) => canAccess(role, 'users', 'list'))).toEqual(['admin']);
    for (const action of ['show', 'create', 'edit', 'deactivate', 'resetPassword', 'unlock']) {
      expect(canAccess('admin', 'users', action)).toBe(true);
      expect(canAccess('manager', 'users', action)).toBe(false);
    }
  });

  it('shows background jobs, and their retry, to admins only', () => {
    for (const action of ['list', 'show', 'retry']) {
      expect(ROLES.filter((role) => canAccess(role, 'jobs', action))).toEqual(['admin']);
    }
    expect(canAccess('admin', 'jobs', 'delete')).toBe(false);
  });

  it('shows the audit log to compliance officers and admins only', () => {
    expect(ROLES.filter((role) => canAccess(role, 'audit', 'list'))).toEqual([
      'compliance_officer',
      'admin',
    ]);
    expect(canAccess('compliance_officer', 'audit', 'verify')).toBe(true);
    expect(canAccess('staff', 'audit', 'verify')).toBe(false);
  });

  it('never allows deleting or editing audit entries', () => {
    for (const role of ROLES) {
      expect(canAccess(role, 'audit', 'delete')).toBe(false);
      expect(canAccess(role, 'audit', 'edit')).toBe(false);
      expect(canAccess(role, 'audit', 'create')).toBe(false);
    }
  });

  it('denies resources and actions missing from RESOURCE_ACCESS', () => {
    expect(canAccess('admin', 'nonexistent', 'list')).toBe(false);
    expect(canAccess('admin', 'users', 'delete')).toBe(false);
    expect(canAccess('admin', 'toString', 'list')).toBe(false);
    expect(canAccess('admin', '__proto__', 'list')).toBe(false);
    expect(canAccess('admin', 'users', 'constructor')).toBe(false);
    expect(canAccess('admin', 'audit', 'toString')).toBe(false);
  });

  it('denies a missing or unknown role', () => {
    expect(canAccess(undefined, 'users', 'list')).toBe(false);
    expect(canAccess(null, 'audit', 'list')).toBe(false);
    expect(canAccess('superuser', 'users', 'list')).toBe(false);
  });

  it('agrees with the shared canRoleAccess for every declared resource action', () => {
    for (const [resource, actions] of Object.entries(RESOURCE_ACCESS)) {
      for (const action of Object.keys(actions)) {
        const allowed = ROLES.filter((role) => canAccess(role, resource, action));
        expect(allowed.length).toBeGreaterThan(0);
        for (const role of ROLES) {
          expect(canAccess(role, resource, action)).toBe(canRoleAccess(role, resource, action));
        }
      }
    }
  });
});
