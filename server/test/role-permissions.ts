import { permissionsOf } from '../src/features/identity';
import { demoStaff } from '../src/city-data/demo-staff';

/** The permissions a demo account holds, from its roles. */
export function rolePermissionsForTests(username: string) {
  const user = demoStaff.find((u) => u.username === username);
  if (!user) throw new Error(`no demo account ${username}`);
  return permissionsOf(user.roles);
}
