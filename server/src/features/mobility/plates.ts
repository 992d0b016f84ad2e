import { AppError } from '../../platform/errors/error-codes';

/**
 * Number plates, stored one way: upper case without spaces, dashes or dots. Italian plates since
 * 1994 read AA 000 AA (two letters, three digits, two letters); foreign plates keep their own
 * letters and digits (2–12 of them).
 */
export const ITALIAN_PLATE = /^[A-Z]{2}\d{3}[A-Z]{2}$/;
const ANY_PLATE = /^[A-Z0-9]{2,12}$/;

export function normalisePlate(input: string): string | null {
  const plate = input.toUpperCase().replace(/[\s.\-·]/g, '');
  return ANY_PLATE.test(plate) ? plate : null;
}

export function isItalianPlate(plate: string): boolean {
  return ITALIAN_PLATE.test(plate);
}

/** The stored form of a plate a request gave (already checked by its schema); a bad one is a 422. */
export function plateOf(input: string, field = 'body.plate'): string {
  const plate = normalisePlate(input);
  if (plate === null) throw new AppError('request.invalid_body', 'Not a number plate.', [{ field, message: 'not a number plate' }]);
  return plate;
}
