import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { LanguageCode } from '../../platform/i18n/languages';
import { appointmentServices, slotTemplates } from './tables';

export interface ServiceView {
  code: string;
  name: string;
  description: string;
  documents: string[];
  /** Offices with slot templates for this service (slugs). */
  offices: string[];
  oneActivePerCitizen: boolean;
  language: LanguageCode;
}

export interface ServiceRow {
  code: string;
  names: Record<string, string>;
  descriptions: Record<string, string>;
  documents: Record<string, string[]>;
  oneActive: boolean;
  active: boolean;
}

/** A text in the language, else the city's default, else any. */
export function pick<T>(texts: Readonly<Record<string, T>>, lang: string, fallback: string): T | undefined {
  return texts[lang] ?? texts[fallback] ?? Object.values(texts)[0];
}

export function serviceName(ctx: AppContext, service: Pick<ServiceRow, 'names' | 'code'>, lang: string): string {
  return pick(service.names, lang, ctx.city.defaultLanguage) ?? service.code;
}

export function serviceDocuments(ctx: AppContext, service: Pick<ServiceRow, 'documents'>, lang: string): string[] {
  return pick(service.documents, lang, ctx.city.defaultLanguage) ?? [];
}

/** The bookable (active) services, named in the answer language. */
export async function listServices(ctx: AppContext, lang: LanguageCode): Promise<ServiceView[]> {
  const [rows, offices] = await Promise.all([
    ctx.db.select().from(appointmentServices).where(eq(appointmentServices.active, true)).orderBy(asc(appointmentServices.code)),
    ctx.db.selectDistinct({ service: slotTemplates.serviceCode, office: slotTemplates.officeSlug }).from(slotTemplates).orderBy(asc(slotTemplates.officeSlug)),
  ]);
  return rows.map((s) => ({
    code: s.code,
    name: serviceName(ctx, s, lang),
    description: pick(s.descriptions, lang, ctx.city.defaultLanguage) ?? '',
    documents: serviceDocuments(ctx, s, lang),
    offices: offices.filter((o) => o.service === s.code).map((o) => o.office),
    oneActivePerCitizen: s.oneActive,
    language: s.names[lang] ? lang : ctx.city.defaultLanguage,
  }));
}

export async function getService(db: Db, code: string): Promise<ServiceRow> {
  const [row] = /^[a-z0-9][a-z0-9-]{0,62}$/.test(code) ? await db.select().from(appointmentServices).where(eq(appointmentServices.code, code)) : [];
  if (!row || !row.active) throw new AppError('appointments.service_not_found', `No bookable service "${code.slice(0, 80)}".`);
  return row;
}
