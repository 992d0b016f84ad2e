import { z } from 'zod';
import { caseChannels, caseStatuses } from './tables';

// Request and response shapes of the staff API (/api/v1/cases); the OpenAPI document shows them.

const text = (max: number) => z.string().trim().min(1).max(max);
const iso = z.string().describe('ISO 8601 with the city’s offset');

export const langQuery = z.string().max(16).optional().describe('Answer language (one of the city’s languages); default: Accept-Language');

export const createCaseBody = z.strictObject({
  serviceCode: text(100).describe('A service of the catalogue (Open311 service_code)'),
  attributes: z.record(z.string().max(100), z.union([z.string().max(4000), z.array(z.string().max(500)).max(50)])).default({}).describe('Values of the service’s attributes; an array for a multivaluelist'),
  description: z.string().max(4000).optional(),
  location: z
    .strictObject({
      lat: z.number().min(-90).max(90).optional(),
      long: z.number().min(-180).max(180).optional(),
      address: text(500).optional(),
      addressId: text(200).optional(),
      zipcode: text(20).optional(),
    })
    .refine((l) => (l.lat === undefined) === (l.long === undefined), 'lat and long go together')
    .optional(),
  requester: z
    .strictObject({
      firstName: text(200).optional(),
      lastName: text(200).optional(),
      email: z.email().max(320).optional(),
      phone: z.string().regex(/^\+?[0-9 ()./-]{3,32}$/, 'a phone number').optional(),
    })
    .optional()
    .describe('Personal data: shown to staff only, every read audited'),
  citizenId: z.uuid().optional(),
  contactId: z.uuid().optional().describe('The contact being escalated'),
  channel: z.enum(caseChannels).describe('Where the citizen reached us: status changes are notified there'),
  language: z.string().max(16).optional().describe('The citizen’s language (default: the city’s)'),
  mediaUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
});

export const createdCaseView = z.object({
  id: z.string(),
  number: z.string().describe('The public number (Open311 service_request_id)'),
  token: z.string().nullable(),
  serviceCode: z.string(),
  department: z.string(),
  status: z.literal('open'),
  requestedAt: iso,
  expectedAt: iso.describe('SLA deadline, counted in business hours'),
});

export const caseParams = z.object({ id: z.uuid() });

export const worklistQuery = z.object({
  department: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(100).describe('Directory department slug'),
  status: z
    .string()
    .max(100)
    .optional()
    .transform((v, issue) => {
      const list = (v ?? 'open,acknowledged,in_progress').split(',').map((s) => s.trim());
      const bad = list.filter((s) => !(caseStatuses as readonly string[]).includes(s));
      if (bad.length) issue.addIssue({ code: 'custom', message: `unknown status ${bad.join(', ')}` });
      return list as (typeof caseStatuses)[number][];
    })
    .describe('Comma-separated statuses (default: every unfinished one)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  lang: langQuery,
});

export const worklistItem = z.object({
  id: z.string(),
  number: z.string(),
  service: z.object({ code: z.string(), name: z.string() }),
  status: z.enum(caseStatuses),
  channel: z.enum(caseChannels),
  address: z.string().nullable(),
  requestedAt: iso,
  updatedAt: iso,
  expectedAt: iso.nullable(),
  overdue: z.boolean(),
});

export const caseView = z.object({
  id: z.string(),
  number: z.string(),
  service: z.object({ code: z.string(), name: z.string() }),
  department: z.string(),
  status: z.enum(caseStatuses),
  statusNotes: z.string().nullable(),
  channel: z.enum(caseChannels),
  language: z.string(),
  description: z.string().nullable(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
  location: z.object({ lat: z.number().nullable(), long: z.number().nullable(), address: z.string().nullable(), addressId: z.string().nullable(), zipcode: z.string().nullable() }),
  mediaUrl: z.string().nullable(),
  requester: z.object({ firstName: z.string().nullable(), lastName: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
  citizenId: z.string().nullable(),
  contactId: z.string().nullable(),
  accountId: z.string().nullable(),
  deviceId: z.string().nullable(),
  requestedAt: iso,
  updatedAt: iso,
  expectedAt: iso.nullable(),
  closedAt: iso.nullable(),
  history: z.array(z.object({ from: z.enum(caseStatuses).nullable(), to: z.enum(caseStatuses), at: iso, actor: z.string(), note: z.string().nullable(), public: z.boolean() })),
  notes: z.array(z.object({ id: z.string(), at: iso, author: z.string(), visibility: z.enum(['public', 'internal']), body: z.string() })),
});

export const statusBody = z.strictObject({
  status: z.enum(caseStatuses),
  note: text(4000).optional(),
  public: z.boolean().default(true).describe('Show the note to the citizen (Open311 status_notes)'),
});
export const statusView = z.object({ id: z.string(), status: z.enum(caseStatuses), updatedAt: iso });

export const noteBody = z.strictObject({ body: text(4000), visibility: z.enum(['public', 'internal']) });
export const noteView = z.object({ id: z.string(), at: iso, author: z.string(), visibility: z.enum(['public', 'internal']), body: z.string() });
