import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { book, citizen, freeSlots, slotRow, type SlotJson } from './appointments.fixture';
import { generateSlots } from './slot-generation';

let t: TestApp;
let slots: SlotJson[];
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  slots = await freeSlots(t.app);
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('GET /api/v1/appointments/services', () => {
  it('lists cie and certificati with names and documents in the asked language', async () => {
    const res = await get('/api/v1/appointments/services?lang=ar');
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list.map((s: { code: string }) => s.code)).toEqual(['certificati', 'cie']);
    const cie = list[1];
    expect(cie.name).toBe('بطاقة الهوية الإلكترونية (CIE)');
    expect(cie.documents.length).toBe(4);
    expect(cie.offices).toContain('anagrafe-centrale');
    expect(cie.offices).toHaveLength(9);
  });

  it('has every text in all nine languages', async () => {
    for (const lang of ['it', 'en', 'fr', 'es', 'de', 'ar', 'zh', 'ru', 'pt']) {
      const [certificati, cie] = (await get(`/api/v1/appointments/services?lang=${lang}`)).json();
      expect(cie.language).toBe(lang);
      expect(certificati.description.length).toBeGreaterThan(40);
    }
  });
});

describe('GET /api/v1/appointments/slots', () => {
  it('answers [{id, office, start, end, available}] with the city offset, 20-minute CIE slots', () => {
    const s = slots[0]!;
    expect(Object.keys(s).sort()).toEqual(['available', 'end', 'id', 'office', 'service', 'start']);
    expect(s.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[12]:00$/);
    expect(Date.parse(s.end) - Date.parse(s.start)).toBe(20 * 60_000);
    expect(s.available).toBe(3);
  });

  it('refuses an unknown service (404) and a reversed or too long range (400)', async () => {
    expect((await get('/api/v1/appointments/slots?service=passaporto')).statusCode).toBe(404);
    expect((await get('/api/v1/appointments/slots?service=cie&from=2027-01-10&to=2027-01-01')).statusCode).toBe(400);
    expect((await get('/api/v1/appointments/slots?service=cie&from=2027-01-01&to=2027-12-01')).statusCode).toBe(400);
    expect((await get('/api/v1/appointments/slots?service=cie&from=2027-02-30')).statusCode).toBe(400);
  });
});

describe('POST /api/v1/appointments', () => {
  it('books a seat: 201 {id, code, slot}, the seat is counted, a confirmation with calendar and two reminders are queued', async () => {
    const slot = slots[1]!;
    const res = await book(t.app, slot.id, 1);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'booked', service: 'cie', slot: { id: slot.id, office: 'anagrafe-centrale', available: 2 } });
    expect(body.code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect((await slotRow(t.app, slot.id)).booked).toBe(1);
    const notes = await t.app.ctx.database.query<{ tag: string; attachments: unknown }>(
      "select tag, attachments from outbound_notifications where reference_kind = 'appointment' and reference_id = $1 order by tag",
      [body.id],
    );
    expect(notes.map((n) => n.tag)).toEqual(['confirmed.email', 'reminder-2h.email', 'reminder-48h.email']);
    expect(JSON.stringify(notes[0]!.attachments)).toContain('BEGIN:VCALENDAR');
  });

  it('refuses a wrong codice fiscale with 422 and the reason, booking nothing', async () => {
    const slot = slots[2]!;
    const res = await book(t.app, slot.id, 2, {}, { citizen: { ...citizen(2), fiscalCode: 'RSSMRA80A01F205Y' } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'appointments.invalid_fiscal_code', errors: [{ field: 'body.citizen.fiscalCode', message: 'check-character' }] });
    expect((await slotRow(t.app, slot.id)).booked).toBe(0);
  });

  it('refuses bad input with 422, an unknown slot with 404, a started slot with 422', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/appointments', payload: { slotId: 'x' } })).statusCode).toBe(422);
    expect((await book(t.app, '00000000-0000-4000-8000-000000000000', 3)).statusCode).toBe(404);
    await generateSlots(t.app.ctx, { from: '2026-01-12', to: '2026-01-12' });
    const [past] = await t.app.ctx.database.query<{ id: string }>("select id from appointment_slots where local_date = '2026-01-12' limit 1");
    const res = await book(t.app, past!.id, 3);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('appointments.slot_in_past');
  });

  it('answers 409 once the slot is full, and keeps one active booking per citizen and service', async () => {
    const slot = slots[3]!;
    for (const n of [10, 11, 12]) expect((await book(t.app, slot.id, n)).statusCode).toBe(201);
    const full = await book(t.app, slot.id, 13);
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('appointments.slot_full');
    const again = await book(t.app, slots[4]!.id, 10);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('appointments.already_booked');
    // Another service is another booking.
    const [cert] = await freeSlots(t.app, 'certificati');
    expect((await book(t.app, cert!.id, 10)).statusCode).toBe(201);
  });

  it('replays an Idempotency-Key: the same 201 body, nothing booked twice; another body with the key is 422', async () => {
    const slot = slots[5]!;
    const headers = { 'idempotency-key': 'retry-me-7f3a' };
    const first = await book(t.app, slot.id, 20, headers);
    const second = await book(t.app, slot.id, 20, headers);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect((await slotRow(t.app, slot.id)).booked).toBe(1);
    const [{ n }] = (await t.app.ctx.database.query<{ n: number }>("select count(*)::int as n from appointments where slot_id = $1", [slot.id])) as [{ n: number }];
    expect(n).toBe(1);
    const other = await book(t.app, slot.id, 21, headers);
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('appointments.idempotency_mismatch');
    const [stored] = await t.app.ctx.database.query<{ response: Buffer }>('select response from appointment_idempotency');
    expect(Buffer.from(stored!.response).toString('latin1')).not.toContain(first.json().code);
  });
});

describe('the citizen with their code', () => {
  it('reads, downloads the calendar, moves and cancels the appointment; a wrong code is 404', async () => {
    const booked = (await book(t.app, slots[6]!.id, 30, {}, { language: 'en' })).json();
    const url = `/api/v1/appointments/${booked.id}`;
    const view = await get(`${url}?code=${booked.code.toLowerCase()}&lang=en`);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ status: 'booked', serviceName: 'Electronic identity card (CIE)', office: { slug: 'anagrafe-centrale', address: 'Via Larga 12' } });
    expect(view.json().citizen.fiscalCode).toMatch(/^\w{6}\*{9}\w$/);
    expect((await get(`${url}?code=AAAAA-AAAAA`)).statusCode).toBe(404);
    expect((await get(`/api/v1/appointments/00000000-0000-4000-8000-000000000000?code=${booked.code}`)).statusCode).toBe(404);

    const ics = await get(`${url}/calendar.ics?code=${booked.code}`);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('\r\nLOCATION;LANGUAGE=en:Anagrafe Centrale\\, Via Larga 12\r\n');
    expect(ics.body).toContain(`UID:${booked.id}@sportello`);

    const target = slots[7]!;
    const moved = await t.app.inject({ method: 'POST', url: `${url}/reschedule`, payload: { code: booked.code, slotId: target.id } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().slot.id).toBe(target.id);
    expect((await slotRow(t.app, slots[6]!.id)).booked).toBe(0);
    expect((await slotRow(t.app, target.id)).booked).toBe(1);

    const mismatch = await t.app.inject({ method: 'POST', url: `${url}/reschedule`, payload: { code: booked.code, slotId: (await freeSlots(t.app, 'certificati'))[1]!.id } });
    expect(mismatch.statusCode).toBe(422);

    expect((await t.app.inject({ method: 'DELETE', url: `${url}?code=WRONG-CODE0` })).statusCode).toBe(404);
    const cancelled = await t.app.inject({ method: 'DELETE', url: `${url}?code=${booked.code}` });
    expect(cancelled.statusCode).toBe(204);
    expect((await slotRow(t.app, target.id)).booked).toBe(0);
    expect((await t.app.inject({ method: 'DELETE', url: `${url}?code=${booked.code}` })).statusCode).toBe(409);
    const notes = await t.app.ctx.database.query<{ tag: string; status: string }>(
      "select tag, status from outbound_notifications where reference_id = $1 and tag like 'reminder%'",
      [booked.id],
    );
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((n) => n.status === 'cancelled')).toBe(true);
    const withdrawn = (await get(`${url}/calendar.ics?code=${booked.code}`)).body;
    expect(withdrawn).toContain('METHOD:CANCEL');
  });
});
