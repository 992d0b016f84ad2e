import { z } from 'zod';
import { applicationStatuses } from './tables';

export const langQuery = z.string().max(16).optional().describe("Answer language (one of the city's languages)");
export const schoolTypeParams = z.object({ type: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a school type such as nido, scuola-infanzia, primaria') });
export const at = z.string().max(40).optional().describe('The moment the enrollment window status is computed for (default: now)');

const windowSummary = z
  .object({ schoolYear: z.string(), status: z.enum(['upcoming', 'open', 'closed']), opensAt: z.string(), closesAt: z.string(), confirmed: z.boolean(), howToApply: z.string() })
  .nullable()
  .describe('The enrollment window of this type from the knowledge base (open now, else next, else latest)');
const checklistItem = z.object({ id: z.string(), label: z.string(), conditional: z.boolean().describe('needed only for some answers (see the questions)') });

export const typesView = z.object({ language: z.string(), types: z.array(z.object({ type: z.string(), name: z.string() })) });

export const supportView = z.object({
  type: z.string(),
  name: z.string(),
  language: z.string(),
  questions: z.array(z.object({ id: z.string(), kind: z.enum(['date', 'boolean']), required: z.boolean(), label: z.string() })),
  checklist: z.array(checklistItem),
  window: windowSummary,
});

export const checkBody = z.object({
  schoolYear: z
    .string()
    .regex(/^\d{4}\/\d{2}$/, 'a school year such as 2026/27')
    .refine((y) => (Number(y.slice(0, 4)) + 1) % 100 === Number(y.slice(5)), 'the two years must follow each other')
    .optional(),
  answers: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]{0,62}$/), z.union([z.string().max(10), z.boolean()])).describe('Answers by question id: dates as YYYY-MM-DD, yes/no as booleans'),
  lang: langQuery,
});

export const eligibilityView = z.object({
  type: z.string(),
  schoolYear: z.string(),
  language: z.string(),
  result: z.enum(['eligible', 'conditional', 'not-eligible', 'incomplete']),
  missing: z.array(z.string()).describe('Required questions not answered yet'),
  reasons: z.array(z.object({ criterion: z.string(), result: z.enum(['eligible', 'conditional', 'not-eligible']), text: z.string() })),
  checklist: z.array(checklistItem),
  window: windowSummary,
});

export const applicationParams = z.object({ code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{3,29}$/, 'an application code such as NID-2026-000101') });
export const applicationQuery = z.object({ fiscalCode: z.string().min(1).max(32).describe("The child's or a parent's fiscal code (second factor)"), lang: langQuery });

const applicationFields = {
  code: z.string(),
  schoolType: z.object({ code: z.string(), name: z.string() }),
  schoolYear: z.string(),
  status: z.enum(applicationStatuses),
  school: z.string().nullable(),
  waitlistPosition: z.number().int().nullable(),
  statusDate: z.string(),
  text: z.string(),
  language: z.string(),
};
export const applicationView = z.object(applicationFields);
export const staffApplicationView = z.object({ ...applicationFields, childFiscalCode: z.string(), parentFiscalCode: z.string(), importedAt: z.string() });

export const importBody = z.object({ csv: z.string().min(1).max(5_000_000).describe('The CSV export: code, school_type, school_year, child_fiscal_code, parent_fiscal_code, status, school, waitlist_position, status_date') });
export const importView = z.object({ counts: z.record(z.string(), z.number()) });
