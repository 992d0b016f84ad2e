import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, codeMatches, hashCode, isWellFormedCode, newBookingCode, normaliseCode } from './booking-code';

describe('booking codes', () => {
  it('are two groups of five unambiguous characters', () => {
    for (let i = 0; i < 200; i++) {
      const code = newBookingCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
      expect(isWellFormedCode(code)).toBe(true);
    }
    expect(CODE_ALPHABET).not.toMatch(/[ILOU]/);
  });

  it('do not repeat (50 random bits)', () => {
    const seen = new Set(Array.from({ length: 5000 }, newBookingCode));
    expect(seen.size).toBe(5000);
  });

  it('accept what people type: lower case, spaces, O for 0, I or L for 1', () => {
    expect(normaliseCode('ab1c0 - xyz01')).toBe('AB1C0XYZ01');
    expect(normaliseCode('abic o-xyzol')).toBe('AB1C0XYZ01');
    const id = '5c7b1a52-7d4e-4f3a-9a53-7b1f0f0c1a01';
    const stored = hashCode(id, 'AB1C0-XYZ01');
    expect(codeMatches(id, 'abic0 xyzo1', stored)).toBe(true);
  });

  it('match only their own record and their own code', () => {
    const id = '5c7b1a52-7d4e-4f3a-9a53-7b1f0f0c1a01';
    const stored = hashCode(id, 'AB1C0-XYZ01');
    expect(stored).not.toContain('AB1C0');
    expect(codeMatches(id, 'AB1C0-XYZ02', stored)).toBe(false);
    expect(codeMatches('5c7b1a52-7d4e-4f3a-9a53-7b1f0f0c1a02', 'AB1C0-XYZ01', stored)).toBe(false);
    expect(codeMatches(id, '', stored)).toBe(false);
  });

  it('refuses malformed codes', () => {
    expect(isWellFormedCode('ABCDE')).toBe(false);
    expect(isWellFormedCode('ABCDE-FGHJ!')).toBe(false);
    expect(isWellFormedCode('ABCDE-FGHJU')).toBe(false);
  });
});
