/**
 * Loads a city's cultural events (`events.yaml`) and school enrollment windows
 * (`school-enrollment.yaml`). Every entry is checked first (all the city's languages, real local
 * times, end after start, Municipio, price, category); any bad entry is reported with its file, its
 * 1-based position in the list and every reason, and then nothing is written. Entries are keyed (event
 * id; school type + year), so loading the same files again replaces rather than duplicates.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { loadCityProfile } from '../../platform/city-profile';
import type { Db } from '../../platform/db/database';
import type { Emit } from '../../platform/events/unit-of-work';
import type { ImportReport, RejectedRow } from '../../platform/import-report';
import { readYamlList } from '../../platform/yaml-file';
import type { LanguageCode } from '../../platform/i18n/languages';
import { parseLocalDateTime } from './date-expressions';
import { EVENT_CATEGORIES, MUNICIPI, writeEvent, type EventRecord } from './events';
import { writeEnrollmentWindow, type EnrollmentRecord } from './schools';

export const EVENTS_FILE = 'events.yaml';
export const SCHOOLS_FILE = 'school-enrollment.yaml';

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

function schemas(languages: readonly LanguageCode[], zone: string) {
  const text = z.string({ error: 'missing' }).trim().min(1, 'empty');
  const perLanguage = <T extends z.ZodType>(item: T) =>
    z.object(Object.fromEntries(languages.map((l) => [l, item])) as Record<LanguageCode, T>, { error: 'missing (one entry per language expected)' });
  const translated = perLanguage(z.string({ error: 'missing translation' }).trim().min(1, 'empty translation'));
  const localTime = z
    .string({ error: 'missing' })
    .refine((v) => parseLocalDateTime(v, zone) !== null, 'not a real local date-time YYYY-MM-DDTHH:MM (or an hour skipped by summer time)');
  const slug = z.string({ error: 'missing' }).regex(SLUG, 'only lower-case letters, digits and dashes');
  const event = z.object(
    {
      id: slug,
      category: z.enum(EVENT_CATEGORIES, { error: `must be one of ${EVENT_CATEGORIES.join(', ')}` }),
      start: localTime,
      end: localTime,
      venue: text,
      address: text,
      municipio: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, `must be 1–${MUNICIPI}`).max(MUNICIPI, `must be 1–${MUNICIPI}`),
      price: z.number({ error: 'must be a number of euro cents' }).int('must be whole euro cents').min(0, 'must not be negative'),
      cancelled: z.boolean({ error: 'must be true or false' }).optional(),
      title: translated,
      description: translated,
    },
    { error: 'expected a mapping' },
  );
  const school = z.object(
    {
      schoolType: slug,
      schoolYear: z
        .string({ error: 'missing' })
        .regex(/^\d{4}\/\d{2}$/, 'expected YYYY/YY, e.g. 2026/27')
        .refine((y) => (Number(y.slice(0, 4)) + 1) % 100 === Number(y.slice(5)), 'the two years must follow each other'),
      opensAt: localTime,
      closesAt: localTime,
      confirmed: z.boolean({ error: 'must be true or false' }),
      ageRule: z.string().trim().min(1, 'empty').optional(),
      title: translated,
      eligibility: translated,
      documents: perLanguage(z.array(z.string().trim().min(1, 'empty document'), { error: 'missing list of documents' }).min(1, 'no documents listed')),
      howToApply: translated,
    },
    { error: 'expected a mapping' },
  );
  return { event, school };
}

export async function importEventsAndSchools(tx: Db, emit: Emit, cityDir: string): Promise<ImportReport> {
  const city = loadCityProfile(cityDir);
  const zone = city.timezone;
  const { event: eventSchema, school: schoolSchema } = schemas(city.languages, zone);
  const rejected: RejectedRow[] = [];
  const at = (v: string) => parseLocalDateTime(v, zone)!.toJSDate();

  const eventRecords: EventRecord[] = [];
  const eventIds = new Map<string, number>();
  readYamlList(join(cityDir, EVENTS_FILE), EVENTS_FILE, rejected).forEach((entry, i) => {
    const parsed = eventSchema.safeParse(entry);
    const problems = parsed.success ? [] : describe(parsed.error);
    problems.push(...orderProblems(entry, 'start', 'end', zone));
    const id = (entry as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && eventIds.has(id)) problems.push(`id: "${id}" is already used by entry ${eventIds.get(id)}`);
    else if (typeof id === 'string') eventIds.set(id, i + 1);
    if (problems.length || !parsed.success) return void rejected.push({ file: EVENTS_FILE, line: i + 1, reason: problems.join('; ') });
    const e = parsed.data;
    eventRecords.push({
      id: e.id,
      category: e.category,
      startsAt: at(e.start),
      endsAt: at(e.end),
      venue: e.venue,
      address: e.address,
      municipio: e.municipio,
      priceCents: e.price,
      status: e.cancelled ? 'cancelled' : 'published',
      translations: Object.fromEntries(city.languages.map((l) => [l, { title: e.title[l], description: e.description[l] }])),
    });
  });

  const windows: EnrollmentRecord[] = [];
  const windowKeys = new Map<string, number>();
  readYamlList(join(cityDir, SCHOOLS_FILE), SCHOOLS_FILE, rejected).forEach((entry, i) => {
    const parsed = schoolSchema.safeParse(entry);
    const problems = parsed.success ? [] : describe(parsed.error);
    problems.push(...orderProblems(entry, 'opensAt', 'closesAt', zone));
    const raw = (entry ?? {}) as { schoolType?: unknown; schoolYear?: unknown };
    const key = typeof raw.schoolType === 'string' && typeof raw.schoolYear === 'string' ? `${raw.schoolType} ${raw.schoolYear}` : null;
    if (key && windowKeys.has(key)) problems.push(`schoolType/schoolYear: ${key} is already given by entry ${windowKeys.get(key)}`);
    else if (key) windowKeys.set(key, i + 1);
    if (problems.length || !parsed.success) return void rejected.push({ file: SCHOOLS_FILE, line: i + 1, reason: problems.join('; ') });
    const s = parsed.data;
    windows.push({
      schoolType: s.schoolType,
      schoolYear: s.schoolYear,
      opensAt: at(s.opensAt),
      closesAt: at(s.closesAt),
      confirmed: s.confirmed,
      ageRule: s.ageRule ?? null,
      translations: Object.fromEntries(
        city.languages.map((l) => [l, { title: s.title[l], eligibility: s.eligibility[l], documents: s.documents[l], howToApply: s.howToApply[l] }]),
      ),
    });
  });

  // All or nothing: with one bad entry, nothing is written and the caller aborts the transaction.
  if (rejected.length) return { counts: { events: 0, schoolEnrollmentWindows: 0 }, rejected };
  for (const record of eventRecords) {
    await writeEvent(tx, record);
    if (record.status === 'published') emit('event.published', { eventId: record.id });
  }
  for (const window of windows) await writeEnrollmentWindow(tx, window);
  return { counts: { events: eventRecords.length, schoolEnrollmentWindows: windows.length }, rejected };
}

/** The entries of a YAML list file; a missing file is an empty list (a city may have no events). */

function describe(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || 'entry'}: ${issue.message}`);
}

/** "end after start", checked whenever both times are readable, even if other fields are wrong. */
function orderProblems(entry: unknown, startKey: string, endKey: string, zone: string): string[] {
  const raw = (entry ?? {}) as Record<string, unknown>;
  const start = typeof raw[startKey] === 'string' ? parseLocalDateTime(raw[startKey], zone) : null;
  const end = typeof raw[endKey] === 'string' ? parseLocalDateTime(raw[endKey], zone) : null;
  return start && end && end <= start ? [`${endKey}: must be after ${startKey}`] : [];
}
