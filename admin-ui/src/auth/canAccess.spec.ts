import { PERMISSION_MATRIX, ROLES, RESOURCE_ACCESS } from '@privacy-desk/shared';

import { canAccess } from './canAccess.js';

const REACT_ADMIN_ACTIONS = ['list', 'show', 'create', 'edit', 'delete', 'export'];

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

  it('agrees with the permission matrix for every role, resource and action', () => {
    // The expectation is read from the two data tables, not from canRoleAccess.
    const disagreements: string[] = [];
    let checked = 0;
    const resources = Object.entries(RESOURCE_ACCESS);
    expect(resources.length).toBeGreaterThanOrEqual(15);
    for (const [resource, actions] of resources) {
      for (const action of new Set([...REACT_ADMIN_ACTIONS, ...Object.keys(actions)])) {
        const permission = Object.hasOwn(actions, action) ? actions[action] : undefined;
        for (const role of ROLES) {
          const expected = permission !== undefined && PERMISSION_MATRIX[permission].includes(role);
          checked += 1;
          if (canAccess(role, resource, action) !== expected)
            disagreements.push(`${role} ${resource}.${action}: expected ${String(expected)}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  });

  it('knows who does what on the desk', () => {
    const who = (resource: string, action: string) =>
      ROLES.filter((role) => canAccess(role, resource, action));
    expect(who('requests', 'create')).toEqual(['staff']);
    expect(who('requests', 'assign')).toEqual(['manager']);
    expect(who('requests', 'list')).toEqual(['staff', 'compliance_officer', 'manager']);
    expect(who('requests', 'export')).toEqual(['compliance_officer', 'manager']);
    expect(who('violations', 'confirm')).toEqual(['compliance_officer']);
    expect(who('violations', 'create')).toEqual(['staff']);
    expect(who('disclosures', 'approve')).toEqual(['compliance_officer']);
    expect(who('review-queue', 'list')).toEqual(['compliance_officer']);
    expect(who('api-keys', 'revoke')).toEqual(['admin']);
    expect(who('retention', 'purge')).toEqual(['admin']);
    expect(who('retention', 'list')).toEqual(['compliance_officer', 'admin']);
    expect(who('suppressions', 'list')).toEqual(ROLES);
    expect(who('outbox', 'list')).toEqual(['staff', 'admin']);
    expect(who('subjects', 'edit')).toEqual(['staff']);
    expect(who('subjects', 'delete')).toEqual([]);
  });
});
