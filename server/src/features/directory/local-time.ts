import { IANAZone } from 'luxon';

/**
 * Local dates ("YYYY-MM-DD") and wall-clock times in a time zone, turned into instants (epoch ms).
 *
 * The rule for clock changes (Europe/Rome: last Sunday of March 02:00 → 03:00, last Sunday of
 * October 03:00 → 02:00): a local time T on date D means **the first instant at which the wall
 * clock on D reads T or later**. So
 * - a time in the skipped hour (02:30 on 28 Mar 2027) is the instant the clock jumps: 03:00+02:00;
 * - a time in the repeated hour (02:30 on 25 Oct 2026) is its first occurrence: 02:30+02:00.
 * (luxon alone would give 03:30+02:00 and 02:30+01:00; an office "opening at 02:30" is open as soon
 * as the clock shows a later time, and closes the first time the clock shows its closing time.)
 */

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const zones = new Map<string, IANAZone>();
function zoneOf(name: string): IANAZone {
  let zone = zones.get(name);
  if (!zone) {
    zone = IANAZone.create(name);
    if (!zone.isValid) throw new Error(`unknown time zone ${name}`);
    zones.set(name, zone);
  }
  return zone;
}

const HOUR_MS = 3_600_000;
// Offsets by zone and UTC hour. An hour whose two ends have the same offset has it throughout
// (no zone changes twice within an hour); an hour with a change is never cached. Asking Intl costs
// microseconds, and "open now" asks several times per request. Bounded for long-running processes.
const hourOffsets = new Map<string, number>();

/** The zone's UTC offset in minutes at an instant. */
export function offsetAt(zone: string, ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  const key = `${zone}|${hour}`;
  const cached = hourOffsets.get(key);
  if (cached !== undefined) return cached;
  const z = zoneOf(zone);
  const start = z.offset(hour * HOUR_MS);
  if (start !== z.offset((hour + 1) * HOUR_MS - 1)) return z.offset(ms);
  if (hourOffsets.size > 100_000) hourOffsets.clear();
  hourOffsets.set(key, start);
  return start;
}

// Civil-date arithmetic without Date objects (H. Hinnant, "chrono-compatible low-level date
// algorithms"): these run for every day an opening is looked for, and Date/toISOString dominated.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

// A top-level function, not a closure: tsx (esbuild keepNames) wraps each closure it creates.
function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
}

/** Midnight of a local date read as if it were UTC (the "wall" timeline); NaN when not a real date. */
export function wallMidnight(date: string): number {
  // By hand rather than a RegExp: this is the hottest function of "open now".
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return Number.NaN;
  const y = digitAt(date, 0) * 1000 + digitAt(date, 1) * 100 + digitAt(date, 2) * 10 + digitAt(date, 3);
  const mo = digitAt(date, 5) * 10 + digitAt(date, 6);
  const d = digitAt(date, 8) * 10 + digitAt(date, 9);
  if (Number.isNaN(y + mo + d)) return Number.NaN;
  if (mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[mo - 1]!)) return Number.NaN;
  return daysFromCivil(y, mo, d) * DAY_MS;
}

export function isValidDate(date: string): boolean {
  return !Number.isNaN(wallMidnight(date));
}

function dateOfWall(wallMs: number): string {
  return civilFromDays(Math.floor(wallMs / DAY_MS));
}

export function addDays(date: string, days: number): string {
  return dateOfWall(wallMidnight(date) + days * DAY_MS);
}

/** ISO 8601 weekday (1 Monday … 7 Sunday) of a local date. */
export function weekdayOf(date: string): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  // 1 January 1970 was a Thursday (4).
  const days = Math.floor(wallMidnight(date) / DAY_MS);
  return ((((days + 3) % 7) + 7) % 7) + 1 as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((wallMidnight(to) - wallMidnight(from)) / DAY_MS);
}

// Offsets at both ends of a local date: when equal (every day but two a year) the whole day has
// one offset and a conversion is a subtraction. Bounded so a long-running process stays small.
const dayOffsets = new Map<string, readonly [number, number]>();
function offsetsOfDay(zone: string, date: string, wall: number): readonly [number, number] {
  const key = `${zone}|${date}`;
  let pair = dayOffsets.get(key);
  if (!pair) {
    if (dayOffsets.size > 20_000) dayOffsets.clear();
    // Offsets a day before and after the wall midnight bracket any change within the day.
    pair = [offsetAt(zone, wall - DAY_MS), offsetAt(zone, wall + 2 * DAY_MS)] as const;
    dayOffsets.set(key, pair);
  }
  return pair;
}

/** The instant of local wall-clock `minutes` (0–1440) on `date`, by the rule above. */
export function localToInstant(date: string, minutes: number, zone: string): number {
  const midnight = wallMidnight(date);
  if (Number.isNaN(midnight)) throw new RangeError(`not a date: ${date}`);
  const wall = midnight + minutes * MINUTE_MS;
  const [before, after] = offsetsOfDay(zone, date, midnight);
  if (before === after) return wall - before * MINUTE_MS;
  // A change day: keep each offset whose instant really shows this wall time; take the earliest.
  const candidates = [before, after].map((o) => wall - o * MINUTE_MS).filter((ms) => ms + offsetAt(zone, ms) * MINUTE_MS === wall);
  if (candidates.length) return Math.min(...candidates);
  // The wall time was skipped: find the first minute whose wall reading is later (the jump).
  let lo = (wall - Math.max(before, after) * MINUTE_MS) / MINUTE_MS;
  let hi = (wall - Math.min(before, after) * MINUTE_MS) / MINUTE_MS;
  const readsLater = (minute: number) => minute * MINUTE_MS + offsetAt(zone, minute * MINUTE_MS) * MINUTE_MS >= wall;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (readsLater(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo * MINUTE_MS;
}

/** The local date, wall minutes and weekday of an instant. */
export function instantToLocal(ms: number, zone: string): { date: string; minutes: number } {
  const wall = ms + offsetAt(zone, ms) * MINUTE_MS;
  const midnight = Math.floor(wall / DAY_MS) * DAY_MS;
  return { date: dateOfWall(midnight), minutes: Math.floor((wall - midnight) / MINUTE_MS) };
}

/** ISO 8601 with the zone's offset at that instant, e.g. `2026-12-09T15:30:00+01:00`. */
export function formatInstant(ms: number, zone: string): string {
  const offset = offsetAt(zone, ms);
  const wall = new Date(Math.floor(ms / 1000) * 1000 + offset * MINUTE_MS).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

// ISO 8601 extended format, which the API contract uses: date, time to the minute or finer, and
// an offset or none (a local time). Parsed by hand: luxon's general parser cost more than the
// whole opening computation.
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

// Requests ask about 1900-2199: holiday rules and zone data mean nothing far outside.
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

/**
 * An ISO 8601 time from a request: with an offset it is that instant; without one it is a local
 * time in `zone` (by the rule above); a bare date is its local midnight. Null when unreadable or
 * outside the years 1900-2199.
 */
export function parseInstant(text: string, zone: string): number | null {
  const ms = readInstant(text, zone);
  return ms !== null && ms >= EARLIEST && ms < LATEST ? ms : null;
}

function readInstant(text: string, zone: string): number | null {
  const m = ISO_TIME.exec(text.trim());
  if (!m) return null;
  const [, date, hh, mm, ss, fraction, offset] = m;
  const midnight = wallMidnight(date!);
  if (Number.isNaN(midnight)) return null;
  const [h, min, sec] = [Number(hh ?? 0), Number(mm ?? 0), Number(ss ?? 0)];
  if (h > 23 || min > 59 || sec > 59) return null;
  const ms = sec * 1000 + (fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0);
  if (offset === undefined) return localToInstant(date!, h * 60 + min, zone) + ms;
  let offsetMinutes = 0;
  if (offset.toUpperCase() !== 'Z') {
    const digits = offset.slice(1).replace(':', ''); // "01" or "0100"
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    // Real offsets lie within ±14:00.
    if (oh * 60 + om > 14 * 60 || om > 59) return null;
    offsetMinutes = (offset[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return midnight + (h * 60 + min - offsetMinutes) * MINUTE_MS + ms;
}
