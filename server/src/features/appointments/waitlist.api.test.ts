import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { book, citizen, freeSlots, slotRow, type SlotJson } from './appointments.fixture';
import { expireOffers } from './waitlist';

let t: TestApp;
let target: SlotJson;
let day: string;
const post = (url: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url, payload });

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  // One office, one day, every seat taken but one: the waiting list has something to wait for.
  const slots = await freeSlots(t.app, 'cie', 'anagrafe-stovani', 9, 3);
  target = slots[0]!;
  day = target.start.slice(0, 10);
  await t.app.ctx.database.query("update appointment_slots set booked = capacity where office_slug = 'anagrafe-stovani' and service_code = 'cie' and local_date = $1 and id <> $2", [day, target.id]);
});
afterAll(() => t.close());

const join = (n: number) => post('/api/v1/appointments/waitlist', { service: 'cie', office: 'anagrafe-stovani', from: day, to: day, citizen: citizen(n), language: 'fr' });

describe('the waiting list', () => {
  it('offers a freed seat to the first waiter, holds it, and books it when accepted', async () => {
    const booked = (await book(t.app, target.id, 1)).json();
    const first = await join(2);
    expect(first.statusCode).toBe(201);
    expect(first.json().status).toBe('waiting');
    const second = (await join(3)).json();
    expect((await join(2)).statusCode).toBe(409);

    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/appointments/${booked.id}?code=${booked.code}` })).statusCode).toBe(204);
    // The freed seat is held for the first waiter: still counted, nobody else can take it.
    expect((await slotRow(t.app, target.id)).booked).toBe(1);
    expect((await book(t.app, target.id, 4)).statusCode).toBe(409);
    const entry = (await t.app.inject({ method: 'GET', url: `/api/v1/appointments/waitlist/${first.json().id}?code=${first.json().code}&lang=fr` })).json();
    expect(entry).toMatchObject({ status: 'offered', offer: { slot: { id: target.id } } });
    const [offer] = await t.app.ctx.database.query<{ text: string }>("select body as text from outbound_notifications where reference_kind = 'appointment-waitlist' and reference_id = $1", [first.json().id]);
    expect(offer!.text).toContain('Une place');
    const waiting = (await t.app.inject({ method: 'GET', url: `/api/v1/appointments/waitlist/${second.id}?code=${second.code}` })).json();
    expect(waiting.status).toBe('waiting');

    const accepted = await post(`/api/v1/appointments/waitlist/${first.json().id}/accept`, { code: first.json().code });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({ status: 'booked', slot: { id: target.id } });
    expect((await slotRow(t.app, target.id)).booked).toBe(1);
    expect((await post(`/api/v1/appointments/waitlist/${first.json().id}/accept`, { code: first.json().code })).statusCode).toBe(409);

    // The new appointment frees its seat again: the second waiter's turn; they let the offer lapse.
    const mine = accepted.json();
    await t.app.inject({ method: 'DELETE', url: `/api/v1/appointments/${mine.id}?code=${mine.code}` });
    const offered = (await t.app.inject({ method: 'GET', url: `/api/v1/appointments/waitlist/${second.id}?code=${second.code}` })).json();
    expect(offered.status).toBe('offered');
    const lapsed = await expireOffers(t.app.ctx, new Date(Date.parse(offered.offer.expiresAt) + 1000));
    expect(lapsed).toBe(1);
    const after = (await t.app.inject({ method: 'GET', url: `/api/v1/appointments/waitlist/${second.id}?code=${second.code}` })).json();
    expect(after.status).toBe('lapsed');
    expect((await slotRow(t.app, target.id)).booked).toBe(0);
    expect((await post(`/api/v1/appointments/waitlist/${second.id}/accept`, { code: second.code })).statusCode).toBe(409);
  });

  it('refuses a wrong code (404) and lets a waiter leave (204)', async () => {
    const entry = (await join(9)).json();
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/appointments/waitlist/${entry.id}?code=AAAAA-AAAAA` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/appointments/waitlist/${entry.id}?code=${entry.code}` })).statusCode).toBe(204);
  });
});
