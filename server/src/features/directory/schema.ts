import { z } from 'zod';
import { isValidDate, parseInstant } from './local-time';
import { extensionPattern, phonePattern, slug, zipcodePattern } from './office-rows';
import { exceptionReasons } from './opening-status';

// ---- request parts -------------------------------------------------------------------------

export const langQuery = z.string().max(16).optional().describe("Answer language, one of the city's languages; default Accept-Language");

/** An instant; without an offset it is a local time in the city's zone (docs/directory.md). */
export const isoTime = z
  .string()
  .max(40)
  .refine((s) => parseInstant(s, 'UTC') !== null, 'must be an ISO 8601 time such as 2026-12-09T15:30:00+01:00');

export const localDate = z.string().refine(isValidDate, 'must be a real date YYYY-MM-DD');

export const slugParams = z.object({ slug: z.string().min(1).max(200) });
export const exceptionParams = z.object({ slug: z.string().min(1).max(200), date: localDate });

// Filters are slugs: anything else matches nothing, and is refused rather than sent to SQL.
const filterSlug = z.string().max(80).regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes');

export const officesQuery = z.object({
  service: filterSlug.optional(),
  municipio: z.coerce.number().int().min(1).max(99).optional(),
  department: filterSlug.optional(),
  openAt: isoTime.optional().describe('Adds `open` and `opening` to each office, as of this time'),
  openNow: z.enum(['true', 'false']).optional().describe('Adds `open` and `opening` to each office, as of now'),
  lang: langQuery,
});

export const openingQuery = z.object({ at: isoTime.optional().describe('Default: now'), lang: langQuery });
export const officeQuery = z.object({ lang: langQuery });
export const departmentsQuery = z.object({ lang: langQuery });
export const holidaysQuery = z.object({ year: z.coerce.number().int().min(1900).max(2199).optional(), lang: langQuery });
export const exceptionsQuery = z.object({ from: localDate.optional(), to: localDate.optional(), lang: langQuery });

const rangeInput = z.object({ opens: z.string().max(8), closes: z.string().max(8) });
const dayInput = z.object({ weekday: z.number(), ranges: z.array(rangeInput).max(12) });

/** Weekly hours: structured days (missing days are closed) or the open-data grammar. */
export const weeklyHoursBody = z.union([
  z.object({ days: z.array(dayInput).max(14) }).strict(),
  z.object({ text: z.string().max(500) }).strict(),
]);

/** Free text for the database: PostgreSQL text cannot hold NUL. */
const text = (max: number) => z.string().max(max).refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

const officeFields = {
  name: text(200).pipe(z.string().trim().min(1)),
  department: slug,
  address: text(300).pipe(z.string().trim().min(1)),
  zipcode: z.string().regex(zipcodePattern, 'not a postal code').nullable().optional(),
  municipio: z.number().int().min(1).max(99).nullable().optional(),
  neighbourhood: text(120).pipe(z.string().trim()).nullable().optional(),
  location: z.object({ lat: z.number().min(-90).max(90), long: z.number().min(-180).max(180) }).nullable().optional(),
  phone: z.string().regex(phonePattern, 'not a phone number').nullable().optional(),
  extension: z.string().regex(extensionPattern, 'must be 2 to 8 digits').nullable().optional(),
  services: z.array(slug).max(50).optional(),
  notes: text(2000).nullable().optional(),
};

export const createOfficeBody = z.object({ slug, ...officeFields, hours: weeklyHoursBody.optional() }).strict();

export const updateOfficeBody = z
  .object({
    name: officeFields.name.optional(),
    department: officeFields.department.optional(),
    address: officeFields.address.optional(),
    zipcode: officeFields.zipcode,
    municipio: officeFields.municipio,
    neighbourhood: officeFields.neighbourhood,
    location: officeFields.location,
    phone: officeFields.phone,
    extension: officeFields.extension,
    services: officeFields.services,
    notes: officeFields.notes,
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const exceptionBody = z.object({
  closed: z.boolean(),
  ranges: z.array(rangeInput).max(12).optional(),
  reason: z.enum(exceptionReasons),
  note: text(2000).nullable().optional(),
});

export const importBody = z.object({
  offices: z.string().min(1).describe('CSV text with the columns of offices.csv'),
  exceptions: z.string().optional().describe('CSV text with the columns of office-exceptions.csv'),
});

// ---- answers -------------------------------------------------------------------------------

const reasonCode = z.enum(['holiday', ...exceptionReasons, 'outside_hours']);

export const openingView = z.object({
  open: z.boolean(),
  closesAt: z.string().optional(),
  opensAt: z.string().optional(),
  reason: z.string().optional(),
  reasonCode: reasonCode.optional(),
  at: z.string(),
});

export const officeSummaryView = z.object({
  slug: z.string(),
  name: z.string(),
  address: z.string(),
  zipcode: z.string().nullable(),
  municipio: z.number().nullable(),
  neighbourhood: z.string().nullable(),
  location: z.object({ lat: z.number(), long: z.number() }).nullable(),
  phone: z.string().nullable(),
  extension: z.string().nullable(),
  services: z.array(z.string()),
  department: z.object({ slug: z.string(), name: z.string() }),
  open: z.boolean().optional(),
  opening: openingView.optional(),
});

const storedRange = z.object({ opens: z.string(), closes: z.string() });

export const exceptionView = z.object({
  date: z.string(),
  closed: z.boolean(),
  ranges: z.array(storedRange),
  reason: z.string(),
  reasonText: z.string(),
  note: z.string().nullable(),
});

export const officeDetailView = officeSummaryView.extend({
  id: z.string(),
  municipioName: z.string().nullable(),
  notes: z.string().nullable(),
  hours: z.array(z.object({ weekday: z.number(), day: z.string(), ranges: z.array(storedRange) })),
  hoursText: z.string(),
  exceptions: z.array(exceptionView),
  opening: openingView,
  updatedAt: z.string(),
});

export const municipioView = z.object({ number: z.number(), name: z.string() });
export const departmentView = z.object({ slug: z.string(), name: z.string(), names: z.record(z.string(), z.string()) });
export const holidayView = z.object({ date: z.string(), key: z.string(), name: z.string(), scope: z.enum(['national', 'city']) });
export const importCountsView = z.object({ officesCreated: z.number(), officesUpdated: z.number(), exceptions: z.number() });
