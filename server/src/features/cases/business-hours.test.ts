import { describe, expect, it } from 'vitest';
import { HolidayCalendar, formatInstant, parseInstant, parseWeeklyHours, type WeeklySchedule } from '../directory';
import { addBusinessHours, addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from './business-hours';

const zone = 'Europe/Rome';
const names = { it: 'x' };
// A few of Milan's holidays (milan-facts.md): fixed days, Easter Monday, and Sant'Ambrogio (7 Dec, city).
const holidays = new HolidayCalendar([
  { key: 'capodanno', month: 1, day: 1, scope: 'national', names },
  { key: 'pasquetta', easterOffset: 1, scope: 'national', names },
  { key: 'santambrogio', month: 12, day: 7, scope: 'city', names },
  { key: 'immacolata', month: 12, day: 8, scope: 'national', names },
  { key: 'natale', month: 12, day: 25, scope: 'national', names },
  { key: 'santo-stefano', month: 12, day: 26, scope: 'national', names },
]);

function schedule(text: string): WeeklySchedule {
  const parsed = parseWeeklyHours(text);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.value;
}

const office: BusinessCalendar = { zone, schedule: schedule('lun-ven 08:30-16:30'), isHoliday: (d) => holidays.isHoliday(d) };
const at = (text: string) => parseInstant(text, zone)!;
const plus = (start: string, hours: number, calendar = office) => formatInstant(addBusinessHours(at(start), hours, calendar), zone);

describe('business hours (Mon–Fri 08:30–16:30, Europe/Rome, holidays skipped)', () => {
  it('counts inside one working day', () => {
    expect(plus('2026-12-14T09:00', 1)).toBe('2026-12-14T10:00:00+01:00');
    expect(plus('2026-12-14T09:00', 0)).toBe('2026-12-14T09:00:00+01:00');
  });

  it('ends exactly at closing time rather than at the next opening', () => {
    expect(plus('2026-12-14T08:30', 8)).toBe('2026-12-14T16:30:00+01:00');
  });

  it('starts counting at opening when filed before it, and carries the rest to the next day', () => {
    expect(plus('2026-12-14T07:00', 1)).toBe('2026-12-14T09:30:00+01:00');
    expect(plus('2026-12-14T15:30', 2)).toBe('2026-12-15T09:30:00+01:00');
    expect(plus('2026-12-14T20:00', 1)).toBe('2026-12-15T09:30:00+01:00');
  });

  it('skips the weekend', () => {
    expect(plus('2026-12-11T16:00', 1)).toBe('2026-12-14T09:00:00+01:00');
    expect(plus('2026-12-12T10:00', 1)).toBe('2026-12-14T09:30:00+01:00');
    expect(plus('2026-12-14T09:00', 40)).toBe('2026-12-21T09:00:00+01:00');
  });

  it('skips holidays: Christmas and Santo Stefano, Sant’Ambrogio and the Immacolata, Easter Monday', () => {
    expect(plus('2026-12-24T16:00', 2)).toBe('2026-12-28T10:00:00+01:00');
    // Fri 4 Dec → Mon 7 (Sant'Ambrogio) and Tue 8 (Immacolata) are closed → Wed 9.
    expect(plus('2026-12-04T16:00', 1)).toBe('2026-12-09T09:00:00+01:00');
    // Easter 2027 is 28 March: Monday 29 is closed.
    expect(plus('2027-03-26T16:00', 1)).toBe('2027-03-30T09:00:00+02:00');
  });

  it('keeps the wall-clock hours across clock changes', () => {
    // Summer time starts on Sunday 29 March 2026 and ends on Sunday 25 October 2026.
    expect(plus('2026-03-27T16:00', 1)).toBe('2026-03-30T09:00:00+02:00');
    expect(plus('2026-10-23T16:00', 1)).toBe('2026-10-26T09:00:00+01:00');
  });

  it('counts the real length of a business day that contains a clock change', () => {
    const always: BusinessCalendar = { zone, schedule: schedule('lun-dom 00:00-24:00'), isHoliday: () => false };
    // 12 h to Saturday midnight, then 12 real hours of a 23-hour Sunday: 13:00 summer time.
    expect(plus('2026-03-28T12:00', 24, always)).toBe('2026-03-29T13:00:00+02:00');
    // The 25-hour Sunday in October: 12 h on Saturday, 12 real hours after Sunday's midnight → 11:00.
    expect(plus('2026-10-24T12:00', 24, always)).toBe('2026-10-25T11:00:00+01:00');
  });

  it('measures business minutes between two instants (lateness)', () => {
    expect(businessMinutesBetween(at('2026-12-11T16:00'), at('2026-12-14T09:00'), office)).toBe(60);
    expect(businessMinutesBetween(at('2026-12-24T08:30'), at('2026-12-28T08:30'), office)).toBe(480);
    expect(businessMinutesBetween(at('2026-12-14T10:00'), at('2026-12-14T09:00'), office)).toBe(0);
  });

  it('refuses a calendar without any business hours', () => {
    const never: BusinessCalendar = { zone, schedule: schedule('chiuso'), isHoliday: () => false };
    expect(() => addBusinessMinutes(at('2026-12-14T09:00'), 60, never)).toThrow(RangeError);
  });
});
