import { describe, expect, it } from 'vitest';
import { HolidayCalendar } from './holiday-calendar';
import { parseDayHours, parseWeeklyHours } from './hours-grammar';
import { milanRules } from '../../../test/milan-holidays';
import {
  computeOpeningStatus,
  exceptionsByDate,
  noExceptions,
  noHolidays,
  openingIntervals,
  type ExceptionDay,
  type ExceptionReason,
  type OpeningStatus,
} from './opening-status';
import type { WeeklySchedule } from './time-ranges';

const calendar = new HolidayCalendar(milanRules);
const HOUR = 3600_000;
const opensAtMs = (s: OpeningStatus) => (s.open ? Number.NaN : s.opensAtMs!);
const closesAtMs = (s: OpeningStatus) => (s.open ? s.closesAtMs! : Number.NaN);

function week(text: string): WeeklySchedule {
  const parsed = parseWeeklyHours(text);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.value;
}

function exception(date: string, hours: string, reason: ExceptionReason, note: string | null = null): ExceptionDay {
  const parsed = parseDayHours(hours);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return { date, closed: parsed.value.closed, ranges: parsed.value.closed ? [] : parsed.value.ranges, reason, note };
}

/** The status without the millisecond mirrors, for readable expectations. */
function status(schedule: WeeklySchedule, at: string, exceptions: ExceptionDay[] = [], holidays = calendar, lookaheadDays?: number) {
  const result = computeOpeningStatus(schedule, exceptionsByDate(exceptions), holidays, new Date(at), lookaheadDays ? { lookaheadDays } : {});
  const { closesAtMs: _c, opensAtMs: _o, ...rest } = result as OpeningStatus & { closesAtMs?: number; opensAtMs?: number };
  return rest;
}

// The central registry office (data/demo-milano/offices.csv) and a lunch-break branch.
const centrale = week('lun-ven 08:30-15:30');
const sansovino = week('lun-gio 08:30-12:30,13:30-15:30; ven 08:30-12:30');
const padova = week('lun-ven 08:30-15:30; sab 08:30-12:00');

describe('an ordinary week', () => {
  it('is open on a weekday inside the hours, with the closing time in local time', () => {
    expect(status(centrale, '2026-12-09T10:00:00+01:00')).toEqual({ open: true, closesAt: '2026-12-09T15:30:00+01:00' });
  });

  it('is closed before opening, and opens the same morning', () => {
    expect(status(centrale, '2026-12-09T07:00:00+01:00')).toEqual({
      open: false,
      opensAt: '2026-12-09T08:30:00+01:00',
      cause: { kind: 'outside_hours' },
    });
  });

  it('is open exactly at the opening instant and closed exactly at the closing instant', () => {
    expect(status(centrale, '2026-12-09T08:30:00+01:00').open).toBe(true);
    expect(status(centrale, '2026-12-09T15:30:00+01:00')).toMatchObject({ open: false, opensAt: '2026-12-10T08:30:00+01:00' });
  });

  it('is closed over the lunch break and reopens after it', () => {
    expect(status(sansovino, '2026-12-09T11:00:00+01:00')).toEqual({ open: true, closesAt: '2026-12-09T12:30:00+01:00' });
    expect(status(sansovino, '2026-12-09T13:00:00+01:00')).toMatchObject({ open: false, opensAt: '2026-12-09T13:30:00+01:00' });
    expect(status(sansovino, '2026-12-11T13:00:00+01:00')).toMatchObject({ open: false, opensAt: '2026-12-14T08:30:00+01:00' });
  });

  it('merges ranges that touch into one opening', () => {
    const touching = week('lun-ven 08:30-12:30,12:30-14:00,14:00-16:00');
    expect(status(touching, '2026-12-09T09:00:00+01:00')).toEqual({ open: true, closesAt: '2026-12-09T16:00:00+01:00' });
  });

  it('opens on Saturday mornings where the office does, and skips Sunday', () => {
    expect(status(padova, '2026-12-12T09:00:00+01:00')).toEqual({ open: true, closesAt: '2026-12-12T12:00:00+01:00' });
    expect(status(padova, '2026-12-12T12:00:00+01:00')).toMatchObject({ open: false, opensAt: '2026-12-14T08:30:00+01:00' });
    expect(status(centrale, '2026-12-12T09:00:00+01:00')).toMatchObject({ open: false, opensAt: '2026-12-14T08:30:00+01:00' });
  });

  it('is closed on Sunday and opens on Monday', () => {
    expect(status(centrale, '2026-12-13T11:00:00+01:00')).toEqual({
      open: false,
      opensAt: '2026-12-14T08:30:00+01:00',
      cause: { kind: 'outside_hours' },
    });
  });

  it('answers the same for the same instant given in UTC', () => {
    expect(status(centrale, '2026-12-09T09:00:00Z')).toEqual(status(centrale, '2026-12-09T10:00:00+01:00'));
  });
});

describe('holidays and exceptions', () => {
  it('closes on a weekday holiday and names it', () => {
    const result = status(centrale, '2026-12-08T10:00:00+01:00');
    expect(result).toMatchObject({ open: false, opensAt: '2026-12-09T08:30:00+01:00', cause: { kind: 'holiday', holiday: { key: 'immacolata' } } });
  });

  it("finds the next opening across the long weekend of Sant'Ambrogio and the Immacolata", () => {
    // Sat 5 → Sun 6 → Mon 7 (Sant'Ambrogio, Milan only) → Tue 8 (Immacolata) → Wed 9.
    expect(status(padova, '2026-12-05T13:00:00+01:00')).toMatchObject({ open: false, opensAt: '2026-12-09T08:30:00+01:00', cause: { kind: 'outside_hours' } });
    expect(status(centrale, '2026-12-07T09:00:00+01:00')).toMatchObject({ opensAt: '2026-12-09T08:30:00+01:00', cause: { kind: 'holiday', holiday: { key: 'sant-ambrogio' } } });
    expect(status(centrale, '2026-12-04T16:00:00+01:00')).toMatchObject({ opensAt: '2026-12-09T08:30:00+01:00' });
  });

  it('closes on Easter Monday (computed) and on 4 October only from 2026', () => {
    expect(status(centrale, '2027-03-29T10:00:00+02:00')).toMatchObject({ open: false, cause: { kind: 'holiday', holiday: { key: 'pasquetta' } } });
    expect(status(centrale, '2027-10-04T10:00:00+02:00')).toMatchObject({ open: false, cause: { kind: 'holiday', holiday: { key: 'san-francesco' } } });
    // 4 October 2024 was a Friday and an ordinary working day.
    expect(status(centrale, '2024-10-04T10:00:00+02:00')).toEqual({ open: true, closesAt: '2024-10-04T15:30:00+02:00' });
  });

  it('opens on a holiday when an exception says so (the contact center on Easter Sunday 2027)', () => {
    const cc = week('lun-sab 08:00-18:00');
    const easter = exception('2027-03-28', '09:00-13:00', 'extended', 'Domenica di Pasqua');
    expect(status(cc, '2027-03-28T10:00:00+02:00', [easter])).toEqual({
      open: true,
      closesAt: '2027-03-28T13:00:00+02:00',
      cause: { kind: 'exception', exception: easter },
    });
    // Outside the exception's hours the holiday explains the closure; Easter Monday follows.
    expect(status(cc, '2027-03-28T14:00:00+02:00', [easter])).toMatchObject({
      open: false,
      opensAt: '2027-03-30T08:00:00+02:00',
      cause: { kind: 'holiday', holiday: { key: 'pasqua' } },
    });
  });

  it('closes for a closure exception, with its reason and note', () => {
    const closure = exception('2027-01-15', 'chiuso', 'maintenance', 'Lavori all’impianto elettrico');
    expect(status(centrale, '2027-01-15T10:00:00+01:00', [closure])).toEqual({
      open: false,
      opensAt: '2027-01-18T08:30:00+01:00',
      cause: { kind: 'exception', exception: closure },
    });
    // The day before is untouched.
    expect(status(centrale, '2027-01-14T15:00:00+01:00', [closure])).toEqual({ open: true, closesAt: '2027-01-14T15:30:00+01:00' });
  });

  it('uses reduced hours, and blames them only for the hours they take away', () => {
    const eve = exception('2026-12-24', '08:30-12:00', 'reduced', 'Vigilia di Natale');
    expect(status(centrale, '2026-12-24T11:00:00+01:00', [eve])).toMatchObject({ open: true, closesAt: '2026-12-24T12:00:00+01:00' });
    expect(status(centrale, '2026-12-24T13:00:00+01:00', [eve])).toMatchObject({
      open: false,
      opensAt: '2026-12-28T08:30:00+01:00', // 25 and 26 December are holidays, then a Sunday
      cause: { kind: 'exception', exception: eve },
    });
    expect(status(centrale, '2026-12-24T17:00:00+01:00', [eve]).cause).toEqual({ kind: 'outside_hours' });
  });

  it('uses extended hours, including an evening range and a Saturday opening', () => {
    const evening = exception('2027-03-11', '08:30-15:30,16:00-19:00', 'extended');
    expect(status(centrale, '2027-03-11T15:45:00+01:00', [evening])).toMatchObject({ open: false, opensAt: '2027-03-11T16:00:00+01:00' });
    expect(status(centrale, '2027-03-11T18:00:00+01:00', [evening])).toMatchObject({ open: true, closesAt: '2027-03-11T19:00:00+01:00' });
    const saturday = exception('2026-12-12', '08:30-13:00', 'extended');
    expect(status(centrale, '2026-12-11T16:00:00+01:00', [saturday])).toMatchObject({ open: false, opensAt: '2026-12-12T08:30:00+01:00' });
  });

  it('crosses the year boundary: reduced 31 December, New Year, a weekend', () => {
    const newYearsEve = exception('2026-12-31', '08:30-12:00', 'reduced');
    expect(status(centrale, '2026-12-31T13:00:00+01:00', [newYearsEve])).toMatchObject({ open: false, opensAt: '2027-01-04T08:30:00+01:00' });
    expect(status(centrale, '2027-01-01T00:00:00+01:00', [newYearsEve])).toMatchObject({
      open: false,
      opensAt: '2027-01-04T08:30:00+01:00',
      cause: { kind: 'holiday', holiday: { key: 'capodanno' } },
    });
    expect(status(centrale, '2026-12-31T22:59:59Z')).toMatchObject({ opensAt: '2027-01-04T08:30:00+01:00' });
  });
});

describe('clock changes', () => {
  // 28 March 2027 is also Easter Sunday: these cases leave holidays out to look at the clock alone.
  const none = new HolidayCalendar([]);
  const everyDay = week('lun-dom 08:30-15:30');

  it('spring forward (Sunday 28 Mar 2027): offsets before and after, and the day is 23 h', () => {
    expect(status(everyDay, '2027-03-27T16:00:00+01:00', [], none)).toMatchObject({ open: false, opensAt: '2027-03-28T08:30:00+02:00' });
    expect(status(everyDay, '2027-03-28T01:30:00+01:00', [], none)).toMatchObject({ open: false, opensAt: '2027-03-28T08:30:00+02:00' });
    expect(status(everyDay, '2027-03-28T03:30:00+02:00', [], none)).toMatchObject({ open: false, opensAt: '2027-03-28T08:30:00+02:00' });
    expect(status(everyDay, '2027-03-28T12:00:00+02:00', [], none)).toEqual({ open: true, closesAt: '2027-03-28T15:30:00+02:00' });
  });

  it('a range after the change lasts its wall-clock length; the night before it is an hour shorter', () => {
    const result = computeOpeningStatus(everyDay, noExceptions, noHolidays, new Date('2027-03-28T12:00:00+02:00'));
    const before = computeOpeningStatus(everyDay, noExceptions, noHolidays, new Date('2027-03-28T08:29:00+02:00'));
    expect(closesAtMs(result) - opensAtMs(before)).toBe(7 * HOUR);
    const evening = computeOpeningStatus(everyDay, noExceptions, noHolidays, new Date('2027-03-27T15:30:00+01:00'));
    expect(opensAtMs(evening) - Date.parse('2027-03-27T15:30:00+01:00')).toBe(16 * HOUR); // 17 h on the wall
  });

  it('central office closed from Friday to Monday across the spring change: 64 h, not 65', () => {
    const friday = Date.parse('2027-03-26T15:30:00+01:00');
    const result = computeOpeningStatus(centrale, noExceptions, calendar, friday);
    // Monday 29 March 2027 is Easter Monday: the next opening is Tuesday.
    expect(result).toMatchObject({ open: false, opensAt: '2027-03-30T08:30:00+02:00' });
    expect(opensAtMs(result) - friday).toBe((4 * 24 - 7 - 1) * HOUR);
  });

  it('fall back (Sunday 25 Oct 2026): offsets before and after, and the night is an hour longer', () => {
    expect(status(everyDay, '2026-10-24T16:00:00+02:00', [], none)).toMatchObject({ open: false, opensAt: '2026-10-25T08:30:00+01:00' });
    expect(status(everyDay, '2026-10-25T12:00:00+01:00', [], none)).toEqual({ open: true, closesAt: '2026-10-25T15:30:00+01:00' });
    const evening = computeOpeningStatus(everyDay, noExceptions, noHolidays, new Date('2026-10-24T15:30:00+02:00'));
    expect(opensAtMs(evening) - Date.parse('2026-10-24T15:30:00+02:00')).toBe(18 * HOUR);
  });

  it('instants in the repeated hour: both passes are closed for a daytime office', () => {
    for (const at of ['2026-10-25T02:30:00+02:00', '2026-10-25T02:30:00+01:00']) {
      expect(status(everyDay, at, [], none)).toMatchObject({ open: false, opensAt: '2026-10-25T08:30:00+01:00' });
    }
  });

  it('an opening at a skipped local time (02:30 on 28 Mar 2027) starts when the clock jumps, 03:00+02:00', () => {
    const night = week('dom 02:30-05:00');
    expect(status(night, '2027-03-28T00:30:00+01:00', [], none)).toMatchObject({ open: false, opensAt: '2027-03-28T03:00:00+02:00' });
    expect(status(night, '2027-03-28T01:59:00+01:00', [], none).open).toBe(false);
    expect(status(night, '2027-03-28T03:00:00+02:00', [], none)).toEqual({ open: true, closesAt: '2027-03-28T05:00:00+02:00' });
    // A range wholly inside the skipped hour does not happen that day.
    expect(status(week('dom 02:10-02:50'), '2027-03-27T12:00:00+01:00', [], none)).toMatchObject({ opensAt: '2027-04-04T02:10:00+02:00' });
  });

  it('an opening at a repeated local time (02:30 on 25 Oct 2026) starts at its first occurrence', () => {
    const night = week('dom 02:30-05:00');
    expect(status(night, '2026-10-25T01:00:00+02:00', [], none)).toMatchObject({ open: false, opensAt: '2026-10-25T02:30:00+02:00' });
    expect(status(night, '2026-10-25T02:45:00+02:00', [], none)).toEqual({ open: true, closesAt: '2026-10-25T05:00:00+01:00' });
    expect(status(night, '2026-10-25T02:15:00+01:00', [], none)).toEqual({ open: true, closesAt: '2026-10-25T05:00:00+01:00' });
  });

  it('an opening across midnight merges, and closes by the rule on both change nights', () => {
    const lateNight = week('sab 20:00-24:00; dom 00:00-02:30');
    // Spring: 02:30 does not exist; the opening ends when the clock jumps.
    expect(status(lateNight, '2027-03-27T23:00:00+01:00', [], none)).toEqual({ open: true, closesAt: '2027-03-28T03:00:00+02:00' });
    expect(status(lateNight, '2027-03-28T00:30:00+01:00', [], none)).toEqual({ open: true, closesAt: '2027-03-28T03:00:00+02:00' });
    // Autumn: it ends the first time the clock shows 02:30; the second pass of the hour is closed.
    expect(status(lateNight, '2026-10-24T23:00:00+02:00', [], none)).toEqual({ open: true, closesAt: '2026-10-25T02:30:00+02:00' });
    expect(status(lateNight, '2026-10-25T02:15:00+01:00', [], none)).toMatchObject({ open: false, opensAt: '2026-10-31T20:00:00+01:00' });
    // An ordinary weekend: midnight is not a closing.
    expect(status(lateNight, '2026-11-07T23:59:00+01:00', [], none)).toEqual({ open: true, closesAt: '2026-11-08T02:30:00+01:00' });
  });
});

describe('look-ahead', () => {
  it('gives no opensAt when nothing opens within 60 days', () => {
    const closures = Array.from({ length: 70 }, (_, i) => {
      const d = new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10);
      return exception(d, 'chiuso', 'maintenance');
    });
    const result = status(centrale, '2027-01-01T10:00:00+01:00', closures);
    expect(result.open).toBe(false);
    expect(result).not.toHaveProperty('opensAt');
  });

  it('finds an opening on the 60th day but not later', () => {
    const sparse = week('');
    const found = status(sparse, '2027-01-01T10:00:00+01:00', [exception('2027-03-02', '09:00-10:00', 'extended')]);
    expect(found).toMatchObject({ opensAt: '2027-03-02T09:00:00+01:00' });
    expect(status(sparse, '2027-01-01T10:00:00+01:00', [exception('2027-03-03', '09:00-10:00', 'extended')])).not.toHaveProperty('opensAt');
  });

  it('has no closesAt for an office open round the clock', () => {
    const always = week('lun-dom 00:00-24:00');
    expect(status(always, '2026-12-09T10:00:00+01:00', [], new HolidayCalendar([]))).toEqual({ open: true });
  });

  it('an office without hours is closed with no next opening', () => {
    expect(status(week('chiuso'), '2026-12-09T10:00:00+01:00')).toEqual({ open: false, cause: { kind: 'outside_hours' } });
  });
});

describe('opening intervals', () => {
  it('lists a week of openings as instants, holidays left out', () => {
    const list = [...openingIntervals(centrale, noExceptions, calendar, '2026-12-07', '2026-12-13')];
    expect(list.map((i) => new Date(i.start).toISOString())).toEqual([
      '2026-12-09T07:30:00.000Z',
      '2026-12-10T07:30:00.000Z',
      '2026-12-11T07:30:00.000Z',
    ]);
  });
});
