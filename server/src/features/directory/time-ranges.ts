/**
 * Wall-clock time ranges of one day, in minutes since local midnight. Pure: no zone, no date.
 * `closes` may be 1440 ("24:00", the end of the day) so that a range can run into the next day's
 * 00:00 range (the two merge into one opening across midnight).
 */
export interface TimeRange {
  opens: number;
  closes: number;
}

/** ISO 8601 weekday: 1 Monday … 7 Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const weekdays: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** Ranges per weekday; index 0 is Monday. A day without ranges is closed. */
export type WeeklySchedule = readonly (readonly TimeRange[])[];

export const MINUTES_PER_DAY = 1440;

export function emptySchedule(): TimeRange[][] {
  return weekdays.map(() => []);
}

export function rangesOn(schedule: WeeklySchedule, weekday: Weekday): readonly TimeRange[] {
  return schedule[weekday - 1] ?? [];
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "08:30" → 510; "24:00" only when `allowEndOfDay` (a closing time). Null when not HH:MM. */
export function parseTime(text: string, allowEndOfDay = false): number | null {
  if (allowEndOfDay && text === '24:00') return MINUTES_PER_DAY;
  const m = TIME.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function formatTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

export function formatRange(range: TimeRange): string {
  return `${formatTime(range.opens)}-${formatTime(range.closes)}`;
}

export function sortRanges(ranges: readonly TimeRange[]): TimeRange[] {
  return [...ranges].sort((a, b) => a.opens - b.opens || a.closes - b.closes);
}

/**
 * Problems with one day's ranges: a range that does not end after it starts, or two that overlap.
 * Ranges that only touch (12:30-14:00 and 14:00-16:00) are fine: they are one opening.
 */
export function rangeProblems(ranges: readonly TimeRange[]): string[] {
  const problems: string[] = [];
  for (const r of ranges) {
    if (r.closes <= r.opens) problems.push(`range ${formatRange(r)} does not end after it starts`);
  }
  const sorted = sortRanges(ranges.filter((r) => r.closes > r.opens));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (cur.opens < prev.closes) problems.push(`ranges ${formatRange(prev)} and ${formatRange(cur)} overlap`);
  }
  return problems;
}

/** Sorted, with touching or overlapping ranges joined. */
export function mergeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const out: TimeRange[] = [];
  for (const r of sortRanges(ranges)) {
    if (r.closes <= r.opens) continue;
    const last = out[out.length - 1];
    if (last && r.opens <= last.closes) last.closes = Math.max(last.closes, r.closes);
    else out.push({ ...r });
  }
  return out;
}
