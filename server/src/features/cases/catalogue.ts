/**
 * The service catalogue as other code reads it: services with their texts in one language, their
 * definitions (attributes), and the business calendar that SLA deadlines count in.
 */
import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import type { LanguageCode } from '../../platform/i18n/languages';
import { holidayCalendar, parseWeeklyHours } from '../directory';
import type { AttributeDefinition } from './attributes';
import type { BusinessCalendar } from './business-hours';
import { caseServices, caseSettings, type ServiceType, type Texts } from './tables';

// Used until a city loads its catalogue: Comune di Milano's office hours for back offices.
export const DEFAULT_BUSINESS_HOURS = 'lun-ven 08:30-16:30';

export interface CaseSettingsView {
  jurisdictionId: string | null;
  businessHours: string;
  contact: string;
  keyService: string;
  updatedAt: Date | null;
}

export async function caseSettingsOf(db: Db): Promise<CaseSettingsView> {
  const [row] = await db.select().from(caseSettings).limit(1);
  if (!row) return { jurisdictionId: null, businessHours: DEFAULT_BUSINESS_HOURS, contact: '', keyService: '', updatedAt: null };
  return { jurisdictionId: row.jurisdictionId, businessHours: row.businessHours, contact: row.contact, keyService: row.keyService, updatedAt: row.updatedAt };
}

export async function businessCalendar(ctx: AppContext, db: Db = ctx.db): Promise<BusinessCalendar> {
  const settings = await caseSettingsOf(db);
  const parsed = parseWeeklyHours(settings.businessHours);
  if (!parsed.ok) throw new Error(`case_settings.business_hours is not valid: ${parsed.errors.join('; ')}`);
  const holidays = await holidayCalendar(ctx);
  return { zone: ctx.city.timezone, schedule: parsed.value, isHoliday: (date) => holidays.isHoliday(date) };
}

export interface ServiceRecord {
  code: string;
  names: Texts;
  descriptions: Texts;
  groups: Texts;
  notices: Texts;
  keywords: string[];
  type: ServiceType;
  attributes: AttributeDefinition[];
  department: string;
  slaBusinessHours: number;
  updatedAt: Date;
}

export interface ServiceView {
  code: string;
  name: string;
  description: string;
  group: string;
  notice: string | null;
  keywords: string[];
  type: ServiceType;
  metadata: boolean;
  department: string;
  slaBusinessHours: number;
}

export interface AttributeView {
  code: string;
  variable: boolean;
  datatype: AttributeDefinition['datatype'];
  required: boolean;
  order: number;
  description: string;
  datatypeDescription: string | null;
  values: { key: string; name: string }[];
}

/** The text in `lang`, else the city's default language (the importer requires both). */
export function pick(texts: Texts, lang: LanguageCode, fallback: LanguageCode): string {
  return texts[lang] ?? texts[fallback] ?? Object.values(texts)[0] ?? '';
}

export async function listServiceRecords(db: Db): Promise<ServiceRecord[]> {
  return db.select().from(caseServices).orderBy(asc(caseServices.position), asc(caseServices.code));
}

export async function findServiceRecord(db: Db, code: string): Promise<ServiceRecord | null> {
  const [row] = await db.select().from(caseServices).where(eq(caseServices.code, code)).limit(1);
  return row ?? null;
}

export function serviceView(ctx: AppContext, s: ServiceRecord, lang: LanguageCode): ServiceView {
  const d = ctx.city.defaultLanguage;
  return {
    code: s.code,
    name: pick(s.names, lang, d),
    description: pick(s.descriptions, lang, d),
    group: pick(s.groups, lang, d),
    notice: Object.keys(s.notices).length ? pick(s.notices, lang, d) : null,
    keywords: s.keywords,
    type: s.type,
    metadata: s.attributes.length > 0,
    department: s.department,
    slaBusinessHours: s.slaBusinessHours,
  };
}

export function attributeViews(ctx: AppContext, s: ServiceRecord, lang: LanguageCode): AttributeView[] {
  const d = ctx.city.defaultLanguage;
  return [...s.attributes]
    .sort((a, b) => a.order - b.order || a.code.localeCompare(b.code))
    .map((a) => ({
      code: a.code,
      variable: a.variable,
      datatype: a.datatype,
      required: a.required,
      order: a.order,
      description: pick(a.description, lang, d),
      datatypeDescription: a.datatypeDescription ? pick(a.datatypeDescription, lang, d) : null,
      values: a.values.map((v) => ({ key: v.key, name: pick(v.name, lang, d) })),
    }));
}
