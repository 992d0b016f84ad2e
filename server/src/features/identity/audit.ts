import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { auditLog } from './tables';

export type AuditAction = 'read' | 'create' | 'update' | 'delete' | 'export' | 'erase' | 'login' | 'logout';

export interface AuditActor {
  actorId: string | null;
  actorName: string;
  requestId?: string | undefined;
}

export interface AuditEntry {
  action: AuditAction;
  /** The kind of record: `citizen`, `staff_user`, `appointment`, … */
  subjectKind: string;
  subjectId: string;
  /** Why the record was read or changed (e.g. "call 4711", "citizen asked for export"). */
  reason?: string | undefined;
  /** Names of fields read or changed; never their values. */
  details?: Record<string, unknown>;
}

/** Writes one audit entry, inside the caller's transaction when one is given. */
export async function recordAudit(db: Db, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: actor.actorId,
    actorName: actor.actorName,
    requestId: actor.requestId ?? null,
    action: entry.action,
    subjectKind: entry.subjectKind,
    subjectId: entry.subjectId,
    reason: entry.reason ?? null,
    details: entry.details ?? {},
  });
}

export interface AuditQuery {
  subjectKind?: string | undefined;
  subjectId?: string | undefined;
  actorId?: string | undefined;
  before?: number | undefined;
  limit: number;
}

export async function listAudit(db: Db, query: AuditQuery) {
  const filters: SQL[] = [];
  if (query.subjectKind) filters.push(eq(auditLog.subjectKind, query.subjectKind));
  if (query.subjectId) filters.push(eq(auditLog.subjectId, query.subjectId));
  if (query.actorId) filters.push(eq(auditLog.actorId, query.actorId));
  if (query.before) filters.push(lt(auditLog.id, query.before));
  return db
    .select()
    .from(auditLog)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(query.limit);
}
