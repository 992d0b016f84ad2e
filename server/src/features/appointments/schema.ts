import { z } from 'zod';
import { citizenSchema } from './citizen-input';

// ---- request parts -------------------------------------------------------------------------

export const langQuery = z.string().max(16).optional().describe("Answer language, one of the city's languages; default Accept-Language");
const code = z.string().min(1).max(40).describe('The booking (or waiting-list) code, e.g. 7K2QX-M9T4B');
const localDate = z.string().max(10).regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const serviceCode = z.string().max(63).regex(/^[a-z0-9][a-z0-9-]*$/, 'a service code such as cie');
const officeSlug = z.string().max(80).regex(/^[a-z0-9][a-z0-9-]*$/, 'an office slug such as anagrafe-centrale');
const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'an id (UUID)')
  .describe('An id (UUID)');

export const idParams = z.object({ id: uuid });
export const officeDayParams = z.object({ office: officeSlug });
export const servicesQuery = z.object({ lang: langQuery });
export const slotsQuery = z.object({
  service: serviceCode,
  office: officeSlug.optional(),
  from: localDate.optional().describe('First local date (default today)'),
  to: localDate.optional().describe('Last local date, inclusive (default from + 13 days; at most 92 days)'),
  available: z.enum(['true', 'false']).optional().describe('true: only slots with a free seat'),
});
export const codeQuery = z.object({ code, lang: langQuery });
export const cancelQuery = z.object({ code });

export const bookingBody = z.object({
  slotId: uuid,
  citizen: citizenSchema,
  language: z.string().max(16).optional().describe("The citizen's language for messages; default Accept-Language"),
});
export const idempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(255).optional().describe('A unique key per booking attempt: a replay returns the first answer and books nothing'),
});
export const rescheduleBody = z.object({ code, slotId: uuid });
export const waitlistBody = z.object({
  service: serviceCode,
  office: officeSlug.optional(),
  from: localDate.optional(),
  to: localDate.optional(),
  citizen: citizenSchema,
  language: z.string().max(16).optional(),
});
export const acceptBody = z.object({ code });
export const outcomeBody = z.object({ outcome: z.enum(['attended', 'no_show']) });
export const agentBookingBody = bookingBody;
export const dayQuery = z.object({ date: localDate, service: serviceCode.optional() });
export const statisticsQuery = z.object({ from: localDate, to: localDate, service: serviceCode.optional(), office: officeSlug.optional() });

// ---- answers -------------------------------------------------------------------------------

export const slotView = z.object({
  id: z.string(),
  office: z.string(),
  service: z.string(),
  start: z.string().describe('ISO 8601 with the city offset'),
  end: z.string(),
  available: z.number().int().describe('Free seats'),
});

export const serviceView = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  documents: z.array(z.string()),
  offices: z.array(z.string()),
  oneActivePerCitizen: z.boolean(),
  language: z.string(),
});

export const bookingView = z.object({
  id: z.string(),
  code: z.string().describe('Keep it: needed to read, cancel or move the appointment'),
  status: z.literal('booked'),
  service: z.string(),
  serviceName: z.string(),
  language: z.string(),
  slot: slotView,
});

export const appointmentView = z.object({
  id: z.string(),
  status: z.enum(['booked', 'cancelled', 'attended', 'no_show']),
  service: z.string(),
  serviceName: z.string(),
  documents: z.array(z.string()),
  office: z.object({ slug: z.string(), name: z.string(), address: z.string() }),
  slot: slotView,
  citizen: z.object({ name: z.string(), fiscalCode: z.string().describe('Masked') }),
  language: z.string(),
  createdAt: z.string(),
});

export const waitlistJoined = z.object({ id: z.string(), code: z.string(), status: z.enum(['waiting', 'offered', 'booked', 'lapsed', 'withdrawn']) });
export const waitlistView = z.object({
  id: z.string(),
  status: z.enum(['waiting', 'offered', 'booked', 'lapsed', 'withdrawn']),
  service: z.string(),
  serviceName: z.string(),
  office: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  offer: z.object({ slot: slotView, expiresAt: z.string() }).nullable(),
  appointmentId: z.string().nullable(),
});

export const dayEntryView = z.object({
  id: z.string(),
  status: z.enum(['booked', 'cancelled', 'attended', 'no_show']),
  service: z.string(),
  start: z.string(),
  end: z.string(),
  channel: z.string(),
  citizen: z.object({ name: z.string(), fiscalCode: z.string(), email: z.string().nullable(), phone: z.string().nullable() }),
  language: z.string(),
});

export const outcomeView = z.object({ id: z.string(), status: z.enum(['booked', 'cancelled', 'attended', 'no_show']) });

export const statisticsView = z.object({
  service: z.string(),
  office: z.string(),
  booked: z.number().int(),
  cancelled: z.number().int(),
  attended: z.number().int(),
  noShow: z.number().int(),
  noShowRate: z.number().nullable(),
  leadTimeDays: z.object({ average: z.number().nullable(), median: z.number().nullable() }),
});
