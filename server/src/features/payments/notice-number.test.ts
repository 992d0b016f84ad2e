import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildNoticeNumber,
  computeCheckDigits,
  formatNoticeNumber,
  paymentQrCode,
  validateNoticeNumber,
} from './notice-number.js';

// Hand arithmetic below splits the 16-digit number N into two 8-digit chunks,
// N = hi·10^8 + lo, with 10^8 mod 93 = 76 (10^2 = 100 ≡ 7, 10^4 ≡ 49,
// 10^8 ≡ 49² = 2401 = 25·93 + 76).

// aux 3: N = 3012345678901234 = 30123456·10^8 + 78901234
//   30123456 = 93·323908 + 12;  78901234 = 93·848400 + 34
//   N ≡ 12·76 + 34 = 946 = 10·93 + 16  -> check "16"
const AUX3 = '301234567890123416';
// aux 0: N = 0011234567890123 = 00112345·10^8 + 67890123
//   112345 = 93·1208 + 1;  67890123 = 93·730001 + 30
//   N ≡ 1·76 + 30 = 106 = 93 + 13  -> check "13"
const AUX0 = '001123456789012313';
// aux 2: N = 2123456789012345 = 21234567·10^8 + 89012345
//   21234567 = 93·228328 + 63;  89012345 = 93·957121 + 92
//   N ≡ 63·76 + 92 = 4880 = 52·93 + 44  -> check "44"
const AUX2 = '212345678901234544';
// aux 1: any 17 digits, no check digits.
const AUX1 = '112345678901234567';
// aux 3 with a check below 10, to exercise the zero padding:
//   10^15 ≡ 1 (mod 93) because 10^15 - 1 = 93·10752688172043,
//   so N = 3·10^15 + 90 ≡ 3 + 90 = 93 ≡ 0  -> check "00"
const AUX3_ZERO = '300000000000009000';

describe('computeCheckDigits', () => {
  it('matches the hand-computed examples', () => {
    expect(computeCheckDigits(3, '01' + '2345678901234')).toBe('16');
    expect(computeCheckDigits(0, '011234567890123')).toBe('13');
    expect(computeCheckDigits(2, '123456789012345')).toBe('44');
    expect(computeCheckDigits(3, '000000000000090')).toBe('00');
    expect(computeCheckDigits(3, '000000000000094')).toBe('04');
  });

  it('agrees with BigInt arithmetic on random 15-digit prefixes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0 as const, 2 as const, 3 as const),
        fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }),
        (aux, n) => {
          const prefix = n.toString().padStart(15, '0');
          const expected = (BigInt(aux) * 10n ** 15n + n) % 93n;
          expect(computeCheckDigits(aux, prefix)).toBe(expected.toString().padStart(2, '0'));
        },
      ),
    );
  });

  it('rejects bad arguments', () => {
    expect(() => computeCheckDigits(3, '12345')).toThrow(RangeError);
    expect(() => computeCheckDigits(3, '01234567890123a')).toThrow(RangeError);
    expect(() => computeCheckDigits(1 as 3, '012345678901234')).toThrow(RangeError);
  });
});

describe('validateNoticeNumber', () => {
  it('aux 3: segregation code, IUV and check digits', () => {
    expect(validateNoticeNumber(AUX3)).toEqual({
      valid: true,
      noticeNumber: AUX3,
      auxDigit: 3,
      iuv: '01234567890123416',
      segregationCode: '01',
      checkDigits: '16',
    });
    expect(validateNoticeNumber(AUX3_ZERO)).toMatchObject({ valid: true, checkDigits: '00' });
  });

  it('aux 0: application code, IUV and check digits', () => {
    expect(validateNoticeNumber(AUX0)).toEqual({
      valid: true,
      noticeNumber: AUX0,
      auxDigit: 0,
      iuv: '01123456789012313',
      applicationCode: '01',
      checkDigits: '13',
    });
  });

  it('aux 2: 15-digit base and check digits', () => {
    expect(validateNoticeNumber(AUX2)).toEqual({
      valid: true,
      noticeNumber: AUX2,
      auxDigit: 2,
      iuv: '12345678901234544',
      checkDigits: '44',
    });
  });

  it('aux 1: 17-digit IUV, always valid', () => {
    expect(validateNoticeNumber(AUX1)).toEqual({
      valid: true,
      noticeNumber: AUX1,
      auxDigit: 1,
      iuv: '12345678901234567',
    });
    expect(validateNoticeNumber('100000000000000000')).toMatchObject({ valid: true });
  });

  it('accepts printed groupings with spaces, dashes and dots', () => {
    for (const input of [
      '3012 3456 7890 1234 16',
      ' 3012-3456-7890-1234-16 ',
      '3012.3456.7890.1234.16',
      '301 234 567 890 123 416',
      '3012\u00a03456 7890  1234\t16',
    ]) {
      expect(validateNoticeNumber(input)).toMatchObject({ valid: true, noticeNumber: AUX3 });
    }
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['17 digits', '30123456789012341'],
    ['19 digits', '3012345678901234160'],
  ])('length: %s', (_label, input) => {
    expect(validateNoticeNumber(input)).toEqual({ valid: false, reason: 'length' });
  });

  it.each([
    ['letter', '30123456789O123416'],
    ['slash separator', '3012/3456/7890/1234/16'],
    ['leading dash', '-301234567890123416'],
    ['trailing dot', '301234567890123416.'],
    ['RF creditor reference', 'RF18539007547034'],
  ])('characters: %s', (_label, input) => {
    expect(validateNoticeNumber(input)).toEqual({ valid: false, reason: 'characters' });
  });

  it.each(['4', '5', '6', '7', '8', '9'])('aux-digit: %s', (aux) => {
    expect(validateNoticeNumber(aux + AUX3.slice(1))).toEqual({
      valid: false,
      reason: 'aux-digit',
    });
  });

  it.each([
    ['aux 3', '301234567890123417'],
    ['aux 3, check 93 (out of range)', '301234567890123493'],
    ['aux 0', '001123456789012314'],
    ['aux 2', '212345678901234545'],
  ])('check-digits: %s', (_label, input) => {
    expect(validateNoticeNumber(input)).toEqual({ valid: false, reason: 'check-digits' });
  });
});

describe('buildNoticeNumber', () => {
  it('builds the hand-computed example', () => {
    expect(buildNoticeNumber({ segregationCode: '01', iuvBase: '2345678901234' })).toBe(AUX3);
  });

  it('rejects malformed parts', () => {
    expect(() => buildNoticeNumber({ segregationCode: '1', iuvBase: '2345678901234' })).toThrow(
      RangeError,
    );
    expect(() => buildNoticeNumber({ segregationCode: '01', iuvBase: '234567890123' })).toThrow(
      RangeError,
    );
    expect(() => buildNoticeNumber({ segregationCode: 'ab', iuvBase: '2345678901234' })).toThrow(
      RangeError,
    );
  });

  const segArb = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
  const baseArb = fc
    .bigInt({ min: 0n, max: 10n ** 13n - 1n })
    .map((n) => n.toString().padStart(13, '0'));

  it('every built number validates and splits back into its parts', () => {
    fc.assert(
      fc.property(segArb, baseArb, (segregationCode, iuvBase) => {
        const n = buildNoticeNumber({ segregationCode, iuvBase });
        expect(n).toMatch(/^3\d{17}$/);
        const r = validateNoticeNumber(n);
        expect(r).toMatchObject({ valid: true, auxDigit: 3, segregationCode, noticeNumber: n });
        if (r.valid) expect(r.iuv.slice(2, 15)).toBe(iuvBase);
      }),
      { numRuns: 1000 },
    );
  });

  /**
   * Detection of single-digit errors in an aux-3 number, measured: 100% for
   * the 17 check-relevant digits (segregation code, base, check digits).
   * Why: changing digit k of the 16-digit N by d (1 ≤ |d| ≤ 9) changes N by
   * d·10^k; 93 = 3·31 is coprime with 10 and larger than |d|, so the
   * remainder always changes. Changing a check digit changes the two-digit
   * value, which then differs from the one remainder that is correct.
   * The aux digit is the exception: 3 → 1 turns it into a legacy aux-1
   * number, which has no check digits and so is valid (3 → 0 and 3 → 2 are
   * caught by mod 93; 3 → 4..9 by the aux-digit rule).
   */
  it('detects every single-digit change in the check-relevant digits', () => {
    fc.assert(
      fc.property(segArb, baseArb, (segregationCode, iuvBase) => {
        const n = buildNoticeNumber({ segregationCode, iuvBase });
        let tried = 0;
        let caught = 0;
        for (let i = 1; i < 18; i++) {
          for (const d of '0123456789') {
            if (d === n.charAt(i)) continue;
            tried++;
            if (!validateNoticeNumber(n.slice(0, i) + d + n.slice(i + 1)).valid) caught++;
          }
        }
        expect({ tried, caught }).toEqual({ tried: 153, caught: 153 });

        const auxChanges = [...'012456789'].map((d) => validateNoticeNumber(d + n.slice(1)));
        expect(auxChanges.filter((r) => r.valid).map((r) => r.valid && r.auxDigit)).toEqual([1]);
      }),
      { numRuns: 300 },
    );
  });

  /**
   * Adjacent transpositions inside the first 16 digits change N by
   * (a-b)·9·10^k, which is 0 mod 93 only if 31 divides a-b: never for digits.
   */
  it('detects every adjacent transposition within segregation code and base', () => {
    fc.assert(
      fc.property(segArb, baseArb, (segregationCode, iuvBase) => {
        const n = buildNoticeNumber({ segregationCode, iuvBase });
        for (let i = 1; i < 15; i++) {
          if (n[i] === n[i + 1]) continue;
          const swapped = n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2);
          expect(validateNoticeNumber(swapped)).toEqual({ valid: false, reason: 'check-digits' });
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatNoticeNumber', () => {
  it('groups in fours as on printed notices', () => {
    expect(formatNoticeNumber(AUX3)).toBe('3012 3456 7890 1234 16');
    expect(formatNoticeNumber('3012-3456-7890-1234-16')).toBe('3012 3456 7890 1234 16');
  });

  it('round-trips through validateNoticeNumber', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }), (n) => {
        const digits = n.toString().padStart(18, '0');
        const formatted = formatNoticeNumber(digits);
        expect(formatted).toMatch(/^\d{4} \d{4} \d{4} \d{4} \d{2}$/);
        expect(formatted.replace(/ /g, '')).toBe(digits);
        const direct = validateNoticeNumber(digits);
        expect(validateNoticeNumber(formatted)).toEqual(direct);
      }),
      { numRuns: 500 },
    );
  });

  it('throws on something that is not 18 digits', () => {
    expect(() => formatNoticeNumber('3012')).toThrow(RangeError);
    expect(() => formatNoticeNumber('30123456789O123416')).toThrow(RangeError);
  });
});

describe('paymentQrCode', () => {
  const MILANO = '01199250158';

  it('builds the QR content', () => {
    expect(
      paymentQrCode({ noticeNumber: AUX3, creditorFiscalCode: MILANO, amountCents: 12345 }),
    ).toBe('PAGOPA|002|301234567890123416|01199250158|12345');
  });

  it('normalises a grouped notice number', () => {
    expect(
      paymentQrCode({
        noticeNumber: '3012 3456 7890 1234 16',
        creditorFiscalCode: MILANO,
        amountCents: 1,
      }),
    ).toBe('PAGOPA|002|301234567890123416|01199250158|1');
  });

  it.each([
    ['bad check digits', { noticeNumber: '301234567890123417' }],
    ['short notice', { noticeNumber: '3012' }],
    ['10-digit creditor', { creditorFiscalCode: '1199250158' }],
    ['creditor with letters', { creditorFiscalCode: 'RSSMRA80A01F205X' }],
    ['zero amount', { amountCents: 0 }],
    ['negative amount', { amountCents: -100 }],
    ['fractional amount', { amountCents: 12.5 }],
    ['NaN amount', { amountCents: Number.NaN }],
    ['unsafe amount', { amountCents: 2 ** 53 }],
  ])('throws on %s', (_label, over) => {
    expect(() =>
      paymentQrCode({ noticeNumber: AUX3, creditorFiscalCode: MILANO, amountCents: 100, ...over }),
    ).toThrow(RangeError);
  });
});
