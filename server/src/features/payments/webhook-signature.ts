/**
 * The receipt webhook's signature: `X-PagoPA-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`,
 * the HMAC computed with the shared secret over `<t>.<raw body>`. Signing the timestamp with the
 * body lets us refuse old deliveries (replays) without keeping every signature; a repeated
 * delivery inside the tolerance is caught by the receipt id instead (idempotent, receipts.ts).
 * Pure; compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-pagopa-signature';

export function signReceipt(secret: string, rawBody: string, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'mismatch' | 'expired' };

export function verifyReceiptSignature(
  secret: string,
  rawBody: string,
  header: string | undefined,
  nowMs: number,
  toleranceSeconds: number,
): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing' };
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = parts.get('t');
  const v1 = parts.get('v1');
  if (!t || !/^\d{1,12}$/.test(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return { ok: false, reason: 'malformed' };
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) return { ok: false, reason: 'mismatch' };
  // Checked after the MAC so that an attacker learns nothing from the timestamp of a forged header.
  if (Math.abs(nowMs / 1000 - Number(t)) > toleranceSeconds) return { ok: false, reason: 'expired' };
  return { ok: true };
}
