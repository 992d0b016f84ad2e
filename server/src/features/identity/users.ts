import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import type { Principal } from '../../platform/http/access';
import { recordAudit } from './audit';
import { hashPassword, verifyPassword } from './passwords';
import type { Role } from './roles';
import { revokeAllSessions, toUserView, type StaffUserView } from './sessions';
import { staffUsers } from './tables';

export interface NewStaffUser {
  username: string;
  displayName: string;
  email?: string | undefined;
  password: string;
  roles: Role[];
  languages: string[];
  department?: string | undefined;
}

export interface StaffUserChanges {
  displayName?: string | undefined;
  email?: string | null | undefined;
  password?: string | undefined;
  roles?: Role[] | undefined;
  languages?: string[] | undefined;
  department?: string | null | undefined;
  disabled?: boolean | undefined;
}

const actorOf = (principal: Principal | null, requestId?: string) => ({
  actorId: principal?.userId ?? null,
  actorName: principal?.username ?? 'system',
  requestId,
});

export async function createStaffUser(ctx: AppContext, input: NewStaffUser, by: Principal | null, requestId?: string): Promise<StaffUserView> {
  const username = input.username.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return ctx.transact(async (tx, emit) => {
    const [existing] = await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.username, username));
    if (existing) throw new AppError('identity.username_taken');
    const [row] = await tx
      .insert(staffUsers)
      .values({
        id: randomUUID(),
        username,
        displayName: input.displayName,
        email: input.email ?? null,
        passwordHash,
        roles: input.roles,
        languages: input.languages,
        department: input.department ?? null,
        disabled: false,
      })
      .returning();
    await recordAudit(tx, actorOf(by, requestId), { action: 'create', subjectKind: 'staff_user', subjectId: row!.id, details: { roles: input.roles } });
    emit('staff.user_created', { userId: row!.id, roles: input.roles });
    return toUserView(row!);
  });
}

export async function listStaffUsers(ctx: AppContext): Promise<StaffUserView[]> {
  const rows = await ctx.db.select().from(staffUsers).orderBy(asc(staffUsers.username));
  return rows.map(toUserView);
}

export async function getStaffUser(ctx: AppContext, id: string): Promise<StaffUserView> {
  const [row] = await ctx.db.select().from(staffUsers).where(eq(staffUsers.id, id));
  if (!row) throw new AppError('identity.user_not_found');
  return toUserView(row);
}

/** Changes an account; a new password, new roles or disabling it end every open session. */
export async function updateStaffUser(ctx: AppContext, id: string, changes: StaffUserChanges, by: Principal, requestId?: string): Promise<StaffUserView> {
  const passwordHash = changes.password ? await hashPassword(changes.password) : undefined;
  return ctx.transact(async (tx, emit) => {
    const [row] = await tx
      .update(staffUsers)
      .set({
        ...(changes.displayName !== undefined ? { displayName: changes.displayName } : {}),
        ...(changes.email !== undefined ? { email: changes.email } : {}),
        ...(passwordHash ? { passwordHash } : {}),
        ...(changes.roles ? { roles: changes.roles } : {}),
        ...(changes.languages ? { languages: changes.languages } : {}),
        ...(changes.department !== undefined ? { department: changes.department } : {}),
        ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}),
        updatedAt: new Date(),
      })
      .where(eq(staffUsers.id, id))
      .returning();
    if (!row) throw new AppError('identity.user_not_found');
    if (passwordHash || changes.roles || changes.disabled) await revokeAllSessions(tx, id);
    const fields = Object.keys(changes).filter((k) => (changes as Record<string, unknown>)[k] !== undefined);
    await recordAudit(tx, actorOf(by, requestId), { action: 'update', subjectKind: 'staff_user', subjectId: id, details: { fields } });
    emit('staff.user_updated', { userId: id, fields });
    return toUserView(row);
  });
}

/** A staff member changes their own password; every session ends, this one included. */
export async function changeOwnPassword(ctx: AppContext, principal: Principal, current: string, next: string, requestId?: string): Promise<void> {
  const [row] = await ctx.db.select().from(staffUsers).where(eq(staffUsers.id, principal.userId));
  if (!row || !(await verifyPassword(current, row.passwordHash))) throw new AppError('auth.invalid_credentials', 'The current password is wrong.');
  const passwordHash = await hashPassword(next);
  await ctx.transact(async (tx, emit) => {
    await tx.update(staffUsers).set({ passwordHash, updatedAt: new Date() }).where(eq(staffUsers.id, principal.userId));
    await revokeAllSessions(tx, principal.userId);
    await recordAudit(tx, actorOf(principal, requestId), { action: 'update', subjectKind: 'staff_user', subjectId: principal.userId, details: { fields: ['password'] } });
    emit('staff.user_updated', { userId: principal.userId, fields: ['password'] });
  });
}
