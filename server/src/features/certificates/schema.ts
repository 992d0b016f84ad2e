import { z } from 'zod';
import { certificateStatuses } from './workflow';

const code = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a code such as residenza');
const feeView = z.object({
  amount: z.object({ amount: z.number().int(), currency: z.literal('EUR') }),
  status: z.enum(['none', 'unpaid', 'paid', 'cancelled']),
  exemption: z.string().nullable(),
  notice: z
    .object({ noticeNumber: z.string(), formatted: z.string(), paymentId: z.string(), qrCode: z.string().describe('PAGOPA|002|… content of the notice QR code'), status: z.string() })
    .nullable()
    .describe('The pagoPA notice of the €16 stamp duty, when it is due'),
});

export const langQuery = z.string().max(16).optional().describe("Answer language (one of the city's languages)");

export const catalogView = z.object({
  language: z.string(),
  stampDuty: z.object({ amount: z.number().int(), currency: z.literal('EUR') }),
  validityMonths: z.number().int(),
  deliveryWorkingDays: z.number().int(),
  approvalRequiresPayment: z.boolean(),
  types: z.array(z.object({ code: z.string(), name: z.string(), description: z.string(), alwaysExempt: z.boolean(), exemptReference: z.string().nullable() })),
  exemptions: z.array(z.object({ code: z.string(), label: z.string(), legalReference: z.string() })),
});

const fileRequestFields = z.object({
    certificateType: code,
    fiscalCode: z.string().min(1).max(32).describe('Codice fiscale of the person the certificate is about'),
    name: z.string().trim().min(1).max(200).describe('Name printed on the envelope'),
    address: z.object({
      street: z.string().trim().min(1).max(200),
      zipcode: z.string().regex(/^\d{5}$/, 'five digits (CAP)'),
      city: z.string().trim().min(1).max(100),
      province: z.string().regex(/^[A-Z]{2}$/, 'two capital letters, e.g. MI').optional(),
      careOf: z.string().trim().min(1).max(200).optional(),
    }),
    exemption: code.optional().describe('The declared stamp-duty exemption, if any (see the catalog)'),
    language: z.string().min(2).max(16).describe('Language of the notifications'),
    email: z.email().max(254).optional(),
    phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164, e.g. +393331234567').optional(),
});

const hasContact = (b: { email?: string | undefined; phone?: string | undefined }) => b.email !== undefined || b.phone !== undefined;
const contactMessage = { message: 'an email address or a phone number is needed for the updates', path: ['email'] };

export const fileRequestBody = fileRequestFields.refine(hasContact, contactMessage);

export const assistedRequestBody = fileRequestFields
  .extend({ reason: z.string().trim().min(1).max(200).optional().describe('The contact this was filed in, e.g. "call 4711"') })
  .refine(hasContact, contactMessage);

export const idempotencyHeaders = z.looseObject({
  'idempotency-key': z.string().regex(/^[\x21-\x7e]{8,200}$/, '8–200 visible ASCII characters, e.g. a UUID').optional(),
});

export const filedView = z.object({
  id: z.string(),
  code: z.string(),
  status: z.literal('requested'),
  certificateType: z.string(),
  expectedDelivery: z.string().nullable(),
  fee: feeView,
  text: z.string(),
  createdAt: z.string(),
});

export const requestCodeParams = z.object({ code: z.string().regex(/^[A-Za-z0-9-]{1,20}$/, 'a request code such as CR-7K3M-9XQ2') });

export const trackQuery = z.object({
  fiscalCode: z.string().min(1).max(32).describe("The fiscal code given with the request (second factor)"),
  lang: langQuery,
});

const status = z.enum(certificateStatuses);

export const citizenView = z.object({
  code: z.string(),
  certificateType: z.object({ code: z.string(), name: z.string() }),
  status,
  text: z.string(),
  fee: feeView,
  expectedDelivery: z.string().nullable(),
  issuedOn: z.string().nullable(),
  validUntil: z.string().nullable(),
  createdAt: z.string(),
  history: z.array(z.object({ status, at: z.string() })),
});

export const worklistQuery = z.object({ status: status.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
export const worklistItem = z.object({
  code: z.string(),
  certificateType: z.string(),
  status,
  feeStatus: z.enum(['none', 'unpaid', 'paid', 'cancelled']),
  filedBy: z.enum(['citizen', 'agent']),
  expectedDelivery: z.string().nullable(),
  createdAt: z.string(),
  next: z.array(status),
});

export const staffView = z.object({
  id: z.string(),
  code: z.string(),
  certificateType: z.string(),
  status,
  next: z.array(status),
  fiscalCode: z.string(),
  name: z.string(),
  address: z.object({ street: z.string(), zipcode: z.string(), city: z.string(), province: z.string().optional(), careOf: z.string().optional() }),
  language: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  fee: feeView,
  filedBy: z.enum(['citizen', 'agent']),
  expectedDelivery: z.string().nullable(),
  issuedOn: z.string().nullable(),
  validUntil: z.string().nullable(),
  createdAt: z.string(),
  history: z.array(z.object({ from: status.nullable(), to: status, at: z.string(), actorKind: z.string(), actor: z.string(), note: z.string().nullable() })),
});

export const transitionBody = z.object({ to: status, note: z.string().trim().max(1000).optional().describe('Shown to the citizen; required for a rejection') });
export const transitionView = z.object({ code: z.string(), from: status, status });
