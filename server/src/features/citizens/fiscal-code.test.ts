import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  computeCheckCharacter,
  encodeFiscalCode,
  omocodeVariants,
  validateFiscalCode,
  type FiscalCodePerson,
} from './fiscal-code.js';

// Fixed clock: decoding depends on `now` through the century rule.
const NOW = new Date('2025-06-15T12:00:00Z');

/** Appends the correct check character, so a test isolates one other fault. */
const withCheck = (first15: string): string => first15 + computeCheckCharacter(first15);

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const OMOCODE = 'LMNPQRSTUV';
const DIGIT_POSITIONS = [7, 8, 10, 11, 13, 14, 15];
/** Characters the layout allows at a 1-based position. */
const allowedAt = (pos: number): string =>
  DIGIT_POSITIONS.includes(pos) ? DIGITS + OMOCODE : LETTERS;

describe('computeCheckCharacter', () => {
  it('computes X for RSSMRA80A01F205 (worked example)', () => {
    // pos char table value
    //  1  R  odd   8 |  2 S even 18
    //  3  S  odd  12 |  4 M even 12
    //  5  R  odd   8 |  6 A even  0
    //  7  8  odd  19 |  8 0 even  0
    //  9  A  odd   1 | 10 0 even  0
    // 11  1  odd   0 | 12 F even  5
    // 13  2  odd   5 | 14 0 even  0
    // 15  5  odd  13 |
    // odd sum 66 + even sum 35 = 101; 101 mod 26 = 23 -> X
    expect(computeCheckCharacter('RSSMRA80A01F205')).toBe('X');
  });

  it('computes V for the woman RSSMRA85T50F205 (worked example)', () => {
    // odd:  R8 S12 R8 '8'19 T14 '0'1 '2'5 '5'13 = 80
    // even: S18 M12 A0 '5'5 '5'5 F5 '0'0       = 45
    // 125 mod 26 = 21 -> V
    expect(computeCheckCharacter('RSSMRA85T50F205')).toBe('V');
  });

  it.each([
    // python-codicefiscale README: Fabio Caccamo, Torino (L219), 3 Apr 1985.
    ['CCCFBA85D03L219', 'P'],
    // python-codicefiscale tests (issue 79): Mario Rossi, Torino, 29 Nov 2004 / 2000.
    ['RSSMRA04S29L219', 'G'],
    ['RSSMRA00S29L219', 'C'],
    // it.wikipedia "Codice fiscale": Matteo Moretti, Milano, 9 Apr 1925.
    ['MRTMTT25D09F205', 'Z'],
    // Widely used Agenzia-style sample: Mario Rossi, 10 Dec 1985, A562.
    ['RSSMRA85T10A562', 'S'],
  ])('computes the published check character of %s', (first15, expected) => {
    expect(computeCheckCharacter(first15)).toBe(expected);
  });

  it('accepts lower case and rejects wrong input', () => {
    expect(computeCheckCharacter('rssmra80a01f205')).toBe('X');
    expect(() => computeCheckCharacter('RSSMRA80A01F20')).toThrow(RangeError);
    expect(() => computeCheckCharacter('RSSMRA80A01F2-5')).toThrow(RangeError);
  });
});

describe('validateFiscalCode', () => {
  it('decodes the reference example RSSMRA80A01F205X', () => {
    expect(validateFiscalCode('RSSMRA80A01F205X', NOW)).toEqual({
      valid: true,
      code: 'RSSMRA80A01F205X',
      birthDate: '1980-01-01',
      sex: 'M',
      placeCode: 'F205',
      omocode: false,
    });
  });

  it.each([
    // [label, code, birthDate, sex, placeCode]
    ['a woman (day + 40)', 'RSSMRA85T50F205V', '1985-12-10', 'F', 'F205'],
    ['a woman born on the 31st (day 71)', withCheck('RSSMRA90A71F205'), '1990-01-31', 'F', 'F205'],
    ['a woman born on the 1st (day 41)', withCheck('RSSMRA90A41F205'), '1990-01-01', 'F', 'F205'],
    ['CCCFBA85D03L219P (published)', 'CCCFBA85D03L219P', '1985-04-03', 'M', 'L219'],
    ['RSSMRA04S29L219G (published)', 'RSSMRA04S29L219G', '2004-11-29', 'M', 'L219'],
    ['RSSMRA00S29L219C (published)', 'RSSMRA00S29L219C', '2000-11-29', 'M', 'L219'],
    // Z404 = Stati Uniti d'America.
    ['a foreign birth place (Z + 3 digits)', withCheck('SMTJHN70M15Z404'), '1970-08-15', 'M', 'Z404'],
    ['29 February in a leap year', withCheck('RSSMRA80B29F205'), '1980-02-29', 'M', 'F205'],
  ])('decodes %s', (_label, code, birthDate, sex, placeCode) => {
    const expected = { valid: true, code, birthDate, sex, placeCode, omocode: false };
    expect(validateFiscalCode(code, NOW)).toEqual(expected);
  });

  describe('century rule', () => {
    it('chooses 20YY when that date is not after now, else 19YY', () => {
      // Matteo Moretti, born 9 Apr 1925: read 1925 before 9 Apr 2025, 2025 from then on.
      const code = 'MRTMTT25D09F205Z';
      const decode = (now: string) => validateFiscalCode(code, new Date(now));
      expect(decode('2025-04-08T23:00:00Z')).toMatchObject({ birthDate: '1925-04-09' });
      expect(decode('2025-04-09T00:00:00Z')).toMatchObject({ birthDate: '2025-04-09' });
    });

    it('applies the century before checking 29 February', () => {
      const feb29 = withCheck('RSSMRA00B29F205');
      expect(validateFiscalCode(feb29, NOW)).toMatchObject({ valid: true, birthDate: '2000-02-29' });
      // Seen from 1999, "00" means 1900, which was not a leap year.
      const from1999 = validateFiscalCode(feb29, new Date('1999-12-31T00:00:00Z'));
      expect(from1999).toEqual({ valid: false, reason: 'day' });
    });

    it('uses the current date by default', () => {
      expect(validateFiscalCode('RSSMRA80A01F205X')).toMatchObject({ birthDate: '1980-01-01' });
    });
  });

  it('normalises case and whitespace, keeping the original omocode letters', () => {
    expect(validateFiscalCode('  rssmra 80a01 f205x ', NOW)).toMatchObject({
      valid: true,
      code: 'RSSMRA80A01F205X',
    });
    expect(validateFiscalCode('RSS MRA\t80A01\nF205X', NOW)).toMatchObject({ valid: true });
    expect(validateFiscalCode('rssmra80a01f20rs', NOW)).toMatchObject({
      valid: true,
      code: 'RSSMRA80A01F20RS',
      placeCode: 'F205',
      omocode: true,
    });
  });

  describe('invalid reasons', () => {
    it.each(['', 'RSSMRA80A01F205', 'RSSMRA80A01F205XX', 'RSSMRA80A01-F205X'])(
      'length: %j',
      (input) => {
        expect(validateFiscalCode(input, NOW)).toEqual({ valid: false, reason: 'length' });
      },
    );

    it.each([
      ['digit in the surname', 'R5SMRA80A01F205X'],
      ['non-omocode letter in the year', 'RSSMRA8AA01F205X'],
      ['digit in the month slot', 'RSSMRA80101F205X'],
      ['letter in the day that is not omocode', 'RSSMRA80A0BF205X'],
      ['digit as place letter', 'RSSMRA80A011205X'],
      ['digit as check character', 'RSSMRA80A01F2050'],
      ['punctuation', 'RSSMRA80A01F205!'],
      ['accented letter', 'RSSMRÀ80A01F205X'],
    ])('characters: %s', (_label, input) => {
      expect(validateFiscalCode(input, NOW)).toEqual({ valid: false, reason: 'characters' });
    });

    it.each(['F', 'G', 'I', 'Z'])('month: letter %s is not a month', (letter) => {
      const r = validateFiscalCode(withCheck(`RSSMRA80${letter}01F205`), NOW);
      expect(r).toEqual({ valid: false, reason: 'month' });
    });

    it.each([
      ['day 00', 'RSSMRA80A00F205'],
      ['day 32', 'RSSMRA80A32F205'],
      ['day 40', 'RSSMRA80A40F205'],
      ['day 72', 'RSSMRA80A72F205'],
      ['30 February (man)', 'RSSMRA80B30F205'],
      ['30 February (woman)', 'RSSMRA80B70F205'],
      ['31 April', 'RSSMRA80D31F205'],
      ['29 February 2023', 'RSSMRA23B29F205'],
      ['day 00 written as omocode LL', 'RSSMRA80ALLF205'],
    ])('day: %s', (_label, first15) => {
      expect(validateFiscalCode(withCheck(first15), NOW)).toEqual({ valid: false, reason: 'day' });
    });

    it('check-character', () => {
      const r = validateFiscalCode('RSSMRA80A01F205Y', NOW);
      expect(r).toEqual({ valid: false, reason: 'check-character' });
    });
  });
});

describe('omocodeVariants', () => {
  it('substitutes positions 15, 14, 13, 11, 10, 8, 7 in turn', () => {
    expect(omocodeVariants('RSSMRA80A01F205X')).toEqual([
      'RSSMRA80A01F20RS',
      'RSSMRA80A01F2LRD',
      'RSSMRA80A01FNLRS',
      'RSSMRA80A0MFNLRK',
      'RSSMRA80ALMFNLRV',
      'RSSMRA8LALMFNLRG',
      'RSSMRAULALMFNLRD',
    ]);
  });

  it('gives 7 variants that validate to the same person', () => {
    const base = validateFiscalCode('RSSMRA85T50F205V', NOW);
    const variants = omocodeVariants('RSSMRA85T50F205V');
    expect(variants).toHaveLength(7);
    for (const v of variants) {
      const r = validateFiscalCode(v, NOW);
      expect(r).toEqual({ ...base, code: v, omocode: true });
    }
  });

  it('decodes an omocode input first and ignores its check character', () => {
    expect(omocodeVariants('rssmra80a0mfnlra')).toEqual(
      omocodeVariants('RSSMRA80A01F205X'),
    );
  });

  it('accepts omocode letters outside the right-to-left order', () => {
    // Only position 7 substituted: not the Agenzia's order, accepted on purpose.
    expect(validateFiscalCode(withCheck('RSSMRAU0A01F205'), NOW)).toMatchObject({
      valid: true,
      birthDate: '1980-01-01',
      omocode: true,
    });
  });

  it('rejects inputs that are not a code layout', () => {
    expect(() => omocodeVariants('RSSMRA80A01F205')).toThrow(RangeError);
    expect(() => omocodeVariants('RSSMRA8AA01F205X')).toThrow(RangeError);
  });
});

describe('encodeFiscalCode', () => {
  const person = (over: Partial<FiscalCodePerson>): FiscalCodePerson => ({
    surname: 'Rossi',
    name: 'Mario',
    birthDate: '1980-01-01',
    sex: 'M',
    placeCode: 'F205',
    ...over,
  });

  it('encodes the reference examples', () => {
    expect(encodeFiscalCode(person({}))).toBe('RSSMRA80A01F205X');
    expect(encodeFiscalCode(person({ name: 'Maria', birthDate: '1985-12-10', sex: 'F' }))).toBe(
      'RSSMRA85T50F205V',
    );
    expect(
      encodeFiscalCode(
        person({ surname: 'Caccamo', name: 'Fabio', birthDate: '1985-04-03', placeCode: 'L219' }),
      ),
    ).toBe('CCCFBA85D03L219P');
    expect(
      encodeFiscalCode(person({ surname: 'Moretti', name: 'Matteo', birthDate: '1925-04-09' })),
    ).toBe('MRTMTT25D09F205Z');
  });

  it.each([
    ['Rossi', 'RSS'],
    ["D'Amico", 'DMC'],
    ['De Luca', 'DLC'],
    ['Fo', 'FOX'],
    ['Fò', 'FOX'],
    ['Oe', 'OEX'],
    ['Ai', 'AIX'],
    ['Müller', 'MLL'],
    ['Straße', 'STR'],
    ['Yu', 'YUX'],
  ])('surname %s -> %s', (surname, expected) => {
    expect(encodeFiscalCode(person({ surname })).slice(0, 3)).toBe(expected);
  });

  it.each([
    ['Mario', 'MRA'],
    ['Gianfranco', 'GFR'],
    ['Alessandro', 'LSN'],
    ['Matteo', 'MTT'],
    ['Nicolò', 'NCL'],
    ['Luca', 'LCU'],
    ['Al', 'LAX'],
    ['Ugo', 'GUO'],
    ['Ed', 'DEX'],
    ['Ida', 'DIA'],
    ['Gian Luca', 'GLC'],
    ['Anna Maria', 'NMR'],
  ])('name %s -> %s', (name, expected) => {
    expect(encodeFiscalCode(person({ name })).slice(3, 6)).toBe(expected);
  });

  it('encodes a foreign country place code and lower case place codes', () => {
    expect(encodeFiscalCode(person({ placeCode: 'z404' })).slice(11, 15)).toBe('Z404');
  });

  it.each([
    ['surname without letters', { surname: "'- " }],
    ['name without letters', { name: '' }],
    ['bad date format', { birthDate: '01/01/1980' }],
    ['impossible date', { birthDate: '1981-02-29' }],
    ['month 13', { birthDate: '1980-13-01' }],
    ['bad place code', { placeCode: 'Milano' }],
    ['bad sex', { sex: 'X' as 'M' }],
  ])('throws on %s', (_label, over) => {
    expect(() => encodeFiscalCode(person(over))).toThrow(RangeError);
  });
});

// ---- properties ----

const NAME_CHARS = [...'abcdefghijklmnopqrstuvwxyzàèéìòùçäöü', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "'", ' ', '-'];
const nameArb = fc
  .string({ unit: fc.constantFrom(...NAME_CHARS), minLength: 1, maxLength: 20 })
  .filter((s) => /[a-z]/i.test(s.normalize('NFD')));

// Birth dates inside the 100-year window the century rule can represent:
// (NOW - 100 years, NOW].
const DAY_MS = 86_400_000;
const lastDay = Date.UTC(2025, 5, 15);
const firstDay = Date.UTC(1925, 5, 16);
const birthDateArb = fc
  .integer({ min: 0, max: (lastDay - firstDay) / DAY_MS })
  .map((d) => new Date(firstDay + d * DAY_MS).toISOString().slice(0, 10));

const placeArb = fc
  .tuple(fc.constantFrom(...LETTERS), fc.integer({ min: 0, max: 999 }))
  .map(([l, n]) => l + String(n).padStart(3, '0'));

const personArb = fc.record({
  surname: nameArb,
  name: nameArb,
  birthDate: birthDateArb,
  sex: fc.constantFrom('M' as const, 'F' as const),
  placeCode: placeArb,
});

describe('properties', () => {
  it('encode -> validate round-trips birth date, sex and place', () => {
    fc.assert(
      fc.property(personArb, (p) => {
        const code = encodeFiscalCode(p);
        expect(code).toMatch(/^[A-Z]{6}\d{2}[ABCDEHLMPRST]\d{2}[A-Z]\d{3}[A-Z]$/);
        const { birthDate, sex, placeCode } = p;
        const expected = { valid: true, code, birthDate, sex, placeCode, omocode: false };
        expect(validateFiscalCode(code, NOW)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('every omocode variant of a random code decodes to the same person', () => {
    fc.assert(
      fc.property(personArb, (p) => {
        const code = encodeFiscalCode(p);
        for (const v of omocodeVariants(code)) {
          const { birthDate, sex, placeCode } = p;
          const expected = { valid: true, code: v, birthDate, sex, placeCode, omocode: true };
          expect(validateFiscalCode(v, NOW)).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });

  /**
   * Measured result: 100% of single-character substitutions are caught.
   * Why: a substitution changes one term of the sum by the difference of two
   * table values. Letter positions map A–Z to 26 distinct values (the odd
   * table is a permutation of 0–25); digit positions allow digits and
   * omocode letters, whose 20 values are also distinct in either table
   * (even: 0–9 vs 11–21; odd: {0,1,5,7,9,13,15,17,19,21} vs
   * {3,4,6,8,10,12,14,16,18,20}). A non-zero difference below 26 is never
   * 0 mod 26, so the check character always changes. Changing the check
   * character itself is trivially caught.
   */
  it('catches every single layout-valid character substitution', () => {
    const exhaustive = (code: string): { tried: number; caught: number } => {
      let tried = 0;
      let caught = 0;
      for (let pos = 1; pos <= 16; pos++) {
        for (const ch of allowedAt(pos)) {
          if (ch === code.charAt(pos - 1)) continue;
          const mutated = code.slice(0, pos - 1) + ch + code.slice(pos);
          tried++;
          if (!validateFiscalCode(mutated, NOW).valid) caught++;
        }
      }
      return { tried, caught };
    };
    // 9 letter positions x 25 + 7 digit positions x 19 = 358 mutations.
    expect(exhaustive('RSSMRA80A01F205X')).toEqual({ tried: 358, caught: 358 });
    expect(exhaustive('RSSMRAULALMFNLRD')).toEqual({ tried: 358, caught: 358 });

    fc.assert(
      fc.property(
        personArb,
        fc.integer({ min: 1, max: 16 }),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        (p, pos, pick, omocodeLevel) => {
          const base = encodeFiscalCode(p);
          const code = omocodeLevel === 0 ? base : omocodeVariants(base)[omocodeLevel - 1]!;
          const choices = [...allowedAt(pos)].filter((c) => c !== code.charAt(pos - 1));
          const ch = choices[pick % choices.length]!;
          const mutated = code.slice(0, pos - 1) + ch + code.slice(pos);
          expect(validateFiscalCode(mutated, NOW).valid).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
