/**
 * Enrollment support per school type: the questions to ask, the evaluation of a family's answers
 * and the documents they need, in their language; with the enrollment window of that school type
 * from the knowledge feature (open now, next, or the last one), which this feature builds on rather
 * than repeats.
 */
import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import type { LanguageCode } from '../../platform/i18n/languages';
import { isValidDate } from '../directory';
import { currentEnrollmentWindow, type EnrollmentWindowView } from '../knowledge';
import { evaluateEligibility, type Answers, type Outcome, type Result } from './eligibility';
import { schoolSupport } from './tables';

type Row = typeof schoolSupport.$inferSelect;

const pick = (texts: Record<string, string>, lang: LanguageCode, fallback: LanguageCode) => texts[lang] ?? texts[fallback] ?? Object.values(texts)[0] ?? '';
const formatDate = (lang: LanguageCode, date: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

async function supportRow(ctx: AppContext, type: string): Promise<Row> {
  const [row] = await ctx.db.select().from(schoolSupport).where(eq(schoolSupport.schoolType, type)).limit(1);
  if (!row) throw new AppError('schools.support_not_found', `No enrollment support for "${type}".`);
  return row;
}

export async function schoolTypeName(ctx: AppContext, type: string, lang: LanguageCode): Promise<string> {
  const [row] = await ctx.db.select({ names: schoolSupport.names }).from(schoolSupport).where(eq(schoolSupport.schoolType, type)).limit(1);
  return row ? pick(row.names, lang, ctx.city.defaultLanguage) : type;
}

export async function listSchoolTypes(ctx: AppContext, lang: LanguageCode): Promise<{ type: string; name: string }[]> {
  const rows = await ctx.db.select({ type: schoolSupport.schoolType, names: schoolSupport.names }).from(schoolSupport).orderBy(asc(schoolSupport.position));
  return rows.map((r) => ({ type: r.type, name: pick(r.names, lang, ctx.city.defaultLanguage) }));
}

/** The knowledge window of a type, or null when the city publishes none (e.g. lower secondary). */
async function windowOf(ctx: AppContext, type: string, lang: LanguageCode, now: Date): Promise<EnrollmentWindowView | null> {
  try {
    return await currentEnrollmentWindow(ctx, type, lang, now);
  } catch (error) {
    if (error instanceof AppError && error.code === 'knowledge.enrollment_not_found') return null;
    throw error;
  }
}

export interface SupportView {
  type: string;
  name: string;
  language: LanguageCode;
  questions: { id: string; kind: 'date' | 'boolean'; required: boolean; label: string }[];
  checklist: { id: string; label: string; conditional: boolean }[];
  window: WindowSummary | null;
}

type WindowSummary = Pick<EnrollmentWindowView, 'schoolYear' | 'status' | 'opensAt' | 'closesAt' | 'confirmed' | 'howToApply'>;
const summary = (w: EnrollmentWindowView | null): WindowSummary | null =>
  w ? { schoolYear: w.schoolYear, status: w.status, opensAt: w.opensAt, closesAt: w.closesAt, confirmed: w.confirmed, howToApply: w.howToApply } : null;

export async function schoolSupportFor(ctx: AppContext, type: string, lang: LanguageCode, now: Date): Promise<SupportView> {
  const row = await supportRow(ctx, type);
  const d = ctx.city.defaultLanguage;
  return {
    type: row.schoolType,
    name: pick(row.names, lang, d),
    language: lang,
    questions: row.questions.map((q) => ({ id: q.id, kind: q.kind, required: q.required, label: pick(q.label, lang, d) })),
    checklist: row.checklist.map((i) => ({ id: i.id, label: pick(i.label, lang, d), conditional: i.when !== undefined })),
    window: summary(await windowOf(ctx, type, lang, now)),
  };
}

export interface EligibilityView {
  type: string;
  schoolYear: string;
  language: LanguageCode;
  result: Result;
  missing: string[];
  reasons: { criterion: string; result: Outcome; text: string }[];
  checklist: { id: string; label: string; conditional: boolean }[];
  window: WindowSummary | null;
}

/**
 * The school year asked about: the one given, else the year of the window a family would use now
 * (knowledge), else the next school year to start (September).
 */
function defaultYear(window: EnrollmentWindowView | null, now: Date): string {
  if (window) return window.schoolYear;
  const y = now.getUTCFullYear() + (now.getUTCMonth() >= 8 ? 1 : 0);
  return `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
}

export async function checkEligibility(ctx: AppContext, type: string, input: { schoolYear?: string | undefined; answers: Answers }, lang: LanguageCode, now: Date): Promise<EligibilityView> {
  const row = await supportRow(ctx, type);
  const window = await windowOf(ctx, type, lang, now);
  const schoolYear = input.schoolYear ?? defaultYear(window, now);
  // A date answer is checked as a real date here, so the evaluator compares well-formed strings only.
  for (const q of row.questions) {
    const a = input.answers[q.id];
    if (a === undefined) continue;
    const ok = q.kind === 'boolean' ? typeof a === 'boolean' : typeof a === 'string' && isValidDate(a);
    if (!ok) throw new AppError('request.invalid_body', `answers.${q.id} must be ${q.kind === 'boolean' ? 'true or false' : 'a date YYYY-MM-DD'}.`, [{ field: `body.answers.${q.id}`, message: q.kind === 'boolean' ? 'true or false' : 'a date YYYY-MM-DD' }]);
  }
  const asked = new Set(row.questions.map((q) => q.id));
  const answers = Object.fromEntries(Object.entries(input.answers).filter(([k]) => asked.has(k)));
  const e = evaluateEligibility(row.questions, row.criteria, row.checklist, schoolYear, answers);
  const d = ctx.city.defaultLanguage;
  const fill = (text: string, params: Record<string, string>) => text.replace(/\{(\w+)\}/g, (whole, k: string) => (params[k] ? formatDate(lang, params[k]) : whole));
  return {
    type: row.schoolType,
    schoolYear,
    language: lang,
    result: e.result,
    missing: e.missing,
    reasons: e.outcomes.filter((o) => o.reason).map((o) => ({ criterion: o.criterion, result: o.result, text: fill(pick(o.reason!, lang, d), o.params) })),
    checklist: e.checklist.map((i) => ({ id: i.id, label: pick(i.label, lang, d), conditional: i.conditional })),
    // The window shown is the one for the year evaluated, when that is the window knowledge picked.
    window: window && window.schoolYear === schoolYear ? summary(window) : null,
  };
}
