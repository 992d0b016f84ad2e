/**
 * Loads the city's service catalogue and case settings (`service-catalogue.yaml`, format in
 * docs/cases.md). Every entry is checked first (all the city's languages, a known department, a
 * sound service definition); any bad entry is reported with its position and reasons, and then
 * nothing is written. Services are keyed by code: loading the file again updates them; a service
 * missing from the file is kept, because cases refer to it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadCityProfile } from '../../platform/city-profile';
import type { Db } from '../../platform/db/database';
import type { ImportReport, RejectedRow } from '../../platform/import-report';
import type { LanguageCode } from '../../platform/i18n/languages';
import { parseWeeklyHours } from '../directory';
import { attributeDatatypes, type AttributeDefinition } from './attributes';
import { caseServices, caseSettings, serviceTypes } from './tables';

export const CATALOGUE_FILE = 'service-catalogue.yaml';
const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function schemas(languages: readonly LanguageCode[]) {
  const translated = z.object(
    Object.fromEntries(languages.map((l) => [l, z.string({ error: 'missing translation' }).trim().min(1, 'empty translation')])) as Record<LanguageCode, z.ZodString>,
    { error: 'missing (one text per language expected)' },
  );
  const code = z.string({ error: 'missing' }).max(100, 'longer than 100 characters').regex(CODE, 'only lower-case letters, digits and dashes');
  const attribute = z
    .object(
      {
        code,
        variable: z.boolean({ error: 'must be true or false' }).default(true),
        datatype: z.enum(attributeDatatypes, { error: `must be one of ${attributeDatatypes.join(', ')}` }),
        required: z.boolean({ error: 'must be true or false' }),
        order: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1 or more'),
        description: translated,
        datatypeDescription: translated.optional(),
        values: z.array(z.object({ key: z.string({ error: 'missing' }).trim().min(1, 'empty').max(100), name: translated }), { error: 'expected a list' }).optional(),
      },
      { error: 'expected a mapping' },
    )
    .superRefine((a, issue) => {
      const isList = a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist';
      if (isList && !a.values?.length) issue.addIssue({ code: 'custom', path: ['values'], message: `a ${a.datatype} needs values` });
      if (!isList && a.values?.length) issue.addIssue({ code: 'custom', path: ['values'], message: `a ${a.datatype} takes no values` });
      const keys = (a.values ?? []).map((v) => v.key);
      if (new Set(keys).size !== keys.length) issue.addIssue({ code: 'custom', path: ['values'], message: 'keys must be unique' });
      if (!a.variable && a.required) issue.addIssue({ code: 'custom', path: ['required'], message: 'an information-only attribute (variable: false) cannot be required' });
    });
  const service = z
    .object(
      {
        code,
        type: z.enum(serviceTypes, { error: `must be one of ${serviceTypes.join(', ')}` }),
        department: code,
        slaBusinessHours: z.number({ error: 'must be a number of business hours' }).int('must be whole hours').min(1, 'must be 1–10000').max(10000, 'must be 1–10000'),
        // Open311 lists keywords comma-separated, so a keyword cannot hold a comma.
        keywords: z.array(z.string().trim().min(1, 'empty keyword').regex(/^[^,]+$/, 'a keyword cannot contain a comma'), { error: 'expected a list' }).default([]),
        metadata: z.boolean({ error: 'must be true or false' }).optional(),
        group: translated,
        name: translated,
        description: translated,
        notice: translated.optional(),
        attributes: z.array(attribute, { error: 'expected a list' }).default([]),
      },
      { error: 'expected a mapping' },
    )
    .superRefine((s, issue) => {
      const codes = s.attributes.map((a) => a.code);
      if (new Set(codes).size !== codes.length) issue.addIssue({ code: 'custom', path: ['attributes'], message: 'attribute codes must be unique' });
      // GeoReport v2: metadata is true exactly when the service has a definition with attributes.
      if (s.metadata !== undefined && s.metadata !== s.attributes.length > 0) {
        issue.addIssue({ code: 'custom', path: ['metadata'], message: `must be ${s.attributes.length > 0} (the service has ${s.attributes.length} attributes)` });
      }
    });
  const settings = z.object(
    {
      jurisdictionId: z.string({ error: 'missing' }).trim().min(1, 'empty').max(200),
      businessHours: z.string({ error: 'missing' }).superRefine((text, issue) => {
        const parsed = parseWeeklyHours(text);
        if (!parsed.ok) issue.addIssue({ code: 'custom', message: parsed.errors.join('; ') });
        else if (parsed.value.every((day) => day.length === 0)) issue.addIssue({ code: 'custom', message: 'no business hours on any day' });
      }),
      contact: z.string({ error: 'missing' }).trim().min(1, 'empty'),
      keyService: z.string({ error: 'missing' }).trim().min(1, 'empty'),
      services: z.array(z.unknown(), { error: 'expected a list of services' }),
    },
    { error: 'expected a mapping with jurisdictionId, businessHours, contact, keyService and services' },
  );
  return { service, settings };
}

function describe(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || 'entry'}: ${issue.message}`);
}

export async function importServiceCatalogue(tx: Db, cityDir: string): Promise<ImportReport> {
  const path = join(cityDir, CATALOGUE_FILE);
  const empty = { counts: { caseServices: 0 }, rejected: [] as RejectedRow[] };
  if (!existsSync(path)) return empty;
  const city = loadCityProfile(cityDir);
  const { service: serviceSchema, settings: settingsSchema } = schemas(city.languages);
  const rejected: RejectedRow[] = [];
  let data: unknown;
  try {
    data = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ...empty, rejected: [{ file: CATALOGUE_FILE, line: 0, reason: `not valid YAML: ${(error as Error).message.split('\n')[0]}` }] };
  }
  const settings = settingsSchema.safeParse(data);
  if (!settings.success) return { ...empty, rejected: [{ file: CATALOGUE_FILE, line: 0, reason: describe(settings.error).join('; ') }] };

  // The directory's departments, read in this transaction: they are loaded just before, in the same one.
  const known = new Set(((await tx.execute(sql`select slug from departments`)) as unknown as { rows: { slug: string }[] }).rows.map((r) => r.slug));
  const seen = new Map<string, number>();
  const services: (typeof caseServices.$inferInsert)[] = [];
  settings.data.services.forEach((entry, i) => {
    const parsed = serviceSchema.safeParse(entry);
    const problems = parsed.success ? [] : describe(parsed.error);
    const code = (entry as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && seen.has(code)) problems.push(`code: "${code}" is already used by service ${seen.get(code)}`);
    else if (typeof code === 'string') seen.set(code, i + 1);
    // Checked whenever readable, so that one pass reports every problem of the entry.
    const department = (entry as { department?: unknown } | null)?.department;
    if (typeof department === 'string' && CODE.test(department) && !known.has(department)) problems.push(`department: "${department}" is not a department of the directory`);
    if (problems.length || !parsed.success) return void rejected.push({ file: CATALOGUE_FILE, line: i + 1, reason: problems.join('; ') });
    const s = parsed.data;
    const attributes: AttributeDefinition[] = s.attributes.map((a) => ({
      code: a.code,
      variable: a.variable,
      datatype: a.datatype,
      required: a.required,
      order: a.order,
      description: a.description,
      datatypeDescription: a.datatypeDescription ?? null,
      values: a.values ?? [],
    }));
    services.push({
      code: s.code,
      names: s.name,
      descriptions: s.description,
      groups: s.group,
      notices: s.notice ?? {},
      keywords: s.keywords,
      type: s.type,
      attributes,
      department: s.department,
      slaBusinessHours: s.slaBusinessHours,
      position: i + 1,
    });
  });

  if (rejected.length) return { ...empty, rejected };
  const { jurisdictionId, businessHours, contact, keyService } = settings.data;
  const now = new Date();
  await tx
    .insert(caseSettings)
    .values({ id: true, jurisdictionId, businessHours, contact, keyService, updatedAt: now })
    .onConflictDoUpdate({ target: caseSettings.id, set: { jurisdictionId, businessHours, contact, keyService, updatedAt: now } });
  for (const service of services) {
    const { code, ...rest } = service;
    await tx.insert(caseServices).values({ ...service, updatedAt: now }).onConflictDoUpdate({ target: caseServices.code, set: { ...rest, updatedAt: now } });
  }
  return { counts: { caseServices: services.length }, rejected };
}
