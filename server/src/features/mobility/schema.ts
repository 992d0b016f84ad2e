/** Request and answer schemas of the mobility API (they also make its OpenAPI description). */
import { z } from 'zod';
import { parseInstant } from '../directory';
import { normalisePlate } from './plates';
import { CLASSES, EURO6_STAGES, FUELS, PERMITS, SCHEMES, VEHICLE_KINDS, localDate, rulesShape, versionBody, versionId } from './rules-schema';

export const langQuery = z.string().max(16).optional().describe("Answer language, one of the city's languages; default Accept-Language");
const money = z.object({ amount: z.number().int().describe('euro cents'), currency: z.literal('EUR') });
// Questions about 1900–2199: holiday rules and zone data mean nothing far outside.
const day = localDate.refine((d) => d >= '1900-01-01' && d <= '2199-12-31', 'a date between 1900 and 2199');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM');
export const plate = z
  .string()
  .max(40)
  .refine((p) => normalisePlate(p) !== null, 'not a number plate: 2 to 12 letters and digits (spaces and dashes are ignored)')
  .describe('Italian (AA000AA) or foreign; stored upper case without spaces');

export const vehicle = z.object({
  kind: z.enum(VEHICLE_KINDS),
  fuel: z.enum(FUELS),
  euro: z.number().int().min(0).max(6).describe('Euro class, 0 for pre-Euro'),
  particulateFilter: z.boolean().optional().describe('Diesel particulate filter fitted (absent: none)'),
  co2: z.number().min(0).max(1000).optional().describe('g CO2/km (Area C: hybrids up to 100 g/km are exempt)'),
  engineStroke: z.union([z.literal(2), z.literal(4)]).optional().describe('Two-wheelers: 2- or 4-stroke engine (Area B from Oct 2026)'),
  euro6Stage: z.enum(EURO6_STAGES).optional().describe('Euro 6 diesel stage (Area B from Oct 2028)'),
});
const permits = z.array(z.enum(PERMITS)).max(3).optional().describe('Permits or uses that change the answer: disabled, perishable-food, service');

export const quoteBody = z.object({
  scheme: z.enum(SCHEMES),
  date: day.describe('Local date in Europe/Rome'),
  time: clock.optional().describe('Local time; without it the answer is for entering while the scheme is in force that day'),
  vehicle,
  resident: z.boolean().optional(),
  permits,
  lang: langQuery,
});

export const quoteView = z.object({
  scheme: z.enum(SCHEMES),
  version: z.string().describe('The rules version that answered'),
  date: z.string(),
  time: z.string().optional(),
  inForce: z.boolean(),
  allowed: z.boolean(),
  banned: z.boolean(),
  class: z.enum(CLASSES).optional(),
  charge: money,
  exempt: z.boolean(),
  reason: z.string(),
  reasonCode: z.string(),
  language: z.string(),
  payBy: z.string().optional(),
  deferred: z.object({ charge: money, payBy: z.string() }).optional(),
  hours: z.array(z.object({ from: z.string(), to: z.string() })),
  holiday: z.boolean(),
  residentFreeEntriesPerYear: z.number().optional(),
  passes: z.array(z.object({ kind: z.string(), entries: z.number().optional(), charge: money })).optional(),
});

export const versionParams = z.object({ scheme: z.enum(SCHEMES), id: versionId });
export const versionsQuery = z.object({ scheme: z.enum(SCHEMES).optional() });
export { versionBody };
/** A version as stored: the same fields as the body of a PUT, plus id, scheme and updatedAt. */
export const versionView = z.object({
  id: z.string(),
  scheme: z.enum(SCHEMES),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  ...rulesShape,
  updatedAt: z.string(),
});

export const ticketBody = z.object({ plate, date: day, vehicle, permits, lang: langQuery });
export const ticketQuery = z.object({ plate, date: day });
const ticketCore = {
  id: z.string(),
  amount: money,
  origin: z.enum(['purchase', 'deferred', 'entry']),
  status: z.enum(['unpaid', 'paid', 'cancelled']),
  paidAt: z.string().nullable(),
  version: z.string(),
};
export const ticketView = z.object({
  plate: z.string(),
  date: z.string(),
  ...ticketCore,
  notice: z.object({ noticeNumber: z.string(), paymentId: z.string(), qrCode: z.string().describe('PAGOPA|002|…'), dueDate: z.string().nullable() }),
});
export const ticketCheckView = z.object({ plate: z.string(), date: z.string(), valid: z.boolean(), paid: z.boolean(), ticket: z.object(ticketCore).optional() });

export const permitBody = z.object({ plate, fiscalCode: z.string().max(40), year: z.number().int().min(2012).max(2199) });
export const permitQuery = z.object({ plate, year: z.coerce.number().int().min(2012).max(2199) });
export const permitView = z.object({
  id: z.string(),
  plate: z.string(),
  fiscalCode: z.string(),
  year: z.number(),
  freeEntries: z.number(),
  used: z.number(),
  remaining: z.number(),
});

export const entryBody = z.object({
  plate,
  at: z
    .string()
    .max(40)
    .refine((s) => parseInstant(s, 'UTC') !== null, 'an ISO 8601 time, e.g. 2026-12-09T08:15:00+01:00')
    .describe('When the gate saw the vehicle: ISO 8601 with offset, or local time in Europe/Rome'),
  vehicle,
  permits,
  lang: langQuery,
});
export const entryView = z.object({
  id: z.string().optional(),
  plate: z.string(),
  date: z.string(),
  outcome: z.enum(['free-entry', 'ticket', 'charged', 'not-charged']),
  alreadyRecorded: z.boolean(),
  reasonCode: z.string(),
  reason: z.string(),
  freeEntriesRemaining: z.number().optional(),
  ticket: ticketView.optional(),
});
