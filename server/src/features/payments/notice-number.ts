/**
 * pagoPA payment notice number ("numero avviso", 18 digits) and the notice
 * QR code content.
 *
 * Source: pagoPA SANP – "Specifiche attuative del nodo dei pagamenti-SPC"
 * (section on the IUV and the numero avviso) and "Specifiche attuative dei
 * codici identificativi di versamento, riversamento e rendicontazione";
 * summarised in shared/domain/milan-facts.md, section "pagoPA", which is the
 * spec followed here.
 *
 * Layout: <aux digit (1)><IUV (17)>. The IUV structure depends on the aux
 * digit:
 *   0  application code (2) + IUV base (13) + check digits (2)   (legacy)
 *   1  IUV of 17 digits, no check digits                         (legacy)
 *   2  IUV base (15) + check digits (2)                          (legacy)
 *   3  segregation code (2) + IUV base (13) + check digits (2)   (current)
 *
 * Check digits. The facts file spells the formula out for aux 3 only:
 * (the 16-digit number aux + segregation code + IUV base) mod 93, written
 * with two digits. For the legacy forms it says only "+ mod 93". Our
 * interpretation, consistent with the SANP text, is the same rule applied to
 * the 16 digits that precede the check digits, aux digit included:
 *   aux 0: check = ("0" + application code + IUV base) mod 93
 *          (the leading 0 does not change the value: = appcode·10^13 + base)
 *   aux 2: check = ("2" + IUV base(15)) mod 93 = (2·10^15 + base) mod 93
 *   aux 3: check = ("3" + segregation code + IUV base) mod 93
 * So in every checked form: check = (first 16 digits of the notice) mod 93.
 *
 * Pure module, no I/O.
 */

export type AuxDigit = 0 | 1 | 2 | 3;

export type NoticeNumberInvalidReason = 'length' | 'characters' | 'aux-digit' | 'check-digits';

export type NoticeNumberResult =
  | {
      valid: true;
      /** 18 digits, separators removed. */
      noticeNumber: string;
      auxDigit: AuxDigit;
      /** The 17 digits after the aux digit. */
      iuv: string;
      /** Aux 3 only. */
      segregationCode?: string;
      /** Aux 0 only. */
      applicationCode?: string;
      /** Aux 0, 2 and 3. */
      checkDigits?: string;
    }
  | { valid: false; reason: NoticeNumberInvalidReason };

/** Modulus of the IUV check digits (SANP). Two digits, 00–92. */
const CHECK_MODULUS = 93n;

/**
 * Printed notices group digits ("3012 3456 7890 1234 56"); callers reading a
 * number aloud or pasting it add dashes or dots. We accept spaces, dashes and
 * dots between digits only: leading/trailing separators are not a number.
 */
const GROUPED_DIGITS = /^\d(?:[\d\s.-]*\d)?$/;

function stripSeparators(input: string): string | null {
  const trimmed = input.trim();
  if (!GROUPED_DIGITS.test(trimmed)) return null;
  return trimmed.replace(/[\s.-]/g, '');
}

/**
 * Two check digits for a notice whose first 16 digits are aux + prefix.
 * `prefix` is the 15 digits between the aux digit and the check digits:
 * application code + base (aux 0), base (aux 2), segregation code + base
 * (aux 3). BigInt because 16 digits exceed Number.MAX_SAFE_INTEGER (2^53).
 */
export function computeCheckDigits(auxDigit: 0 | 2 | 3, prefix: string): string {
  if (auxDigit !== 0 && auxDigit !== 2 && auxDigit !== 3) {
    throw new RangeError('check digits exist only for aux digits 0, 2 and 3');
  }
  if (!/^\d{15}$/.test(prefix)) {
    throw new RangeError('prefix must be the 15 digits between aux digit and check digits');
  }
  const value = BigInt(`${auxDigit}${prefix}`) % CHECK_MODULUS;
  return value.toString().padStart(2, '0');
}

/**
 * Validates a notice number and splits it into its parts. Reasons are
 * checked in order: characters, length, aux digit, check digits.
 */
export function validateNoticeNumber(input: string): NoticeNumberResult {
  const digits = stripSeparators(input);
  if (digits === null) {
    // An empty input has no bad character, only a wrong length.
    return { valid: false, reason: input.trim() === '' ? 'length' : 'characters' };
  }
  if (digits.length !== 18) return { valid: false, reason: 'length' };

  const aux = Number(digits.charAt(0));
  const iuv = digits.slice(1);
  switch (aux) {
    case 1:
      // Legacy 17-digit IUV chosen freely by the creditor: nothing to check.
      return { valid: true, noticeNumber: digits, auxDigit: 1, iuv };
    case 0:
    case 2:
    case 3: {
      const checkDigits = digits.slice(16);
      if (computeCheckDigits(aux, digits.slice(1, 16)) !== checkDigits) {
        return { valid: false, reason: 'check-digits' };
      }
      if (aux === 0) {
        return {
          valid: true,
          noticeNumber: digits,
          auxDigit: 0,
          iuv,
          applicationCode: digits.slice(1, 3),
          checkDigits,
        };
      }
      if (aux === 3) {
        return {
          valid: true,
          noticeNumber: digits,
          auxDigit: 3,
          iuv,
          segregationCode: digits.slice(1, 3),
          checkDigits,
        };
      }
      return { valid: true, noticeNumber: digits, auxDigit: 2, iuv, checkDigits };
    }
    default:
      return { valid: false, reason: 'aux-digit' };
  }
}

/**
 * Issues an aux-3 notice number (the current form): "3" + segregation code
 * (2) + IUV base (13) + check digits (2).
 */
export function buildNoticeNumber(parts: { segregationCode: string; iuvBase: string }): string {
  if (!/^\d{2}$/.test(parts.segregationCode)) {
    throw new RangeError('segregationCode must be 2 digits');
  }
  if (!/^\d{13}$/.test(parts.iuvBase)) throw new RangeError('iuvBase must be 13 digits');
  const prefix = parts.segregationCode + parts.iuvBase;
  return `3${prefix}${computeCheckDigits(3, prefix)}`;
}

/**
 * Groups the 18 digits in fours for display, as on printed notices:
 * "3012 3456 7890 1234 56". Accepts already-grouped input. Does not verify
 * the check digits (display only); throws if it is not 18 digits.
 */
export function formatNoticeNumber(noticeNumber: string): string {
  const digits = stripSeparators(noticeNumber);
  if (digits === null || digits.length !== 18) {
    throw new RangeError('a notice number has 18 digits');
  }
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * Content of the QR code printed on a pagoPA notice:
 * PAGOPA|002|<notice number>|<creditor fiscal code>|<amount in euro cents>.
 * Throws on inputs that would print a QR nobody can pay, because a wrong QR
 * on a mailed notice costs far more than an exception at issue time.
 */
export function paymentQrCode(args: {
  noticeNumber: string;
  creditorFiscalCode: string;
  amountCents: number;
}): string {
  const notice = validateNoticeNumber(args.noticeNumber);
  if (!notice.valid) throw new RangeError(`invalid notice number (${notice.reason})`);
  // Creditors are public bodies identified by their 11-digit numeric codice
  // fiscale (Comune di Milano: 01199250158).
  if (!/^\d{11}$/.test(args.creditorFiscalCode)) {
    throw new RangeError('creditorFiscalCode must be 11 digits');
  }
  if (!Number.isSafeInteger(args.amountCents) || args.amountCents <= 0) {
    throw new RangeError('amountCents must be a positive integer');
  }
  return `PAGOPA|002|${notice.noticeNumber}|${args.creditorFiscalCode}|${args.amountCents}`;
}
