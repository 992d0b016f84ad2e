import { describe, expect, it } from 'vitest';
import { HolidayCalendar } from '../directory';
import { milanRules } from '../../../test/milan-holidays';
import { addMonths, addWorkingDays } from './delivery-date';

// Milan's holidays as in data/demo-milano/holidays.yaml (milan-facts.md "Calendar").
const calendar = new HolidayCalendar(milanRules);
const holiday = (d: string) => calendar.isHoliday(d);

describe('expected delivery: working days after the filing day', () => {
  it('skips weekends', () => {
    expect(addWorkingDays('2026-11-16', 5, holiday)).toBe('2026-11-23'); // Monday → next Monday
    expect(addWorkingDays('2026-11-20', 5, holiday)).toBe('2026-11-27'); // Friday → next Friday
    expect(addWorkingDays('2026-11-21', 5, holiday)).toBe('2026-11-27'); // Saturday → Friday
    expect(addWorkingDays('2026-11-22', 1, holiday)).toBe('2026-11-23'); // Sunday → Monday
  });

  it("skips Sant'Ambrogio and the Immacolata (7–8 Dec 2026, Monday and Tuesday)", () => {
    expect(addWorkingDays('2026-12-04', 5, holiday)).toBe('2026-12-15');
  });

  it('skips Christmas, Santo Stefano, New Year and Epiphany', () => {
    expect(addWorkingDays('2026-12-23', 5, holiday)).toBe('2026-12-31');
    expect(addWorkingDays('2026-12-30', 5, holiday)).toBe('2027-01-08');
  });

  it('skips Easter Monday (29 Mar 2027) and San Francesco (Sunday 4 Oct 2026 changes nothing)', () => {
    expect(addWorkingDays('2027-03-25', 5, holiday)).toBe('2027-04-02');
    expect(addWorkingDays('2026-10-01', 2, holiday)).toBe('2026-10-05');
    expect(addWorkingDays('2027-10-01', 1, holiday)).toBe('2027-10-05'); // Monday 4 Oct 2027 is a holiday
  });

  it('skips Ferragosto and Ognissanti on weekdays', () => {
    expect(addWorkingDays('2029-08-14', 1, holiday)).toBe('2029-08-16'); // Wednesday 15 Aug 2029
    expect(addWorkingDays('2027-10-29', 1, holiday)).toBe('2027-11-02'); // Monday 1 Nov 2027
  });

  it('with 0 days is the day itself, and refuses a negative or fractional count', () => {
    expect(addWorkingDays('2026-12-05', 0, holiday)).toBe('2026-12-05');
    expect(() => addWorkingDays('2026-12-05', -1, holiday)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-12-05', 1.5, holiday)).toThrow(RangeError);
  });
});

describe('validity: six months from issue (DPR 445/2000 art. 41)', () => {
  it('is the same day six months later, clamped to the end of a shorter month', () => {
    expect(addMonths('2026-12-03', 6)).toBe('2027-06-03');
    expect(addMonths('2026-07-15', 6)).toBe('2027-01-15');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-12-31', 6)).toBe('2027-06-30');
  });
});
