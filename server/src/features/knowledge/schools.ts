/**
 * School enrollment windows (nido, scuola dell'infanzia, primaria): when families can apply, whether
 * the window is open now, who is eligible, which documents to have ready and how to apply, in the
 * family's language. The contact center helps families who cannot apply online (milan-facts.md).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { LanguageCode } from '../../platform/i18n/languages';
import { isoInZone } from './date-expressions';
import { schoolEnrollmentTranslations, schoolEnrollmentWindows } from './events-tables';

export type EnrollmentStatus = 'upcoming' | 'open' | 'closed';

export interface EnrollmentTexts {
  title: string;
  eligibility: string;
  documents: string[];
  howToApply: string;
}

export interface EnrollmentRecord {
  schoolType: string;
  schoolYear: string;
  opensAt: Date;
  closesAt: Date;
  confirmed: boolean;
  ageRule: string | null;
  translations: Record<string, EnrollmentTexts>;
}

export interface EnrollmentWindowView extends EnrollmentTexts {
  type: string;
  schoolYear: string;
  status: EnrollmentStatus;
  opensAt: string;
  closesAt: string;
  /** false: provisional dates, not yet checked against the official notice. */
  confirmed: boolean;
  ageRule: string | null;
  language: LanguageCode;
}

/** Open from `opensAt` (inclusive) until `closesAt` (exclusive): "until 25 Feb 12:00" ends at 12:00. */
export function enrollmentStatus(opensAt: Date, closesAt: Date, now: Date): EnrollmentStatus {
  if (now < opensAt) return 'upcoming';
  return now < closesAt ? 'open' : 'closed';
}

export interface EnrollmentFilters {
  type?: string | undefined;
  year?: string | undefined;
}

/** Every window (optionally of one type or school year), earliest first, with its status at `now`. */
export async function listEnrollmentWindows(ctx: AppContext, filters: EnrollmentFilters, lang: LanguageCode, now: Date): Promise<EnrollmentWindowView[]> {
  const where: SQL[] = [];
  if (filters.type) where.push(eq(schoolEnrollmentWindows.schoolType, filters.type));
  if (filters.year) where.push(eq(schoolEnrollmentWindows.schoolYear, filters.year));
  return fetchWindows(ctx, lang, now, where.length ? and(...where) : undefined);
}

/**
 * The window a family asking about one school type needs: the open one, else the next to open, else
 * (all past) the latest, marked closed, so that the answer can say when it closed.
 */
export async function currentEnrollmentWindow(ctx: AppContext, type: string, lang: LanguageCode, now: Date): Promise<EnrollmentWindowView> {
  const windows = await fetchWindows(ctx, lang, now, eq(schoolEnrollmentWindows.schoolType, type));
  const pick =
    windows.find((w) => w.status === 'open') ??
    windows.find((w) => w.status === 'upcoming') ??
    windows.filter((w) => w.status === 'closed').at(-1);
  if (!pick) throw new AppError('knowledge.enrollment_not_found', `No enrollment window for school type "${type}".`);
  return pick;
}

async function fetchWindows(ctx: AppContext, lang: LanguageCode, now: Date, where: SQL | undefined): Promise<EnrollmentWindowView[]> {
  const wanted = alias(schoolEnrollmentTranslations, 'wanted');
  const fallback = alias(schoolEnrollmentTranslations, 'fallback');
  const rows = await ctx.db
    .select({ window: schoolEnrollmentWindows, wanted, fallback })
    .from(schoolEnrollmentWindows)
    .leftJoin(wanted, and(eq(wanted.windowId, schoolEnrollmentWindows.id), eq(wanted.language, lang)))
    .leftJoin(fallback, and(eq(fallback.windowId, schoolEnrollmentWindows.id), eq(fallback.language, ctx.city.defaultLanguage)))
    .where(where)
    .orderBy(asc(schoolEnrollmentWindows.opensAt), asc(schoolEnrollmentWindows.schoolType));
  const zone = ctx.city.timezone;
  return rows.map(({ window: w, wanted: t, fallback: f }) => {
    const texts = t ?? f;
    return {
      type: w.schoolType,
      schoolYear: w.schoolYear,
      title: texts?.title ?? `${w.schoolType} ${w.schoolYear}`,
      status: enrollmentStatus(w.opensAt, w.closesAt, now),
      opensAt: isoInZone(w.opensAt, zone),
      closesAt: isoInZone(w.closesAt, zone),
      confirmed: w.confirmed,
      ageRule: w.ageRule,
      eligibility: texts?.eligibility ?? '',
      documents: texts?.documents ?? [],
      howToApply: texts?.howToApply ?? '',
      language: t ? lang : ctx.city.defaultLanguage,
    };
  });
}

/** Inserts or replaces the window of a school type and year, with all its translations. */
export async function writeEnrollmentWindow(tx: Db, record: EnrollmentRecord): Promise<string> {
  const row = {
    opensAt: record.opensAt,
    closesAt: record.closesAt,
    confirmed: record.confirmed,
    ageRule: record.ageRule,
    updatedAt: new Date(),
  };
  const [saved] = await tx
    .insert(schoolEnrollmentWindows)
    .values({ id: randomUUID(), schoolType: record.schoolType, schoolYear: record.schoolYear, ...row })
    .onConflictDoUpdate({ target: [schoolEnrollmentWindows.schoolType, schoolEnrollmentWindows.schoolYear], set: row })
    .returning({ id: schoolEnrollmentWindows.id });
  const id = saved!.id;
  await tx.delete(schoolEnrollmentTranslations).where(eq(schoolEnrollmentTranslations.windowId, id));
  const texts = Object.entries(record.translations).map(([language, t]) => ({ windowId: id, language, ...t }));
  if (texts.length) await tx.insert(schoolEnrollmentTranslations).values(texts);
  return id;
}
