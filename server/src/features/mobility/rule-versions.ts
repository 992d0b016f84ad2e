/**
 * The administrator's changes to the rules: list, create or replace a version, delete a future one.
 * Versions of one scheme never overlap (409); the check runs under the scheme's row lock, so two
 * concurrent changes cannot both pass it. No audit entry (the rules hold no personal data), but
 * every change emits `mobility.rules_changed`, which drops the cached rules on every node.
 */
import { and, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { Emit } from '../../platform/events/unit-of-work';
import { todayIn } from '../directory';
import { invalidateRules, readVersions } from './rule-store';
import type { RuleVersion, Scheme, VersionInput, VersionRules } from './rules-schema';
import { mobilitySchemes, ruleVersions } from './tables';

/** A version as the API shows it: flat, the same fields a PUT takes, plus id, scheme and updatedAt. */
export type VersionView = Omit<RuleVersion, 'rules'> & VersionRules & { updatedAt: string };

export async function listVersions(ctx: AppContext, scheme?: Scheme): Promise<VersionView[]> {
  const rows = await ctx.db.select({ id: ruleVersions.id, updatedAt: ruleVersions.updatedAt }).from(ruleVersions);
  const updated = new Map(rows.map((r) => [r.id, r.updatedAt.toISOString()]));
  return (await readVersions(ctx.db)).filter((v) => !scheme || v.scheme === scheme).map(({ rules, ...v }) => ({ ...v, ...rules, updatedAt: updated.get(v.id)! }));
}

const overlaps = (a: { validFrom: string; validTo: string | null }, b: { validFrom: string; validTo: string | null }) =>
  (a.validTo === null || b.validFrom <= a.validTo) && (b.validTo === null || a.validFrom <= b.validTo);

/**
 * Writes one version (insert or replace by id) after checking that it overlaps no other version of
 * its scheme. Shared by the importer and the API; the caller's transaction holds everything.
 */
export async function writeVersion(tx: Db, version: RuleVersion): Promise<'created' | 'replaced'> {
  await tx.select().from(mobilitySchemes).where(eq(mobilitySchemes.id, version.scheme)).for('update');
  const [existing] = await tx.select({ scheme: ruleVersions.scheme }).from(ruleVersions).where(eq(ruleVersions.id, version.id));
  if (existing && existing.scheme !== version.scheme) {
    throw new AppError('mobility.version_conflict', `Version ${version.id} belongs to ${existing.scheme}, not ${version.scheme}.`);
  }
  const others = await tx
    .select({ id: ruleVersions.id, validFrom: ruleVersions.validFrom, validTo: ruleVersions.validTo })
    .from(ruleVersions)
    .where(and(eq(ruleVersions.scheme, version.scheme), ne(ruleVersions.id, version.id)));
  const clash = others.find((o) => overlaps(o, version));
  if (clash) {
    throw new AppError('mobility.version_overlap', `${version.id} (${version.validFrom} – ${version.validTo ?? 'open'}) overlaps ${clash.id} (${clash.validFrom} – ${clash.validTo ?? 'open'}).`, [
      { field: 'body.validFrom', message: `overlaps version ${clash.id}` },
    ]);
  }
  const row = { scheme: version.scheme, validFrom: version.validFrom, validTo: version.validTo, rules: version.rules as VersionRules, updatedAt: new Date() };
  await tx.insert(ruleVersions).values({ id: version.id, ...row }).onConflictDoUpdate({ target: ruleVersions.id, set: row });
  return existing ? 'replaced' : 'created';
}

export function toVersion(scheme: Scheme, input: VersionInput): RuleVersion {
  const { id, validFrom, validTo, ...rules } = input;
  return { id, scheme, validFrom, validTo: validTo ?? null, rules };
}

export async function putVersion(ctx: AppContext, scheme: Scheme, input: VersionInput): Promise<{ change: 'created' | 'replaced'; version: VersionView }> {
  const version = toVersion(scheme, input);
  const change = await ctx.transact(async (tx, emit: Emit) => {
    const c = await writeVersion(tx, version);
    emit('mobility.rules_changed', { scheme, versionId: version.id, change: c });
    return c;
  });
  invalidateRules(ctx);
  const [view] = (await listVersions(ctx, scheme)).filter((v) => v.id === version.id);
  return { change, version: view! };
}

/** Deletes a version that has not started yet (a past or current one is history: replace it instead). */
export async function deleteVersion(ctx: AppContext, scheme: Scheme, id: string): Promise<void> {
  const today = todayIn(ctx);
  await ctx.transact(async (tx, emit) => {
    await tx.select().from(mobilitySchemes).where(eq(mobilitySchemes.id, scheme)).for('update');
    const [row] = await tx.select().from(ruleVersions).where(and(eq(ruleVersions.id, id), eq(ruleVersions.scheme, scheme)));
    if (!row) throw new AppError('mobility.version_not_found', `No ${scheme} version ${id}.`);
    if (row.validFrom <= today) throw new AppError('mobility.version_in_effect', `${id} started on ${row.validFrom}; only future versions can be deleted.`);
    await tx.delete(ruleVersions).where(eq(ruleVersions.id, id));
    emit('mobility.rules_changed', { scheme, versionId: id, change: 'deleted' });
  });
  invalidateRules(ctx);
}
