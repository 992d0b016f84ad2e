import { DateTime, IANAZone } from 'luxon';

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

/** The zone's UTC offset in minutes at an instant. */
export function offsetAt(zone: string, ms: number): number {
  return zoneOf(zone).offset(ms);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight of a local date read as if it were UTC (the "wall" timeline); NaN when not a real date. */
export function wallMidnight(date: string): number {
  const m = DATE.exec(date);
  if (!m) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March: a real date reads back the same.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return Number.NaN;
  return ms;
}

export function isValidDate(date: string): boolean {
  return !Number.isNaN(wallMidnight(date));
}

function dateOfWall(wallMs: number): string {
  return new Date(wallMs).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfWall(wallMidnight(date) + days * DAY_MS);
}

/** ISO 8601 weekday (1 Monday … 7 Sunday) of a local date. */
export function weekdayOf(date: string): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  const d = new Date(wallMidnight(date)).getUTCDay();
  return (d === 0 ? 7 : d) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
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

const HAS_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;
const LOCAL_ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?$/;

/**
 * An ISO 8601 time from a request: with an offset it is that instant; without one it is a local
 * time in `zone` (by the rule above); a bare date is its local midnight. Null when unreadable.
 */
export function parseInstant(text: string, zone: string): number | null {
  const s = text.trim();
  if (HAS_OFFSET.test(s) && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(s)) {
    const parsed = DateTime.fromISO(s.replace(' ', 'T'), { setZone: true });
    // Real offsets lie within ±14:00; luxon would take +25:00.
    return parsed.isValid && Math.abs(parsed.offset) <= 14 * 60 ? parsed.toMillis() : null;
  }
  const m = LOCAL_ISO.exec(s);
  if (!m || !isValidDate(m[1]!)) return null;
  const [h, min, sec] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > 23 || min > 59 || sec > 59) return null;
  return localToInstant(m[1]!, h * 60 + min, zone) + sec * 1000;
}
