/**
 * Contact points as stored and matched: phones in E.164 (ITU-T E.164: "+", country code, at most 15
 * digits), emails in lower case, messaging ids as `<provider>:<id>` (`whatsapp:+393331234567`, the
 * form WhatsApp Business providers use). Pure: incoming contacts and staff edits both pass through
 * here, so "333 123 4567", "0039 333 1234567" and "+39 333-123-4567" are one number.
 */
import type { ContactPointKind } from './tables';

/** Italy (the demo city's country): national numbers without a prefix are read as +39. */
export const DEFAULT_COUNTRY_CODE = '39';

const E164 = /^\+[1-9]\d{6,14}$/;

/** A phone number in E.164, or null when it cannot be one. */
export function normalisePhone(raw: string, countryCode = DEFAULT_COUNTRY_CODE): string | null {
  let s = raw.trim().replace(/^tel:/i, '').replace(/[\s.\-()/]/g, '');
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  // Italian numbers keep their leading 0 after the country code (+39 02 …: Milan's landlines).
  else if (!s.startsWith('+') && /^\d+$/.test(s)) s = `+${countryCode}${s}`;
  return E164.test(s) ? s : null;
}

// Deliberately loose (RFC 5321 allows far more than forms do); lower-cased whole, since mail systems
// treat the local part case-insensitively in practice and citizens type it either way.
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export function normaliseEmail(raw: string): string | null {
  const s = raw.trim().replace(/^mailto:/i, '').toLowerCase();
  return s.length <= 254 && EMAIL.test(s) ? s : null;
}

/** Providers whose ids are phone numbers, normalised like phones. */
const PHONE_PROVIDERS = new Set(['whatsapp', 'sms', 'viber', 'signal']);

export function normaliseMessagingId(raw: string): string | null {
  const m = /^\s*([a-z][a-z0-9-]{1,30})\s*:\s*(\S.*?)\s*$/i.exec(raw);
  if (!m) return null;
  const provider = m[1]!.toLowerCase();
  if (PHONE_PROVIDERS.has(provider)) {
    const phone = normalisePhone(m[2]!);
    return phone ? `${provider}:${phone}` : null;
  }
  return m[2]!.length <= 200 && !/\s/.test(m[2]!) ? `${provider}:${m[2]}` : null;
}

export function normaliseContactPoint(kind: ContactPointKind, value: string): string | null {
  if (kind === 'phone') return normalisePhone(value);
  if (kind === 'email') return normaliseEmail(value);
  return normaliseMessagingId(value);
}

export const CHANNELS = ['webchat', 'email', 'sms', 'whatsapp', 'voice', 'web-form'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * The contact points an address on a channel may match, most specific first. A WhatsApp sender is
 * its `whatsapp:` id or, failing that, the same number stored as a phone; web chat and forms carry
 * whatever the citizen typed.
 */
export function addressCandidates(channel: Channel, address: string): { kind: ContactPointKind; value: string }[] {
  const out: { kind: ContactPointKind; value: string }[] = [];
  const push = (kind: ContactPointKind, value: string | null) => {
    if (value && !out.some((c) => c.kind === kind && c.value === value)) out.push({ kind, value });
  };
  switch (channel) {
    case 'voice':
    case 'sms':
      push('phone', normalisePhone(address));
      break;
    case 'whatsapp': {
      const id = normaliseMessagingId(address.includes(':') ? address : `whatsapp:${address}`);
      push('messaging', id);
      if (id?.startsWith('whatsapp:')) push('phone', id.slice('whatsapp:'.length));
      break;
    }
    case 'email':
      push('email', normaliseEmail(address));
      break;
    default:
      if (address.includes('@')) push('email', normaliseEmail(address));
      else if (/^[a-z][a-z0-9-]*:/i.test(address) && !/^tel:/i.test(address)) push('messaging', normaliseMessagingId(address));
      else push('phone', normalisePhone(address));
  }
  return out;
}

/** The normalised form of an address on a channel (what a contact stores), or null. */
export function normaliseAddress(channel: Channel, address: string): string | null {
  const [first] = addressCandidates(channel, address);
  return first?.value ?? null;
}
