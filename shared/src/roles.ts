export const ROLES = ['staff', 'compliance_officer', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  staff: 'Staff',
  compliance_officer: 'Compliance officer',
  manager: 'Manager',
  admin: 'Admin',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  staff: 'Processes requests, records disclosures, flags Terms-of-Service violations.',
  compliance_officer: 'Reviews disclosures, decides on violations, reads the audit log.',
  manager: 'Reads everything, assigns work, exports reports.',
  admin: 'Manages staff accounts and API keys.',
};

/** Roles that must sign in with a second factor (TOTP). */
export const ROLES_REQUIRING_MFA: readonly Role[] = ['admin', 'compliance_officer'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function roleRequiresMfa(role: Role): boolean {
  return ROLES_REQUIRING_MFA.includes(role);
}
