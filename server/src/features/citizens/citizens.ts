/**
 * Citizen profiles: names, codice fiscale, preferred language, contact points. Staff create and edit
 * them (`citizens.write`); every staff read of one is audited (DESIGN.md "Security": every read of
 * personal data is audited) with the reason the reader gave.
 */
import { randomUUID } from 'node:crypto';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { Emit } from '../../platform/events/unit-of-work';
import type { Principal } from '../../platform/http/access';
import { recordAudit, type AuditActor } from '../identity';
import { normaliseContactPoint } from './contact-points';
import { validateFiscalCode } from './fiscal-code';
import { citizenConsents, citizenContactPoints, citizens, type ContactPointKind } from './tables';

/** Who reads or changes a profile, and why (the reason goes to the audit log). */
export interface StaffAccess {
  principal: Principal;
  requestId?: string | undefined;
  reason?: string | undefined;
}

export const auditActor = (by: StaffAccess): AuditActor => ({ actorId: by.principal.userId, actorName: by.principal.username, requestId: by.requestId });

export interface ContactPointInput {
  kind: ContactPointKind;
  value: string;
  label?: string | undefined;
}

export interface CitizenInput {
  givenName?: string | null | undefined;
  familyName?: string | null | undefined;
  fiscalCode?: string | null | undefined;
  preferredLanguage?: string | null | undefined;
  /** Replaces the whole list when given. */
  contactPoints?: ContactPointInput[] | undefined;
}

export interface ContactPointView {
  kind: ContactPointKind;
  value: string;
  label: string | null;
}

export interface ConsentState {
  kind: string;
  granted: boolean;
  at: string;
  via: string;
}

export interface CitizenView {
  id: string;
  givenName: string | null;
  familyName: string | null;
  fiscalCode: string | null;
  preferredLanguage: string | null;
  contactPoints: ContactPointView[];
  /** The current state of each consent kind (the latest record). */
  consents: ConsentState[];
  erased: boolean;
  createdAt: string;
  updatedAt: string;
}

type CitizenRow = typeof citizens.$inferSelect;

/** The codice fiscale, normalised, or a 422 naming the failed rule. */
function checkFiscalCode(raw: string): string {
  const result = validateFiscalCode(raw);
  if (!result.valid) {
    throw new AppError('citizens.invalid_fiscal_code', `The codice fiscale is not valid (${result.reason}).`, [{ field: 'body.fiscalCode', message: result.reason }]);
  }
  return result.code;
}

function checkContactPoints(points: ContactPointInput[]): { kind: ContactPointKind; value: string; label: string | null }[] {
  const out: { kind: ContactPointKind; value: string; label: string | null }[] = [];
  const problems = [] as { field: string; message: string }[];
  points.forEach((p, i) => {
    const value = normaliseContactPoint(p.kind, p.value);
    if (!value) problems.push({ field: `body.contactPoints.${i}.value`, message: `not a valid ${p.kind}` });
    else if (!out.some((o) => o.kind === p.kind && o.value === value)) out.push({ kind: p.kind, value, label: p.label ?? null });
  });
  if (problems.length) throw new AppError('citizens.invalid_contact_point', 'Some contact points are not valid.', problems);
  return out;
}

function checkLanguage(ctx: AppContext, lang: string | null | undefined): string | null | undefined {
  if (lang && !ctx.city.languages.includes(lang as never)) {
    throw new AppError('request.invalid_body', `"${lang}" is not one of this city's languages.`, [{ field: 'body.preferredLanguage', message: `one of ${ctx.city.languages.join(', ')}` }]);
  }
  return lang;
}

async function assertFiscalCodeFree(tx: Db, code: string, exceptId?: string): Promise<void> {
  const [other] = await tx.select({ id: citizens.id }).from(citizens).where(eq(citizens.fiscalCode, code)).limit(1);
  if (other && other.id !== exceptId) throw new AppError('citizens.fiscal_code_taken', 'Another citizen profile has this codice fiscale.', [{ field: 'body.fiscalCode', message: 'already in use' }]);
}

async function replaceContactPoints(tx: Db, citizenId: string, points: ReturnType<typeof checkContactPoints>): Promise<void> {
  await tx.delete(citizenContactPoints).where(eq(citizenContactPoints.citizenId, citizenId));
  if (points.length) await tx.insert(citizenContactPoints).values(points.map((p) => ({ id: randomUUID(), citizenId, ...p })));
}

/** Creates a profile inside the caller's transaction (staff, or a channel that learned who is writing). */
export async function insertCitizen(ctx: AppContext, tx: Db, emit: Emit, input: CitizenInput): Promise<string> {
  const fiscalCode = input.fiscalCode ? checkFiscalCode(input.fiscalCode) : null;
  const points = checkContactPoints(input.contactPoints ?? []);
  const language = checkLanguage(ctx, input.preferredLanguage) ?? null;
  if (fiscalCode) await assertFiscalCodeFree(tx, fiscalCode);
  const id = randomUUID();
  await tx.insert(citizens).values({ id, givenName: input.givenName ?? null, familyName: input.familyName ?? null, fiscalCode, preferredLanguage: language });
  await replaceContactPoints(tx, id, points);
  emit('citizen.created', { citizenId: id });
  return id;
}

export async function createCitizen(ctx: AppContext, input: CitizenInput, by: StaffAccess): Promise<CitizenView> {
  return ctx.transact(async (tx, emit) => {
    const id = await insertCitizen(ctx, tx, emit, input);
    await recordAudit(tx, auditActor(by), { action: 'create', subjectKind: 'citizen', subjectId: id, reason: by.reason, details: { fields: Object.keys(input) } });
    return (await loadViews(tx, [id]))[0]!;
  });
}

export async function updateCitizen(ctx: AppContext, id: string, input: CitizenInput, by: StaffAccess): Promise<CitizenView> {
  return ctx.transact(async (tx, emit) => {
    const row = await lockCitizen(tx, id);
    if (row.erasedAt) throw new AppError('citizens.citizen_erased', 'This citizen’s data was erased; the profile cannot be changed.');
    const changes: Partial<CitizenRow> = {};
    if (input.givenName !== undefined) changes.givenName = input.givenName;
    if (input.familyName !== undefined) changes.familyName = input.familyName;
    if (input.preferredLanguage !== undefined) changes.preferredLanguage = checkLanguage(ctx, input.preferredLanguage) ?? null;
    if (input.fiscalCode !== undefined) {
      changes.fiscalCode = input.fiscalCode ? checkFiscalCode(input.fiscalCode) : null;
      if (changes.fiscalCode) await assertFiscalCodeFree(tx, changes.fiscalCode, id);
    }
    if (input.contactPoints !== undefined) await replaceContactPoints(tx, id, checkContactPoints(input.contactPoints));
    await tx.update(citizens).set({ ...changes, updatedAt: new Date() }).where(eq(citizens.id, id));
    const fields = Object.keys(input).filter((k) => input[k as keyof CitizenInput] !== undefined);
    emit('citizen.updated', { citizenId: id, fields });
    await recordAudit(tx, auditActor(by), { action: 'update', subjectKind: 'citizen', subjectId: id, reason: by.reason, details: { fields } });
    return (await loadViews(tx, [id]))[0]!;
  });
}

/** One profile for a staff reader; the read is audited with its reason. */
export async function getCitizen(ctx: AppContext, id: string, by: StaffAccess): Promise<CitizenView> {
  return ctx.transact(async (tx) => {
    const [view] = await loadViews(tx, [id]);
    if (!view) throw notFound(id);
    await recordAudit(tx, auditActor(by), { action: 'read', subjectKind: 'citizen', subjectId: id, reason: by.reason, details: { view: 'profile' } });
    return view;
  });
}

export const notFound = (id: string) => new AppError('citizens.citizen_not_found', `No citizen with id "${id}".`);

export async function lockCitizen(tx: Db, id: string): Promise<CitizenRow> {
  const [row] = await tx.select().from(citizens).where(eq(citizens.id, id)).for('update');
  if (!row) throw notFound(id);
  return row;
}

/** True when a citizen with this id exists (erased ones too: their contacts still count). */
export async function citizenExists(tx: Db, id: string): Promise<boolean> {
  const [row] = await tx.select({ id: citizens.id }).from(citizens).where(eq(citizens.id, id));
  return Boolean(row);
}

/** Profiles with their contact points and current consents, in the order of `ids`. No audit: callers audit. */
export async function loadViews(tx: Db, ids: string[]): Promise<CitizenView[]> {
  if (!ids.length) return [];
  const rows = await tx.select().from(citizens).where(inArray(citizens.id, ids));
  const points = await tx.select().from(citizenContactPoints).where(inArray(citizenContactPoints.citizenId, ids)).orderBy(asc(citizenContactPoints.kind), asc(citizenContactPoints.value));
  const consents = await tx.select().from(citizenConsents).where(inArray(citizenConsents.citizenId, ids)).orderBy(desc(citizenConsents.at), desc(citizenConsents.id));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const current = new Map<string, ConsentState>();
    for (const c of consents) {
      if (c.citizenId === id && !current.has(c.kind)) current.set(c.kind, { kind: c.kind, granted: c.granted, at: c.at.toISOString(), via: c.via });
    }
    return [
      {
        id: r.id,
        givenName: r.givenName,
        familyName: r.familyName,
        fiscalCode: r.fiscalCode,
        preferredLanguage: r.preferredLanguage,
        contactPoints: points.filter((p) => p.citizenId === id).map((p) => ({ kind: p.kind, value: p.value, label: p.label })),
        consents: [...current.values()].sort((a, b) => a.kind.localeCompare(b.kind)),
        erased: r.erasedAt !== null,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      },
    ];
  });
}

/** The citizen's preferred language, if any (channels choose the language of a contact with it). */
export async function preferredLanguageOf(tx: Db, citizenId: string): Promise<string | null> {
  const [row] = await tx.select({ lang: citizens.preferredLanguage }).from(citizens).where(eq(citizens.id, citizenId));
  return row?.lang ?? null;
}
