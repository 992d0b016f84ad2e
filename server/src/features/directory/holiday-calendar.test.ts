import { describe, expect, it } from 'vitest';
import { easterSunday } from './easter';
import { HolidayCalendar, holidaysInYear, type HolidayRule } from './holiday-calendar';
import { milanRules, names } from '../../../test/milan-holidays';


describe('Easter (Anonymous Gregorian algorithm)', () => {
  it.each([
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2024, '2024-03-31'],
    [2019, '2019-04-21'],
    [2011, '2011-04-24'],
    [2008, '2008-03-23'],
    [2000, '2000-04-23'],
    [1961, '1961-04-02'],
    [2038, '2038-04-25'], // the latest possible date
    [1818, '1818-03-22'], // the earliest possible date
    [2285, '2285-03-22'],
    [2100, '2100-03-28'],
  ])('%i → %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('always falls on a Sunday between 22 March and 25 April', () => {
    for (let year = 1583; year <= 3000; year++) {
      const date = easterSunday(year);
      expect(new Date(`${date}T00:00:00Z`).getUTCDay()).toBe(0);
      expect(date.slice(5) >= '03-22' && date.slice(5) <= '04-25').toBe(true);
    }
  });

  it('refuses years before the Gregorian calendar', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
  });
});

describe('holiday rules', () => {
  it("gives Milan's 2027 holidays, Easter Monday and Sant'Ambrogio included", () => {
    expect(holidaysInYear(milanRules, 2027).map((h) => h.date)).toEqual([
      '2027-01-01', '2027-01-06', '2027-03-28', '2027-03-29', '2027-04-25', '2027-05-01', '2027-06-02',
      '2027-08-15', '2027-10-04', '2027-11-01', '2027-12-07', '2027-12-08', '2027-12-25', '2027-12-26',
    ]);
  });

  it('applies San Francesco (4 October) only from 2026', () => {
    const calendar = new HolidayCalendar(milanRules);
    expect(calendar.isHoliday('2025-10-04')).toBe(false);
    expect(calendar.get('2026-10-04')?.key).toBe('san-francesco');
    expect(calendar.get('2030-10-04')?.key).toBe('san-francesco');
    expect(holidaysInYear(milanRules, 2025)).toHaveLength(13);
  });

  it('honours an end date too', () => {
    const rules: HolidayRule[] = [{ key: 'old', month: 3, day: 19, validTo: '1976-12-31', scope: 'national', names: names('San Giuseppe') }];
    expect(new HolidayCalendar(rules).isHoliday('1976-03-19')).toBe(true);
    expect(new HolidayCalendar(rules).isHoliday('1977-03-19')).toBe(false);
  });

  it('keeps both rules of a date when they coincide (Easter Monday on 25 April 2011)', () => {
    const calendar = new HolidayCalendar(milanRules);
    expect(calendar.between('2011-04-24', '2011-04-25').map((h) => h.key)).toEqual(['pasqua', 'liberazione', 'pasquetta']);
    expect(calendar.isHoliday('2011-04-25')).toBe(true);
  });

  it('lists holidays across a year boundary, in order', () => {
    const calendar = new HolidayCalendar(milanRules);
    expect(calendar.between('2026-12-06', '2027-01-06').map((h) => h.date)).toEqual([
      '2026-12-07', '2026-12-08', '2026-12-25', '2026-12-26', '2027-01-01', '2027-01-06',
    ]);
    expect(calendar.between('2027-01-07', '2027-01-06')).toEqual([]);
  });

  it('skips 29 February in common years', () => {
    const calendar = new HolidayCalendar([{ key: 'leap', month: 2, day: 29, scope: 'city', names: names('Bisestile') }]);
    expect(calendar.between('2027-01-01', '2028-12-31').map((h) => h.date)).toEqual(['2028-02-29']);
  });
});
