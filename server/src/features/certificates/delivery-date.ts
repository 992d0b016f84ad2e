import { addDays, weekdayOf } from '../directory';

/**
 * The date a posted certificate is expected: `workingDays` working days after `from` (a local
 * date), skipping Saturdays, Sundays and the city's holidays (directory's holiday calendar). The
 * day itself does not count: filed on Friday with 5 days → the next Friday, or later across holidays.
 */
export function addWorkingDays(from: string, workingDays: number, isHoliday: (date: string) => boolean): string {
  if (!Number.isInteger(workingDays) || workingDays < 0) throw new RangeError('workingDays must be a whole number ≥ 0');
  let date = from;
  let left = workingDays;
  while (left > 0) {
    date = addDays(date, 1);
    if (weekdayOf(date) <= 5 && !isHoliday(date)) left--;
  }
  return date;
}

/**
 * The last day a certificate issued on `issued` is valid: the same day `months` later, clamped to
 * the month's end (31 Aug + 6 months → 28/29 Feb). DPR 445/2000 art. 41 gives six months "dalla
 * data di rilascio", read here as up to and including the same calendar day six months later.
 */
export function addMonths(issued: string, months: number): string {
  const [y, m, d] = issued.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
