/**
 * The shape of one dated version of a mobility scheme's rules (Ecopass, Area C, Area B), as the
 * city's YAML files give it, as the administrator's API takes it and as the database stores it
 * (`mobility_rule_versions.rules`). One zod schema for all three places: a version is written and
 * read whole, so nothing half-valid can reach the rules engine (quote.ts).
 */
import { z } from 'zod';
import { isValidDate } from '../directory';

export const SCHEMES = ['ecopass', 'area-c', 'area-b'] as const;
export type Scheme = (typeof SCHEMES)[number];

export const VEHICLE_KINDS = ['car', 'goods', 'bus', 'moped', 'motorcycle'] as const;
export const FUELS = ['petrol', 'diesel', 'lpg', 'cng', 'electric', 'hybrid'] as const;
export const CLASSES = ['I', 'II', 'III', 'IV', 'V'] as const;
/** Euro 6 diesel stages, which Area B tells apart (6 A/B/C banned from Oct 2028, 6d-TEMP/6d from Oct 2030). */
export const EURO6_STAGES = ['a', 'b', 'c', 'd-temp', 'd'] as const;
/** Why a vehicle or trip pays nothing; each code has a translated text (messages/*.json). */
export const EXEMPTIONS = ['two-wheeler', 'electric', 'low-emission-hybrid', 'disabled', 'perishable-food'] as const;
/** What a caller may declare about the trip (a permit or the use of the vehicle). */
export const PERMITS = ['disabled', 'perishable-food', 'service'] as const;

export type VehicleKind = (typeof VEHICLE_KINDS)[number];
export type Fuel = (typeof FUELS)[number];
export type PollutionClass = (typeof CLASSES)[number];
export type Euro6Stage = (typeof EURO6_STAGES)[number];
export type Exemption = (typeof EXEMPTIONS)[number];
export type Permit = (typeof PERMITS)[number];

export const versionId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes');
export const localDate = z.string().refine(isValidDate, 'must be a real date YYYY-MM-DD');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time HH:MM');
const cents = z.number().int('whole euro cents').min(0, 'must not be negative').max(10_000_000);

/** The conditions of a rule: every one given must hold (a missing one matches anything). */
const conditions = {
  kinds: z.array(z.enum(VEHICLE_KINDS)).min(1).optional(),
  fuels: z.array(z.enum(FUELS)).min(1).optional(),
  euroMin: z.number().int().min(0).max(6).optional(),
  euroMax: z.number().int().min(0).max(6).optional(),
  /** Particulate filter fitted (a vehicle that does not say has none). */
  particulateFilter: z.boolean().optional(),
  /** CO2 emissions at most this many g/km (needs the vehicle's `co2`). */
  co2Max: z.number().min(0).max(1000).optional(),
  /** Two-stroke or four-stroke engine (needs the vehicle's `engineStroke`). */
  strokes: z.array(z.union([z.literal(2), z.literal(4)])).min(1).optional(),
  /** Euro 6 stages (needs the vehicle's `euro6Stage` when its Euro class is 6). */
  euro6Stages: z.array(z.enum(EURO6_STAGES)).min(1).optional(),
};

/** A vehicle rule: conditions and what follows from them. The first rule that matches decides. */
export const vehicleRule = z
  .object({
    ...conditions,
    /** A pollution class; the day's charge comes from `charges` by class. */
    class: z.enum(CLASSES).optional(),
    /** A named charge of `charges` (Area C: `standard`). */
    charge: z.string().regex(/^[a-z][a-z-]{0,30}$/).optional(),
    exempt: z.enum(EXEMPTIONS).optional(),
    /** Not allowed in the zone while the scheme is in force (Area B). */
    ban: z.boolean().optional(),
    /** Allowed, nothing to pay, no class (Area B's vehicles not banned). */
    allow: z.boolean().optional(),
    /** Where the rule comes from: a line of the facts or "interpretation: …". */
    note: z.string().max(500).optional(),
  })
  .strict()
  .refine((r) => [r.class, r.charge, r.exempt, r.ban, r.allow].filter((x) => x !== undefined && x !== false).length === 1, {
    message: 'a rule has exactly one outcome: class, charge, exempt, ban or allow',
  })
  .refine((r) => r.euroMin === undefined || r.euroMax === undefined || r.euroMin <= r.euroMax, { message: 'euroMin must not exceed euroMax' });

export type VehicleRule = z.infer<typeof vehicleRule>;

/** Hours in force on some ISO weekdays (1 Monday … 7 Sunday); `to` is exclusive. */
const hoursEntry = z
  .object({ days: z.array(z.number().int().min(1).max(7)).min(1), from: clock, to: clock, note: z.string().max(500).optional() })
  .strict()
  .refine((h) => h.from < h.to, { message: 'from must be before to' });

/** A permit that changes the answer: an exemption (maybe only between two times) or a named charge. */
const permitRule = z
  .object({
    permit: z.enum(PERMITS),
    exempt: z.enum(EXEMPTIONS).optional(),
    charge: z.string().regex(/^[a-z][a-z-]{0,30}$/).optional(),
    from: clock.optional(),
    to: clock.optional(),
    note: z.string().max(500).optional(),
  })
  .strict()
  .refine((p) => (p.exempt === undefined) !== (p.charge === undefined), { message: 'a permit rule has either exempt or charge' });

const passEntry = z
  .object({
    kind: z.enum(['multi-entry', 'resident-annual']),
    /** Entries covered (multi-entry passes: first 50, next 50). */
    entries: z.number().int().min(1).optional(),
    amounts: z.partialRecord(z.enum(CLASSES), cents),
    note: z.string().max(500).optional(),
  })
  .strict();

export const rulesShape = {
    hours: z.array(hoursEntry).min(1),
    /** Not in force on the city's public holidays (the directory's holiday calendar). */
    closedOnHolidays: z.boolean(),
    /** Named daily charges in cents: by class (`I` … `V`) or by name (`standard`, `service`). */
    charges: z.record(z.string().regex(/^([IV]{1,3}|[a-z][a-z-]{0,30})$/), cents).default({}),
    rules: z.array(vehicleRule).min(1),
    permits: z.array(permitRule).default([]),
    /** Residents: free entries a year, then this charge a day (Area C). */
    resident: z.object({ freeEntriesPerYear: z.number().int().min(0).max(366), charge: cents }).strict().optional(),
    /** Pay by 24:00 of the day `daysAfterEntry` after the entry (1: "by 24:00 of the day after"). */
    payBy: z.object({ daysAfterEntry: z.number().int().min(0).max(60) }).strict().optional(),
    /** A later, dearer payment (Area C: within 7 days). */
    deferred: z.object({ daysAfterEntry: z.number().int().min(1).max(60), charge: cents }).strict().optional(),
    passes: z.array(passEntry).default([]),
    /** Where the figures come from. */
    sources: z.array(z.string().max(500)).default([]),
};

type RulesBody = z.infer<z.ZodObject<typeof rulesShape>>;

/** Cross-field checks: every class or charge a rule names has an amount. */
function checkCharges(v: RulesBody, ctx: z.RefinementCtx): void {
    v.rules.forEach((r, i) => {
      const named = r.class ?? r.charge;
      if (named !== undefined && v.charges[named] === undefined) ctx.addIssue({ code: 'custom', path: ['rules', i], message: `no charge "${named}" in charges` });
    });
    v.permits.forEach((p, i) => {
      if (p.charge !== undefined && v.charges[p.charge] === undefined) ctx.addIssue({ code: 'custom', path: ['permits', i], message: `no charge "${p.charge}" in charges` });
      if ((p.from === undefined) !== (p.to === undefined)) ctx.addIssue({ code: 'custom', path: ['permits', i], message: 'give both from and to, or neither' });
    });
}

/** The body of a version: everything but its id, scheme and validity (what the database stores). */
export const versionRules = z.object(rulesShape).strict().superRefine(checkCharges);
export type VersionRules = z.infer<typeof versionRules>;

const versionShape = { validFrom: localDate, validTo: localDate.nullable().optional(), ...rulesShape };

function checkVersion(v: RulesBody & { validFrom: string; validTo?: string | null | undefined }, ctx: z.RefinementCtx): void {
  checkCharges(v, ctx);
  if (v.validTo && v.validTo < v.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'must not be before validFrom' });
}

/** A whole version, as the YAML files give it. */
export const versionInput = z
  .object({ id: versionId, ...versionShape })
  .strict()
  .superRefine(checkVersion);
export type VersionInput = z.infer<typeof versionInput>;

/** A version as the API takes it: the id is in the path. */
export const versionBody = z.object(versionShape).strict().superRefine(checkVersion);
export type VersionBody = z.infer<typeof versionBody>;

export interface RuleVersion {
  id: string;
  scheme: Scheme;
  validFrom: string;
  /** Last day in force (inclusive); null: open-ended. */
  validTo: string | null;
  rules: VersionRules;
}
