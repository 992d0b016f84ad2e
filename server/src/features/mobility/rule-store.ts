/**
 * The rules of every scheme, in memory: a quote is asked on every IVR call and chat about Area C,
 * and the rules are a handful of small versions. Loaded from `mobility_rule_versions` (validated
 * again on read), dropped by this node's own writes and by the `mobility.rules_changed` event
 * (listeners below), and after TTL_MS in any case (another node's change seen without NATS).
 */
import { asc } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { versionRules, type RuleVersion, type Scheme } from './rules-schema';
import { ruleVersions } from './tables';

const TTL_MS = 60_000;

export type RuleSet = ReadonlyMap<Scheme, readonly RuleVersion[]>;

interface Entry {
  rules?: { set: RuleSet; loadedAt: number };
  loading?: Promise<RuleSet>;
  generation: number;
}

// Keyed by context, not global: tests build several apps in one process.
const entries = new WeakMap<AppContext, Entry>();

function entryOf(ctx: AppContext): Entry {
  let entry = entries.get(ctx);
  if (!entry) entries.set(ctx, (entry = { generation: 0 }));
  return entry;
}

/** Every stored version, by scheme, oldest first. */
export async function readVersions(db: Db): Promise<RuleVersion[]> {
  const rows = await db.select().from(ruleVersions).orderBy(asc(ruleVersions.scheme), asc(ruleVersions.validFrom));
  return rows.map((r) => ({ id: r.id, scheme: r.scheme as Scheme, validFrom: r.validFrom, validTo: r.validTo, rules: versionRules.parse(r.rules) }));
}

async function load(ctx: AppContext): Promise<RuleSet> {
  const set = new Map<Scheme, RuleVersion[]>();
  for (const v of await readVersions(ctx.db)) set.set(v.scheme, [...(set.get(v.scheme) ?? []), v]);
  return set;
}

export function ruleSet(ctx: AppContext): Promise<RuleSet> {
  const entry = entryOf(ctx);
  if (entry.rules && Date.now() - entry.rules.loadedAt < TTL_MS) return Promise.resolve(entry.rules.set);
  if (entry.loading) return entry.loading;
  const generation = entry.generation;
  const loading = load(ctx)
    .then((set) => {
      // A change committed while loading must not be hidden by this (possibly older) read.
      if (entry.generation === generation) entry.rules = { set, loadedAt: Date.now() };
      return set;
    })
    .finally(() => {
      if (entry.loading === loading) delete entry.loading;
    });
  entry.loading = loading;
  return loading;
}

export function invalidateRules(ctx: AppContext): void {
  const entry = entryOf(ctx);
  entry.generation++;
  delete entry.rules;
  delete entry.loading;
}
