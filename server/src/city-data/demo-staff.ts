import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/database';
import { hashPassword, type Role } from '../features/identity';
import { staffUsersTable } from '../features/identity';

/** The demo accounts of api-contract.md; demo city only, never in a production configuration. */
export const demoStaff: { username: string; displayName: string; roles: Role[]; languages: string[]; department?: string }[] = [
  { username: 'admin', displayName: 'Amministratore', roles: ['admin'], languages: ['it', 'en'] },
  { username: 'supervisor', displayName: 'Sara Supervisore', roles: ['supervisor'], languages: ['it', 'en'] },
  { username: 'agent', displayName: 'Marco Operatore', roles: ['agent'], languages: ['it', 'en'] },
  { username: 'agent.zh', displayName: 'Li Wei', roles: ['agent'], languages: ['zh', 'it'] },
  { username: 'agent.ar', displayName: 'Amina Haddad', roles: ['agent'], languages: ['ar', 'fr', 'it'] },
  { username: 'backoffice.anagrafe', displayName: 'Ufficio Anagrafe', roles: ['backoffice'], languages: ['it'], department: 'anagrafe' },
  { username: 'care', displayName: 'Giulia Teleassistenza', roles: ['care'], languages: ['it'] },
  { username: 'editor', displayName: 'Elena Redazione', roles: ['editor'], languages: ['it', 'en'] },
];

export async function insertDemoStaff(tx: Db, password: string): Promise<number> {
  // Every account gets its own salt; hashing in parallel keeps the first start quick.
  const hashes = await Promise.all(demoStaff.map(() => hashPassword(password)));
  await tx.insert(staffUsersTable).values(
    demoStaff.map((u, i) => ({
      id: randomUUID(),
      username: u.username,
      displayName: u.displayName,
      email: null,
      passwordHash: hashes[i]!,
      roles: u.roles,
      languages: u.languages,
      department: u.department ?? null,
      disabled: false,
    })),
  );
  return demoStaff.length;
}
