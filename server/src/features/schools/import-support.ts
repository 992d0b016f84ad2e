/**
 * Loads `school-support.yaml`: the question bank and, per school type, its questions, criteria and
 * checklist. Every entry is checked (all the city's languages, known question ids, {from}/{to}
 * placeholders only where a date range gives them, ranges that end after they start); each bad entry
 * is reported with its position and nothing is written. Keyed by school type: a reload replaces.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadCityProfile } from '../../platform/city-profile';
import type { Db } from '../../platform/db/database';
import type { ImportReport, RejectedRow } from '../../platform/import-report';
import { readYamlFile } from '../../platform/yaml-file';
import type { LanguageCode } from '../../platform/i18n/languages';
import { resolveDate, type Question } from './eligibility';
import { schoolSupport } from './tables';

export const SUPPORT_FILE = 'school-support.yaml';

function schemas(languages: readonly LanguageCode[]) {
  const translated = z.object(
    Object.fromEntries(languages.map((l) => [l, z.string({ error: 'missing translation' }).trim().min(1, 'empty translation')])) as Record<LanguageCode, z.ZodString>,
    { error: 'missing (one entry per language expected)' },
  );
  const id = z.string({ error: 'missing' }).regex(/^[a-zA-Z][a-zA-Z0-9-]{0,62}$/, 'letters, digits and dashes');
  const outcome = z.enum(['eligible', 'conditional', 'not-eligible'], { error: 'must be eligible, conditional or not-eligible' });
  const relative = z.object({ years: z.number().int().min(-30).max(5), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }, { error: 'expected {years, month, day}' });
  const question = z.object({ id, kind: z.enum(['date', 'boolean'], { error: 'must be date or boolean' }), required: z.boolean({ error: 'must be true or false' }), label: translated });
  const criterion = z.object({
    id,
    question: id,
    ranges: z.array(z.object({ from: relative, to: relative, result: outcome, reason: translated.optional() })).min(1).optional(),
    equals: z.boolean().optional(),
    otherwise: z.object({ result: outcome, reason: translated }),
  });
  const item = z.object({ id, label: translated, when: z.object({ question: id, equals: z.boolean() }).optional() });
  const type = z.object(
    {
      type: z.string({ error: 'missing' }).regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a school type such as nido'),
      name: translated,
      questions: z.array(id).min(1, 'no questions'),
      criteria: z.array(criterion),
      checklist: z.array(item).min(1, 'no documents listed'),
    },
    { error: 'expected a mapping' },
  );
  return { question, type };
}

const placeholders = (texts: Record<string, string> | undefined) => new Set(Object.values(texts ?? {}).flatMap((t) => t.match(/\{\w+\}/g) ?? []));

export async function importSchoolSupport(tx: Db, cityDir: string): Promise<ImportReport> {
  const counts = { schoolSupportTypes: 0 };
  const path = join(cityDir, SUPPORT_FILE);
  if (!existsSync(path)) return { counts, rejected: [] };
  const unreadable: RejectedRow[] = [];
  const data = readYamlFile(path, SUPPORT_FILE, unreadable) as { questions?: unknown; schoolTypes?: unknown } | null | undefined;
  if (data === null) return { counts, rejected: unreadable };
  const s = schemas(loadCityProfile(cityDir).languages);
  const rejected: RejectedRow[] = [];
  const bank = new Map<string, Question>();
  const questionList = Array.isArray(data?.questions) ? data.questions : [];
  if (!Array.isArray(data?.questions)) rejected.push({ file: `${SUPPORT_FILE}#questions`, line: 0, reason: 'expected a list of questions' });
  questionList.forEach((entry, i) => {
    const parsed = s.question.safeParse(entry);
    if (!parsed.success) return void rejected.push({ file: `${SUPPORT_FILE}#questions`, line: i + 1, reason: parsed.error.issues.map((x) => `${x.path.join('.') || 'entry'}: ${x.message}`).join('; ') });
    if (bank.has(parsed.data.id)) return void rejected.push({ file: `${SUPPORT_FILE}#questions`, line: i + 1, reason: `id: "${parsed.data.id}" given twice` });
    bank.set(parsed.data.id, parsed.data);
  });

  const types: z.infer<typeof s.type>[] = [];
  const typeList = Array.isArray(data?.schoolTypes) ? data.schoolTypes : [];
  if (!Array.isArray(data?.schoolTypes)) rejected.push({ file: `${SUPPORT_FILE}#schoolTypes`, line: 0, reason: 'expected a list of school types' });
  typeList.forEach((entry, i) => {
    const file = `${SUPPORT_FILE}#schoolTypes`;
    const parsed = s.type.safeParse(entry);
    if (!parsed.success) return void rejected.push({ file, line: i + 1, reason: parsed.error.issues.map((x) => `${x.path.join('.') || 'entry'}: ${x.message}`).join('; ') });
    const t = parsed.data;
    const problems: string[] = [];
    if (types.some((o) => o.type === t.type)) problems.push(`type: "${t.type}" given twice`);
    for (const q of t.questions) if (!bank.has(q)) problems.push(`questions: unknown question "${q}"`);
    for (const c of t.criteria) {
      const q = bank.get(c.question);
      if (!t.questions.includes(c.question)) problems.push(`criteria.${c.id}: question "${c.question}" is not asked for this type`);
      else if (q?.kind === 'date' && !c.ranges) problems.push(`criteria.${c.id}: a date question needs ranges`);
      else if (q?.kind === 'boolean' && c.equals === undefined) problems.push(`criteria.${c.id}: a yes/no question needs equals`);
      for (const [k, r] of (c.ranges ?? []).entries()) {
        if (resolveDate(r.to, '2000/01') < resolveDate(r.from, '2000/01')) problems.push(`criteria.${c.id}.ranges.${k}: ends before it starts`);
        if (r.result !== 'eligible' && !r.reason) problems.push(`criteria.${c.id}.ranges.${k}: a ${r.result} range needs its reason`);
      }
      const allowed = c.ranges ? new Set(['{from}', '{to}']) : new Set<string>();
      for (const p of placeholders(c.otherwise.reason)) if (!allowed.has(p)) problems.push(`criteria.${c.id}.otherwise.reason: unknown placeholder ${p}`);
    }
    for (const item of t.checklist) if (item.when && !t.questions.includes(item.when.question)) problems.push(`checklist.${item.id}: question "${item.when.question}" is not asked for this type`);
    if (problems.length) return void rejected.push({ file, line: i + 1, reason: problems.join('; ') });
    types.push(t);
  });
  if (rejected.length) return { counts, rejected };

  const now = new Date();
  for (const [position, t] of types.entries()) {
    const row = { position, names: t.name, questions: t.questions.map((q) => bank.get(q)!), criteria: t.criteria, checklist: t.checklist, updatedAt: now };
    await tx.insert(schoolSupport).values({ schoolType: t.type, ...row }).onConflictDoUpdate({ target: schoolSupport.schoolType, set: row });
  }
  return { counts: { schoolSupportTypes: types.length }, rejected };
}
