import { canRoleAccess, isRole, RESOURCE_ACCESS, type Role } from '@privacy-desk/shared';

/**
 * Whether a role may perform a react-admin action on a console resource. Delegates to the
 * shared table the server guard also reads; anything not declared there is denied, as is a
 * missing or unknown role.
 */
export function canAccess(
  role: Role | string | null | undefined,
  resource: string,
  action: string,
): boolean {
  if (!isRole(role)) return false;
  // Own properties only: 'constructor', 'toString' or '__proto__' are not resources or actions.
  const actions = Object.hasOwn(RESOURCE_ACCESS, resource) ? RESOURCE_ACCESS[resource] : undefined;
  if (!actions || !Object.hasOwn(actions, action)) return false;
  return canRoleAccess(role, resource, action);
}
