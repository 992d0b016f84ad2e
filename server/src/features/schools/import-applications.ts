/**
 * Imports the status of enrollment applications from the enrollment system's CSV export
 * (columns: code, school_type, school_year, child_fiscal_code, parent_fiscal_code, status, school,
 * waitlist_position, status_date). Every row is checked (fiscal codes with their check character,
 * a known status, a waiting-list position only when waitlisted, a real date, no code twice); any
 * rejected row aborts the whole import with the full list: nothing is loaded partially. Rows are
 * keyed by application code, so a newer export replaces the older status.
 */
import { readCsv } from '../../platform/csv';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/database';
import type { Emit } from '../../platform/events/unit-of-work';
import type { ImportReport, RejectedRow } from '../../platform/import-report';
import { validateFiscalCode } from '../citizens';
import { isValidDate } from '../directory';
import { applicationStatuses, schoolApplications } from './tables';

export const APPLICATIONS_FILE = 'school-applications.csv';
const COLUMNS = ['code', 'school_type', 'school_year', 'child_fiscal_code', 'parent_fiscal_code', 'status', 'school', 'waitlist_position', 'status_date'] as const;

const fiscal = z.string().transform((v, ctx) => {
  const r = validateFiscalCode(v);
  if (!r.valid) {
    ctx.addIssue({ code: 'custom', message: `not a valid fiscal code (${r.reason})` });
    return z.NEVER;
  }
  return r.code;
});

const row = z
  .object({
    code: z.string().transform((v) => v.toUpperCase()).pipe(z.string().regex(/^[A-Z0-9][A-Z0-9-]{3,29}$/, '4–30 letters, digits and dashes')),
    school_type: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a school type such as nido'),
    school_year: z
      .string()
      .regex(/^\d{4}\/\d{2}$/, 'expected YYYY/YY, e.g. 2026/27')
      .refine((y) => (Number(y.slice(0, 4)) + 1) % 100 === Number(y.slice(5)), 'the two years must follow each other'),
    child_fiscal_code: fiscal,
    parent_fiscal_code: fiscal,
    status: z.enum(applicationStatuses, { error: `must be one of ${applicationStatuses.join(', ')}` }),
    school: z.string().max(200, 'at most 200 characters'),
    waitlist_position: z.string().regex(/^(|[1-9]\d{0,5})$/, 'a whole number from 1, or empty'),
    status_date: z.string().refine(isValidDate, 'not a real date YYYY-MM-DD'),
  })
  .refine((r) => (r.waitlist_position !== '') === (r.status === 'waitlisted'), { message: 'a waiting-list position is given exactly when the status is waitlisted', path: ['waitlist_position'] });

type Record_ = typeof schoolApplications.$inferInsert;

export function readApplications(text: string, file = APPLICATIONS_FILE): { records: Record_[]; rejected: RejectedRow[] } {
  const read = readCsv(text, file, COLUMNS);
  const records: Record_[] = [];
  const rejected: RejectedRow[] = [...read.rejected];
  const seen = new Map<string, number>();
  for (const { line, values } of read.rows) {
    const r = row.safeParse(values);
    if (!r.success) {
      rejected.push({ file, line, reason: r.error.issues.map((x) => `${x.path.join('.') || 'row'}: ${x.message}`).join('; ') });
      continue;
    }
    const v = r.data;
    if (seen.has(v.code)) {
      rejected.push({ file, line, reason: `code: ${v.code} is already on line ${seen.get(v.code)}` });
      continue;
    }
    seen.set(v.code, line);
    records.push({
      code: v.code,
      schoolType: v.school_type,
      schoolYear: v.school_year,
      childFiscalCode: v.child_fiscal_code,
      parentFiscalCode: v.parent_fiscal_code,
      status: v.status,
      school: v.school || null,
      waitlistPosition: v.waitlist_position ? Number(v.waitlist_position) : null,
      statusDate: v.status_date,
    });
  }
  return { records, rejected: rejected.sort((a, b) => a.line - b.line) };
}

/** Writes every record or, with any rejected row, nothing (the caller's transaction then aborts). */
export async function importApplications(tx: Db, emit: Emit, text: string, file = APPLICATIONS_FILE): Promise<ImportReport> {
  const { records, rejected } = readApplications(text, file);
  if (rejected.length) return { counts: { schoolApplications: 0 }, rejected };
  let changed = 0;
  for (const r of records) {
    const set = { schoolType: r.schoolType, schoolYear: r.schoolYear, childFiscalCode: r.childFiscalCode, parentFiscalCode: r.parentFiscalCode, status: r.status, school: r.school, waitlistPosition: r.waitlistPosition, statusDate: r.statusDate, importedAt: new Date() };
    // Only a row whose content differs counts as a change (and gets a new imported_at).
    const result = await tx
      .insert(schoolApplications)
      .values(r)
      .onConflictDoUpdate({
        target: schoolApplications.code,
        set,
        setWhere: sql`(${schoolApplications.status}, ${schoolApplications.school}, ${schoolApplications.waitlistPosition}, ${schoolApplications.statusDate}, ${schoolApplications.childFiscalCode}, ${schoolApplications.parentFiscalCode}, ${schoolApplications.schoolType}, ${schoolApplications.schoolYear}) is distinct from (excluded.status, excluded.school, excluded.waitlist_position, excluded.status_date, excluded.child_fiscal_code, excluded.parent_fiscal_code, excluded.school_type, excluded.school_year)`,
      })
      .returning({ code: schoolApplications.code });
    changed += result.length;
  }
  if (records.length) emit('school_applications.imported', { count: records.length, changed });
  return { counts: { schoolApplications: records.length }, rejected };
}
