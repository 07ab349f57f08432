import { PERMISSION_MATRIX, PERMISSIONS, hasPermission, permissionsOf } from './permissions.js';
import { canRoleAccess, RESOURCE_ACCESS } from './resource-access.js';
import { ROLES, roleRequiresMfa } from './roles.js';

describe('permission matrix', () => {
  it('has a row for every permission and only known roles in it', () => {
    expect(Object.keys(PERMISSION_MATRIX).sort()).toEqual([...PERMISSIONS].sort());
    for (const roles of Object.values(PERMISSION_MATRIX)) {
      for (const role of roles) expect(ROLES).toContain(role);
    }
  });

  it('gives user management to admins only', () => {
    expect(ROLES.filter((role) => hasPermission(role, 'users.manage'))).toEqual(['admin']);
  });

  it('lets compliance officers and admins read the audit log, and nobody else', () => {
    expect(ROLES.filter((role) => hasPermission(role, 'audit.read'))).toEqual([
      'compliance_officer',
      'admin',
    ]);
  });

  it('lets compliance officers and admins preview the retention purge, and only admins run it', () => {
    expect(ROLES.filter((role) => hasPermission(role, 'retention.read'))).toEqual([
      'compliance_officer',
      'admin',
    ]);
    expect(ROLES.filter((role) => hasPermission(role, 'retention.purge'))).toEqual(['admin']);
  });

  it('lets managers and compliance officers read and export reports, and nobody else', () => {
    for (const permission of ['reports.read', 'reports.export'] as const) {
      expect(ROLES.filter((role) => hasPermission(role, permission))).toEqual([
        'compliance_officer',
        'manager',
      ]);
    }
  });

  it('lists the permissions of a role', () => {
    expect(permissionsOf('admin')).toContain('apiKeys.manage');
    expect(permissionsOf('staff')).not.toContain('users.read');
  });

  it('requires a second factor for admins and compliance officers only', () => {
    expect(ROLES.filter(roleRequiresMfa)).toEqual(['compliance_officer', 'admin']);
  });
});

describe('canRoleAccess', () => {
  it('maps every resource action to a declared permission', () => {
    for (const actions of Object.values(RESOURCE_ACCESS)) {
      for (const permission of Object.values(actions)) expect(PERMISSIONS).toContain(permission);
    }
  });

  it('denies unknown resources and actions, inherited property names included', () => {
    expect(canRoleAccess('admin', 'nope', 'list')).toBe(false);
    expect(canRoleAccess('admin', 'users', 'explode')).toBe(false);
    expect(canRoleAccess('admin', 'users', 'constructor')).toBe(false);
    expect(canRoleAccess('admin', 'toString', 'list')).toBe(false);
  });

  it('follows the matrix', () => {
    expect(canRoleAccess('admin', 'users', 'list')).toBe(true);
    expect(canRoleAccess('manager', 'users', 'list')).toBe(false);
    expect(canRoleAccess('compliance_officer', 'audit', 'verify')).toBe(true);
    expect(canRoleAccess('staff', 'audit', 'list')).toBe(false);
  });
});
