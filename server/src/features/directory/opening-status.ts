import type { Holiday } from './holiday-calendar';
import { addDays, formatInstant, instantToLocal, localToInstant, weekdayOf } from './local-time';
import { mergeRanges, MINUTES_PER_DAY, rangesOn, type TimeRange, type WeeklySchedule } from './time-ranges';

/**
 * "Open now" and "next opening", pure (no database, no clock): the rules of DESIGN.md's directory.
 *
 * The hours of a local date are, in order of precedence:
 *   1. the office's exception for that date (closed, or its own ranges), even on a holiday;
 *   2. closed on a public holiday;
 *   3. the weekly ranges of that weekday.
 * Ranges that touch merge into one opening, also across midnight (Friday 20:00-24:00 and Saturday
 * 00:00-02:00 are one opening). Local times become instants by local-time.ts's clock-change rule.
 * The next opening is looked for up to `lookaheadDays` (60) local days ahead; none → no `opensAt`.
 */
export const exceptionReasons = ['closure', 'extended', 'strike', 'maintenance', 'reduced'] as const;
export type ExceptionReason = (typeof exceptionReasons)[number];

export interface ExceptionDay {
  date: string;
  closed: boolean;
  ranges: readonly TimeRange[];
  reason: ExceptionReason;
  note: string | null;
}

export interface HolidayLookup {
  get(date: string): Holiday | undefined;
}

export interface ExceptionLookup {
  get(date: string): ExceptionDay | undefined;
}

/** Why an office is closed (or, when open, what special day it is). */
export type OpeningCause =
  | { kind: 'holiday'; holiday: Holiday }
  | { kind: 'exception'; exception: ExceptionDay }
  | { kind: 'outside_hours' };

export type OpeningStatus =
  | { open: true; closesAt?: string; closesAtMs?: number; cause?: OpeningCause }
  | { open: false; opensAt?: string; opensAtMs?: number; cause: OpeningCause };

export interface OpeningOptions {
  zone?: string;
  lookaheadDays?: number;
}

export const DEFAULT_ZONE = 'Europe/Rome';
export const LOOKAHEAD_DAYS = 60;

export interface DayPlan {
  ranges: readonly TimeRange[];
  exception?: ExceptionDay;
  holiday?: Holiday;
}

// Weekly ranges merged once per schedule object (schedules are immutable values; the directory
// cache keeps one per office), not on every day of every status.
const mergedWeeks = new WeakMap<WeeklySchedule, readonly TimeRange[][]>();
function mergedDay(schedule: WeeklySchedule, date: string): readonly TimeRange[] {
  let merged = mergedWeeks.get(schedule);
  if (!merged) {
    merged = schedule.map((ranges) => mergeRanges(ranges));
    mergedWeeks.set(schedule, merged);
  }
  return merged[weekdayOf(date) - 1] ?? [];
}

/** The merged ranges of one local date, and which rule decided them. */
export function dayPlan(schedule: WeeklySchedule, exceptions: ExceptionLookup, holidays: HolidayLookup, date: string): DayPlan {
  const exception = exceptions.get(date);
  const holiday = holidays.get(date);
  if (!exception && !holiday) return { ranges: mergedDay(schedule, date) };
  const base = { ...(exception ? { exception } : {}), ...(holiday ? { holiday } : {}) };
  if (exception) return { ...base, ranges: exception.closed ? [] : mergeRanges(exception.ranges) };
  return { ...base, ranges: [] };
}

export interface Interval {
  start: number;
  end: number;
  /** The opening still runs at the end of the last day looked at (its real end is unknown). */
  openEnded: boolean;
}

/**
 * Openings as instants, merged where they touch, for the local dates `from`..`to`, lazily (a status
 * usually needs one or two days). Ranges lost to a skipped hour (02:10-02:50 on the spring-forward
 * day) are empty and dropped.
 */
export function* openingIntervals(
  schedule: WeeklySchedule,
  exceptions: ExceptionLookup,
  holidays: HolidayLookup,
  from: string,
  to: string,
  zone = DEFAULT_ZONE,
): Generator<Interval> {
  let current: Interval | null = null;
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const ranges = dayPlan(schedule, exceptions, holidays, date).ranges;
    for (const r of ranges) {
      const start = localToInstant(date, r.opens, zone);
      const end = localToInstant(date, r.closes, zone);
      if (end <= start) continue;
      if (current && start <= current.end) {
        current.end = Math.max(current.end, end);
        continue;
      }
      if (current) yield current;
      current = { start, end, openEnded: false };
    }
    if (current && date === to) current.openEnded = ranges.at(-1)?.closes === MINUTES_PER_DAY && current.end === localToInstant(date, MINUTES_PER_DAY, zone);
  }
  if (current) yield current;
}

function toMs(at: Date | number): number {
  return typeof at === 'number' ? at : at.getTime();
}

function inRanges(ranges: readonly TimeRange[], minutes: number): boolean {
  return ranges.some((r) => r.opens <= minutes && minutes < r.closes);
}

/**
 * Why the office is closed at this local date and minute: an exception that took away hours the
 * office would otherwise have, else the holiday, else simply outside the hours.
 */
function closedCause(schedule: WeeklySchedule, plan: DayPlan, date: string, minutes: number): OpeningCause {
  const { exception, holiday } = plan;
  if (exception) {
    const usual = holiday ? [] : rangesOn(schedule, weekdayOf(date));
    if (exception.closed || inRanges(usual, minutes)) return { kind: 'exception', exception };
  }
  if (holiday) return { kind: 'holiday', holiday };
  return { kind: 'outside_hours' };
}

/** Open or closed at `at`, with the closing or the next opening instant (ISO 8601 with offset). */
export function computeOpeningStatus(
  schedule: WeeklySchedule,
  exceptions: ExceptionLookup,
  holidays: HolidayLookup,
  at: Date | number,
  options: OpeningOptions = {},
): OpeningStatus {
  const zone = options.zone ?? DEFAULT_ZONE;
  const lookahead = options.lookaheadDays ?? LOOKAHEAD_DAYS;
  const atMs = toMs(at);
  const local = instantToLocal(atMs, zone);
  const plan = dayPlan(schedule, exceptions, holidays, local.date);
  // Start a day early: an opening that began yesterday may still run (to 24:00 and on past midnight).
  for (const interval of openingIntervals(schedule, exceptions, holidays, addDays(local.date, -1), addDays(local.date, lookahead), zone)) {
    if (interval.end <= atMs) continue;
    if (interval.start <= atMs) {
      const cause: OpeningCause | undefined = plan.exception ? { kind: 'exception', exception: plan.exception } : undefined;
      return {
        open: true,
        ...(interval.openEnded ? {} : { closesAt: formatInstant(interval.end, zone), closesAtMs: interval.end }),
        ...(cause ? { cause } : {}),
      };
    }
    return { open: false, opensAt: formatInstant(interval.start, zone), opensAtMs: interval.start, cause: closedCause(schedule, plan, local.date, local.minutes) };
  }
  return { open: false, cause: closedCause(schedule, plan, local.date, local.minutes) };
}

/** A lookup over a list of exceptions (tests, importers). */
export function exceptionsByDate(list: readonly ExceptionDay[]): ReadonlyMap<string, ExceptionDay> {
  return new Map(list.map((e) => [e.date, e]));
}

export const noHolidays: HolidayLookup = { get: () => undefined };
export const noExceptions: ExceptionLookup = { get: () => undefined };
