/**
 * Expected answers, written by hand from shared/domain/milan-facts.md (not from the YAML rules), for
 * every vehicle kind × fuel × Euro class (× particulate filter, engine stroke, Euro 6 stage where
 * the facts tell them apart). Lines marked "interp." are the documented readings of docs/mobility.md
 * for combinations the facts do not name. The tests check the table covers every combination once.
 */
import type { Euro6Stage, Fuel, PollutionClass, VehicleKind } from './rules-schema';

export const KINDS: VehicleKind[] = ['car', 'goods', 'bus', 'moped', 'motorcycle'];
export const FUEL_LIST: Fuel[] = ['petrol', 'diesel', 'lpg', 'cng', 'electric', 'hybrid'];
export const EUROS = [0, 1, 2, 3, 4, 5, 6];
export const STAGES: Euro6Stage[] = ['a', 'b', 'c', 'd-temp', 'd'];

type Range = [number, number];

// ---- Ecopass (facts: "Ecopass (2 Jan 2008 – 31 Dec 2011)") ---------------------------------
// [kinds, fuel, Euro range, filter (undefined: either), class until 31 May 2010, class from 1 Jun 2010]
type EcopassRow = [string, Fuel | '*', Range, boolean | undefined, PollutionClass | 'exempt', PollutionClass | 'exempt'];
export const ECOPASS_TABLE: EcopassRow[] = [
  ['moped motorcycle', '*', [0, 6], undefined, 'exempt', 'exempt'], // "Exempt: mopeds and motorcycles"
  ['car goods bus', 'lpg', [0, 6], undefined, 'I', 'I'], //            class I: LPG
  ['car goods bus', 'cng', [0, 6], undefined, 'I', 'I'], //            class I: CNG (methane)
  ['car goods bus', 'electric', [0, 6], undefined, 'I', 'I'], //       class I: electric
  ['car goods bus', 'hybrid', [0, 6], undefined, 'I', 'I'], //         class I: hybrid
  ['car goods', 'petrol', [0, 0], undefined, 'IV', 'IV'], //           class IV: petrol pre-Euro (Euro 0)
  ['car goods', 'petrol', [1, 2], undefined, 'III', 'III'], //         class III: petrol Euro 1 and Euro 2
  ['car goods', 'petrol', [3, 4], undefined, 'II', 'II'], //           class II: petrol Euro 3 and 4 (cars and goods vehicles)
  ['car goods', 'petrol', [5, 6], undefined, 'II', 'II'], //           interp.: newer petrol no worse than Euro 4
  ['bus', 'petrol', [0, 3], undefined, 'V', 'V'], //                   class V: buses Euro 0–3
  ['bus', 'petrol', [4, 6], undefined, 'IV', 'IV'], //                 interp.: as diesel buses Euro 4–5
  ['car', 'diesel', [0, 0], undefined, 'V', 'V'], //                   class V: diesel cars pre-Euro
  ['car', 'diesel', [1, 3], undefined, 'IV', 'IV'], //                 class IV: diesel cars Euro 1–3
  ['goods', 'diesel', [0, 2], undefined, 'V', 'V'], //                 class V: diesel goods vehicles Euro 0–2
  ['goods', 'diesel', [3, 3], undefined, 'IV', 'IV'], //               class IV: diesel goods vehicles Euro 3
  ['car goods', 'diesel', [4, 4], true, 'II', 'II'], //                class II: diesel Euro 4 with particulate filter
  ['car goods', 'diesel', [4, 4], false, 'II', 'IV'], //               without a filter: free, then class IV from 1 Jun 2010
  ['car goods', 'diesel', [5, 6], undefined, 'II', 'II'], //           interp.: Euro 5–6 diesel have a filter by type approval
  ['bus', 'diesel', [0, 3], undefined, 'V', 'V'], //                   class V: buses Euro 0–3
  ['bus', 'diesel', [4, 5], undefined, 'IV', 'IV'], //                 class IV: diesel buses Euro 4–5
  ['bus', 'diesel', [6, 6], undefined, 'IV', 'IV'], //                 interp.: as Euro 4–5
];
/** Daily charge by class, cents (facts: the Ecopass table, "Daily charge"). */
export const ECOPASS_CHARGE: Record<PollutionClass, number> = { I: 0, II: 0, III: 200, IV: 500, V: 1000 };
/** Residents' annual pass by class (facts: "Residents' annual pass €50/€125/€250"). */
export const ECOPASS_RESIDENT_PASS: Partial<Record<PollutionClass, number>> = { III: 5000, IV: 12500, V: 25000 };

export function ecopassExpected(kind: VehicleKind, fuel: Fuel, euro: number, filter: boolean, date: string): PollutionClass | 'exempt' {
  const rows = ECOPASS_TABLE.filter(
    ([kinds, f, [lo, hi], fil]) => kinds.split(' ').includes(kind) && (f === '*' || f === fuel) && euro >= lo && euro <= hi && (fil === undefined || fil === filter),
  );
  if (rows.length !== 1) throw new Error(`Ecopass table: ${rows.length} rows for ${kind} ${fuel} ${euro} filter=${filter}`);
  const [, , , , before, after] = rows[0]!;
  return date < '2010-06-01' ? before : after;
}

// ---- Area C (facts: "Area C (from 16 Jan 2012)") --------------------------------------------
// Exempt: electric, hybrids ≤100 g CO2/km, mopeds and motorcycles. Everything else pays the day.
export type AreaCExpected = { exempt: true } | { charge: number; resident: number; freeEntries: number; deferred?: number };
/** [first day, last day, standard charge, resident charge, resident free entries, deferred charge] */
export const AREA_C_PERIODS: [string, string, number, number, number, number | undefined][] = [
  ['2012-01-16', '2014-03-31', 500, 200, 40, undefined], // 2012: €5, residents 40 free then €2
  ['2014-04-01', '2023-10-29', 500, 200, 40, 1500], //     deferred payment €15 from Apr 2014
  ['2023-10-30', '2023-12-31', 750, 300, 40, 2250], //     30 Oct 2023: €7.50, residents €3 (50 free only from 2024); deferred €22.50
  ['2024-01-01', '2099-12-31', 750, 300, 50, 2250], //     residents 50 free entries a year from 2024
];

export function areaCExpected(kind: VehicleKind, fuel: Fuel, co2: number | undefined, date: string): AreaCExpected {
  if (kind === 'moped' || kind === 'motorcycle') return { exempt: true };
  if (fuel === 'electric') return { exempt: true };
  if (fuel === 'hybrid' && co2 !== undefined && co2 <= 100) return { exempt: true };
  const period = AREA_C_PERIODS.find(([from, to]) => from <= date && date <= to);
  if (!period) throw new Error(`no Area C period for ${date}`);
  const [, , charge, resident, freeEntries, deferred] = period;
  return { charge, resident, freeEntries, ...(deferred !== undefined ? { deferred } : {}) };
}

// ---- Area B (facts: "Area B", the table of newly banned vehicles) ---------------------------
// Each step's bans, cumulated by hand. Pattern: "<kinds> <fuel> [2T|4T] <euro range> [6abc]".
// "car goods bus" for the car steps (two-wheelers have their own step, 1 Oct 2026); a ban of "Euro N"
// of a fuel covers its older classes; "buses Euro III" covers every fuel but electric.
const S2019_02 = ['car goods bus petrol 0-0', 'car goods bus diesel 0-3']; // 25 Feb 2019
const S2019_10 = [...S2019_02, 'car diesel 0-4']; //                                1 Oct 2019: diesel Euro 4 cars
const S2020_10 = [...S2019_10, 'car goods bus petrol 0-1']; //                      1 Oct 2020: petrol Euro 1
const S2022_10 = [...S2020_10, 'car goods bus petrol 0-2', 'car goods bus diesel 0-5']; // 1 Oct 2022: petrol Euro 2; diesel Euro 5
const BUSES_III = ['petrol', 'diesel', 'lpg', 'cng', 'hybrid'].map((f) => `bus ${f} 0-3`);
const S2025_10 = [...S2022_10, 'car goods bus petrol 0-3', ...BUSES_III]; //        1 Oct 2025: petrol Euro 3; buses Euro III
const S2026_10 = [...S2025_10, 'moped motorcycle petrol 2T 0-3', 'moped motorcycle diesel 0-3', 'moped motorcycle petrol 4T 0-2']; // 1 Oct 2026
const S2028_10 = [...S2026_10, 'car goods bus petrol 0-4', 'car goods bus diesel 6-6 6abc']; // 1 Oct 2028: petrol Euro 4; diesel Euro 6 A/B/C
const S2030_10 = [...S2028_10, 'car goods bus diesel 0-6']; //                      1 Oct 2030: diesel Euro 6d-TEMP / 6d

/** [first day, last day, bans] — a date before the first step has no Area B rules (422). */
export const AREA_B_STEPS: [string, string, string[]][] = [
  ['2019-02-25', '2019-09-30', S2019_02],
  ['2019-10-01', '2020-09-30', S2019_10],
  ['2020-10-01', '2022-09-30', S2020_10],
  ['2022-10-01', '2025-09-30', S2022_10],
  ['2025-10-01', '2026-09-30', S2025_10],
  ['2026-10-01', '2028-09-30', S2026_10],
  ['2028-10-01', '2030-09-30', S2028_10],
  ['2030-10-01', '2099-12-31', S2030_10],
];

export interface AreaBVehicle {
  kind: VehicleKind;
  fuel: Fuel;
  euro: number;
  engineStroke?: 2 | 4;
  euro6Stage?: Euro6Stage;
}

export function areaBBanned(v: AreaBVehicle, date: string): boolean {
  const step = AREA_B_STEPS.find(([from, to]) => from <= date && date <= to);
  if (!step) throw new Error(`no Area B step for ${date}`);
  return step[2].some((pattern) => {
    const words = pattern.split(' ');
    const kinds = words.filter((w) => ['car', 'goods', 'bus', 'moped', 'motorcycle'].includes(w));
    const fuel = words[kinds.length]!;
    const stroke = words.find((w) => /^[24]T$/.test(w));
    const [lo, hi] = words.find((w) => /^\d-\d$/.test(w))!.split('-').map(Number) as [number, number];
    const abc = words.includes('6abc');
    return (
      kinds.includes(v.kind) &&
      fuel === v.fuel &&
      v.euro >= lo &&
      v.euro <= hi &&
      (stroke === undefined || Number(stroke[0]) === v.engineStroke) &&
      (!abc || ['a', 'b', 'c'].includes(v.euro6Stage ?? ''))
    );
  });
}

/** Every Area B vehicle: petrol two-wheelers with both strokes, diesel Euro 6 with every stage. */
export function areaBVehicles(): AreaBVehicle[] {
  const out: AreaBVehicle[] = [];
  for (const kind of KINDS) {
    for (const fuel of FUEL_LIST) {
      for (const euro of EUROS) {
        if ((kind === 'moped' || kind === 'motorcycle') && fuel === 'petrol') for (const engineStroke of [2, 4] as const) out.push({ kind, fuel, euro, engineStroke });
        else if (fuel === 'diesel' && euro === 6 && kind !== 'moped' && kind !== 'motorcycle') for (const euro6Stage of STAGES) out.push({ kind, fuel, euro, euro6Stage });
        else out.push({ kind, fuel, euro });
      }
    }
  }
  return out;
}
