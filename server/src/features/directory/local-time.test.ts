import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, formatInstant, instantToLocal, isValidDate, localToInstant, parseInstant, weekdayOf } from './local-time';

const Z = 'Europe/Rome';
const iso = (ms: number) => formatInstant(ms, Z);
const at = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return iso(localToInstant(date, h! * 60 + m!, Z));
};

describe('local dates', () => {
  it('does civil-date arithmetic like Date does, over four centuries', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1800, 0, 1) / 86_400_000, max: Date.UTC(2300, 0, 1) / 86_400_000 }), fc.integer({ min: -800, max: 800 }), (day, n) => {
        const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(isValidDate(date)).toBe(true);
        expect(addDays(date, n)).toBe(new Date((day + n) * 86_400_000).toISOString().slice(0, 10));
        expect(weekdayOf(date)).toBe(new Date(day * 86_400_000).getUTCDay() || 7);
      }),
    );
  });

  it('validates real dates only', () => {
    expect(isValidDate('2028-02-29')).toBe(true);
    expect(isValidDate('2027-02-29')).toBe(false);
    expect(isValidDate('2026-13-01')).toBe(false);
    expect(isValidDate('2026-1-01')).toBe(false);
  });

  it('adds days across months, years and clock changes, and knows weekdays', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-27', 2)).toBe('2027-03-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(weekdayOf('2026-12-07')).toBe(1);
    expect(weekdayOf('2027-03-28')).toBe(7);
  });
});

describe('wall-clock times in Europe/Rome', () => {
  it('uses +01:00 in winter and +02:00 in summer', () => {
    expect(at('2026-12-09', '15:30')).toBe('2026-12-09T15:30:00+01:00');
    expect(at('2027-07-01', '08:30')).toBe('2027-07-01T08:30:00+02:00');
  });

  it('spring forward (28 Mar 2027): before, after, and a skipped time maps to the jump', () => {
    expect(at('2027-03-28', '01:59')).toBe('2027-03-28T01:59:00+01:00');
    expect(at('2027-03-28', '03:00')).toBe('2027-03-28T03:00:00+02:00');
    expect(at('2027-03-28', '02:00')).toBe('2027-03-28T03:00:00+02:00');
    expect(at('2027-03-28', '02:30')).toBe('2027-03-28T03:00:00+02:00');
    expect(localToInstant('2027-03-28', 150, Z)).toBe(Date.UTC(2027, 2, 28, 1, 0));
    // The local day is 23 hours long.
    expect(localToInstant('2027-03-29', 0, Z) - localToInstant('2027-03-28', 0, Z)).toBe(23 * 3600_000);
  });

  it('fall back (25 Oct 2026): a repeated time is its first occurrence', () => {
    expect(at('2026-10-25', '01:30')).toBe('2026-10-25T01:30:00+02:00');
    expect(at('2026-10-25', '02:30')).toBe('2026-10-25T02:30:00+02:00');
    expect(at('2026-10-25', '03:00')).toBe('2026-10-25T03:00:00+01:00');
    expect(localToInstant('2026-10-26', 0, Z) - localToInstant('2026-10-25', 0, Z)).toBe(25 * 3600_000);
  });

  it('24:00 is the next local midnight', () => {
    expect(at('2026-12-31', '24:00')).toBe('2027-01-01T00:00:00+01:00');
  });

  it('reads an instant back as local date and minutes, both passes of the repeated hour alike', () => {
    expect(instantToLocal(Date.parse('2026-10-25T02:15:00+02:00'), Z)).toEqual({ date: '2026-10-25', minutes: 135 });
    expect(instantToLocal(Date.parse('2026-10-25T02:15:00+01:00'), Z)).toEqual({ date: '2026-10-25', minutes: 135 });
    expect(instantToLocal(Date.parse('2026-12-31T23:30:00Z'), Z)).toEqual({ date: '2027-01-01', minutes: 30 });
  });
});

describe('request times', () => {
  it('takes an offset as given and a bare local time in the zone', () => {
    expect(parseInstant('2026-12-09T15:30:00+01:00', Z)).toBe(Date.UTC(2026, 11, 9, 14, 30));
    expect(parseInstant('2026-12-09T14:30:00Z', Z)).toBe(Date.UTC(2026, 11, 9, 14, 30));
    expect(parseInstant('2026-12-09T14:30:00.250Z', Z)).toBe(Date.UTC(2026, 11, 9, 14, 30, 0, 250));
    expect(parseInstant('2026-12-09T15:30', Z)).toBe(Date.UTC(2026, 11, 9, 14, 30));
    expect(parseInstant('2026-12-09', Z)).toBe(Date.UTC(2026, 11, 8, 23, 0));
    expect(parseInstant('2027-03-28T02:30', Z)).toBe(Date.UTC(2027, 2, 28, 1, 0));
    expect(parseInstant('2026-12-09T15:30-0530', Z)).toBe(Date.UTC(2026, 11, 9, 21, 0));
    expect(parseInstant('2026-12-09 15:30+01', Z)).toBe(Date.UTC(2026, 11, 9, 14, 30));
    expect(parseInstant('2026-12-09t14:30z', Z)).toBe(Date.UTC(2026, 11, 9, 14, 30));
  });

  it('agrees with Date.parse on any instant written with an offset', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-02T00:00:00Z'), max: new Date('2199-12-30T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -14 * 4, max: 14 * 4 }), (date, quarters) => {
        const offset = quarters * 15;
        const wall = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
        const sign = offset < 0 ? '-' : '+';
        const abs = Math.abs(offset);
        const text = `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(parseInstant(text, Z)).toBe(date.getTime());
        expect(parseInstant(text, Z)).toBe(Date.parse(text));
      }),
    );
  });

  it.each(['', 'now', '2026-12-32T10:00:00Z', '2026-02-30T10:00', '2026-12-09T25:00', '2026-12-09T10:00:00+25:00', '2026-12-09T10:00:00+14:30', '2026-12-09T10:60', '12/09/2026', '1899-12-31T10:00:00Z', '2200-01-01T00:00:00Z', '0000-01-01'])(
    'rejects %j',
    (text) => {
      expect(parseInstant(text, Z)).toBeNull();
    },
  );
});
