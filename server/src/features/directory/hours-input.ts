import { AppError, type FieldProblem } from '../../platform/errors/error-codes';
import { parseWeeklyHours } from './hours-grammar';
import { emptySchedule, formatRange, parseTime, sortRanges, type TimeRange, type WeeklySchedule } from './time-ranges';

/** Hours in the editors' structured JSON form, checked field by field (422 directory.invalid_hours). */
export interface RangeInput {
  opens: string;
  closes: string;
}

export interface DayInput {
  weekday: number;
  ranges: RangeInput[];
}

/** Either the structured days or a string in the open-data grammar (`lun-ven 08:30-12:30`). */
export type WeeklyHoursInput = { days: DayInput[] } | { text: string };

export function rangesFromInput(input: readonly RangeInput[], field: string, problems: FieldProblem[]): TimeRange[] {
  const ranges: { range: TimeRange; index: number }[] = [];
  input.forEach((r, j) => {
    const opens = parseTime(r.opens);
    const closes = parseTime(r.closes, true);
    if (opens === null) problems.push({ field: `${field}.${j}.opens`, message: 'must be a time HH:MM (00:00-23:59)' });
    if (closes === null) problems.push({ field: `${field}.${j}.closes`, message: 'must be a time HH:MM (00:01-24:00)' });
    if (opens === null || closes === null) return;
    if (closes <= opens) problems.push({ field: `${field}.${j}`, message: `${r.opens}-${r.closes} must close after it opens` });
    else ranges.push({ range: { opens, closes }, index: j });
  });
  const sorted = [...ranges].sort((a, b) => a.range.opens - b.range.opens);
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!;
    const cur = sorted[k]!;
    if (cur.range.opens < prev.range.closes) {
      problems.push({ field: `${field}.${cur.index}`, message: `${formatRange(cur.range)} overlaps ${formatRange(prev.range)}` });
    }
  }
  return sortRanges(ranges.map((r) => r.range));
}

function fail(problems: FieldProblem[]): never {
  throw new AppError('directory.invalid_hours', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
}

/** The weekly schedule of a request body; throws 422 directory.invalid_hours listing every problem. */
export function scheduleFromInput(input: WeeklyHoursInput, field = 'body'): WeeklySchedule {
  if ('text' in input) {
    const parsed = parseWeeklyHours(input.text);
    if (!parsed.ok) fail(parsed.errors.map((message) => ({ field: `${field}.text`, message })));
    return parsed.value;
  }
  const problems: FieldProblem[] = [];
  const schedule = emptySchedule();
  const seen = new Set<number>();
  input.days.forEach((day, i) => {
    if (!Number.isInteger(day.weekday) || day.weekday < 1 || day.weekday > 7) {
      problems.push({ field: `${field}.days.${i}.weekday`, message: 'must be 1 (Monday) to 7 (Sunday)' });
      return;
    }
    if (seen.has(day.weekday)) problems.push({ field: `${field}.days.${i}.weekday`, message: `weekday ${day.weekday} is given twice` });
    seen.add(day.weekday);
    schedule[day.weekday - 1] = rangesFromInput(day.ranges, `${field}.days.${i}.ranges`, problems);
  });
  if (problems.length) fail(problems);
  return schedule;
}

/** An exception's hours: closed, or at least one valid range. */
export function exceptionRangesFromInput(closed: boolean, ranges: readonly RangeInput[] | undefined, field = 'body'): TimeRange[] {
  const problems: FieldProblem[] = [];
  if (closed && ranges?.length) problems.push({ field: `${field}.ranges`, message: 'a closed day has no ranges' });
  if (!closed && !ranges?.length) problems.push({ field: `${field}.ranges`, message: 'give at least one range, or closed: true' });
  const parsed = closed ? [] : rangesFromInput(ranges ?? [], `${field}.ranges`, problems);
  if (problems.length) fail(problems);
  return parsed;
}
