import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatWeeklyHours, parseDayHours, parseRanges, parseWeeklyHours } from './hours-grammar';
import { formatTime, mergeRanges, type TimeRange } from './time-ranges';

const hhmm = (ranges: readonly TimeRange[]) => ranges.map((r) => `${formatTime(r.opens)}-${formatTime(r.closes)}`);
const week = (text: string) => {
  const parsed = parseWeeklyHours(text);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.value.map(hhmm);
};
const errorsOf = (text: string) => {
  const parsed = parseWeeklyHours(text);
  return parsed.ok ? [] : parsed.errors;
};

describe('weekly hours grammar', () => {
  it('reads a day range with two ranges and a second clause', () => {
    expect(week('lun-ven 08:30-12:30,14:00-16:00; sab 08:30-12:00')).toEqual([
      ['08:30-12:30', '14:00-16:00'],
      ['08:30-12:30', '14:00-16:00'],
      ['08:30-12:30', '14:00-16:00'],
      ['08:30-12:30', '14:00-16:00'],
      ['08:30-12:30', '14:00-16:00'],
      ['08:30-12:00'],
      [],
    ]);
  });

  it('reads day lists, mixed lists and ranges, and sab-dom', () => {
    expect(week('lun,mer,ven 08:30-15:30; mar,gio 08:30-12:30')).toEqual([
      ['08:30-15:30'], ['08:30-12:30'], ['08:30-15:30'], ['08:30-12:30'], ['08:30-15:30'], [], [],
    ]);
    expect(week('lun,mer-ven 09:00-12:00')).toEqual([['09:00-12:00'], [], ['09:00-12:00'], ['09:00-12:00'], ['09:00-12:00'], [], []]);
    expect(week('sab-dom 10:00-18:00')[6]).toEqual(['10:00-18:00']);
  });

  it('adds the ranges of two clauses naming the same day, sorted', () => {
    expect(week('lun-ven 09:00-12:30; mer 14:00-16:00')[2]).toEqual(['09:00-12:30', '14:00-16:00']);
    expect(week('mar 14:00-16:00; lun-ven 09:00-12:30')[1]).toEqual(['09:00-12:30', '14:00-16:00']);
  });

  it('tolerates spaces, capitals, dash variants and a trailing semicolon', () => {
    expect(week(' LUN – VEN  08:30 - 12:30 , 14:00-16:00 ; ')).toEqual(week('lun-ven 08:30-12:30,14:00-16:00'));
  });

  it('reads empty and "chiuso" as no public hours, and "dom chiuso" as a closed day', () => {
    expect(week('')).toEqual([[], [], [], [], [], [], []]);
    expect(week('chiuso')).toEqual([[], [], [], [], [], [], []]);
    expect(week('lun-sab 08:00-18:00; dom chiuso')[6]).toEqual([]);
  });

  it('accepts 24:00 as a closing time and keeps touching ranges (they merge later)', () => {
    expect(week('ven 20:00-24:00; sab 00:00-02:00')).toEqual([[], [], [], [], ['20:00-24:00'], ['00:00-02:00'], []]);
    expect(week('lun 12:30-14:00,14:00-16:00')[0]).toEqual(['12:30-14:00', '14:00-16:00']);
  });

  it.each([
    ['lunedi 08:30-12:30', /unknown day "lunedi"/],
    ['lun-xyz 08:30-12:30', /unknown day "xyz"/],
    ['ven-lun 08:30-12:30', /goes backwards/],
    ['lun-ven', /needs days and hours/],
    ['lun-ven 8:30-12:30', /bad time range "8:30-12:30"/],
    ['lun-ven 08:30-25:00', /bad time range/],
    ['lun-ven 08:30-12:60', /bad time range/],
    ['lun-ven 24:00-24:00', /bad time range/],
    ['lun-ven 08:30', /bad time range "08:30"/],
    ['lun-ven 08:30-12:30-14:00', /bad time range/],
    ['lun-ven 14:00-12:00', /14:00-12:00 does not end after it starts/],
    ['lun-ven 09:00-09:00', /does not end after it starts/],
    ['lun-ven 08:30-12:30,12:00-15:00', /08:30-12:30 and 12:00-15:00 overlap/],
    ['lun-ven 08:30-12:30; mer 10:00-11:00', /overlap on mer/],
    ['lun-ven 08:30-12:30; ven chiuso', /ven is both "chiuso" and open/],
  ])('rejects %j', (text, message) => {
    const errors = errorsOf(text);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });

  it('reports every problem of a string, not only the first', () => {
    expect(errorsOf('xyz 08:30-12:30; lun 9-10; mar 14:00-12:00')).toHaveLength(3);
  });

  it('formats a schedule back in the grammar, grouping days', () => {
    const text = 'lun-gio 08:30-12:30,13:30-15:30; ven 08:30-12:30';
    const parsed = parseWeeklyHours(text);
    expect(parsed.ok && formatWeeklyHours(parsed.value)).toBe(text);
    const lists = parseWeeklyHours('lun,mer,ven 08:30-15:30; mar,gio 08:30-12:30');
    expect(lists.ok && formatWeeklyHours(lists.value)).toBe('lun,mer,ven 08:30-15:30; mar,gio 08:30-12:30');
  });

  it('round-trips any valid schedule through format and parse', () => {
    const range = fc
      .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 600 }))
      .map(([opens, length]) => ({ opens, closes: Math.min(1440, opens + length) }));
    const day = fc.array(range, { maxLength: 3 }).map((rs) => mergeRanges(rs).filter((r, i, all) => i === 0 || r.opens > all[i - 1]!.closes));
    fc.assert(
      fc.property(fc.array(day, { minLength: 7, maxLength: 7 }), (schedule) => {
        const parsed = parseWeeklyHours(formatWeeklyHours(schedule));
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(parsed.value).toEqual(schedule);
      }),
    );
  });
});

describe('exception hours', () => {
  it('reads chiuso and range lists', () => {
    expect(parseDayHours('chiuso')).toEqual({ ok: true, value: { closed: true } });
    expect(parseDayHours('Chiuso ')).toEqual({ ok: true, value: { closed: true } });
    expect(parseDayHours('08:30-15:30,16:00-19:00')).toEqual({ ok: true, value: { closed: false, ranges: [{ opens: 510, closes: 930 }, { opens: 960, closes: 1140 }] } });
  });

  it('rejects an empty list, bad syntax and overlaps', () => {
    expect(parseRanges('').ok).toBe(false);
    expect(parseDayHours('closed').ok).toBe(false);
    expect(parseDayHours('08:30-15:30,15:00-19:00').ok).toBe(false);
  });
});
