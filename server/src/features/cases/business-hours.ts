/**
 * SLA deadlines counted in business hours (docs/cases.md): the clock runs only inside the city's
 * business hours (case_settings.business_hours, e.g. "lun-ven 08:30-16:30" in Europe/Rome) and
 * stops on public holidays from the directory's holiday calendar. Ranges are turned into instants
 * by the directory's local-time rule, so a business day across a clock change counts the real
 * elapsed time (a 00:00-24:00 range on the last Sunday of March is 23 hours). Pure.
 */
import { addDays, instantToLocal, localToInstant, weekdayOf, type WeeklySchedule } from '../directory';

export interface BusinessCalendar {
  zone: string;
  schedule: WeeklySchedule;
  isHoliday(date: string): boolean;
}

const MINUTE_MS = 60_000;
// A schedule with hours finds them within a week plus the longest run of holidays; ten years
// bounds a calendar whose rules close every day.
const MAX_DAYS = 3660;

/** The instant `minutes` business minutes after `start` (start itself when minutes is 0). */
export function addBusinessMinutes(start: number, minutes: number, calendar: BusinessCalendar): number {
  if (minutes <= 0) return start;
  let remaining = minutes * MINUTE_MS;
  let date = instantToLocal(start, calendar.zone).date;
  for (let day = 0; day < MAX_DAYS; day++, date = addDays(date, 1)) {
    if (calendar.isHoliday(date)) continue;
    for (const range of calendar.schedule[weekdayOf(date) - 1] ?? []) {
      const from = Math.max(localToInstant(date, range.opens, calendar.zone), start);
      const to = localToInstant(date, range.closes, calendar.zone);
      if (to <= from) continue;
      if (to - from >= remaining) return from + remaining;
      remaining -= to - from;
    }
  }
  throw new RangeError('no business hours in the next ten years');
}

export function addBusinessHours(start: number, hours: number, calendar: BusinessCalendar): number {
  return addBusinessMinutes(start, Math.round(hours * 60), calendar);
}

/** Business minutes between two instants (0 when `to` is not after `from`): how late a case is. */
export function businessMinutesBetween(from: number, to: number, calendar: BusinessCalendar): number {
  if (to <= from) return 0;
  let total = 0;
  let date = instantToLocal(from, calendar.zone).date;
  const last = instantToLocal(to, calendar.zone).date;
  for (let day = 0; day < MAX_DAYS && date <= last; day++, date = addDays(date, 1)) {
    if (calendar.isHoliday(date)) continue;
    for (const range of calendar.schedule[weekdayOf(date) - 1] ?? []) {
      const a = Math.max(localToInstant(date, range.opens, calendar.zone), from);
      const b = Math.min(localToInstant(date, range.closes, calendar.zone), to);
      if (b > a) total += b - a;
    }
  }
  return Math.floor(total / MINUTE_MS);
}
