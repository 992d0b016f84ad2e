import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { RejectedRow } from '../../platform/import-report';
import { describeIssues, readCsv } from './csv-rows';
import type { HolidayRule } from './holiday-calendar';
import { isValidDate } from './local-time';
import { slug } from './office-rows';

/** Municipi, departments and holiday rules from the city folder; YAML rows are numbered by list index. */

export interface MunicipioRecord {
  number: number;
  name: string;
}

export interface DepartmentRecord {
  slug: string;
  names: Record<string, string>;
}

export function validateMunicipiCsv(text: string, file: string): { municipi: MunicipioRecord[]; rejected: RejectedRow[] } {
  const { rows, rejected } = readCsv(text, file, ['number', 'name']);
  const municipi: MunicipioRecord[] = [];
  const seen = new Set<number>();
  for (const { line, values } of rows) {
    const number = /^\d{1,2}$/.test(values.number ?? '') ? Number(values.number) : Number.NaN;
    const reasons: string[] = [];
    if (!(number >= 1 && number <= 99)) reasons.push(`number: "${values.number}" is not a number from 1 to 99`);
    else if (seen.has(number)) reasons.push(`number: Municipio ${number} appears twice`);
    if (!values.name) reasons.push('name: required');
    if (reasons.length) rejected.push({ file, line, reason: reasons.join('; ') });
    else {
      seen.add(number);
      municipi.push({ number, name: values.name! });
    }
  }
  return { municipi, rejected };
}

/** Citizen-facing names exist in every language of the city (DESIGN.md "Languages"). */
function namesIn(languages: readonly string[]) {
  return z.record(z.string(), z.string().trim().min(1).max(200)).superRefine((names, ctx) => {
    const missing = languages.filter((l) => !names[l]);
    if (missing.length) ctx.addIssue({ code: 'custom', message: `missing language(s) ${missing.join(', ')}` });
  });
}

function readYamlList(text: string, file: string): { items: unknown[]; rejected: RejectedRow[] } {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    const e = error as { linePos?: { line: number }[]; message?: string };
    return { items: [], rejected: [{ file, line: e.linePos?.[0]?.line ?? 1, reason: `unreadable YAML: ${e.message ?? 'parse error'}` }] };
  }
  if (!Array.isArray(doc)) return { items: [], rejected: [{ file, line: 1, reason: 'expected a list' }] };
  return { items: doc, rejected: [] };
}

export function validateDepartmentsYaml(text: string, file: string, languages: readonly string[]): { departments: DepartmentRecord[]; rejected: RejectedRow[] } {
  const { items, rejected } = readYamlList(text, file);
  const schema = z.object({ slug, name: namesIn(languages) });
  const departments: DepartmentRecord[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) return rejected.push({ file, line: i + 1, reason: describeIssues(parsed.error) });
    if (seen.has(parsed.data.slug)) return rejected.push({ file, line: i + 1, reason: `slug: duplicate department "${parsed.data.slug}"` });
    seen.add(parsed.data.slug);
    departments.push({ slug: parsed.data.slug, names: parsed.data.name });
  });
  return { departments, rejected };
}

const monthDay = z
  .string()
  .regex(/^\d{2}-\d{2}$/, 'must be "MM-DD"')
  .refine((s) => isValidDate(`2028-${s}`), 'not a day of the year');
const date = z.string().refine(isValidDate, 'must be a real date YYYY-MM-DD');

export function validateHolidaysYaml(text: string, file: string, languages: readonly string[]): { rules: HolidayRule[]; rejected: RejectedRow[] } {
  const { items, rejected } = readYamlList(text, file);
  const schema = z
    .object({
      key: slug,
      date: monthDay.optional(),
      easter: z.number().int().min(-100).max(100).optional(),
      validFrom: date.optional(),
      validTo: date.optional(),
      scope: z.enum(['national', 'city']),
      names: namesIn(languages),
    })
    .strict()
    .refine((r) => (r.date === undefined) !== (r.easter === undefined), 'give either date ("MM-DD") or easter (an offset in days)')
    .refine((r) => !r.validFrom || !r.validTo || r.validFrom <= r.validTo, 'validFrom is after validTo');
  const rules: HolidayRule[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    // YAML may read an unquoted 2026-01-01 as a Date: accept it as the date it names.
    const normalised =
      item && typeof item === 'object'
        ? Object.fromEntries(Object.entries(item).map(([k, v]) => [k, v instanceof Date ? v.toISOString().slice(0, 10) : v]))
        : item;
    const parsed = schema.safeParse(normalised);
    if (!parsed.success) return rejected.push({ file, line: i + 1, reason: describeIssues(parsed.error) });
    const r = parsed.data;
    if (seen.has(r.key)) return rejected.push({ file, line: i + 1, reason: `key: duplicate holiday "${r.key}"` });
    seen.add(r.key);
    rules.push({
      key: r.key,
      month: r.date ? Number(r.date.slice(0, 2)) : null,
      day: r.date ? Number(r.date.slice(3, 5)) : null,
      easterOffset: r.easter ?? null,
      validFrom: r.validFrom ?? null,
      validTo: r.validTo ?? null,
      scope: r.scope,
      names: r.names,
    });
  });
  return { rules, rejected };
}
