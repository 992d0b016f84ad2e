import { z } from 'zod';
import { AppError } from '../../platform/errors/error-codes';
import { validateFiscalCode } from '../citizens';

/**
 * Who an appointment is for. The codice fiscale identifies the citizen (one active booking per
 * service) and is checked with the citizens feature's validator (omocodia included); phone numbers
 * are stored in E.164, the form SMS gateways take (an Italian mobile such as 333 123 4567 gets +39).
 */
export interface CitizenInput {
  fiscalCode: string;
  name: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
}

export interface Citizen {
  fiscalCode: string;
  name: string;
  email: string | null;
  phone: string | null;
}

export function normalisePhone(input: string): string | null {
  let p = input.replace(/[\s().\-/]/g, '');
  if (p.startsWith('00')) p = `+${p.slice(2)}`;
  // Italian numbers without the country code: mobiles start with 3, landlines with 0.
  if (/^(3\d{8,9}|0\d{5,10})$/.test(p)) p = `+39${p}`;
  return /^\+[1-9]\d{6,14}$/.test(p) ? p : null;
}

const text = (max: number) => z.string().max(max).refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

export const citizenSchema = z.object({
  fiscalCode: z.string().min(1).max(32).describe('Codice fiscale, 16 characters (lower case accepted)'),
  name: text(200).pipe(z.string().trim().min(1)),
  email: z.email().max(320).nullable().optional(),
  phone: z
    .string()
    .max(32)
    .refine((p) => normalisePhone(p) !== null, 'an international phone number such as +39 333 123 4567')
    .nullable()
    .optional(),
});

/** Validates and normalises; a bad codice fiscale is 422 with the validator's reason. */
export function readCitizen(input: CitizenInput, field = 'body.citizen'): Citizen {
  const result = validateFiscalCode(input.fiscalCode);
  if (!result.valid) {
    throw new AppError('appointments.invalid_fiscal_code', `The codice fiscale is not valid (${result.reason}).`, [
      { field: `${field}.fiscalCode`, message: result.reason },
    ]);
  }
  const phone = input.phone ? normalisePhone(input.phone) : null;
  if (input.phone && !phone) throw new AppError('request.invalid_body', 'The phone number is not valid.', [{ field: `${field}.phone`, message: 'not a phone number' }]);
  const name = input.name.trim();
  if (!name || name.length > 200) throw new AppError('request.invalid_body', 'The name is missing.', [{ field: `${field}.name`, message: 'required' }]);
  return { fiscalCode: result.code, name, email: input.email ?? null, phone };
}

/** What a citizen reading their own appointment sees of the code: enough to recognise it. */
export function maskFiscalCode(code: string): string {
  return `${code.slice(0, 6)}${'*'.repeat(9)}${code.slice(15)}`;
}
