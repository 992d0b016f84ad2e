/**
 * Finding citizens: staff search (by name, phone, email or codice fiscale, audited per result) and
 * `matchCitizen`, which channels call when a contact arrives, to tie it to a profile.
 */
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { recordAudit } from '../identity';
import { auditActor, loadViews, type CitizenView, type StaffAccess } from './citizens';
import { addressCandidates, normaliseEmail, normalisePhone, type Channel } from './contact-points';
import { validateFiscalCode } from './fiscal-code';
import { citizenContactPoints, citizens, type ContactPointKind } from './tables';

export interface CitizenSearch {
  /** Free text: a name, or a phone, email or codice fiscale recognised by its shape. */
  q?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  fiscalCode?: string | undefined;
  limit?: number | undefined;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Searches profiles (erased ones never match); each profile returned is an audited read. */
export async function searchCitizens(ctx: AppContext, search: CitizenSearch, by: StaffAccess): Promise<CitizenView[]> {
  const limit = search.limit ?? 20;
  return ctx.transact(async (tx) => {
    const filters: SQL[] = [isNull(citizens.erasedAt)];
    let { phone, email, fiscalCode } = search;
    const q = search.q?.trim();
    let words: string[] = [];
    if (q) {
      const compact = q.replace(/\s+/g, '');
      if (/^[A-Za-z0-9]{16}$/.test(compact) && validateFiscalCode(compact).valid) fiscalCode ??= compact;
      else if (q.includes('@')) email ??= q;
      else if (/^[+\d\s().\-/]{6,}$/.test(q)) phone ??= q;
      else words = q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
    }
    if (fiscalCode) {
      const r = validateFiscalCode(fiscalCode);
      filters.push(eq(citizens.fiscalCode, r.valid ? r.code : fiscalCode.toUpperCase().replace(/\s+/g, '')));
    }
    const byPoint = (kind: ContactPointKind, value: string | null) =>
      sql`exists (select 1 from citizen_contact_points p where p.citizen_id = ${citizens.id} and p.kind = ${kind} and p.value = ${value ?? '\u0000'})`;
    if (phone) filters.push(byPoint('phone', normalisePhone(phone)));
    if (email) filters.push(byPoint('email', normaliseEmail(email)));
    // Each word must begin the given or the family name (or a part of a compound name).
    for (const w of words) {
      const prefix = `${likeEscape(w)}%`;
      const inside = `% ${likeEscape(w)}%`;
      filters.push(
        sql`(lower(${citizens.givenName}) like ${prefix} or lower(${citizens.familyName}) like ${prefix} or lower(${citizens.givenName}) like ${inside} or lower(${citizens.familyName}) like ${inside})`,
      );
    }
    if (filters.length === 1) return [];
    const rows = await tx
      .select({ id: citizens.id })
      .from(citizens)
      .where(and(...filters))
      .orderBy(sql`lower(${citizens.familyName}) nulls last`, sql`lower(${citizens.givenName}) nulls last`, citizens.id)
      .limit(limit);
    const views = await loadViews(tx, rows.map((r) => r.id));
    const used = Object.entries({ q: words.length > 0, phone: Boolean(phone), email: Boolean(email), fiscalCode: Boolean(fiscalCode) })
      .filter(([, v]) => v)
      .map(([k]) => k);
    for (const v of views) {
      // The search terms are personal data themselves: the log names the fields, not their values.
      await recordAudit(tx, auditActor(by), { action: 'read', subjectKind: 'citizen', subjectId: v.id, reason: by.reason, details: { view: 'search', by: used } });
    }
    return views;
  });
}

export type CitizenMatch =
  | { status: 'matched'; citizenId: string; by: 'fiscal-code' | ContactPointKind }
  | { status: 'ambiguous'; citizenIds: string[]; by: ContactPointKind }
  | { status: 'none' };

export type MatchInput = { channel: Channel; address: string } | { fiscalCode: string };

/**
 * Ties an incoming contact to a profile: by codice fiscale (exact, normalised), or by the sender's
 * address on the channel (normalised: "333 1234567" on SMS finds "+393331234567"). An address shared
 * by several profiles (a family landline) is reported as ambiguous, never guessed. Not audited: no
 * person reads anything; the agent's later read of the profile is.
 */
export async function matchCitizen(tx: Db, input: MatchInput): Promise<CitizenMatch> {
  if ('fiscalCode' in input) {
    const r = validateFiscalCode(input.fiscalCode);
    if (!r.valid) return { status: 'none' };
    const [row] = await tx.select({ id: citizens.id }).from(citizens).where(and(eq(citizens.fiscalCode, r.code), isNull(citizens.erasedAt)));
    return row ? { status: 'matched', citizenId: row.id, by: 'fiscal-code' } : { status: 'none' };
  }
  const candidates = addressCandidates(input.channel, input.address);
  if (!candidates.length) return { status: 'none' };
  const rows = await tx
    .selectDistinct({ citizenId: citizenContactPoints.citizenId, kind: citizenContactPoints.kind, value: citizenContactPoints.value })
    .from(citizenContactPoints)
    .where(inArray(sql`(${citizenContactPoints.kind}, ${citizenContactPoints.value})`, candidates.map((c) => sql`(${c.kind}, ${c.value})`)));
  // The most specific candidate with any hit decides.
  for (const c of candidates) {
    const ids = [...new Set(rows.filter((r) => r.kind === c.kind && r.value === c.value).map((r) => r.citizenId))].sort();
    if (ids.length === 1) return { status: 'matched', citizenId: ids[0]!, by: c.kind };
    if (ids.length > 1) return { status: 'ambiguous', citizenIds: ids, by: c.kind };
  }
  return { status: 'none' };
}
