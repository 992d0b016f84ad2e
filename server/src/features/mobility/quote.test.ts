import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fromRepoRoot } from '../../platform/paths';
import { HolidayCalendar, type HolidayRule } from '../directory';
import { quote, type QuoteEnvironment, type QuoteRequest } from './quote';
import {
  AREA_B_STEPS,
  ECOPASS_CHARGE,
  ECOPASS_RESIDENT_PASS,
  EUROS,
  FUEL_LIST,
  KINDS,
  areaBBanned,
  areaBVehicles,
  areaCExpected,
  ecopassExpected,
} from './quote-expectations.fixture';
import { toVersion } from './rule-versions';
import { versionInput, type RuleVersion, type Scheme } from './rules-schema';

// The demo city's own files: the rules as shipped, and its holiday calendar.
const dir = fromRepoRoot('data/demo-milano');
function versionsOf(scheme: Scheme): RuleVersion[] {
  const file = parse(readFileSync(`${dir}/mobility/${scheme}.yaml`, 'utf8')) as { versions: unknown[] };
  return file.versions.map((v) => toVersion(scheme, versionInput.parse(v)));
}
const holidays = new HolidayCalendar(
  (parse(readFileSync(`${dir}/holidays.yaml`, 'utf8')) as { key: string; date?: string; easter?: number; validFrom?: string; scope: 'national' | 'city' }[]).map(
    (h): HolidayRule => ({
      key: h.key,
      month: h.date ? Number(h.date.slice(0, 2)) : null,
      day: h.date ? Number(h.date.slice(3)) : null,
      easterOffset: h.easter ?? null,
      validFrom: h.validFrom ?? null,
      scope: h.scope,
      names: {},
    }),
  ),
);
const env = (scheme: Scheme): QuoteEnvironment => ({ versions: versionsOf(scheme), isHoliday: (d) => holidays.isHoliday(d), zone: 'Europe/Rome' });
const envs = { ecopass: env('ecopass'), 'area-c': env('area-c'), 'area-b': env('area-b') };
const ask = (req: QuoteRequest) => quote(req, envs[req.scheme]);
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'no error';
};

describe('Ecopass: class and charge for every kind × fuel × Euro class (× filter)', () => {
  // First and last weekday of each version: 2 Jan 2008 (Wed), 31 May 2010 (Mon), 1 Jun 2010 (Tue), 30 Dec 2011 (Fri).
  for (const date of ['2008-01-02', '2010-05-31', '2010-06-01', '2011-12-30']) {
    it(`on ${date}, residents and not`, () => {
      let checked = 0;
      for (const kind of KINDS)
        for (const fuel of FUEL_LIST)
          for (const euro of EUROS)
            for (const particulateFilter of [false, true])
              for (const resident of [false, true]) {
                const expected = ecopassExpected(kind, fuel, euro, particulateFilter, date);
                const q = ask({ scheme: 'ecopass', date, vehicle: { kind, fuel, euro, particulateFilter }, resident });
                const what = `${kind} ${fuel} Euro ${euro} filter=${particulateFilter} resident=${resident}`;
                expect(q.inForce, what).toBe(true);
                if (expected === 'exempt') {
                  expect([q.exempt, q.charge.amount, q.class, q.reasonCode], what).toEqual([true, 0, undefined, 'exempt-two-wheeler']);
                } else {
                  expect([q.class, q.charge.amount, q.exempt], what).toEqual([expected, ECOPASS_CHARGE[expected], false]);
                  // The daily charge is the same for residents; their annual pass is offered beside it.
                  const pass = q.passes?.find((p) => p.kind === 'resident-annual')?.charge.amount;
                  expect(pass, what).toBe(resident ? ECOPASS_RESIDENT_PASS[expected] : undefined);
                  if (ECOPASS_CHARGE[expected] > 0) expect(q.payBy, what).toBeDefined();
                  else expect(q.payBy, what).toBeUndefined();
                }
                checked++;
              }
      expect(checked).toBe(5 * 6 * 7 * 2 * 2);
    });
  }

  it('is a 422 the day before and the day after', () => {
    expect(code(() => ask({ scheme: 'ecopass', date: '2008-01-01', vehicle: { kind: 'car', fuel: 'petrol', euro: 1 } }))).toBe('mobility.no_rules_for_date');
    expect(code(() => ask({ scheme: 'ecopass', date: '2012-01-01', vehicle: { kind: 'car', fuel: 'petrol', euro: 1 } }))).toBe('mobility.no_rules_for_date');
  });

  it('exempts disabled permits, and perishable food only 10:00–16:00', () => {
    const car = { kind: 'car', fuel: 'diesel', euro: 0 } as const;
    expect(ask({ scheme: 'ecopass', date: '2009-03-03', vehicle: car, permits: ['disabled'] })).toMatchObject({ exempt: true, class: 'V', charge: { amount: 0 }, reasonCode: 'exempt-disabled' });
    expect(ask({ scheme: 'ecopass', date: '2009-03-03', time: '10:00', vehicle: car, permits: ['perishable-food'] })).toMatchObject({ exempt: true, reasonCode: 'exempt-perishable-food' });
    expect(ask({ scheme: 'ecopass', date: '2009-03-03', time: '15:59', vehicle: car, permits: ['perishable-food'] }).exempt).toBe(true);
    expect(ask({ scheme: 'ecopass', date: '2009-03-03', time: '16:00', vehicle: car, permits: ['perishable-food'] })).toMatchObject({ exempt: false, charge: { amount: 1000 } });
    expect(ask({ scheme: 'ecopass', date: '2009-03-03', time: '09:59', vehicle: car, permits: ['perishable-food'] }).exempt).toBe(false);
  });

  it('is not in force at weekends, on holidays, or before 07:30 and from 19:30', () => {
    const car = { kind: 'car', fuel: 'petrol', euro: 1 } as const;
    expect(ask({ scheme: 'ecopass', date: '2011-12-31', vehicle: car })).toMatchObject({ inForce: false, reasonCode: 'no-hours-that-day', charge: { amount: 0 }, version: 'ecopass-2010-06' });
    expect(ask({ scheme: 'ecopass', date: '2008-04-25', vehicle: car })).toMatchObject({ inForce: false, reasonCode: 'holiday', holiday: true }); // Friday, Liberation Day
    expect(ask({ scheme: 'ecopass', date: '2008-12-08', time: '08:00', vehicle: car }).reasonCode).toBe('holiday'); // Monday, Immacolata
    expect(ask({ scheme: 'ecopass', date: '2008-12-09', time: '07:29', vehicle: car })).toMatchObject({ inForce: false, reasonCode: 'outside-hours' });
    expect(ask({ scheme: 'ecopass', date: '2008-12-09', time: '07:30', vehicle: car })).toMatchObject({ inForce: true, charge: { amount: 200 } });
    expect(ask({ scheme: 'ecopass', date: '2008-12-09', time: '19:29', vehicle: car }).inForce).toBe(true);
    expect(ask({ scheme: 'ecopass', date: '2008-12-09', time: '19:30', vehicle: car }).inForce).toBe(false);
  });
});

describe('Area C: charge, exemptions and resident terms for every kind × fuel × Euro class', () => {
  // First and last weekdays around each change: 16 Jan 2012 (Mon), 31 Mar 2014 (Mon), 1 Apr 2014 (Tue),
  // 27 Oct 2023 (Fri, last weekday before the 2023 tariff), 30 Oct 2023 (Mon), 29 Dec 2023 (Fri), 2 Jan 2024 (Tue), 9 Dec 2026 (Wed).
  const dates = ['2012-01-16', '2014-03-31', '2014-04-01', '2023-10-27', '2023-10-30', '2023-12-29', '2024-01-02', '2026-12-09'];
  for (const date of dates) {
    it(`on ${date}, residents and not`, () => {
      let checked = 0;
      for (const kind of KINDS)
        for (const fuel of FUEL_LIST)
          for (const euro of EUROS)
            for (const co2 of fuel === 'hybrid' ? [60, 100, 101, 140] : [undefined])
              for (const resident of [false, true]) {
                const expected = areaCExpected(kind, fuel, co2, date);
                const q = ask({ scheme: 'area-c', date, vehicle: { kind, fuel, euro, co2 }, resident });
                const what = `${kind} ${fuel} Euro ${euro} co2=${co2} resident=${resident}`;
                expect([q.inForce, q.allowed, q.class], what).toEqual([true, true, undefined]);
                if ('exempt' in expected) {
                  expect([q.exempt, q.charge.amount, q.payBy], what).toEqual([true, 0, undefined]);
                } else {
                  expect([q.exempt, q.charge.amount], what).toEqual([false, resident ? expected.resident : expected.charge]);
                  expect(q.residentFreeEntriesPerYear, what).toBe(resident ? expected.freeEntries : undefined);
                  expect(q.deferred?.charge.amount, what).toBe(expected.deferred);
                  expect(q.reasonCode, what).toBe(resident ? 'resident-charge' : 'charge');
                }
                checked++;
              }
      expect(checked).toBeGreaterThan(5 * 6 * 7 * 2);
    });
  }

  it('asks for the CO2 of a hybrid car instead of guessing', () => {
    const err = (() => {
      try {
        ask({ scheme: 'area-c', date: '2024-05-06', vehicle: { kind: 'car', fuel: 'hybrid', euro: 6 } });
      } catch (e) {
        return e as { code: string; errors: { field: string }[] };
      }
    })();
    expect(err?.code).toBe('mobility.vehicle_detail_required');
    expect(err?.errors[0]?.field).toBe('body.vehicle.co2');
  });

  it('charges service vehicles less (2012: €3, 2023: €4.50) and exempts disabled permits', () => {
    const van = { kind: 'goods', fuel: 'diesel', euro: 5 } as const;
    expect(ask({ scheme: 'area-c', date: '2013-05-06', vehicle: van, permits: ['service'] })).toMatchObject({ charge: { amount: 300 }, reasonCode: 'service-charge' });
    expect(ask({ scheme: 'area-c', date: '2024-05-06', vehicle: van, permits: ['service'] }).charge.amount).toBe(450);
    expect(ask({ scheme: 'area-c', date: '2024-05-06', vehicle: van, permits: ['disabled'] })).toMatchObject({ exempt: true, charge: { amount: 0 } });
  });

  it('ends at 18:00 on Thursdays in 2012–2016 and at 19:30 from 2017', () => {
    const car = { kind: 'car', fuel: 'petrol', euro: 4 } as const;
    expect(ask({ scheme: 'area-c', date: '2016-12-29', time: '17:59', vehicle: car }).inForce).toBe(true);
    expect(ask({ scheme: 'area-c', date: '2016-12-29', time: '18:00', vehicle: car })).toMatchObject({ inForce: false, reasonCode: 'outside-hours', charge: { amount: 0 } });
    expect(ask({ scheme: 'area-c', date: '2016-12-29', vehicle: car }).hours).toEqual([{ from: '07:30', to: '18:00' }]);
    expect(ask({ scheme: 'area-c', date: '2017-01-05', time: '18:00', vehicle: car }).inForce).toBe(true);
    expect(ask({ scheme: 'area-c', date: '2017-01-05', time: '19:30', vehicle: car }).inForce).toBe(false);
    expect(ask({ scheme: 'area-c', date: '2017-01-05', time: '07:29', vehicle: car }).inForce).toBe(false);
  });

  it('is not in force on holidays, Sant\u2019Ambrogio included, and starts on 16 Jan 2012', () => {
    const car = { kind: 'car', fuel: 'petrol', euro: 4 } as const;
    expect(ask({ scheme: 'area-c', date: '2026-12-07', vehicle: car })).toMatchObject({ inForce: false, reasonCode: 'holiday' }); // Monday, Sant'Ambrogio
    expect(ask({ scheme: 'area-c', date: '2027-10-04', vehicle: car }).reasonCode).toBe('holiday'); // Monday, San Francesco (from 2026)
    expect(ask({ scheme: 'area-c', date: '2024-04-01', vehicle: car }).reasonCode).toBe('holiday'); // Easter Monday
    expect(code(() => ask({ scheme: 'area-c', date: '2012-01-13', vehicle: car }))).toBe('mobility.no_rules_for_date');
  });

  it('asks payment by 24:00 of the day after, across the clock changes', () => {
    const car = { kind: 'car', fuel: 'petrol', euro: 4 } as const;
    expect(ask({ scheme: 'area-c', date: '2024-03-29', vehicle: car }).payBy).toBe('2024-03-31T00:00:00+01:00'); // summer time starts 31 Mar 02:00
    expect(ask({ scheme: 'area-c', date: '2024-10-25', vehicle: car }).payBy).toBe('2024-10-27T00:00:00+02:00'); // winter time starts 27 Oct 03:00
    expect(ask({ scheme: 'area-c', date: '2026-12-09', vehicle: car })).toMatchObject({ payBy: '2026-12-11T00:00:00+01:00', deferred: { payBy: '2026-12-17T00:00:00+01:00', charge: { amount: 2250 } } });
    // The clock-change Sundays themselves: not in force.
    expect(ask({ scheme: 'area-c', date: '2026-03-29', time: '02:30', vehicle: car }).inForce).toBe(false);
    expect(ask({ scheme: 'area-c', date: '2026-10-25', time: '02:30', vehicle: car }).inForce).toBe(false);
  });
});

describe('Area B: bans for every kind × fuel × Euro class (× stroke, × Euro 6 stage)', () => {
  for (const [from, to] of AREA_B_STEPS) {
    // The first day of the step and its last day (a later day for the open-ended last one).
    for (const date of [from, to === '2099-12-31' ? '2031-06-04' : to]) {
      it(`on ${date}, residents and not, in force and after hours`, () => {
        let checked = 0;
        for (const v of areaBVehicles())
          for (const resident of [false, true]) {
            const what = `${JSON.stringify(v)} resident=${resident}`;
            const banned = areaBBanned(v, date);
            const during = ask({ scheme: 'area-b', date, time: '12:00', vehicle: v, resident });
            const weekday = during.hours.length > 0;
            expect(during.banned, what).toBe(banned);
            expect(during.allowed, what).toBe(!(banned && weekday));
            expect([during.charge.amount, during.exempt, during.class], what).toEqual([0, false, undefined]);
            if (weekday) expect(during.reasonCode, what).toBe(banned ? 'banned' : 'allowed');
            const evening = ask({ scheme: 'area-b', date, time: '19:30', vehicle: v, resident });
            expect([evening.inForce, evening.allowed, evening.banned], what).toEqual([false, true, banned]);
            checked++;
          }
        expect(checked).toBe(areaBVehicles().length * 2);
      });
    }
  }

  it('is a 422 before 25 Feb 2019', () => {
    expect(code(() => ask({ scheme: 'area-b', date: '2019-02-24', vehicle: { kind: 'car', fuel: 'diesel', euro: 0 } }))).toBe('mobility.no_rules_for_date');
  });

  it('needs the engine stroke of an old petrol two-wheeler from 1 Oct 2026, and the Euro 6 stage of a diesel from 1 Oct 2028', () => {
    const moped = { kind: 'moped', fuel: 'petrol', euro: 3 } as const;
    expect(ask({ scheme: 'area-b', date: '2026-09-30', vehicle: moped }).allowed).toBe(true);
    expect(code(() => ask({ scheme: 'area-b', date: '2026-10-01', vehicle: moped }))).toBe('mobility.vehicle_detail_required');
    expect(ask({ scheme: 'area-b', date: '2026-10-01', vehicle: { ...moped, euro: 4 } }).allowed).toBe(true);
    const diesel6 = { kind: 'car', fuel: 'diesel', euro: 6 } as const;
    expect(ask({ scheme: 'area-b', date: '2028-09-29', vehicle: diesel6 }).allowed).toBe(true);
    expect(code(() => ask({ scheme: 'area-b', date: '2028-10-02', vehicle: diesel6 }))).toBe('mobility.vehicle_detail_required');
  });

  it('is not in force on holidays: a banned car may drive on Easter Monday and on Sant\u2019Ambrogio', () => {
    const old = { kind: 'car', fuel: 'diesel', euro: 3 } as const;
    expect(ask({ scheme: 'area-b', date: '2024-04-01', time: '09:00', vehicle: old })).toMatchObject({ inForce: false, allowed: true, banned: true, reasonCode: 'holiday' });
    expect(ask({ scheme: 'area-b', date: '2025-12-08', time: '09:00', vehicle: old }).reasonCode).toBe('holiday');
    expect(ask({ scheme: 'area-b', date: '2026-12-07', time: '09:00', vehicle: old }).allowed).toBe(true);
    expect(ask({ scheme: 'area-b', date: '2026-12-09', time: '09:00', vehicle: old })).toMatchObject({ inForce: true, allowed: false });
  });
});
