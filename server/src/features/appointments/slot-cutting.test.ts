import { describe, expect, it } from 'vitest';
import { localToInstant } from '../directory';
import { appliesOn, cutSlots, type TemplateRule } from './slot-cutting';

const zone = 'Europe/Rome';
const rule: TemplateRule = {
  serviceCode: 'cie',
  officeSlug: 'anagrafe-centrale',
  weekday: 3, // Wednesday
  opens: 8 * 60 + 30,
  closes: 12 * 60 + 30,
  slotMinutes: 20,
  capacity: 2,
  validFrom: '2026-01-01',
  validTo: '2027-06-30',
};
const at = (date: string, hhmm: string) => localToInstant(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)), zone);
const day = (date: string, from = '08:30', to = '15:30') => [{ start: at(date, from), end: at(date, to) }];

describe('cutSlots', () => {
  it('cuts the template range into whole slots on its weekday', () => {
    const slots = cutSlots(rule, '2026-12-09', day('2026-12-09'), zone);
    expect(slots).toHaveLength(12);
    expect(new Date(slots[0]!.start).toISOString()).toBe('2026-12-09T07:30:00.000Z');
    expect(new Date(slots.at(-1)!.end).toISOString()).toBe('2026-12-09T11:30:00.000Z');
    expect(slots.every((s) => s.capacity === 2 && s.end - s.start === 20 * 60_000)).toBe(true);
  });

  it('drops a last slot that would not fit', () => {
    expect(cutSlots({ ...rule, closes: 12 * 60 + 40 }, '2026-12-09', day('2026-12-09'), zone)).toHaveLength(12);
  });

  it('offers nothing when the office is closed (holiday or closure: no openings)', () => {
    expect(cutSlots(rule, '2026-12-09', [], zone)).toEqual([]);
  });

  it('keeps only the slots inside shorter hours (reduced opening 08:30–10:00)', () => {
    const slots = cutSlots(rule, '2026-12-09', day('2026-12-09', '08:30', '10:00'), zone);
    expect(slots).toHaveLength(4);
    expect(new Date(slots.at(-1)!.end).toISOString()).toBe('2026-12-09T08:50:00.000Z');
  });

  it('respects the lunch break between two openings', () => {
    const openings = [
      { start: at('2026-12-09', '08:30'), end: at('2026-12-09', '09:10') },
      { start: at('2026-12-09', '10:00'), end: at('2026-12-09', '11:00') },
    ];
    expect(cutSlots(rule, '2026-12-09', openings, zone).map((s) => new Date(s.start).toISOString())).toEqual([
      '2026-12-09T07:30:00.000Z',
      '2026-12-09T07:50:00.000Z',
      // On the template's grid (08:30, 08:50, …): 10:10 and 10:30 fit in 10:00–11:00, 10:50 does not.
      '2026-12-09T09:10:00.000Z',
      '2026-12-09T09:30:00.000Z',
    ]);
  });

  it('applies only on its weekday and between its dates', () => {
    expect(appliesOn(rule, '2026-12-10')).toBe(false);
    expect(appliesOn(rule, '2025-12-10')).toBe(false);
    expect(appliesOn(rule, '2027-07-07')).toBe(false);
    expect(appliesOn({ ...rule, validTo: null }, '2030-01-02')).toBe(true);
  });

  it('uses summer time offsets after the March change', () => {
    const slots = cutSlots({ ...rule, weekday: 3 }, '2027-03-31', day('2027-03-31'), zone);
    expect(new Date(slots[0]!.start).toISOString()).toBe('2027-03-31T06:30:00.000Z');
  });
});
