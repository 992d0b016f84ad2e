import { and, arrayContains, asc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { LanguageCode } from '../../platform/i18n/languages';
import { directorySnapshot } from './directory-cache';
import { dayNames, formatWeeklyHours } from './hours-grammar';
import { pickName } from './language';
import { addDays } from './local-time';
import { statusOf, todayIn, type OpeningView } from './opening';
import { LOOKAHEAD_DAYS } from './opening-status';
import { slugPattern } from './office-rows';
import { minutesOf } from './office-store';
import { departments, municipi, officeExceptions, officeHours, offices, type StoredRange } from './tables';
import { emptySchedule, formatTime } from './time-ranges';
import type { OfficeFields } from './office-editing';

export interface OfficeSummary extends Omit<OfficeFields, 'department' | 'notes'> {
  slug: string;
  department: { slug: string; name: string };
  open?: boolean;
  opening?: OpeningView;
}

export interface OfficeFilter {
  service?: string | undefined;
  municipio?: number | undefined;
  department?: string | undefined;
  /** Adds `open` and `opening` to each office, as of this instant. */
  at?: Date | undefined;
  /** Department names and reasons; default the city's language. */
  lang?: LanguageCode | undefined;
}

const summaryColumns = {
  id: offices.id,
  slug: offices.slug,
  title: offices.title,
  address: offices.address,
  zipcode: offices.zipcode,
  municipio: offices.municipio,
  neighbourhood: offices.neighbourhood,
  lat: offices.lat,
  long: offices.long,
  phone: offices.phone,
  extension: offices.extension,
  services: offices.services,
  department: offices.department,
  departmentNames: departments.names,
};

interface SummaryRow {
  slug: string;
  title: string;
  address: string;
  zipcode: string | null;
  municipio: number | null;
  neighbourhood: string | null;
  lat: string | null;
  long: string | null;
  phone: string | null;
  extension: string | null;
  services: string[];
  department: string;
  departmentNames: Record<string, string>;
}

function toSummary(ctx: AppContext, row: SummaryRow, lang: LanguageCode): OfficeSummary {
  return {
    slug: row.slug,
    name: row.title,
    address: row.address,
    zipcode: row.zipcode,
    municipio: row.municipio,
    neighbourhood: row.neighbourhood,
    location: row.lat !== null && row.long !== null ? { lat: Number(row.lat), long: Number(row.long) } : null,
    phone: row.phone,
    extension: row.extension,
    services: row.services,
    department: { slug: row.department, name: pickName(row.departmentNames, lang, ctx.city.defaultLanguage) },
  };
}

export async function listOffices(ctx: AppContext, filter: OfficeFilter = {}): Promise<OfficeSummary[]> {
  const lang = filter.lang ?? ctx.city.defaultLanguage;
  const where: SQL[] = [];
  if (filter.service) where.push(arrayContains(offices.services, [filter.service]));
  if (filter.municipio !== undefined) where.push(eq(offices.municipio, filter.municipio));
  if (filter.department) where.push(eq(offices.department, filter.department));
  const rows = await ctx.db
    .select(summaryColumns)
    .from(offices)
    .innerJoin(departments, eq(departments.slug, offices.department))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(offices.title), asc(offices.slug));
  const list = rows.map((r) => toSummary(ctx, r, lang));
  if (!filter.at) return list;
  const snapshot = await directorySnapshot(ctx);
  const atMs = filter.at.getTime();
  return list.map((office) => {
    const schedule = snapshot.offices.get(office.slug);
    if (!schedule) return office; // created a moment ago by another node: no status yet
    const opening = statusOf(ctx, snapshot, schedule, atMs, lang);
    return { ...office, open: opening.open, opening };
  });
}

export interface ExceptionView {
  date: string;
  closed: boolean;
  ranges: StoredRange[];
  reason: string;
  reasonText: string;
  note: string | null;
}

export interface OfficeDetail extends OfficeSummary {
  id: string;
  municipioName: string | null;
  notes: string | null;
  hours: { weekday: number; day: string; ranges: StoredRange[] }[];
  hoursText: string;
  exceptions: ExceptionView[];
  opening: OpeningView;
  updatedAt: string;
}

/** A slug that cannot exist (not lower-case words and dashes) is unknown, without asking the database. */
function notFound(slug: string): AppError {
  return new AppError('directory.office_not_found', `No office with slug "${slug.slice(0, 80)}".`);
}

export async function officeIdOf(db: Db, slug: string): Promise<string> {
  if (!slugPattern.test(slug)) throw notFound(slug);
  const [row] = await db.select({ id: offices.id }).from(offices).where(eq(offices.slug, slug));
  if (!row) throw notFound(slug);
  return row.id;
}

/** The whole office: weekly hours, the exceptions of the next 60 days, and whether it is open now. */
export async function getOffice(ctx: AppContext, slug: string, lang: LanguageCode = ctx.city.defaultLanguage, now = new Date()): Promise<OfficeDetail> {
  if (!slugPattern.test(slug)) throw notFound(slug);
  const [row] = await ctx.db
    .select({ ...summaryColumns, notes: offices.notes, updatedAt: offices.updatedAt, municipioName: municipi.name })
    .from(offices)
    .innerJoin(departments, eq(departments.slug, offices.department))
    .leftJoin(municipi, eq(municipi.number, offices.municipio))
    .where(eq(offices.slug, slug));
  if (!row) throw notFound(slug);
  const today = todayIn(ctx, now.getTime());
  const [hourRows, exceptionRows, snapshot] = await Promise.all([
    ctx.db.select().from(officeHours).where(eq(officeHours.officeId, row.id)).orderBy(asc(officeHours.weekday), asc(officeHours.opens)),
    exceptionsOf(ctx, row.id, today, addDays(today, LOOKAHEAD_DAYS), lang),
    directorySnapshot(ctx),
  ]);
  const schedule = emptySchedule();
  for (const h of hourRows) schedule[h.weekday - 1]!.push({ opens: minutesOf(h.opens), closes: minutesOf(h.closes) });
  const cached = snapshot.offices.get(slug);
  const opening = cached
    ? statusOf(ctx, snapshot, cached, now.getTime(), lang)
    : statusOf(ctx, snapshot, { id: row.id, slug, weekly: schedule, exceptions: new Map() }, now.getTime(), lang);
  return {
    ...toSummary(ctx, row, lang),
    id: row.id,
    municipioName: row.municipioName,
    notes: row.notes,
    hours: schedule.map((ranges, i) => ({
      weekday: i + 1,
      day: dayNames[i]!,
      ranges: ranges.map((r) => ({ opens: formatTime(r.opens), closes: formatTime(r.closes) })),
    })),
    hoursText: formatWeeklyHours(schedule),
    exceptions: exceptionRows,
    opening,
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function exceptionsOf(ctx: AppContext, officeId: string, from: string, to: string, lang: LanguageCode): Promise<ExceptionView[]> {
  const rows = await ctx.db
    .select()
    .from(officeExceptions)
    .where(and(eq(officeExceptions.officeId, officeId), gte(officeExceptions.date, from), lte(officeExceptions.date, to)))
    .orderBy(asc(officeExceptions.date));
  return rows.map((e) => ({
    date: e.date,
    closed: e.closed,
    ranges: e.ranges,
    reason: e.reason,
    reasonText: ctx.i18n.t(lang, `directory.reason.${e.reason}`),
    note: e.note,
  }));
}

/** The office's exceptions between two local dates (default: today and a year on; at most two years). */
export async function listExceptions(ctx: AppContext, slug: string, range: { from?: string | undefined; to?: string | undefined }, lang: LanguageCode): Promise<ExceptionView[]> {
  const id = await officeIdOf(ctx.db, slug);
  const from = range.from ?? todayIn(ctx);
  const latest = addDays(from, 731);
  const to = range.to && range.to < latest ? range.to : range.to ? latest : addDays(from, 365);
  return exceptionsOf(ctx, id, from, to, lang);
}

export async function listMunicipi(ctx: AppContext) {
  return ctx.db.select().from(municipi).orderBy(asc(municipi.number));
}

export async function listDepartments(ctx: AppContext, lang: LanguageCode) {
  const rows = await ctx.db.select({ slug: departments.slug, names: departments.names }).from(departments).orderBy(asc(departments.slug));
  return rows.map((d) => ({ slug: d.slug, name: pickName(d.names, lang, ctx.city.defaultLanguage), names: d.names }));
}
