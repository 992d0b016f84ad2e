/**
 * The amount due on a given local date for a traffic fine or a local-tax instalment, with its
 * breakdown and the next deadline. Pure: the holiday calendar and the rules come in as arguments.
 *
 * Dates are local dates in the city's zone ("YYYY-MM-DD"); a payment made at any time of a day
 * counts for that day. Money is integer euro cents.
 *
 * Rules are dated data (milan-facts.md: "model them as dated data"): each rule set carries the
 * dates between which it applies and its legal source, and the caller picks the one in force.
 */

/** The holiday part of the city's calendar (directory's `holidayCalendar(ctx)` fits). */
export interface HolidayLookup {
  isHoliday(date: string): boolean;
}

// ---------------------------------------------------------------------------------------------
// Local dates (UTC arithmetic on calendar dates: no zone, no summer time)

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`not a real date: ${date}`);
  return ms / DAY_MS;
}

const fromDayNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

export function plusDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysFrom(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function isRealDate(date: string): boolean {
  try {
    dayNumber(date);
    return true;
  } catch {
    return false;
  }
}

const isSunday = (date: string) => new Date(dayNumber(date) * DAY_MS).getUTCDay() === 0;

const isSaturday = (date: string) => new Date(dayNumber(date) * DAY_MS).getUTCDay() === 6;

export interface WorkingDayOptions {
  /** Tax payments due on a Saturday also move (DL 70/2011 art. 7 c.2 lett. l). */
  saturdayMoves?: boolean;
}

export function isWorkingDay(date: string, holidays: HolidayLookup, options: WorkingDayOptions = {}): boolean {
  return !isSunday(date) && !(options.saturdayMoves && isSaturday(date)) && !holidays.isHoliday(date);
}

/**
 * A deadline that falls on a Sunday or a public holiday moves to the next working day (Codice
 * civile art. 2963 c.3: "se il termine scade in giorno festivo, è prorogato di diritto al giorno
 * seguente non festivo"). Fines keep Saturday as a working day; tax payments move off Saturdays too
 * (DL 70/2011 art. 7 c.2 lett. l: IMU's 16 December 2023, a Saturday, was paid by Monday the 18th).
 */
export function nextWorkingDay(date: string, holidays: HolidayLookup, options: WorkingDayOptions = {}): string {
  let day = date;
  // At most a handful of iterations: Saturday 24 to Sunday 27 December is the longest run.
  while (!isWorkingDay(day, holidays, options)) day = plusDays(day, 1);
  return day;
}

// ---------------------------------------------------------------------------------------------
// Traffic fines

export interface FineRule {
  validFrom: string;
  validTo: string | null;
  /** Reduction of the minimum when paid early, in percent. */
  reductionPercent: number;
  /** The reduction applies when paid within this many days of notification. */
  reductionDays: number;
  /** The minimum applies when paid within this many days; afterwards half the maximum. */
  minimumDays: number;
  source: string;
}

/** Chosen by the notification date. */
export const FINE_RULES: readonly FineRule[] = [
  {
    validFrom: '1992-04-30',
    validTo: '2013-08-20',
    reductionPercent: 0,
    reductionDays: 0,
    minimumDays: 60,
    source: 'Codice della Strada (D.Lgs. 285/1992) art. 202 c.1 and art. 203 c.3, before DL 69/2013',
  },
  {
    validFrom: '2013-08-21',
    validTo: null,
    reductionPercent: 30,
    reductionDays: 5,
    minimumDays: 60,
    source: 'Codice della Strada art. 202 c.1 (30% within 5 days, as amended by DL 69/2013, L. 98/2013) and art. 203 c.3 (half the maximum after 60 days)',
  },
];

export type AccessorySanction = 'none' | 'licence-suspension' | 'confiscation';

export interface FineFacts {
  notificationDate: string;
  minCents: number;
  maxCents: number;
  /** Notification and procedure costs, added to every amount and never reduced. */
  costsCents: number;
  accessorySanction: AccessorySanction;
}

export type FinePhase = 'reduced' | 'minimum' | 'half-maximum';

export interface FineStep {
  phase: FinePhase;
  /** Sanction plus costs. */
  amountCents: number;
  sanctionCents: number;
  /** Last day (inclusive, already moved off Sundays and holidays) on which this amount applies; null: from then on. */
  until: string | null;
}

export interface FineDue {
  kind: 'fine';
  on: string;
  phase: FinePhase;
  amountCents: number;
  breakdown: { sanctionCents: number; costsCents: number; reductionCents: number };
  reductionApplies: boolean;
  /** The last day of the current amount, or null when no lower amount is left to lose. */
  nextDeadline: string | null;
  schedule: FineStep[];
  rule: { validFrom: string; source: string };
}

function ruleOn<R extends { validFrom: string; validTo: string | null }>(rules: readonly R[], date: string): R | undefined {
  return rules.find((r) => r.validFrom <= date && (r.validTo === null || date <= r.validTo));
}

/**
 * The schedule of a fine: day 1 is the day after notification (Codice della Strada art. 202 c.1
 * counts "entro cinque giorni dalla contestazione o dalla notificazione"), so the 5-day limit is
 * notification + 5 and the 60-day limit notification + 60, each moved to the next working day.
 * No 30% reduction where the offence carries confiscation or licence suspension (art. 202 c.1).
 */
export function fineSchedule(facts: FineFacts, holidays: HolidayLookup, rules: readonly FineRule[] = FINE_RULES): { steps: FineStep[]; reductionApplies: boolean; rule: FineRule } {
  const rule = ruleOn(rules, facts.notificationDate);
  if (!rule) throw new RangeError(`no fine rule in force on ${facts.notificationDate}`);
  const reductionApplies = rule.reductionPercent > 0 && facts.accessorySanction === 'none';
  const steps: FineStep[] = [];
  const step = (phase: FinePhase, sanctionCents: number, until: string | null) =>
    steps.push({ phase, sanctionCents, amountCents: sanctionCents + facts.costsCents, until });
  if (reductionApplies) {
    const reduced = Math.round((facts.minCents * (100 - rule.reductionPercent)) / 100);
    step('reduced', reduced, nextWorkingDay(plusDays(facts.notificationDate, rule.reductionDays), holidays));
  }
  step('minimum', facts.minCents, nextWorkingDay(plusDays(facts.notificationDate, rule.minimumDays), holidays));
  // Art. 203 c.3: unpaid and unappealed after 60 days, the verbale is enforceable for half the
  // maximum (plus costs).
  step('half-maximum', Math.round(facts.maxCents / 2), null);
  return { steps, reductionApplies, rule };
}

export function fineAmountDueOn(facts: FineFacts, on: string, holidays: HolidayLookup, rules: readonly FineRule[] = FINE_RULES): FineDue {
  dayNumber(on);
  const { steps, reductionApplies, rule } = fineSchedule(facts, holidays, rules);
  // A payment on the notification day itself (or on the spot) is within every limit.
  const current = steps.find((s) => s.until === null || on <= s.until)!;
  return {
    kind: 'fine',
    on,
    phase: current.phase,
    amountCents: current.amountCents,
    breakdown: {
      sanctionCents: current.sanctionCents,
      costsCents: facts.costsCents,
      reductionCents: current.phase === 'reduced' ? facts.minCents - current.sanctionCents : 0,
    },
    reductionApplies,
    nextDeadline: current.until,
    schedule: steps,
    rule: { validFrom: rule.validFrom, source: rule.source },
  };
}

// ---------------------------------------------------------------------------------------------
// Local taxes (TARI, IMU)

export interface LatePenaltyRule {
  /** First day of lateness (the day after the moved due date) from which the rule applies. */
  validFrom: string;
  validTo: string | null;
  /** Penalty in basis points of the unpaid tax (2500 = 25%). */
  rateBp: number;
  /** Reduced penalty when no more than `reducedWithinDays` late. */
  reducedRateBp: number;
  reducedWithinDays: number;
  source: string;
}

export const LATE_PENALTY_RULES: readonly LatePenaltyRule[] = [
  {
    validFrom: '2024-09-01',
    validTo: null,
    rateBp: 2500,
    reducedRateBp: 1250,
    reducedWithinDays: 90,
    source: 'D.Lgs. 471/1997 art. 13 c.1 as amended by D.Lgs. 87/2024 (violations from 1 September 2024)',
  },
];

export type TaxPhase = 'on-time' | 'late-reduced-penalty' | 'late-full-penalty' | 'late-no-rule';

export interface TaxDue {
  kind: 'tax';
  on: string;
  phase: TaxPhase;
  amountCents: number;
  breakdown: { taxCents: number; penaltyCents: number; penaltyRateBp: number };
  /** The nominal due date moved to the next working day (Saturdays move too for taxes). */
  dueDate: string;
  daysLate: number;
  nextDeadline: string | null;
  rule: { validFrom: string; source: string } | null;
}

/**
 * An instalment paid by its due date (moved off Saturdays, Sundays and holidays) costs the tax alone. Paid
 * later it carries the late-payment penalty in force on the first day of lateness: from 1 Sep 2024
 * 25%, halved to 12.5% when no more than 90 days late. Interest and the voluntary-disclosure
 * reductions ("ravvedimento operoso", D.Lgs. 472/1997 art. 13) are not computed: the penalty shown
 * is the one the city would assess, and the docs say so. With no rule in force (lateness before
 * September 2024) the penalty is not computed and the phase says so.
 */
export function taxAmountDueOn(
  facts: { amountCents: number; dueDate: string },
  on: string,
  holidays: HolidayLookup,
  rules: readonly LatePenaltyRule[] = LATE_PENALTY_RULES,
): TaxDue {
  dayNumber(on);
  const dueDate = nextWorkingDay(facts.dueDate, holidays, { saturdayMoves: true });
  const daysLate = Math.max(0, daysFrom(dueDate, on));
  const base = { kind: 'tax' as const, on, dueDate, daysLate };
  if (daysLate === 0) {
    return { ...base, phase: 'on-time', amountCents: facts.amountCents, breakdown: { taxCents: facts.amountCents, penaltyCents: 0, penaltyRateBp: 0 }, nextDeadline: dueDate, rule: null };
  }
  const rule = ruleOn(rules, plusDays(dueDate, 1));
  if (!rule) {
    return { ...base, phase: 'late-no-rule', amountCents: facts.amountCents, breakdown: { taxCents: facts.amountCents, penaltyCents: 0, penaltyRateBp: 0 }, nextDeadline: null, rule: null };
  }
  const reduced = daysLate <= rule.reducedWithinDays;
  const rateBp = reduced ? rule.reducedRateBp : rule.rateBp;
  const penaltyCents = Math.round((facts.amountCents * rateBp) / 10_000);
  return {
    ...base,
    phase: reduced ? 'late-reduced-penalty' : 'late-full-penalty',
    amountCents: facts.amountCents + penaltyCents,
    breakdown: { taxCents: facts.amountCents, penaltyCents, penaltyRateBp: rateBp },
    // "No more than 90 days late": the last day at the reduced rate is a count, not a deadline, so it is not moved.
    nextDeadline: reduced ? plusDays(dueDate, rule.reducedWithinDays) : null,
    rule: { validFrom: rule.validFrom, source: rule.source },
  };
}
