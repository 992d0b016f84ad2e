/**
 * The citizen's rights over their data: access (GDPR art. 15, a copy of everything held, as JSON) and
 * erasure (art. 17). Other features that hold data about a citizen (contacts today; cases and
 * appointments later) plug in as data holders, so that citizens need not know their tables.
 *
 * Erasure anonymises instead of deleting: statistics of what citizens ask for (DESIGN.md "insights",
 * open data) keep their counts, channels, topics, times and states, while every field that could
 * identify the person (names, codice fiscale, addresses, message bodies, notes, comments) is emptied.
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { recordAudit } from '../identity';
import { auditActor, loadViews, lockCitizen, notFound, type StaffAccess } from './citizens';
import { citizenConsents, citizenContactPoints, citizens } from './tables';

export interface CitizenDataHolder {
  /** Its key in the export document, e.g. "contacts". */
  name: string;
  /** Everything this feature holds about the citizen, ready for JSON. */
  export(tx: Db, citizenId: string): Promise<unknown>;
  /**
   * Empties the personal fields it holds about the citizen, and about records not tied to any
   * citizen that carry one of the citizen's addresses (normalised phones, emails, messaging ids);
   * returns how many records it changed, by kind.
   */
  erase(tx: Db, citizenId: string, addresses: readonly string[]): Promise<Record<string, number>>;
}

export interface CitizenExport {
  exportedAt: string;
  citizen: Awaited<ReturnType<typeof loadViews>>[number];
  consentHistory: { kind: string; granted: boolean; at: string; via: string }[];
  [holder: string]: unknown;
}

export async function exportCitizen(ctx: AppContext, holders: readonly CitizenDataHolder[], citizenId: string, by: StaffAccess): Promise<CitizenExport> {
  return ctx.transact(async (tx) => {
    const [citizen] = await loadViews(tx, [citizenId]);
    if (!citizen) throw notFound(citizenId);
    const history = await tx.select().from(citizenConsents).where(eq(citizenConsents.citizenId, citizenId)).orderBy(citizenConsents.at, citizenConsents.id);
    const doc: CitizenExport = {
      exportedAt: new Date().toISOString(),
      citizen,
      consentHistory: history.map((c) => ({ kind: c.kind, granted: c.granted, at: c.at.toISOString(), via: c.via })),
    };
    for (const h of holders) doc[h.name] = await h.export(tx, citizenId);
    await recordAudit(tx, auditActor(by), { action: 'export', subjectKind: 'citizen', subjectId: citizenId, reason: by.reason, details: { view: 'export', parts: ['profile', 'consents', ...holders.map((h) => h.name)] } });
    return doc;
  });
}

export interface ErasureReport {
  citizenId: string;
  erasedAt: string;
  counts: Record<string, number>;
}

/** Anonymises the citizen everywhere, in one transaction; erasing twice is harmless. */
export async function eraseCitizen(ctx: AppContext, holders: readonly CitizenDataHolder[], citizenId: string, by: StaffAccess): Promise<ErasureReport> {
  return ctx.transact(async (tx, emit) => {
    const row = await lockCitizen(tx, citizenId);
    const counts: Record<string, number> = {};
    const points = await tx.select({ value: citizenContactPoints.value }).from(citizenContactPoints).where(eq(citizenContactPoints.citizenId, citizenId));
    const addresses = points.map((p) => p.value);
    for (const h of holders) {
      for (const [k, v] of Object.entries(await h.erase(tx, citizenId, addresses))) counts[k] = (counts[k] ?? 0) + v;
    }
    counts.contactPoints = (await tx.delete(citizenContactPoints).where(eq(citizenContactPoints.citizenId, citizenId)).returning({ id: citizenContactPoints.id })).length;
    // Consent kinds, answers and times stay (proof that processing was lawful); how they were given may name the person.
    counts.consents = (await tx.update(citizenConsents).set({ via: 'erased' }).where(eq(citizenConsents.citizenId, citizenId)).returning({ id: citizenConsents.id })).length;
    const erasedAt = row.erasedAt ?? new Date();
    // The preferred language stays: it is a statistic (contacts by language), not an identifier.
    await tx.update(citizens).set({ givenName: null, familyName: null, fiscalCode: null, erasedAt, updatedAt: new Date() }).where(eq(citizens.id, citizenId));
    emit('citizen.erased', { citizenId });
    await recordAudit(tx, auditActor(by), { action: 'erase', subjectKind: 'citizen', subjectId: citizenId, reason: by.reason, details: { counts } });
    return { citizenId, erasedAt: erasedAt.toISOString(), counts };
  });
}
