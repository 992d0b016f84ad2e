import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import type { Principal } from '../../platform/http/access';
import { recordAudit } from './audit';
import { hashPassword, verifyPassword } from './passwords';
import { permissionsOf } from './roles';
import { loginThrottle, staffSessions, staffUsers } from './tables';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: StaffUserView;
}

export interface StaffUserView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: string[];
  languages: string[];
  department: string | null;
  disabled: boolean;
}

export function toUserView(row: typeof staffUsers.$inferSelect): StaffUserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    roles: row.roles,
    languages: row.languages,
    department: row.department,
    disabled: row.disabled,
  };
}

/**
 * Password sign-in. Failures are counted per username (known or not, so lock-out reveals nothing),
 * each failure waits LOGIN_FAILURE_DELAY_MS, and LOGIN_MAX_FAILURES in a row lock the name for
 * LOGIN_LOCKOUT_MINUTES. A locked name is refused before the password is even checked.
 */
export async function login(ctx: AppContext, input: { username: string; password: string }, requestId?: string): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const [throttle] = await ctx.db.select().from(loginThrottle).where(eq(loginThrottle.username, username));
  if (throttle?.lockedUntil && throttle.lockedUntil > new Date()) {
    throw new AppError('auth.too_many_attempts', 'Too many failed sign-ins for this account; try again later.', undefined, {
      retryAfterSeconds: Math.ceil((throttle.lockedUntil.getTime() - Date.now()) / 1000),
    });
  }
  const [user] = await ctx.db.select().from(staffUsers).where(eq(staffUsers.username, username));
  const ok = await verifyPassword(input.password, user && !user.disabled ? user.passwordHash : null);
  if (!ok || !user) {
    const locked = await countFailure(ctx, username);
    await sleep(ctx.config.LOGIN_FAILURE_DELAY_MS);
    if (locked) throw new AppError('auth.too_many_attempts', 'Too many failed sign-ins for this account; try again later.');
    throw new AppError('auth.invalid_credentials');
  }
  const token = randomBytes(32).toString('base64url');
  const sessionId = randomUUID();
  const expiresAt = new Date(Date.now() + ctx.config.TOKEN_TTL_MINUTES * 60_000);
  await ctx.transact(async (tx, emit) => {
    await tx.delete(loginThrottle).where(eq(loginThrottle.username, username));
    await tx.insert(staffSessions).values({ id: sessionId, userId: user.id, tokenHash: hashToken(token), expiresAt });
    await recordAudit(tx, { actorId: user.id, actorName: user.username, requestId }, {
      action: 'login',
      subjectKind: 'staff_user',
      subjectId: user.id,
    });
    emit('staff.logged_in', { userId: user.id, sessionId });
  });
  return { token, expiresAt, user: toUserView(user) };
}

async function countFailure(ctx: AppContext, username: string): Promise<boolean> {
  const max = ctx.config.LOGIN_MAX_FAILURES;
  const lockMinutes = ctx.config.LOGIN_LOCKOUT_MINUTES;
  return ctx.transact(async (tx, emit) => {
    // A failure streak older than the lock-out window starts again from one.
    const [row] = await tx
      .insert(loginThrottle)
      .values({ username, failures: 1, lastFailureAt: new Date() })
      .onConflictDoUpdate({
        target: loginThrottle.username,
        set: {
          failures: sql`case when ${loginThrottle.lastFailureAt} < now() - make_interval(mins => ${lockMinutes}) then 1 else ${loginThrottle.failures} + 1 end`,
          lastFailureAt: sql`now()`,
        },
      })
      .returning();
    const locked = (row?.failures ?? 0) >= max;
    if (locked) {
      await tx
        .update(loginThrottle)
        .set({ lockedUntil: sql`now() + make_interval(mins => ${lockMinutes})`, failures: 0 })
        .where(eq(loginThrottle.username, username));
    }
    emit('staff.login_failed', { locked });
    return locked;
  });
}

/** Resolves a bearer token; expired, revoked or disabled-user tokens resolve to null. */
export async function authenticate(ctx: AppContext, token: string): Promise<Principal | null> {
  if (token.length < 20 || token.length > 200) return null;
  const [row] = await ctx.db
    .select({ session: staffSessions, user: staffUsers })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
    .where(and(eq(staffSessions.tokenHash, hashToken(token)), isNull(staffSessions.revokedAt), gt(staffSessions.expiresAt, new Date())));
  if (!row || row.user.disabled) return null;
  return {
    userId: row.user.id,
    username: row.user.username,
    displayName: row.user.displayName,
    roles: row.user.roles,
    languages: row.user.languages,
    permissions: permissionsOf(row.user.roles),
    sessionId: row.session.id,
  };
}

export async function logout(ctx: AppContext, principal: Principal, requestId?: string): Promise<void> {
  await ctx.transact(async (tx, emit) => {
    await tx.update(staffSessions).set({ revokedAt: new Date() }).where(eq(staffSessions.id, principal.sessionId));
    await recordAudit(tx, { actorId: principal.userId, actorName: principal.username, requestId }, {
      action: 'logout',
      subjectKind: 'staff_user',
      subjectId: principal.userId,
    });
    emit('staff.logged_out', { userId: principal.userId, sessionId: principal.sessionId });
  });
}

/** Revokes every session of a user (password change, account disabled). */
export async function revokeAllSessions(tx: AppContext['db'], userId: string): Promise<void> {
  await tx.update(staffSessions).set({ revokedAt: new Date() }).where(and(eq(staffSessions.userId, userId), isNull(staffSessions.revokedAt)));
}

/** Deletes sessions that expired or were revoked more than a day ago (a scheduled job). */
export async function purgeSessions(ctx: AppContext): Promise<number> {
  const dayAgo = new Date(Date.now() - 86_400_000);
  const deleted = await ctx.db
    .delete(staffSessions)
    .where(or(lt(staffSessions.expiresAt, dayAgo), lt(staffSessions.revokedAt, dayAgo)))
    .returning({ id: staffSessions.id });
  return deleted.length;
}

export { hashPassword };
