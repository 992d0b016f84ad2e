/**
 * The status of a family's enrollment application: for the family (application code plus the
 * child's or a parent's fiscal code: an unknown code and a wrong fiscal code get the same answer),
 * for self-service channels (a sentence to say or send), and for staff (fiscal codes included, every
 * read audited).
 */
import { and, eq, or } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import type { Principal } from '../../platform/http/access';
import type { LanguageCode } from '../../platform/i18n/languages';
import { validateFiscalCode } from '../citizens';
import { recordAudit } from '../identity';
import { schoolTypeName } from './support';
import { schoolApplications, type ApplicationStatus } from './tables';

type Row = typeof schoolApplications.$inferSelect;

export interface ApplicationView {
  code: string;
  schoolType: { code: string; name: string };
  schoolYear: string;
  status: ApplicationStatus;
  school: string | null;
  waitlistPosition: number | null;
  statusDate: string;
  text: string;
  language: LanguageCode;
}

async function findOwned(ctx: AppContext, code: string, fiscalCode: string): Promise<Row | null> {
  const parsed = validateFiscalCode(fiscalCode);
  const cf = parsed.valid ? parsed.code : fiscalCode.trim().toUpperCase();
  const [row] = await ctx.db
    .select()
    .from(schoolApplications)
    .where(and(eq(schoolApplications.code, code.trim().toUpperCase()), or(eq(schoolApplications.childFiscalCode, cf), eq(schoolApplications.parentFiscalCode, cf))))
    .limit(1);
  return row ?? null;
}

const formatDate = (lang: LanguageCode, date: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

async function view(ctx: AppContext, row: Row, lang: LanguageCode): Promise<ApplicationView> {
  const name = await schoolTypeName(ctx, row.schoolType, lang);
  const text = ctx.i18n.t(lang, `schools.application.${row.status}`, {
    code: row.code,
    type: name,
    year: row.schoolYear,
    school: row.school ?? '—',
    position: row.waitlistPosition ?? '—',
    date: formatDate(lang, row.statusDate),
  });
  return {
    code: row.code,
    schoolType: { code: row.schoolType, name },
    schoolYear: row.schoolYear,
    status: row.status,
    school: row.school,
    waitlistPosition: row.waitlistPosition,
    statusDate: row.statusDate,
    text,
    language: lang,
  };
}

export async function findApplication(ctx: AppContext, code: string, fiscalCode: string, lang: LanguageCode): Promise<ApplicationView> {
  const row = await findOwned(ctx, code, fiscalCode);
  if (!row) throw new AppError('schools.application_not_found');
  return view(ctx, row, lang);
}

/** Self-service (IVR, chat): the status and a sentence; a miss is a sentence too, never an error. */
export async function applicationStatus(ctx: AppContext, input: { code: string; fiscalCode: string; lang: LanguageCode }): Promise<{ status: ApplicationStatus | 'not-found'; text: string }> {
  const row = await findOwned(ctx, input.code, input.fiscalCode);
  if (!row) return { status: 'not-found', text: ctx.i18n.t(input.lang, 'schools.application.not_found') };
  const v = await view(ctx, row, input.lang);
  return { status: v.status, text: v.text };
}

export interface StaffApplicationView extends ApplicationView {
  childFiscalCode: string;
  parentFiscalCode: string;
  importedAt: string;
}

export async function applicationRecord(ctx: AppContext, code: string, lang: LanguageCode, by: Principal, requestId?: string): Promise<StaffApplicationView> {
  const [row] = await ctx.db.select().from(schoolApplications).where(eq(schoolApplications.code, code.trim().toUpperCase())).limit(1);
  if (!row) throw new AppError('schools.application_not_found', `No application "${code}".`);
  await recordAudit(ctx.db, { actorId: by.userId, actorName: by.username, requestId }, {
    action: 'read',
    subjectKind: 'school_application',
    subjectId: row.code,
    details: { fields: ['childFiscalCode', 'parentFiscalCode', 'status'] },
  });
  return { ...(await view(ctx, row, lang)), childFiscalCode: row.childFiscalCode, parentFiscalCode: row.parentFiscalCode, importedAt: row.importedAt.toISOString() };
}
