import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HolidayCalendar } from '../directory';
import { milanRules } from '../../../test/milan-holidays';
import { daysFrom, fineAmountDueOn, fineSchedule, isWorkingDay, nextWorkingDay, plusDays, taxAmountDueOn, type FineFacts } from './amount-due';

// Milan's holidays as in data/demo-milano/holidays.yaml (milan-facts.md "Calendar").
const milan = new HolidayCalendar(milanRules);
const none = { isHoliday: () => false };

const fine = (over: Partial<FineFacts> = {}): FineFacts => ({
  notificationDate: '2026-03-02',
  minCents: 4_200,
  maxCents: 17_300,
  costsCents: 0,
  accessorySanction: 'none',
  ...over,
});

describe('next working day', () => {
  it.each([
    ['2026-03-07', '2026-03-07', 'a Saturday stays for fines'],
    ['2026-03-08', '2026-03-09', 'a Sunday moves to Monday'],
    ['2026-04-05', '2026-04-07', 'Easter Sunday 2026 → past Easter Monday'],
    ['2026-04-06', '2026-04-07', 'Easter Monday 2026'],
    ['2027-03-29', '2027-03-30', 'Easter Monday 2027'],
    ['2026-08-15', '2026-08-17', '15 August (a Saturday in 2026), then Sunday'],
    ['2027-08-15', '2027-08-16', '15 August 2027 is a Sunday'],
    ['2026-11-01', '2026-11-02', '1 November 2026 (a Sunday)'],
    ['2027-11-01', '2027-11-02', '1 November 2027 (a Monday)'],
    ['2026-12-07', '2026-12-09', "Sant'Ambrogio then the Immacolata"],
    ['2026-12-08', '2026-12-09', 'Immacolata'],
    ['2026-12-25', '2026-12-28', 'Christmas, Santo Stefano, Sunday'],
    ['2026-12-26', '2026-12-28', 'Santo Stefano'],
    ['2026-10-04', '2026-10-05', 'San Francesco, a holiday from 2026 (a Sunday too)'],
    ['2027-10-04', '2027-10-05', 'San Francesco 2027, a Monday'],
    ['2025-10-04', '2025-10-04', 'San Francesco was not yet a holiday in 2025 (a Saturday)'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(nextWorkingDay(date, milan)).toBe(expected);
  });

  it('moves tax deadlines off Saturdays too (DL 70/2011 art. 7)', () => {
    expect(nextWorkingDay('2023-12-16', milan, { saturdayMoves: true })).toBe('2023-12-18');
    expect(nextWorkingDay('2026-12-05', milan, { saturdayMoves: true })).toBe('2026-12-09');
    expect(nextWorkingDay('2026-08-15', milan, { saturdayMoves: true })).toBe('2026-08-17');
  });

  it('lands on the first working day at or after the date (property)', () => {
    const dates = fc.integer({ min: 0, max: 365 * 30 }).map((d) => plusDays('2010-01-01', d));
    fc.assert(
      fc.property(dates, fc.boolean(), (date, saturdayMoves) => {
        const moved = nextWorkingDay(date, milan, { saturdayMoves });
        expect(daysFrom(date, moved)).toBeGreaterThanOrEqual(0);
        expect(daysFrom(date, moved)).toBeLessThanOrEqual(4);
        expect(isWorkingDay(moved, milan, { saturdayMoves })).toBe(true);
        for (let d = date; d < moved; d = plusDays(d, 1)) expect(isWorkingDay(d, milan, { saturdayMoves })).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('traffic fines (Codice della Strada art. 202, 203)', () => {
  it('gives 30% off the minimum up to day 5, the minimum up to day 60, then half the maximum', () => {
    // Notified Monday 2 March 2026: day 5 is Saturday 7 March (stays), day 60 is Friday 1 May → Saturday 2 May.
    const f = fine();
    expect(fineAmountDueOn(f, '2026-03-02', milan)).toMatchObject({ phase: 'reduced', amountCents: 2_940, nextDeadline: '2026-03-07', breakdown: { reductionCents: 1_260 } });
    expect(fineAmountDueOn(f, '2026-03-07', milan)).toMatchObject({ phase: 'reduced', amountCents: 2_940 });
    expect(fineAmountDueOn(f, '2026-03-08', milan)).toMatchObject({ phase: 'minimum', amountCents: 4_200, nextDeadline: '2026-05-02' });
    expect(fineAmountDueOn(f, '2026-05-02', milan)).toMatchObject({ phase: 'minimum', amountCents: 4_200 });
    expect(fineAmountDueOn(f, '2026-05-03', milan)).toMatchObject({ phase: 'half-maximum', amountCents: 8_650, nextDeadline: null });
  });

  it('moves the 5-day limit off a Sunday and off Easter Monday', () => {
    // Notified Tuesday 31 March 2026: day 5 = Sunday 5 April (Easter) → Easter Monday → Tuesday 7 April.
    const f = fine({ notificationDate: '2026-03-31' });
    expect(fineSchedule(f, milan).steps[0]!.until).toBe('2026-04-07');
    expect(fineAmountDueOn(f, '2026-04-06', milan).phase).toBe('reduced');
    expect(fineAmountDueOn(f, '2026-04-07', milan).phase).toBe('reduced');
    expect(fineAmountDueOn(f, '2026-04-08', milan).phase).toBe('minimum');
  });

  it('moves limits that fall on 15 August, 1 November, 7–8 December, 25–26 December and 4 October 2026', () => {
    const fiveDays = (notified: string) => fineSchedule(fine({ notificationDate: notified }), milan).steps[0]!.until;
    expect(fiveDays('2026-08-10')).toBe('2026-08-17'); // 15 Aug (Sat, holiday) → Sun 16 → Mon 17
    expect(fiveDays('2026-10-27')).toBe('2026-11-02'); // 1 Nov 2026, a Sunday
    expect(fiveDays('2026-12-02')).toBe('2026-12-09'); // 7 and 8 December
    expect(fiveDays('2026-12-03')).toBe('2026-12-09');
    expect(fiveDays('2026-12-20')).toBe('2026-12-28'); // 25, 26 (Sat), 27 (Sun)
    expect(fiveDays('2026-09-29')).toBe('2026-10-05'); // 4 Oct 2026
    expect(fiveDays('2025-09-29')).toBe('2025-10-04'); // not a holiday in 2025; a Saturday stays
    const sixtyDays = (notified: string) => fineSchedule(fine({ notificationDate: notified }), milan).steps[1]!.until;
    expect(sixtyDays('2026-10-08')).toBe('2026-12-09'); // day 60 = 7 December
  });

  it('never reduces where confiscation or licence suspension applies', () => {
    for (const accessorySanction of ['confiscation', 'licence-suspension'] as const) {
      const due = fineAmountDueOn(fine({ accessorySanction, minCents: 17_300, maxCents: 69_500 }), '2026-03-03', milan);
      expect(due).toMatchObject({ phase: 'minimum', amountCents: 17_300, reductionApplies: false });
      expect(due.schedule.map((s) => s.phase)).toEqual(['minimum', 'half-maximum']);
    }
  });

  it('adds costs to every amount and never reduces them', () => {
    const f = fine({ costsCents: 1_310 });
    expect(fineAmountDueOn(f, '2026-03-03', milan)).toMatchObject({ amountCents: 2_940 + 1_310, breakdown: { sanctionCents: 2_940, costsCents: 1_310 } });
    expect(fineAmountDueOn(f, '2026-06-01', milan).amountCents).toBe(8_650 + 1_310);
  });

  it('had no 30% reduction before DL 69/2013', () => {
    expect(fineAmountDueOn(fine({ notificationDate: '2013-06-03' }), '2013-06-04', milan)).toMatchObject({ phase: 'minimum', reductionApplies: false });
  });

  const fineFacts = fc
    .record({
      day: fc.integer({ min: 0, max: 365 * 12 }),
      minCents: fc.integer({ min: 1, max: 500_000 }),
      factor: fc.integer({ min: 2, max: 6 }),
      extra: fc.integer({ min: 0, max: 1_000 }),
      costsCents: fc.integer({ min: 0, max: 5_000 }),
      accessorySanction: fc.constantFrom('none', 'licence-suspension', 'confiscation' as const),
    })
    .map((r): FineFacts => ({
      notificationDate: plusDays('2014-01-01', r.day),
      minCents: r.minCents,
      maxCents: r.minCents * r.factor + r.extra,
      costsCents: r.costsCents,
      accessorySanction: r.accessorySanction as FineFacts['accessorySanction'],
    }));

  it('never asks more for paying earlier, and the amounts are the law’s (property)', () => {
    fc.assert(
      fc.property(fineFacts, fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 }), (f, a, b) => {
        const [early, late] = [Math.min(a, b), Math.max(a, b)].map((d) => fineAmountDueOn(f, plusDays(f.notificationDate, d), milan));
        expect(early!.amountCents).toBeLessThanOrEqual(late!.amountCents);
        const expected = { reduced: Math.floor((f.minCents * 70 + 50) / 100), minimum: f.minCents, 'half-maximum': Math.round(f.maxCents / 2) };
        expect(early!.breakdown.sanctionCents).toBe(expected[early!.phase]);
        expect(early!.amountCents).toBe(early!.breakdown.sanctionCents + f.costsCents);
        if (f.accessorySanction !== 'none') expect(early!.phase).not.toBe('reduced');
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps each amount until its moved deadline, inclusive, and no longer (property)', () => {
    fc.assert(
      fc.property(fineFacts, (f) => {
        const due = fineAmountDueOn(f, f.notificationDate, milan);
        for (const step of due.schedule.filter((s) => s.until !== null)) {
          // The limit counts from the day after notification and is only ever moved later.
          const nominal = plusDays(f.notificationDate, step.phase === 'reduced' ? 5 : 60);
          expect(step.until! >= nominal).toBe(true);
          expect(isWorkingDay(step.until!, milan)).toBe(true);
          expect(fineAmountDueOn(f, step.until!, milan).phase).toBe(step.phase);
          expect(fineAmountDueOn(f, plusDays(step.until!, 1), milan).phase).not.toBe(step.phase);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('local taxes: due date and late-payment penalty (D.Lgs. 471/1997 art. 13, from 1 Sep 2024)', () => {
  const imuBalance2026 = { amountCents: 48_000, dueDate: '2026-12-16' };

  it('is the tax alone up to the (moved) due date', () => {
    expect(taxAmountDueOn(imuBalance2026, '2026-12-16', milan)).toMatchObject({ phase: 'on-time', amountCents: 48_000, dueDate: '2026-12-16', nextDeadline: '2026-12-16' });
    // TARI 2024 balance due Friday 6 December; IMU advance 16 June 2024 was a Sunday → Monday 17.
    expect(taxAmountDueOn({ amountCents: 100, dueDate: '2024-06-16' }, '2024-06-17', milan)).toMatchObject({ phase: 'on-time', dueDate: '2024-06-17' });
    // 7 December 2025 is a Sunday and Sant'Ambrogio, 8 December the Immacolata.
    expect(taxAmountDueOn({ amountCents: 100, dueDate: '2025-12-07' }, '2025-12-09', milan)).toMatchObject({ phase: 'on-time', dueDate: '2025-12-09' });
  });

  it('adds 12.5% up to 90 days late and 25% afterwards', () => {
    expect(taxAmountDueOn(imuBalance2026, '2026-12-17', milan)).toMatchObject({
      phase: 'late-reduced-penalty',
      daysLate: 1,
      amountCents: 54_000,
      breakdown: { taxCents: 48_000, penaltyCents: 6_000, penaltyRateBp: 1_250 },
      nextDeadline: '2027-03-16',
    });
    expect(taxAmountDueOn(imuBalance2026, '2027-03-16', milan)).toMatchObject({ daysLate: 90, amountCents: 54_000 });
    expect(taxAmountDueOn(imuBalance2026, '2027-03-17', milan)).toMatchObject({ phase: 'late-full-penalty', daysLate: 91, amountCents: 60_000, nextDeadline: null });
  });

  it('does not invent a penalty where no rule is in force (late before September 2024)', () => {
    expect(taxAmountDueOn({ amountCents: 10_000, dueDate: '2024-07-10' }, '2024-08-01', milan)).toMatchObject({ phase: 'late-no-rule', amountCents: 10_000, rule: null });
  });

  it('grows with the payment date and never falls below the tax (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 365 * 5 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (amountCents, day, a, b) => {
        const facts = { amountCents, dueDate: plusDays('2024-09-01', day) };
        const [early, late] = [Math.min(a, b), Math.max(a, b)].map((d) => taxAmountDueOn(facts, plusDays(facts.dueDate, d), milan));
        expect(early!.amountCents).toBeGreaterThanOrEqual(amountCents);
        expect(early!.amountCents).toBeLessThanOrEqual(late!.amountCents);
        expect(late!.amountCents).toBeLessThanOrEqual(amountCents + Math.round(amountCents / 4));
        expect(early!.amountCents).toBe(early!.breakdown.taxCents + early!.breakdown.penaltyCents);
      }),
      { numRuns: 1000 },
    );
  });
});
