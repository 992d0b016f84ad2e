import { addDays, todayIn } from '../directory';
import { encodeFiscalCode } from '../citizens';
import type { SportelloApp } from '../../app';

/** Small factories for the appointment tests (not used by the application). */

/** The n-th of a series of distinct, valid codici fiscali (Milan-born, one birth date each). */
export function fiscalCode(n: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  return encodeFiscalCode({ surname: 'Bianchi', name: 'Lucia', birthDate: birth, sex: n % 2 ? 'F' : 'M', placeCode: 'F205' });
}

export const citizen = (n: number, extra: Record<string, string> = {}) => ({ fiscalCode: fiscalCode(n), name: `Cittadino ${n}`, email: `c${n}@example.org`, ...extra });

export interface SlotJson {
  id: string;
  office: string;
  service: string;
  start: string;
  end: string;
  available: number;
}

/** Free future slots of the demo city (generated from the day the template was built). */
export async function freeSlots(app: SportelloApp, service = 'cie', office = 'anagrafe-centrale', daysAhead = 7, span = 14): Promise<SlotJson[]> {
  const from = addDays(todayIn(app.ctx), daysAhead);
  const res = await app.inject({ method: 'GET', url: `/api/v1/appointments/slots?service=${service}&office=${office}&from=${from}&to=${addDays(from, span)}&available=true` });
  if (res.statusCode !== 200) throw new Error(`slots: ${res.statusCode} ${res.body}`);
  const list = res.json() as SlotJson[];
  if (!list.length) throw new Error('no free demo slots: was the demo template generated?');
  return list;
}

export async function book(app: SportelloApp, slotId: string, n: number, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}) {
  return app.inject({ method: 'POST', url: '/api/v1/appointments', headers, payload: { slotId, citizen: citizen(n), language: 'it', ...extra } });
}

export async function slotRow(app: SportelloApp, id: string): Promise<{ booked: number; capacity: number; status: string }> {
  const [row] = await app.ctx.database.query<{ booked: number; capacity: number; status: string }>('select booked, capacity, status from appointment_slots where id = $1', [id]);
  return row!;
}
