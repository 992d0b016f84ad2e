import { z } from 'zod';
import type { RejectedRow } from '../../platform/import-report';
import { describeIssues, readCsv } from './csv-rows';
import { parseDayHours, parseWeeklyHours } from './hours-grammar';
import { isValidDate } from './local-time';
import { exceptionReasons, type ExceptionReason } from './opening-status';
import { emptySchedule, type TimeRange, type WeeklySchedule } from './time-ranges';

/** An office as the directory stores it (from a CSV row, or an editor's request). */
export interface OfficeRecord {
  slug: string;
  title: string;
  department: string;
  address: string;
  zipcode: string | null;
  municipio: number | null;
  neighbourhood: string | null;
  lat: number | null;
  long: number | null;
  phone: string | null;
  extension: string | null;
  services: string[];
  notes: string | null;
  hours: WeeklySchedule;
}

export interface ExceptionRecord {
  office: string;
  date: string;
  closed: boolean;
  ranges: TimeRange[];
  reason: ExceptionReason;
  note: string | null;
}

export const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const slug = z.string().max(80).regex(slugPattern, 'lower-case letters and digits joined by dashes');
export const phonePattern = /^\+?[0-9][0-9 ().\/-]{2,29}$/;
export const extensionPattern = /^[0-9]{2,8}$/;
export const zipcodePattern = /^[A-Za-z0-9 -]{3,10}$/;

const optional = (schema: z.ZodType<string>) => z.string().transform((s, ctx) => {
  if (s === '') return null;
  const r = schema.safeParse(s);
  if (!r.success) {
    for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
    return z.NEVER;
  }
  return r.data;
});
const decimal = z.string().regex(/^-?\d{1,3}(\.\d{1,9})?$/, 'must be a decimal number such as 45.4642');

const officeRow = z.object({
  slug,
  title: z.string().min(1, 'required').max(200),
  department: slug,
  address: z.string().min(1, 'required').max(300),
  zipcode: optional(z.string().regex(zipcodePattern, 'not a postal code')),
  municipio: optional(z.string().regex(/^\d{1,2}$/, 'must be a number')).transform((v) => (v === null ? null : Number(v))),
  neighbourhood: optional(z.string().max(120)),
  lat: optional(decimal).transform((v) => (v === null ? null : Number(v))),
  long: optional(decimal).transform((v) => (v === null ? null : Number(v))),
  phone: optional(z.string().regex(phonePattern, 'not a phone number')),
  extension: optional(z.string().regex(extensionPattern, 'must be 2 to 8 digits')),
  services: z
    .string()
    .transform((s) => s.split(';').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(slug).max(50)),
  hours: z.string().max(500),
  notes: optional(z.string().max(2000)),
});

export const officeColumns = ['slug', 'title', 'department', 'address', 'zipcode', 'municipio', 'neighbourhood', 'lat', 'long', 'phone', 'extension', 'services', 'hours', 'notes'];

const EARTH_KM = 6371;
/** Offices of one city lie within this distance of the median of all offices (a swapped lat/long does not). */
export const PLAUSIBLE_RADIUS_KM = 50;

function distanceKm(a: { lat: number; long: number }, b: { lat: number; long: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLong = (b.long - a.long) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLong / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.sqrt(h));
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Why coordinates are not plausible, or null: both or neither, within the globe, not (0, 0), and
 * within PLAUSIBLE_RADIUS_KM of the median of the other offices when there are at least three.
 */
export function coordinateProblem(lat: number | null, long: number | null, others: readonly { lat: number; long: number }[]): string | null {
  if (lat === null && long === null) return null;
  if (lat === null || long === null) return 'lat and long must be given together';
  if (lat < -90 || lat > 90 || long < -180 || long > 180) return `coordinates ${lat},${long} are outside the globe`;
  if (lat === 0 && long === 0) return 'coordinates 0,0 are a placeholder, not a place';
  if (others.length < 3) return null;
  const centre = { lat: median(others.map((o) => o.lat)), long: median(others.map((o) => o.long)) };
  const km = distanceKm(centre, { lat, long });
  if (km > PLAUSIBLE_RADIUS_KM) return `coordinates ${lat},${long} are ${Math.round(km)} km from the city's other offices (lat and long swapped?)`;
  return null;
}

export interface OfficeReferences {
  departments: ReadonlySet<string>;
  municipi: ReadonlySet<number>;
  /** Offices already stored and not in this file: their extensions and coordinates still count. */
  others?: readonly { slug: string; extension: string | null; lat: number | null; long: number | null }[];
}

/** Validates an offices CSV: every bad row is reported with its line and every reason. */
export function validateOfficesCsv(
  text: string,
  file: string,
  refs: OfficeReferences,
): { offices: (OfficeRecord & { line: number })[]; rejected: RejectedRow[]; rejectedSlugs: Set<string> } {
  const { rows, rejected } = readCsv(text, file, officeColumns);
  const offices: (OfficeRecord & { line: number })[] = [];
  const problems = new Map<number, string[]>();
  const add = (line: number, reason: string) => problems.set(line, [...(problems.get(line) ?? []), reason]);
  const slugs = new Map<string, number>();
  const extensions = new Map<string, string>();
  const inFile = new Set(rows.map((r) => r.values.slug));
  for (const o of refs.others ?? []) if (o.extension && !inFile.has(o.slug)) extensions.set(o.extension, `office ${o.slug}`);

  for (const { line, values } of rows) {
    const parsed = officeRow.safeParse(values);
    if (!parsed.success) add(line, describeIssues(parsed.error));
    const hours = parseWeeklyHours(values.hours ?? '');
    if (!hours.ok) add(line, `hours: ${hours.errors.join('; ')}`);
    if (!parsed.success) continue;
    // The checks against other rows still run for a row with bad hours: report all its problems.
    const row = parsed.data;
    if (!refs.departments.has(row.department)) add(line, `department: unknown department "${row.department}"`);
    if (row.municipio !== null && !refs.municipi.has(row.municipio)) add(line, `municipio: unknown Municipio ${row.municipio}`);
    const firstSlug = slugs.get(row.slug);
    if (firstSlug !== undefined) add(line, `slug: duplicate slug "${row.slug}" (first on line ${firstSlug})`);
    else slugs.set(row.slug, line);
    if (row.extension) {
      const owner = extensions.get(row.extension);
      if (owner) add(line, `extension: ${row.extension} is already used by ${owner}`);
      else extensions.set(row.extension, `line ${line}`);
    }
    offices.push({ ...row, hours: hours.ok ? hours.value : emptySchedule(), line });
  }

  // Plausibility against every other office with coordinates (this file's and the stored ones).
  const located = [
    ...offices.filter((o) => o.lat !== null && o.long !== null).map((o) => ({ lat: o.lat!, long: o.long!, line: o.line })),
    ...(refs.others ?? []).filter((o) => o.lat !== null && o.long !== null && !inFile.has(o.slug)).map((o) => ({ lat: o.lat!, long: o.long!, line: -1 })),
  ];
  for (const o of offices) {
    const problem = coordinateProblem(o.lat, o.long, located.filter((p) => p.line !== o.line));
    if (problem) add(o.line, `lat/long: ${problem}`);
  }

  for (const [line, reasons] of problems) rejected.push({ file, line, reason: reasons.join('; ') });
  rejected.sort((a, b) => a.line - b.line);
  // Slugs of rows that were read but refused: their exceptions are not "unknown offices" as well.
  const rejectedSlugs = new Set(rows.filter((r) => problems.has(r.line) && r.values.slug).map((r) => r.values.slug!));
  return { offices: offices.filter((o) => !problems.has(o.line)), rejected, rejectedSlugs };
}

const exceptionRow = z.object({
  office: slug,
  date: z.string().refine(isValidDate, 'must be a real date YYYY-MM-DD'),
  hours: z.string(),
  reason: z.enum(exceptionReasons, { message: `must be one of ${exceptionReasons.join(', ')}` }),
  note: optional(z.string().max(2000)),
});

/**
 * Closures must say `chiuso`; extended and reduced days need hours; strikes and maintenance may be
 * either (a strike with a guaranteed morning service, a closure for works).
 */
export function exceptionConsistency(reason: ExceptionReason, closed: boolean): string | null {
  if (reason === 'closure' && !closed) return 'a closure must have hours "chiuso"';
  if ((reason === 'extended' || reason === 'reduced') && closed) return `an ${reason === 'extended' ? 'extended' : 'reduced'} day needs opening hours, not "chiuso"`;
  return null;
}

export function validateExceptionsCsv(text: string, file: string, knownOffices: ReadonlySet<string>): { exceptions: ExceptionRecord[]; rejected: RejectedRow[] } {
  const { rows, rejected } = readCsv(text, file, ['office', 'date', 'hours', 'reason', 'note']);
  const exceptions: ExceptionRecord[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of rows) {
    const reasons: string[] = [];
    const parsed = exceptionRow.safeParse(values);
    if (!parsed.success) reasons.push(describeIssues(parsed.error));
    const hours = parseDayHours(values.hours ?? '');
    if (!hours.ok) reasons.push(`hours: ${hours.errors.join('; ')} (or "chiuso")`);
    if (parsed.success && hours.ok) {
      const row = parsed.data;
      if (!knownOffices.has(row.office)) reasons.push(`office: unknown office "${row.office}"`);
      const consistency = exceptionConsistency(row.reason, hours.value.closed);
      if (consistency) reasons.push(`hours: ${consistency}`);
      const key = `${row.office}|${row.date}`;
      const first = seen.get(key);
      if (first !== undefined) reasons.push(`date: a second exception for ${row.office} on ${row.date} (first on line ${first})`);
      else seen.set(key, line);
      if (!reasons.length) {
        exceptions.push({
          office: row.office,
          date: row.date,
          closed: hours.value.closed,
          ranges: hours.value.closed ? [] : hours.value.ranges,
          reason: row.reason,
          note: row.note,
        });
      }
    }
    if (reasons.length) rejected.push({ file, line, reason: reasons.join('; ') });
  }
  rejected.sort((a, b) => a.line - b.line);
  return { exceptions, rejected };
}
