/**
 * Loads a city's bookable services (`appointment-services.yaml`) and slot templates
 * (`slot-templates.csv`). Every entry is checked (all the city's languages, a known office that
 * offers the service in the directory, hours in the directory's grammar, dates in order); any bad
 * entry is reported with its file, line and reasons, and then nothing is written. Loading again
 * replaces the services' texts and all templates (slots already generated stay; see slot-generation.ts).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { loadCityProfile } from '../../platform/city-profile';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { readCsv } from '../../platform/csv';
import type { ImportReport, RejectedRow } from '../../platform/import-report';
import { readYamlList } from '../../platform/yaml-file';
import { formatTime, isValidDate, listOffices, parseWeeklyHours } from '../directory';
import { appointmentServices, slotTemplates } from './tables';

export const SERVICES_FILE = 'appointment-services.yaml';
export const TEMPLATES_FILE = 'slot-templates.csv';
const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

function serviceSchema(languages: readonly string[]) {
  const perLanguage = <T extends z.ZodType>(item: T) =>
    z.object(Object.fromEntries(languages.map((l) => [l, item])) as Record<string, T>, { error: 'missing (one entry per language expected)' });
  const text = z.string({ error: 'missing translation' }).trim().min(1, 'empty translation');
  return z.object(
    {
      code: z.string({ error: 'missing' }).regex(CODE, 'only lower-case letters, digits and dashes'),
      oneActivePerCitizen: z.boolean({ error: 'must be true or false' }).default(true),
      name: perLanguage(text),
      description: perLanguage(text),
      documents: perLanguage(z.array(text, { error: 'missing list of documents' })),
    },
    { error: 'expected a mapping' },
  );
}

interface TemplateRow {
  serviceCode: string;
  officeSlug: string;
  weekday: number;
  opens: string;
  closes: string;
  slotMinutes: number;
  capacity: number;
  validFrom: string;
  validTo: string | null;
}

export async function importAppointments(ctx: AppContext, tx: Db, cityDir: string): Promise<ImportReport> {
  const rejected: RejectedRow[] = [];
  const schema = serviceSchema(loadCityProfile(cityDir).languages);
  const services: z.output<typeof schema>[] = [];
  const seen = new Map<string, number>();
  readYamlList(join(cityDir, SERVICES_FILE), SERVICES_FILE, rejected).forEach((entry, i) => {
    const parsed = schema.safeParse(entry);
    const problems = parsed.success ? [] : parsed.error.issues.map((x) => `${x.path.join('.') || 'entry'}: ${x.message}`);
    const code = (entry as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && seen.has(code)) problems.push(`code: "${code}" is already used by entry ${seen.get(code)}`);
    else if (typeof code === 'string') seen.set(code, i + 1);
    if (problems.length || !parsed.success) return void rejected.push({ file: SERVICES_FILE, line: i + 1, reason: problems.join('; ') });
    services.push(parsed.data);
  });

  // Offices read inside the city's load transaction (they may have been written by it a moment ago).
  const offices = new Map((await listOffices({ ...ctx, db: tx })).map((o) => [o.slug, o.services]));
  const templates = readTemplates(cityDir, new Set(seen.keys()), offices, rejected);

  if (rejected.length) return { counts: { appointmentServices: 0, slotTemplates: 0 }, rejected };
  for (const s of services) {
    const values = {
      names: s.name,
      descriptions: s.description,
      documents: s.documents,
      oneActive: s.oneActivePerCitizen,
      active: true,
    };
    await tx
      .insert(appointmentServices)
      .values({ code: s.code, ...values })
      .onConflictDoUpdate({ target: appointmentServices.code, set: { ...values, updatedAt: sql`now()` } });
  }
  if (existsSync(join(cityDir, TEMPLATES_FILE))) {
    await tx.delete(slotTemplates);
    for (let i = 0; i < templates.length; i += 500) {
      await tx.insert(slotTemplates).values(templates.slice(i, i + 500).map((t) => ({ id: randomUUID(), ...t })));
    }
  }
  return { counts: { appointmentServices: services.length, slotTemplates: templates.length }, rejected };
}

const intIn = (min: number, max: number) => (v: string) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max;

/** One CSV row per service, office and hours clause; the hours use the directory's grammar (lun-ven 08:30-12:30). */
function readTemplates(cityDir: string, services: Set<string>, offices: Map<string, string[]>, rejected: RejectedRow[]): TemplateRow[] {
  const path = join(cityDir, TEMPLATES_FILE);
  if (!existsSync(path)) return [];
  const read = readCsv(readFileSync(path, 'utf8'), TEMPLATES_FILE, ['service', 'office', 'hours', 'slot_minutes', 'capacity', 'valid_from', 'valid_to']);
  rejected.push(...read.rejected);
  const out: TemplateRow[] = [];
  read.rows.forEach(({ line, values: v }) => {
    const problems: string[] = [];
    if (!services.has(v.service!)) problems.push(`service: "${v.service}" is not in ${SERVICES_FILE}`);
    const officeServices = offices.get(v.office!);
    if (!officeServices) problems.push(`office: no office "${v.office}" in the directory`);
    else if (!officeServices.includes(v.service!)) problems.push(`office: "${v.office}" does not list the service "${v.service}" in the directory`);
    const hours = parseWeeklyHours(v.hours!);
    if (!hours.ok) problems.push(`hours: ${hours.errors.join('; ')}`);
    else if (hours.value.every((d) => d.length === 0)) problems.push('hours: no day with hours');
    if (!intIn(5, 480)(v.slot_minutes!)) problems.push('slot_minutes: a whole number of minutes, 5 to 480');
    if (!intIn(1, 1000)(v.capacity!)) problems.push('capacity: a whole number, 1 to 1000');
    if (!isValidDate(v.valid_from!)) problems.push('valid_from: a date YYYY-MM-DD');
    if (v.valid_to && !isValidDate(v.valid_to)) problems.push('valid_to: a date YYYY-MM-DD, or empty');
    else if (v.valid_to && isValidDate(v.valid_from!) && v.valid_to < v.valid_from!) problems.push('valid_to: before valid_from');
    if (problems.length || !hours.ok) return void rejected.push({ file: TEMPLATES_FILE, line, reason: problems.join('; ') });
    hours.value.forEach((ranges, d) => {
      for (const r of ranges) {
        out.push({
          serviceCode: v.service!,
          officeSlug: v.office!,
          weekday: d + 1,
          opens: formatTime(r.opens),
          closes: formatTime(r.closes === 1440 ? 1439 : r.closes),
          slotMinutes: Number(v.slot_minutes),
          capacity: Number(v.capacity),
          validFrom: v.valid_from!,
          validTo: v.valid_to || null,
        });
      }
    });
  });
  return out;
}

