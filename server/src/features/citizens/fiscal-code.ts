/**
 * Italian codice fiscale for natural persons (16 characters).
 *
 * Source of the rules: DM 23/12/1976 (Ministero delle Finanze, "Sistemi di
 * codificazione dei soggetti da iscrivere all'anagrafe tributaria") and DPR
 * 605/1973; summarised for this project in shared/domain/milan-facts.md,
 * section "Codice fiscale", which is the spec followed here.
 *
 * Layout (1-based positions):
 *   1-3 surname, 4-6 name, 7-8 year, 9 month letter, 10-11 day (+40 women),
 *   12-15 place code (cadastral code of the comune, or Z + 3 digits for a
 *   foreign country), 16 check character.
 *
 * Pure module: no I/O, no clock access except the optional `now` argument.
 */

export type FiscalCodeInvalidReason =
  | 'length'
  | 'characters'
  | 'month'
  | 'day'
  | 'check-character';

export type FiscalCodeResult =
  | {
      valid: true;
      /** The code as given, normalised (upper case, no spaces), omocode letters kept. */
      code: string;
      /** YYYY-MM-DD */
      birthDate: string;
      sex: 'M' | 'F';
      /** Decoded place code, e.g. F205 (Milano) or Z + 3 digits for a foreign country. */
      placeCode: string;
      /** True when at least one digit position carries an omocode letter. */
      omocode: boolean;
    }
  | { valid: false; reason: FiscalCodeInvalidReason };

export type FiscalCodePerson = {
  surname: string;
  name: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'M' | 'F';
  /** Cadastral code, e.g. F205, or Z + 3 digits for a foreign country. */
  placeCode: string;
};

/** Month letters January–December (DM 23/12/1976, table of months). */
const MONTH_LETTERS = 'ABCDEHLMPRST';

/**
 * Omocodia (DM 23/12/1976 and later Agenzia delle Entrate practice): when two
 * people would get the same code, digits are replaced by these letters,
 * index = digit value (0→L … 9→V).
 */
const OMOCODE_LETTERS = 'LMNPQRSTUV';

/**
 * 1-based positions that hold digits in the base code, in the order the
 * Agenzia substitutes them: from the right (15, 14, 13, 11, 10, 8, 7).
 */
const OMOCODE_POSITIONS_FROM_RIGHT = [15, 14, 13, 11, 10, 8, 7] as const;

/**
 * Odd-position table for the check character: value of digits 0–9 and of
 * letters A–Z (A–J share the digits' values). DM 23/12/1976, allegato.
 */
const ODD_VALUES_DIGITS = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21] as const;
const ODD_VALUES_LETTERS = [
  // A  B  C  D  E   F   G   H   I   J  K  L   M   N   O  P  Q  R   S   T   U   V   W   X   Y   Z
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
] as const;

// Per-position character classes of the layout. 'L' = letter A–Z,
// 'D' = digit or omocode letter, 'M' = month slot (any letter; the month
// check is a separate reason so a caller can say "the month is wrong").
const LAYOUT = 'LLLLLLDDMDDLDDDL';

const A = 'A'.charCodeAt(0);
const ZERO = '0'.charCodeAt(0);

const isLetter = (ch: string): boolean => ch >= 'A' && ch <= 'Z';
const isDigit = (ch: string): boolean => ch >= '0' && ch <= '9';

/** Trims, removes inner whitespace and upper-cases (codes are stored upper case). */
function normalise(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Index of the first character that does not fit the layout, or -1. */
function layoutMismatch(code: string): number {
  for (let i = 0; i < LAYOUT.length; i++) {
    const ch = code.charAt(i);
    const ok = LAYOUT[i] === 'D' ? isDigit(ch) || OMOCODE_LETTERS.includes(ch) : isLetter(ch);
    if (!ok) return i;
  }
  return -1;
}

/** Replaces omocode letters in the digit positions with their digits. */
function decodeOmocode(code: string): string {
  const chars = code.split('');
  for (const pos of OMOCODE_POSITIONS_FROM_RIGHT) {
    const idx = OMOCODE_LETTERS.indexOf(chars[pos - 1] ?? '');
    if (idx >= 0) chars[pos - 1] = String(idx);
  }
  return chars.join('');
}

/**
 * Check character over the first 15 characters (DM 23/12/1976): characters
 * at odd 1-based positions take the odd table, at even positions their plain
 * value (digits 0–9, A=0 … Z=25); the sum mod 26 indexes A…Z.
 */
export function computeCheckCharacter(first15: string): string {
  const s = first15.toUpperCase();
  if (!/^[A-Z0-9]{15}$/.test(s)) {
    throw new RangeError('computeCheckCharacter expects 15 letters or digits');
  }
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = s.charAt(i);
    const digit = isDigit(ch);
    const value = digit ? ch.charCodeAt(0) - ZERO : ch.charCodeAt(0) - A;
    const oddPosition = (i + 1) % 2 === 1;
    if (oddPosition) {
      sum += digit ? ODD_VALUES_DIGITS[value]! : ODD_VALUES_LETTERS[value]!;
    } else {
      sum += value;
    }
  }
  return String.fromCharCode(A + (sum % 26));
}

const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * The code carries only two year digits. We pick the century that keeps the
 * birth date out of the future: 20YY if that date is on or before `now`
 * (compared as a UTC calendar date), otherwise 19YY. A person aged 100 or
 * more is therefore decoded a century too late: an unavoidable limit of a
 * two-digit year, and callers with a birth date on file should compare it.
 */
function resolveYear(yy: number, month: number, day: number, now: Date): number {
  const today = `${pad(now.getUTCFullYear(), 4)}-${pad(now.getUTCMonth() + 1, 2)}-${pad(now.getUTCDate(), 2)}`;
  const candidate = `${pad(2000 + yy, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  return candidate <= today ? 2000 + yy : 1900 + yy;
}

/**
 * Validates and decodes a codice fiscale. Omocode letters may appear in any
 * of the seven digit positions: the Agenzia substitutes from the right, but
 * we do not insist on that order. The spec only says validation must accept
 * omocodes, and wrongly rejecting a citizen's real code costs more than
 * accepting an unusual combination (the check character still applies).
 */
export function validateFiscalCode(input: string, now: Date = new Date()): FiscalCodeResult {
  const code = normalise(input);
  if (code.length !== 16) return { valid: false, reason: 'length' };
  if (layoutMismatch(code) >= 0) return { valid: false, reason: 'characters' };

  const monthIndex = MONTH_LETTERS.indexOf(code.charAt(8));
  if (monthIndex < 0) return { valid: false, reason: 'month' };
  const month = monthIndex + 1;

  const plain = decodeOmocode(code);
  const yy = Number(plain.slice(6, 8));
  const rawDay = Number(plain.slice(9, 11));
  // Women have 40 added to the day of birth: valid ranges 1–31 and 41–71.
  let sex: 'M' | 'F';
  let day: number;
  if (rawDay >= 1 && rawDay <= 31) {
    sex = 'M';
    day = rawDay;
  } else if (rawDay >= 41 && rawDay <= 71) {
    sex = 'F';
    day = rawDay - 40;
  } else {
    return { valid: false, reason: 'day' };
  }
  const year = resolveYear(yy, month, day, now);
  if (day > daysInMonth(year, month)) return { valid: false, reason: 'day' };

  // The check character is computed on the code as issued, omocode letters
  // included (they are letters, so they use the letter tables).
  if (computeCheckCharacter(code.slice(0, 15)) !== code.charAt(15)) {
    return { valid: false, reason: 'check-character' };
  }

  return {
    valid: true,
    code,
    birthDate: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
    sex,
    placeCode: plain.slice(11, 15),
    omocode: plain !== code,
  };
}

const VOWELS = 'AEIOU';

/**
 * Letters only, upper case, diacritics stripped ("Nicolò" → NICOLO,
 * "D'Amico" → DAMICO, "De Luca" → DELUCA). The DM works on the Italian
 * alphabet plus J K W X Y; foreign letters are transliterated first.
 */
function lettersOf(text: string): string {
  return text
    .replace(/ß/g, 'SS')
    .replace(/[Ææ]/g, 'AE')
    .replace(/[Œœ]/g, 'OE')
    .replace(/[Øø]/g, 'O')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

function splitLetters(text: string): { consonants: string; vowels: string } {
  const letters = lettersOf(text);
  let consonants = '';
  let vowels = '';
  for (const ch of letters) {
    if (VOWELS.includes(ch)) vowels += ch;
    else consonants += ch;
  }
  return { consonants, vowels };
}

/** Surname: consonants, then vowels, then X; first three (DM 23/12/1976). */
function surnamePart(surname: string): string {
  const { consonants, vowels } = splitLetters(surname);
  return (consonants + vowels + 'XXX').slice(0, 3);
}

/**
 * Name: with four or more consonants take the 1st, 3rd and 4th consonant,
 * otherwise the surname rule (DM 23/12/1976).
 */
function namePart(name: string): string {
  const { consonants, vowels } = splitLetters(name);
  if (consonants.length >= 4) {
    return consonants.charAt(0) + consonants.charAt(2) + consonants.charAt(3);
  }
  return (consonants + vowels + 'XXX').slice(0, 3);
}

/**
 * Builds the base (non-omocode) code for a person. Throws RangeError on
 * inputs that cannot produce a code (no letters in surname or name, bad
 * date, bad place code): callers are test factories and agents checking
 * what a citizen reads out, for whom a silent wrong code would be worse.
 */
export function encodeFiscalCode(person: FiscalCodePerson): string {
  if (lettersOf(person.surname) === '') throw new RangeError('surname has no letters');
  if (lettersOf(person.name) === '') throw new RangeError('name has no letters');

  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(person.birthDate);
  if (!m) throw new RangeError('birthDate must be YYYY-MM-DD');
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError('birthDate is not a calendar date');
  }
  if (person.sex !== 'M' && person.sex !== 'F') throw new RangeError('sex must be M or F');

  const place = person.placeCode.trim().toUpperCase();
  if (!/^[A-Z]\d{3}$/.test(place)) {
    throw new RangeError('placeCode must be a letter and three digits, e.g. F205');
  }

  const first15 =
    surnamePart(person.surname) +
    namePart(person.name) +
    pad(year % 100, 2) +
    MONTH_LETTERS.charAt(month - 1) +
    pad(person.sex === 'F' ? day + 40 : day, 2) +
    place;
  return first15 + computeCheckCharacter(first15);
}

/**
 * The seven successive omocode codes for a person: variant k replaces the
 * digits at the first k positions of 15, 14, 13, 11, 10, 8, 7 with their
 * letters and recomputes the check character. The input may itself be an
 * omocode (it is decoded first); its check character is ignored.
 */
export function omocodeVariants(code: string): string[] {
  const normalised = normalise(code);
  if (normalised.length !== 16) throw new RangeError('a fiscal code has 16 characters');
  if (layoutMismatch(normalised) >= 0) throw new RangeError('not a fiscal code layout');

  const chars = decodeOmocode(normalised).slice(0, 15).split('');
  const variants: string[] = [];
  for (const pos of OMOCODE_POSITIONS_FROM_RIGHT) {
    chars[pos - 1] = OMOCODE_LETTERS.charAt(Number(chars[pos - 1]));
    const first15 = chars.join('');
    variants.push(first15 + computeCheckCharacter(first15));
  }
  return variants;
}
