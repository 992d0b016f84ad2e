/**
 * The life of a case: open → acknowledged → in_progress → closed, or rejected (docs/cases.md).
 * Steps may be skipped forward (a duplicate is closed straight from open); closed and rejected are
 * final. Every change is kept in the status history and emitted as `case.status_changed`, which the
 * channels turn into a message to the citizen on the channel the case came from.
 */
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import type { CaseActor } from './create-case';
import { caseNotes, caseStatusHistory, cases, type CaseStatus } from './tables';

const next: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['acknowledged', 'in_progress', 'closed', 'rejected'],
  acknowledged: ['in_progress', 'closed', 'rejected'],
  in_progress: ['closed', 'rejected'],
  closed: [],
  rejected: [],
};

export function canMove(from: CaseStatus, to: CaseStatus): boolean {
  return next[from].includes(to);
}

/** Open311 knows two statuses: everything not finished is open. */
export function publicStatus(status: CaseStatus): 'open' | 'closed' {
  return status === 'closed' || status === 'rejected' ? 'closed' : 'open';
}

export interface StatusChange {
  status: CaseStatus;
  note?: string | undefined;
  /** A public note is shown to the citizen (Open311 status_notes); default true. */
  public?: boolean | undefined;
}

export async function changeCaseStatus(ctx: AppContext, caseId: string, change: StatusChange, actor: CaseActor) {
  return ctx.transact(async (tx, emit) => {
    // Row lock: two operators moving the same case see each other's change, not a lost update.
    const [current] = await tx.select({ status: cases.status, channel: cases.channel, department: cases.department }).from(cases).where(eq(cases.id, caseId)).for('update');
    if (!current) throw new AppError('cases.case_not_found', `No case ${caseId}.`);
    if (!canMove(current.status, change.status)) {
      throw new AppError('cases.invalid_transition', `A case cannot go from ${current.status} to ${change.status}.`);
    }
    const isPublic = change.public ?? true;
    const at = new Date();
    const final = change.status === 'closed' || change.status === 'rejected';
    await tx
      .update(cases)
      .set({ status: change.status, statusNotes: isPublic && change.note ? change.note : null, updatedAt: at, closedAt: final ? at : null })
      .where(eq(cases.id, caseId));
    await tx.insert(caseStatusHistory).values({ caseId, fromStatus: current.status, toStatus: change.status, at, actorId: actor.id, actorName: actor.name, note: change.note ?? null, public: isPublic });
    emit('case.status_changed', { caseId, from: current.status, to: change.status, channel: current.channel, department: current.department });
    return { id: caseId, status: change.status, updatedAt: at };
  });
}

export async function addCaseNote(ctx: AppContext, caseId: string, note: { body: string; visibility: 'public' | 'internal' }, actor: CaseActor) {
  return ctx.transact(async (tx, emit) => {
    const at = new Date();
    // Only a public note changes the case as the citizen sees it (Open311 updated_datetime).
    const found =
      note.visibility === 'public'
        ? await tx.update(cases).set({ updatedAt: sql`greatest(${cases.updatedAt}, ${at.toISOString()}::timestamptz)` }).where(eq(cases.id, caseId)).returning({ id: cases.id })
        : await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId));
    if (!found.length) throw new AppError('cases.case_not_found', `No case ${caseId}.`);
    const [row] = await tx.insert(caseNotes).values({ caseId, at, authorId: actor.id, authorName: actor.name, visibility: note.visibility, body: note.body }).returning({ id: caseNotes.id });
    emit('case.note_added', { caseId, noteId: String(row!.id), visibility: note.visibility });
    return { id: String(row!.id), at, visibility: note.visibility, body: note.body, author: actor.name };
  });
}
