import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Booking codes: what a citizen needs, beside the appointment's id, to read, cancel or move it.
 * Ten characters of Crockford's base32 (digits and capitals without I, L, O, U: nothing to confuse
 * when read aloud on the phone or copied from an SMS), 50 random bits, shown as two groups of five.
 * Only a hash bound to the record's id is stored; comparisons take constant time.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;

export function newBookingCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  // 32 symbols: the low five bits of each byte are uniform, so there is no modulo bias.
  for (const b of bytes) code += CODE_ALPHABET[b & 31];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** Upper case, separators dropped, and the look-alikes Crockford maps: O→0, I and L→1. */
export function normaliseCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export function isWellFormedCode(input: string): boolean {
  const code = normaliseCode(input);
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c));
}

/** The stored form: SHA-256 over the record id and the normalised code (a code is useless elsewhere). */
export function hashCode(recordId: string, code: string): string {
  return createHash('sha256').update(`${recordId}:${normaliseCode(code)}`).digest('hex');
}

export function codeMatches(recordId: string, code: string, storedHash: string): boolean {
  const given = Buffer.from(hashCode(recordId, code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
