import { z } from 'zod';
import { CONSENT_KINDS } from './consents';

export const citizenIdParams = z.object({ id: z.uuid() });

export const reasonQuery = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .optional()
  .describe('Why the record is read or changed (e.g. "call 4711"); written to the audit log');

const contactPoint = z.object({
  kind: z.enum(['phone', 'email', 'messaging']),
  value: z.string().trim().min(3).max(320).describe('Phone (any common form, stored as E.164), email, or `<provider>:<id>` such as `whatsapp:+39…`'),
  label: z.string().trim().min(1).max(60).optional(),
});

const name = z.string().trim().min(1).max(200);

export const citizenBody = z.object({
  givenName: name.nullable().optional(),
  familyName: name.nullable().optional(),
  fiscalCode: z.string().trim().min(1).max(32).nullable().optional().describe('Codice fiscale; validated (layout, dates, check character), unique'),
  preferredLanguage: z.string().min(2).max(3).nullable().optional(),
  contactPoints: z.array(contactPoint).max(20).optional().describe('Replaces the whole list when given'),
});

export const citizenView = z.object({
  id: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  fiscalCode: z.string().nullable(),
  preferredLanguage: z.string().nullable(),
  contactPoints: z.array(z.object({ kind: z.string(), value: z.string(), label: z.string().nullable() })),
  consents: z.array(z.object({ kind: z.string(), granted: z.boolean(), at: z.string(), via: z.string() })),
  erased: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const searchQuery = z.object({
  q: z.string().trim().min(2).max(200).optional().describe('A name, or a phone, email or codice fiscale recognised by its shape'),
  phone: z.string().trim().min(3).max(40).optional(),
  email: z.string().trim().min(3).max(320).optional(),
  fiscalCode: z.string().trim().min(1).max(32).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  reason: reasonQuery,
});

export const consentBody = z.object({
  kind: z.enum(CONSENT_KINDS),
  granted: z.boolean(),
  via: z.string().trim().min(1).max(200).describe('How it was given: channel or document'),
  at: z.iso.datetime({ offset: true }).optional().describe('When, if not now'),
});

export const eraseBody = z.object({
  reason: z.string().trim().min(3).max(200).describe('The request this erasure answers (e.g. "art. 17 request of 2026-12-01, prot. 1234")'),
});

export const erasureView = z.object({ citizenId: z.string(), erasedAt: z.string(), counts: z.record(z.string(), z.number()) });
