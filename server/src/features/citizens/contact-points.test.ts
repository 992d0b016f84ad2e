import { describe, expect, it } from 'vitest';
import { addressCandidates, normaliseAddress, normaliseEmail, normaliseMessagingId, normalisePhone } from './contact-points';

describe('normalisePhone', () => {
  it.each([
    ['333 123 4567', '+393331234567'],
    ['+39 333-123-4567', '+393331234567'],
    ['0039 333.123.4567', '+393331234567'],
    ['(02) 02 02', '+39020202'],
    ['02 0202', '+39020202'],
    ['tel:+44 20 7946 0958', '+442079460958'],
    ['+1 (212) 639-9675', '+12126399675'],
  ])('%s -> %s', (raw, expected) => expect(normalisePhone(raw)).toBe(expected));

  it.each(['', 'abc', '+0 123 4567', '+39 12', '+1234567890123456', '333 12a 4567'])('refuses %j', (raw) => expect(normalisePhone(raw)).toBeNull());
});

describe('normaliseEmail and messaging ids', () => {
  it('lower-cases and trims emails, refusing what is not one', () => {
    expect(normaliseEmail('  Mario.Rossi@Comune.Milano.IT ')).toBe('mario.rossi@comune.milano.it');
    expect(normaliseEmail('mailto:a@b.it')).toBe('a@b.it');
    for (const bad of ['mario', 'a@b', 'a b@c.it', '@c.it']) expect(normaliseEmail(bad)).toBeNull();
  });

  it('normalises the phone inside phone-based messaging ids', () => {
    expect(normaliseMessagingId('WhatsApp:+39 333 123 4567')).toBe('whatsapp:+393331234567');
    expect(normaliseMessagingId('telegram:mario_rossi')).toBe('telegram:mario_rossi');
    expect(normaliseMessagingId('whatsapp:nope')).toBeNull();
    expect(normaliseMessagingId('+393331234567')).toBeNull();
  });
});

describe('addressCandidates', () => {
  it('reads a WhatsApp sender as its id, then as the same phone', () => {
    expect(addressCandidates('whatsapp', '+39 333 1234567')).toEqual([
      { kind: 'messaging', value: 'whatsapp:+393331234567' },
      { kind: 'phone', value: '+393331234567' },
    ]);
  });

  it('reads voice and SMS as phones, email as email, web chat by shape', () => {
    expect(addressCandidates('voice', '3331234567')).toEqual([{ kind: 'phone', value: '+393331234567' }]);
    expect(addressCandidates('email', 'A@B.it')).toEqual([{ kind: 'email', value: 'a@b.it' }]);
    expect(normaliseAddress('webchat', 'A@B.it')).toBe('a@b.it');
    expect(normaliseAddress('web-form', '02 0202')).toBe('+39020202');
    expect(normaliseAddress('sms', 'not a phone')).toBeNull();
  });
});
