import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { AREA_B_STEPS, ECOPASS_CHARGE, EUROS, FUEL_LIST, KINDS, areaBBanned, areaBVehicles, areaCExpected, ecopassExpected } from './quote-expectations.fixture';

// The public quote on the demo city (rules loaded by the importer, holidays from the directory).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

const post = (payload: object, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: '/api/v1/mobility/quote', payload, headers });

describe('POST /api/v1/mobility/quote: every combination, through the API', () => {
  it('Ecopass on the last day of the first version and the first of the second', async () => {
    for (const date of ['2010-05-31', '2010-06-01'])
      for (const kind of KINDS)
        for (const fuel of FUEL_LIST)
          for (const euro of EUROS)
            for (const particulateFilter of [false, true])
              for (const resident of [false, true]) {
                const res = await post({ scheme: 'ecopass', date, vehicle: { kind, fuel, euro, particulateFilter }, resident });
                const what = `${date} ${kind} ${fuel} ${euro} ${particulateFilter} ${resident}`;
                expect(res.statusCode, what).toBe(200);
                const expected = ecopassExpected(kind, fuel, euro, particulateFilter, date);
                const body = res.json();
                if (expected === 'exempt') expect([body.exempt, body.charge], what).toEqual([true, { amount: 0, currency: 'EUR' }]);
                else expect([body.class, body.charge.amount], what).toEqual([expected, ECOPASS_CHARGE[expected]]);
              }
  });

  it('Area C before and after the 2023 tariff and the 2024 resident terms', async () => {
    for (const date of ['2023-10-27', '2023-10-30', '2024-01-02'])
      for (const kind of KINDS)
        for (const fuel of FUEL_LIST)
          for (const euro of EUROS)
            for (const resident of [false, true]) {
              const co2 = fuel === 'hybrid' ? 95 : undefined;
              const res = await post({ scheme: 'area-c', date, vehicle: { kind, fuel, euro, co2 }, resident });
              const what = `${date} ${kind} ${fuel} ${euro} ${resident}`;
              expect(res.statusCode, what).toBe(200);
              const expected = areaCExpected(kind, fuel, co2, date);
              const body = res.json();
              if ('exempt' in expected) expect(body.exempt, what).toBe(true);
              else expect([body.charge.amount, body.residentFreeEntriesPerYear], what).toEqual(resident ? [expected.resident, expected.freeEntries] : [expected.charge, undefined]);
            }
  });

  it('Area B on the first weekday of each step', async () => {
    for (const [from] of AREA_B_STEPS) {
      // Steps that start at a weekend are checked on the next Monday.
      const date = { '2022-10-01': '2022-10-03', '2028-10-01': '2028-10-02' }[from] ?? from;
      for (const vehicle of areaBVehicles()) {
        const res = await post({ scheme: 'area-b', date, time: '08:00', vehicle });
        expect(res.statusCode, `${date} ${JSON.stringify(vehicle)}`).toBe(200);
        expect(res.json().allowed, `${date} ${JSON.stringify(vehicle)}`).toBe(!areaBBanned(vehicle, date));
      }
    }
  });
});

describe('POST /api/v1/mobility/quote: the answer', () => {
  it('has the contract shape, with the reason in the language asked', async () => {
    const res = await post({ scheme: 'area-c', date: '2026-12-09', time: '10:00', vehicle: { kind: 'car', fuel: 'diesel', euro: 6 }, lang: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      scheme: 'area-c',
      inForce: true,
      allowed: true,
      charge: { amount: 750, currency: 'EUR' },
      exempt: false,
      reasonCode: 'charge',
      reason: 'The charge is €7.50 for the day.',
      payBy: '2026-12-11T00:00:00+01:00',
      language: 'en',
    });
    const italian = await post({ scheme: 'area-c', date: '2026-12-09', vehicle: { kind: 'car', fuel: 'diesel', euro: 6 } }, { 'accept-language': 'it-IT,it;q=0.9' });
    expect(italian.json().reason).toBe('Il costo è di 7,50\u00a0€ per la giornata.');
    for (const lang of ['fr', 'es', 'de', 'ar', 'zh', 'ru', 'pt']) {
      const other = await post({ scheme: 'ecopass', date: '2009-03-03', vehicle: { kind: 'car', fuel: 'petrol', euro: 1 }, lang });
      expect(other.json().language).toBe(lang);
      expect(other.json().reason).not.toBe(italian.json().reason);
      expect(other.json().reason).toContain('III');
    }
  });

  it('takes the holidays from the directory: Sant\u2019Ambrogio is not in force', async () => {
    const res = await post({ scheme: 'area-b', date: '2026-12-07', time: '09:00', vehicle: { kind: 'car', fuel: 'diesel', euro: 3 } });
    expect(res.json()).toMatchObject({ inForce: false, allowed: true, banned: true, holiday: true, reasonCode: 'holiday' });
  });

  it('answers 422 for a date outside every version', async () => {
    const res = await post({ scheme: 'area-b', date: '2019-02-24', vehicle: { kind: 'car', fuel: 'diesel', euro: 3 } });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'mobility.no_rules_for_date', errors: [{ field: 'body.date' }] });
  });

  it('answers 422 with field errors for an unknown kind, fuel or Euro class', async () => {
    const res = await post({ scheme: 'ecopass', date: '2009-03-03', vehicle: { kind: 'tractor', fuel: 'steam', euro: 9 } });
    expect(res.statusCode).toBe(422);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.vehicle.kind', 'body.vehicle.fuel', 'body.vehicle.euro']));
    const noDate = await post({ scheme: 'area-c', date: '2026-02-30', vehicle: { kind: 'car', fuel: 'petrol', euro: 1 } });
    expect(noDate.statusCode).toBe(422);
    expect(noDate.json().errors[0].field).toBe('body.date');
  });

  it('answers 422 naming the missing detail (a hybrid without its CO2 in Area C)', async () => {
    const res = await post({ scheme: 'area-c', date: '2026-12-09', vehicle: { kind: 'car', fuel: 'hybrid', euro: 6 } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'mobility.vehicle_detail_required', errors: [{ field: 'body.vehicle.co2' }] });
    expect((await post({ scheme: 'area-c', date: '2026-12-09', vehicle: { kind: 'car', fuel: 'hybrid', euro: 6, co2: 99 } })).json().exempt).toBe(true);
  });

  it('refuses an unknown language with 400', async () => {
    const res = await post({ scheme: 'area-c', date: '2026-12-09', vehicle: { kind: 'car', fuel: 'petrol', euro: 6 }, lang: 'xx' });
    expect(res.statusCode).toBe(400);
  });
});
