import { easterSunday } from './easter';
import { addDays, daysBetween, isValidDate } from './local-time';

/**
 * Public holidays from dated rules (holiday_rules; milan-facts.md "Calendar"): a fixed day of the
 * year, or an offset from Easter Sunday, each valid between two dates. Pure; the directory keeps one
 * calendar per loaded set of rules and every caller (opening hours, routing business hours,
 * appointment slots) asks it.
 */
export type HolidayScope = 'national' | 'city';

export interface HolidayRule {
  key: string;
  /** Fixed day of the year… */
  month?: number | null;
  day?: number | null;
  /** …or days after Easter Sunday (0 Easter, 1 Easter Monday). */
  easterOffset?: number | null;
  /** First and last dates on which the rule applies (inclusive); null: unbounded. */
  validFrom?: string | null;
  validTo?: string | null;
  scope: HolidayScope;
  names: Readonly<Record<string, string>>;
}

export interface Holiday {
  date: string;
  key: string;
  scope: HolidayScope;
  names: Readonly<Record<string, string>>;
}

function occurrence(rule: HolidayRule, year: number): string | null {
  let date: string;
  if (rule.easterOffset !== undefined && rule.easterOffset !== null) {
    date = addDays(easterSunday(year), rule.easterOffset);
    // An offset may leave the year (Easter −100); it then belongs to that other year's list.
    if (!date.startsWith(String(year))) return null;
  } else {
    date = `${year}-${String(rule.month).padStart(2, '0')}-${String(rule.day).padStart(2, '0')}`;
    if (!isValidDate(date)) return null; // 29 February in a common year
  }
  if (rule.validFrom && date < rule.validFrom) return null;
  if (rule.validTo && date > rule.validTo) return null;
  return date;
}

/** The holidays of one year, by date (a date may carry two rules, e.g. 25 April on Easter Monday). */
export function holidaysInYear(rules: readonly HolidayRule[], year: number): Holiday[] {
  const out: Holiday[] = [];
  for (const rule of rules) {
    const date = occurrence(rule, year);
    if (date) out.push({ date, key: rule.key, scope: rule.scope, names: rule.names });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
}

/** Fast lookups over a set of rules; years are computed on first use and kept. */
export class HolidayCalendar {
  private readonly years = new Map<number, Map<string, Holiday[]>>();

  constructor(readonly rules: readonly HolidayRule[]) {}

  private year(year: number): Map<string, Holiday[]> {
    let byDate = this.years.get(year);
    if (!byDate) {
      byDate = new Map();
      for (const h of holidaysInYear(this.rules, year)) byDate.set(h.date, [...(byDate.get(h.date) ?? []), h]);
      this.years.set(year, byDate);
    }
    return byDate;
  }

  /** The holiday on a local date ("YYYY-MM-DD"), the first by key when two fall together. */
  get(date: string): Holiday | undefined {
    const year = Number(date.slice(0, 4));
    if (!(year >= 1583 && year <= 9999)) return undefined;
    return this.year(year).get(date)?.[0];
  }

  isHoliday(date: string): boolean {
    return this.get(date) !== undefined;
  }

  /** Every holiday from `from` to `to` inclusive, in date order. */
  between(from: string, to: string): Holiday[] {
    if (daysBetween(from, to) < 0) return [];
    const out: Holiday[] = [];
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
      for (const list of this.year(y).values()) for (const h of list) if (h.date >= from && h.date <= to) out.push(h);
    }
    return out.sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
  }
}
