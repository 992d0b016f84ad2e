import { localToInstant, weekdayOf } from '../directory';

/**
 * Cutting slots, pure: a template says when an office serves a service on a weekday (e.g. CIE
 * Monday 08:30–12:30 in 20-minute slots, milan-facts.md "CIE"); the office's real openings on a
 * date (weekly hours with holidays and exceptions applied, from the directory) say when it is open.
 * A slot is offered only when it lies wholly inside one opening: a closure, a holiday or shorter
 * hours on Christmas Eve remove the slots they touch, and nothing is offered outside the hours.
 */
export interface TemplateRule {
  serviceCode: string;
  officeSlug: string;
  weekday: number;
  /** Minutes since local midnight. */
  opens: number;
  closes: number;
  slotMinutes: number;
  capacity: number;
  validFrom: string;
  validTo: string | null;
}

export interface Opening {
  start: number;
  end: number;
}

export interface CutSlot {
  serviceCode: string;
  officeSlug: string;
  localDate: string;
  start: number;
  end: number;
  capacity: number;
}

export function appliesOn(rule: TemplateRule, date: string): boolean {
  return weekdayOf(date) === rule.weekday && rule.validFrom <= date && (rule.validTo === null || date <= rule.validTo);
}

/** The slots of one rule on one local date that fit inside the office's openings of that date. */
export function cutSlots(rule: TemplateRule, date: string, openings: readonly Opening[], zone: string): CutSlot[] {
  if (!appliesOn(rule, date)) return [];
  const out: CutSlot[] = [];
  const length = rule.slotMinutes * 60_000;
  for (let m = rule.opens; m + rule.slotMinutes <= rule.closes; m += rule.slotMinutes) {
    const start = localToInstant(date, m, zone);
    const end = localToInstant(date, m + rule.slotMinutes, zone);
    // A slot across a clock change would be an hour longer or shorter than promised: not offered.
    if (end - start !== length) continue;
    if (!openings.some((o) => o.start <= start && end <= o.end)) continue;
    out.push({ serviceCode: rule.serviceCode, officeSlug: rule.officeSlug, localDate: date, start, end, capacity: rule.capacity });
  }
  return out;
}
