import { permissions, type Permission } from '../../platform/http/access';

/** The staff roles of DESIGN.md and what each may do. A user may hold several roles. */
export const rolePermissions = {
  agent: ['staff.session', 'citizens.read', 'citizens.write', 'contacts.handle', 'mobility.area_c'],
  backoffice: ['staff.session', 'citizens.read', 'cases.work'],
  care: ['staff.session', 'citizens.read', 'citizens.write', 'contacts.handle', 'care.handle'],
  supervisor: ['staff.session', 'citizens.read', 'contacts.handle', 'routing.supervise', 'insights.read', 'audit.read'],
  editor: ['staff.session', 'knowledge.edit', 'knowledge.read_drafts', 'directory.edit', 'mobility.edit'],
  admin: permissions,
} as const satisfies Record<string, readonly Permission[]>;

export type Role = keyof typeof rolePermissions;
export const roles = Object.keys(rolePermissions) as Role[];

export function permissionsOf(userRoles: readonly string[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of userRoles) {
    for (const p of (rolePermissions as Record<string, readonly Permission[]>)[role] ?? []) granted.add(p);
  }
  return granted;
}
