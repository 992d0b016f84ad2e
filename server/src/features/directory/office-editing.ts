import { randomUUID } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError, type FieldProblem } from '../../platform/errors/error-codes';
import type { Principal } from '../../platform/http/access';
import { recordAudit, type AuditActor } from '../identity';
import { invalidateDirectory } from './directory-cache';
import { exceptionRangesFromInput, scheduleFromInput, type RangeInput, type WeeklyHoursInput } from './hours-input';
import { officeIdOf } from './offices';
import { coordinateProblem, exceptionConsistency } from './office-rows';
import { hoursRows, loadReferences, toStoredRanges } from './office-store';
import type { ExceptionReason } from './opening-status';
import { officeExceptions, officeHours, offices, type StoredRange } from './tables';

/** The editor's writes (permission directory.edit): one transaction each, audited, with an event. */

export interface OfficeFields {
  name: string;
  department: string;
  address: string;
  zipcode: string | null;
  municipio: number | null;
  neighbourhood: string | null;
  location: { lat: number; long: number } | null;
  phone: string | null;
  extension: string | null;
  services: string[];
  notes: string | null;
}

export type NewOffice = Pick<OfficeFields, 'name' | 'department' | 'address'> & Partial<OfficeFields> & { slug: string; hours?: WeeklyHoursInput | undefined };

export const actorOf = (principal: Principal, requestId?: string): AuditActor => ({ actorId: principal.userId, actorName: principal.username, requestId });

/** Department, Municipio, extension and coordinates checked against the stored directory. */
async function checkReferences(tx: Db, slug: string, fields: Partial<OfficeFields>): Promise<void> {
  const refs = await loadReferences(tx);
  const problems: FieldProblem[] = [];
  if (fields.department !== undefined && !refs.departments.has(fields.department)) {
    problems.push({ field: 'body.department', message: `unknown department "${fields.department}"` });
  }
  if (fields.municipio !== undefined && fields.municipio !== null && !refs.municipi.has(fields.municipio)) {
    problems.push({ field: 'body.municipio', message: `unknown Municipio ${fields.municipio}` });
  }
  if (fields.location) {
    const others = refs.others.filter((o) => o.slug !== slug && o.lat !== null && o.long !== null) as { lat: number; long: number }[];
    const problem = coordinateProblem(fields.location.lat, fields.location.long, others);
    if (problem) problems.push({ field: 'body.location', message: problem });
  }
  if (problems.length) throw new AppError('request.invalid_body', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  if (fields.extension) {
    const [owner] = await tx
      .select({ slug: offices.slug })
      .from(offices)
      .where(and(eq(offices.extension, fields.extension), ne(offices.slug, slug)));
    if (owner) throw new AppError('directory.extension_taken', `Extension ${fields.extension} belongs to office "${owner.slug}".`);
  }
}

function columnsOf(fields: Partial<OfficeFields>) {
  return {
    ...(fields.name !== undefined ? { title: fields.name } : {}),
    ...(fields.department !== undefined ? { department: fields.department } : {}),
    ...(fields.address !== undefined ? { address: fields.address } : {}),
    ...(fields.zipcode !== undefined ? { zipcode: fields.zipcode } : {}),
    ...(fields.municipio !== undefined ? { municipio: fields.municipio } : {}),
    ...(fields.neighbourhood !== undefined ? { neighbourhood: fields.neighbourhood } : {}),
    ...(fields.location !== undefined
      ? { lat: fields.location?.lat.toFixed(6) ?? null, long: fields.location?.long.toFixed(6) ?? null }
      : {}),
    ...(fields.phone !== undefined ? { phone: fields.phone } : {}),
    ...(fields.extension !== undefined ? { extension: fields.extension } : {}),
    ...(fields.services !== undefined ? { services: fields.services } : {}),
    ...(fields.notes !== undefined ? { notes: fields.notes } : {}),
  };
}

export async function createOffice(ctx: AppContext, input: NewOffice, by: Principal, requestId?: string): Promise<void> {
  const schedule = input.hours ? scheduleFromInput(input.hours, 'body.hours') : null;
  await ctx.transact(async (tx, emit) => {
    const [existing] = await tx.select({ id: offices.id }).from(offices).where(eq(offices.slug, input.slug));
    if (existing) throw new AppError('directory.office_exists', `An office with slug "${input.slug}" already exists.`);
    await checkReferences(tx, input.slug, input);
    const id = randomUUID();
    await tx.insert(offices).values({
      id,
      slug: input.slug,
      title: input.name,
      department: input.department,
      address: input.address,
      services: [],
      ...columnsOf(input),
    });
    const rows = schedule ? hoursRows(id, schedule) : [];
    if (rows.length) await tx.insert(officeHours).values(rows);
    await recordAudit(tx, actorOf(by, requestId), { action: 'create', subjectKind: 'office', subjectId: id, details: { slug: input.slug } });
    emit('office.created', { officeId: id, slug: input.slug });
  });
  invalidateDirectory(ctx);
}

export async function updateOffice(ctx: AppContext, slug: string, changes: Partial<OfficeFields>, by: Principal, requestId?: string): Promise<void> {
  await ctx.transact(async (tx, emit) => {
    const id = await officeIdOf(tx, slug);
    await checkReferences(tx, slug, changes);
    await tx.update(offices).set({ ...columnsOf(changes), updatedAt: new Date() }).where(eq(offices.id, id));
    const fields = Object.keys(changes).filter((k) => (changes as Record<string, unknown>)[k] !== undefined);
    await recordAudit(tx, actorOf(by, requestId), { action: 'update', subjectKind: 'office', subjectId: id, details: { slug, fields } });
    emit('office.updated', { officeId: id, slug });
  });
  invalidateDirectory(ctx);
}

/** Replaces every weekly range of the office; 422 directory.invalid_hours names each bad field. */
export async function replaceWeeklyHours(ctx: AppContext, slug: string, input: WeeklyHoursInput, by: Principal, requestId?: string): Promise<void> {
  const schedule = scheduleFromInput(input);
  await ctx.transact(async (tx, emit) => {
    const id = await officeIdOf(tx, slug);
    await tx.delete(officeHours).where(eq(officeHours.officeId, id));
    const rows = hoursRows(id, schedule);
    if (rows.length) await tx.insert(officeHours).values(rows);
    await tx.update(offices).set({ updatedAt: new Date() }).where(eq(offices.id, id));
    await recordAudit(tx, actorOf(by, requestId), { action: 'update', subjectKind: 'office', subjectId: id, details: { slug, fields: ['hours'] } });
    emit('office.hours_changed', { officeId: id, slug });
  });
  invalidateDirectory(ctx);
}

export interface ExceptionInput {
  closed: boolean;
  ranges?: RangeInput[] | undefined;
  reason: ExceptionReason;
  note?: string | null | undefined;
}

export interface SavedException {
  created: boolean;
  exception: { date: string; closed: boolean; ranges: StoredRange[]; reason: ExceptionReason; note: string | null };
}

/** Adds or replaces the office's exception for one local date. */
export async function putException(ctx: AppContext, slug: string, date: string, input: ExceptionInput, by: Principal, requestId?: string): Promise<SavedException> {
  const ranges = exceptionRangesFromInput(input.closed, input.ranges);
  const consistency = exceptionConsistency(input.reason, input.closed);
  if (consistency) throw new AppError('directory.invalid_hours', consistency, [{ field: 'body.reason', message: consistency }]);
  const exception = { date, closed: input.closed, ranges: toStoredRanges(ranges), reason: input.reason, note: input.note ?? null };
  const created = await ctx.transact(async (tx, emit) => {
    const id = await officeIdOf(tx, slug);
    const [before] = await tx
      .select({ date: officeExceptions.date })
      .from(officeExceptions)
      .where(and(eq(officeExceptions.officeId, id), eq(officeExceptions.date, date)));
    const values = { closed: exception.closed, ranges: exception.ranges, reason: exception.reason, note: exception.note, updatedAt: new Date() };
    await tx
      .insert(officeExceptions)
      .values({ officeId: id, date, ...values })
      .onConflictDoUpdate({ target: [officeExceptions.officeId, officeExceptions.date], set: values });
    await recordAudit(tx, actorOf(by, requestId), {
      action: before ? 'update' : 'create',
      subjectKind: 'office',
      subjectId: id,
      details: { slug, exception: date },
    });
    emit('office.hours_changed', { officeId: id, slug });
    return !before;
  });
  invalidateDirectory(ctx);
  return { created, exception };
}

export async function deleteException(ctx: AppContext, slug: string, date: string, by: Principal, requestId?: string): Promise<void> {
  await ctx.transact(async (tx, emit) => {
    const id = await officeIdOf(tx, slug);
    const deleted = await tx
      .delete(officeExceptions)
      .where(and(eq(officeExceptions.officeId, id), eq(officeExceptions.date, date)))
      .returning({ date: officeExceptions.date });
    if (!deleted.length) throw new AppError('directory.exception_not_found', `Office "${slug}" has no exception on ${date}.`);
    await recordAudit(tx, actorOf(by, requestId), { action: 'delete', subjectKind: 'office', subjectId: id, details: { slug, exception: date } });
    emit('office.hours_changed', { officeId: id, slug });
  });
  invalidateDirectory(ctx);
}
