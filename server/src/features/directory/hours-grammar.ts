import {
  emptySchedule,
  formatRange,
  parseTime,
  rangeProblems,
  sortRanges,
  type TimeRange,
  type Weekday,
  type WeeklySchedule,
} from './time-ranges';

/**
 * The opening-hours grammar of the city's open-data exports (offices.csv `hours`):
 *
 *   hours   := "" | "chiuso" | clause (";" clause)*
 *   clause  := days " " (ranges | "chiuso")
 *   days    := item ("," item)*          item := day | day "-" day   (forward: lun-ven, sab-dom)
 *   day     := lun | mar | mer | gio | ven | sab | dom
 *   ranges  := range ("," range)*        range := HH:MM "-" HH:MM   (closing may be 24:00)
 *
 * e.g. `lun-ven 08:30-12:30,14:00-16:00; sab 08:30-12:00` or `lun,mer,ven 08:30-15:30`.
 * A day named in several clauses gets the ranges of all of them (`lun-ven 09:00-12:30; mer 14:00-16:00`);
 * overlapping ranges on one day are an error, touching ones are one opening.
 */
export const dayNames = ['lun', 'mar', 'mer', 'gio', 'ven', 'sab', 'dom'] as const;
export type DayName = (typeof dayNames)[number];

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const CLOSED = 'chiuso';

function dayIndex(token: string): Weekday | null {
  const i = (dayNames as readonly string[]).indexOf(token);
  return i < 0 ? null : ((i + 1) as Weekday);
}

/** Spaces around separators and dash variants are tolerated (`lun - ven`, `lun–ven`, `08:30 - 12:30`). */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s*([,\-])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function parseDays(text: string, errors: string[]): Weekday[] {
  const days: Weekday[] = [];
  for (const item of text.split(',')) {
    const [from, to, ...rest] = item.split('-');
    const a = dayIndex(from ?? '');
    if (a === null || rest.length) {
      errors.push(`unknown day "${item}" (days are ${dayNames.join(' ')})`);
      continue;
    }
    if (to === undefined) {
      days.push(a);
      continue;
    }
    const b = dayIndex(to);
    if (b === null) errors.push(`unknown day "${to}" in "${item}"`);
    else if (b < a) errors.push(`day range "${item}" goes backwards (write e.g. lun-ven)`);
    else for (let d = a; d <= b; d++) days.push(d as Weekday);
  }
  return days;
}

/** A comma-separated list of HH:MM-HH:MM ranges (an exception's hours). */
export function parseRanges(text: string): Parsed<TimeRange[]> {
  const errors: string[] = [];
  const ranges: TimeRange[] = [];
  const source = normalise(text);
  if (!source) return { ok: false, errors: ['no time ranges'] };
  for (const item of source.split(',')) {
    const [a, b, ...rest] = item.split('-');
    const opens = parseTime(a ?? '');
    const closes = parseTime(b ?? '', true);
    if (rest.length || opens === null || closes === null) {
      errors.push(`bad time range "${item}" (expected HH:MM-HH:MM)`);
      continue;
    }
    ranges.push({ opens, closes });
  }
  errors.push(...rangeProblems(ranges));
  return errors.length ? { ok: false, errors } : { ok: true, value: sortRanges(ranges) };
}

/** An exception's hours: `chiuso` (closed all day) or a list of ranges. */
export function parseDayHours(text: string): Parsed<{ closed: true } | { closed: false; ranges: TimeRange[] }> {
  if (normalise(text) === CLOSED) return { ok: true, value: { closed: true } };
  const ranges = parseRanges(text);
  return ranges.ok ? { ok: true, value: { closed: false, ranges: ranges.value } } : ranges;
}

/** The weekly hours; the empty string and `chiuso` mean no public hours. */
export function parseWeeklyHours(text: string): Parsed<WeeklySchedule> {
  const schedule = emptySchedule();
  const closedDays = new Set<Weekday>();
  const errors: string[] = [];
  const source = normalise(text);
  if (source === '' || source === CLOSED) return { ok: true, value: schedule };
  for (const rawClause of source.split(';')) {
    const clause = rawClause.trim();
    if (!clause) continue;
    const space = clause.indexOf(' ');
    if (space < 0) {
      errors.push(`"${clause}" needs days and hours (e.g. "lun-ven 08:30-12:30")`);
      continue;
    }
    const days = parseDays(clause.slice(0, space), errors);
    const hoursText = clause.slice(space + 1);
    if (hoursText === CLOSED) {
      for (const d of days) closedDays.add(d);
      continue;
    }
    const ranges = parseRanges(hoursText);
    if (!ranges.ok) {
      errors.push(...ranges.errors.map((e) => `${e} in "${clause}"`));
      continue;
    }
    for (const d of days) schedule[d - 1]!.push(...ranges.value);
  }
  for (let d = 1; d <= 7; d++) {
    const ranges = schedule[d - 1]!;
    const name = dayNames[d - 1];
    if (closedDays.has(d as Weekday) && ranges.length) errors.push(`${name} is both "chiuso" and open`);
    // A clause with bad ranges added none, so these come from two clauses naming one day.
    for (const p of rangeProblems(ranges)) errors.push(`${p} on ${name}`);
    schedule[d - 1] = sortRanges(ranges);
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: schedule };
}

export function formatRanges(ranges: readonly TimeRange[]): string {
  return sortRanges(ranges).map(formatRange).join(',');
}

/** The schedule in the grammar, days with equal hours grouped: `lun-ven 08:30-15:30; sab 08:30-12:00`. */
export function formatWeeklyHours(schedule: WeeklySchedule): string {
  const groups = new Map<string, number[]>();
  schedule.forEach((ranges, i) => {
    if (!ranges.length) return;
    const key = formatRanges(ranges);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const clauses: { first: number; text: string }[] = [];
  for (const [ranges, days] of groups) {
    const items: string[] = [];
    for (let i = 0; i < days.length; ) {
      let j = i;
      while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j++;
      const from = dayNames[days[i]!]!;
      const to = dayNames[days[j]!]!;
      items.push(i === j ? from : `${from}-${to}`);
      i = j + 1;
    }
    clauses.push({ first: days[0]!, text: `${items.join(',')} ${ranges}` });
  }
  return clauses
    .sort((a, b) => a.first - b.first)
    .map((c) => c.text)
    .join('; ');
}
