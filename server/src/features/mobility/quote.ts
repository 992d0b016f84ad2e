/**
 * The rules engine: what a vehicle pays (or whether it may enter) in a scheme on a day, computed
 * only from the dated versions it is given — never from constants here (milan-facts.md: "model them
 * as dated data"). Pure and synchronous: the caller brings the versions (rule-store.ts keeps them in
 * memory) and the holiday lookup (the directory's calendar).
 */
import { addDays, formatInstant, localToInstant, weekdayOf } from '../directory';
import { AppError } from '../../platform/errors/error-codes';
import type { Euro6Stage, Exemption, Fuel, Permit, PollutionClass, RuleVersion, Scheme, VehicleKind, VehicleRule } from './rules-schema';

export interface Vehicle {
  kind: VehicleKind;
  fuel: Fuel;
  euro: number;
  particulateFilter?: boolean | undefined;
  /** g CO2/km. */
  co2?: number | undefined;
  engineStroke?: 2 | 4 | undefined;
  euro6Stage?: Euro6Stage | undefined;
}

export interface QuoteRequest {
  scheme: Scheme;
  /** Local date in the city's zone. */
  date: string;
  /** Local wall-clock time HH:MM; without it the answer is for entering while the scheme is in force that day. */
  time?: string | undefined;
  vehicle: Vehicle;
  resident?: boolean | undefined;
  permits?: readonly Permit[] | undefined;
}

export type ReasonCode =
  | 'no-hours-that-day'
  | 'holiday'
  | 'outside-hours'
  | 'banned'
  | 'allowed'
  | `exempt-${Exemption}`
  | 'class-free'
  | 'class-charge'
  | 'charge'
  | 'service-charge'
  | 'resident-charge';

export interface Money {
  amount: number;
  currency: 'EUR';
}

export interface Quote {
  scheme: Scheme;
  version: string;
  date: string;
  time?: string;
  inForce: boolean;
  allowed: boolean;
  /** Banned from the zone whenever the scheme is in force (Area B), whatever the time asked. */
  banned: boolean;
  class?: PollutionClass;
  charge: Money;
  exempt: boolean;
  reasonCode: ReasonCode;
  reasonParams: Record<string, string | number>;
  /** Pay by this instant (24:00 of the day after entry: the local midnight that ends it). */
  payBy?: string;
  deferred?: { charge: Money; payBy: string };
  /** The scheme's hours on that day (empty when it is not in force all day). */
  hours: { from: string; to: string }[];
  holiday: boolean;
  residentFreeEntriesPerYear?: number;
  passes?: { kind: string; entries?: number; charge: Money }[];
}

export interface QuoteEnvironment {
  /** The scheme's versions (any order). */
  versions: readonly RuleVersion[];
  isHoliday(date: string): boolean;
  zone: string;
}

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });

/** The version of a scheme in force on a local date, or null. */
export function versionOn(versions: readonly RuleVersion[], date: string): RuleVersion | null {
  return versions.find((v) => v.validFrom <= date && (v.validTo === null || date <= v.validTo)) ?? null;
}

type Match = { matched: true } | { matched: false } | { missing: string; message: string };

/**
 * Does a rule apply to a vehicle? The conditions the request always answers (kind, fuel, Euro class,
 * filter) are checked first; a rule that also needs a detail the vehicle did not give (CO2, engine
 * stroke, Euro 6 stage) asks for it rather than guessing: the answer could go either way.
 */
export function matchRule(rule: VehicleRule, v: Vehicle): Match {
  const no = { matched: false } as const;
  if (rule.kinds && !rule.kinds.includes(v.kind)) return no;
  if (rule.fuels && !rule.fuels.includes(v.fuel)) return no;
  if (rule.euroMin !== undefined && v.euro < rule.euroMin) return no;
  if (rule.euroMax !== undefined && v.euro > rule.euroMax) return no;
  // A vehicle that does not mention a particulate filter has none (the common case the facts price).
  if (rule.particulateFilter !== undefined && (v.particulateFilter ?? false) !== rule.particulateFilter) return no;
  if (rule.co2Max !== undefined) {
    if (v.co2 === undefined) return { missing: 'vehicle.co2', message: 'the CO2 emissions (g/km) decide the answer for this vehicle' };
    if (v.co2 > rule.co2Max) return no;
  }
  if (rule.strokes) {
    if (v.engineStroke === undefined) return { missing: 'vehicle.engineStroke', message: 'two-stroke or four-stroke (2 or 4) decides the answer for this vehicle' };
    if (!rule.strokes.includes(v.engineStroke)) return no;
  }
  if (rule.euro6Stages && v.euro === 6) {
    if (v.euro6Stage === undefined) return { missing: 'vehicle.euro6Stage', message: 'the Euro 6 stage (a, b, c, d-temp, d) decides the answer for this vehicle' };
    if (!rule.euro6Stages.includes(v.euro6Stage)) return no;
  }
  if (rule.euro6Stages && v.euro !== 6) return no;
  return { matched: true };
}

/** The first rule of the version that applies to the vehicle. */
export function classify(version: RuleVersion, vehicle: Vehicle): VehicleRule {
  for (const rule of version.rules.rules) {
    const m = matchRule(rule, vehicle);
    if ('missing' in m) {
      throw new AppError('mobility.vehicle_detail_required', `${version.id}: ${m.message}.`, [{ field: `body.${m.missing}`, message: m.message }]);
    }
    if (m.matched) return rule;
  }
  throw new AppError('mobility.vehicle_not_classified', `No rule of ${version.id} covers a ${vehicle.fuel} ${vehicle.kind} Euro ${vehicle.euro}.`, [
    { field: 'body.vehicle', message: 'not covered by the rules in force on this date' },
  ]);
}

const within = (time: string, from: string, to: string) => from <= time && time < to;

/** 24:00 of the day `days` after `date`, i.e. the local midnight that ends it. */
export function endOfDayAfter(date: string, days: number, zone: string): string {
  return formatInstant(localToInstant(addDays(date, days + 1), 0, zone), zone);
}

export function quote(req: QuoteRequest, env: QuoteEnvironment): Quote {
  const version = versionOn(env.versions, req.date);
  if (!version) throw new AppError('mobility.no_rules_for_date', `No ${req.scheme} rules are in force on ${req.date}.`, [{ field: 'body.date', message: 'outside every version of the scheme' }]);
  const r = version.rules;
  const rule = classify(version, req.vehicle);

  // In force? The weekday's hours, not on holidays where the version says so.
  const weekday = weekdayOf(req.date);
  const holiday = env.isHoliday(req.date);
  const dayHours = r.hours.filter((h) => h.days.includes(weekday)).map(({ from, to }) => ({ from, to }));
  const hours = holiday && r.closedOnHolidays ? [] : dayHours;
  let notInForce: ReasonCode | null = null;
  if (dayHours.length === 0) notInForce = 'no-hours-that-day';
  else if (hours.length === 0) notInForce = 'holiday';
  else if (req.time !== undefined && !hours.some((h) => within(req.time!, h.from, h.to))) notInForce = 'outside-hours';
  const inForce = notInForce === null;
  const hoursText = dayHours.map((h) => `${h.from}–${h.to}`).join(', ');

  const base = {
    scheme: req.scheme,
    version: version.id,
    date: req.date,
    ...(req.time !== undefined ? { time: req.time } : {}),
    inForce,
    hours,
    holiday,
    ...(rule.class ? { class: rule.class } : {}),
  };
  const free = (reasonCode: ReasonCode, extra: Partial<Quote> = {}, params: Record<string, string | number> = {}): Quote => ({
    ...base,
    allowed: true,
    banned: false,
    exempt: false,
    charge: eur(0),
    reasonCode: inForce ? reasonCode : notInForce!,
    reasonParams: { hours: hoursText, ...(rule.class ? { class: rule.class } : {}), ...params },
    ...extra,
  });

  if (rule.ban) return { ...free('banned', { banned: true, allowed: !inForce }) };
  if (rule.allow) return free('allowed');
  if (rule.exempt) return free(`exempt-${rule.exempt}`, { exempt: true });

  // A permit may exempt the trip (disabled people; perishable food in its hours) or name a charge.
  const permits = new Set(req.permits ?? []);
  for (const p of r.permits) {
    if (!permits.has(p.permit) || p.exempt === undefined) continue;
    if (p.from !== undefined && (req.time === undefined || !within(req.time, p.from, p.to!))) continue;
    return free(`exempt-${p.exempt}`, { exempt: true });
  }

  let amount = r.charges[rule.class ?? rule.charge!]!;
  let reasonCode: ReasonCode = rule.class ? (amount === 0 ? 'class-free' : 'class-charge') : 'charge';
  for (const p of r.permits) {
    if (permits.has(p.permit) && p.charge !== undefined && r.charges[p.charge]! < amount) {
      amount = r.charges[p.charge]!;
      reasonCode = 'service-charge';
    }
  }
  const resident = req.resident && r.resident ? r.resident : undefined;
  if (resident && resident.charge < amount) {
    amount = resident.charge;
    reasonCode = 'resident-charge';
  }
  const passes = rule.class
    ? r.passes
        .filter((p) => p.amounts[rule.class!] !== undefined && (p.kind !== 'resident-annual' || req.resident))
        .map((p) => ({ kind: p.kind, ...(p.entries !== undefined ? { entries: p.entries } : {}), charge: eur(p.amounts[rule.class!]!) }))
    : [];
  const extra: Partial<Quote> = {
    ...(resident ? { residentFreeEntriesPerYear: resident.freeEntriesPerYear } : {}),
    ...(passes.length ? { passes } : {}),
  };
  const params = { amount, ...(resident ? { freeEntries: resident.freeEntriesPerYear } : {}) };
  if (!inForce || amount === 0) return free(reasonCode, extra, params);

  return {
    ...free(reasonCode, extra, params),
    charge: eur(amount),
    ...(r.payBy ? { payBy: endOfDayAfter(req.date, r.payBy.daysAfterEntry, env.zone) } : {}),
    ...(r.deferred ? { deferred: { charge: eur(r.deferred.charge), payBy: endOfDayAfter(req.date, r.deferred.daysAfterEntry, env.zone) } } : {}),
  };
}
