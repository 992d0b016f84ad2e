import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { encodeFiscalCode } from '../citizens';

// The HTTP face of the calls the phone line and the chat assistant make, on the demo city. Each
// owning feature tests its use-case in depth; this checks the shared rules: a sentence in the
// caller's language, the structured part, no oracle for a wrong second factor, clear 4xx.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

const languages = ['it', 'en', 'fr', 'es', 'de', 'ar', 'zh', 'ru', 'pt'] as const;
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });

describe('self-service API', () => {
  it('tells the next free CIE slot in each of the nine languages, then books it', async () => {
    const texts = new Set<string>();
    let slotId = '';
    for (const lang of languages) {
      const res = await get(`/api/v1/self-service/appointments/next-slot?service=cie&office=anagrafe-centrale&lang=${lang}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.data.slot.office).toBe('anagrafe-centrale');
      expect(body.text).not.toMatch(/\{\w+\}/);
      texts.add(body.text);
      slotId = body.data.slot.id;
    }
    expect(texts.size).toBe(9);

    const fiscalCode = encodeFiscalCode({ surname: 'Verdi', name: 'Anna', birthDate: '1990-04-12', sex: 'F', placeCode: 'F205' });
    const booked = await post('/api/v1/self-service/appointments', { slotId, fiscalCode, name: 'Anna Verdi', lang: 'en', channel: 'phone' });
    expect(booked.statusCode).toBe(201);
    expect(booked.json().data.code).toMatch(/^[A-Z0-9]{4,6}-[A-Z0-9]{4,6}$/);
    expect(booked.json().text).toContain(booked.json().data.code);
  });

  it('answers in the Accept-Language when no lang is given, and refuses a language the city does not offer', async () => {
    const res = await get('/api/v1/self-service/appointments/next-slot?service=cie', { 'accept-language': 'de-CH, de;q=0.9' });
    expect(res.statusCode).toBe(200);
    const de = res.json().text;
    const it = (await get('/api/v1/self-service/appointments/next-slot?service=cie&lang=it')).json().text;
    expect(de).not.toBe(it);
    const bad = await get('/api/v1/self-service/appointments/next-slot?service=cie&lang=xx');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a booking with a fiscal code that fails its check, and books nothing', async () => {
    const slot = (await get('/api/v1/self-service/appointments/next-slot?service=cie&lang=it')).json().data.slot;
    const res = await post('/api/v1/self-service/appointments', { slotId: slot.id, fiscalCode: 'RSSMRA80A01F205Y', name: 'Mario Rossi', lang: 'it' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const after = (await get('/api/v1/self-service/appointments/next-slot?service=cie&lang=it')).json().data.slot;
    expect(after.available).toBe(slot.available);
  });

  it('gives the amount due on a demo fine with its plate, and the same "not found" for a wrong plate or an unknown notice', async () => {
    const found = await get('/api/v1/self-service/fines/301202603000000163?plate=FG123AB&lang=it');
    expect(found.statusCode).toBe(200);
    expect(found.json().data.due).not.toBeNull();
    expect(found.json().text).toMatch(/€|EUR/);
    const wrongPlate = (await get('/api/v1/self-service/fines/301202603000000163?plate=ZZ999ZZ&lang=it')).json();
    const unknown = (await get('/api/v1/self-service/fines/301202603000000062?plate=FG123AB&lang=it')).json();
    expect(wrongPlate).toEqual(unknown);
    expect(wrongPlate.data.due).toBeNull();
    expect((await get('/api/v1/self-service/fines/301202603000000163?lang=it')).statusCode).toBe(400);
  });

  it('quotes Area C for a vehicle entering now, in the caller language', async () => {
    const res = await post('/api/v1/self-service/area-c/today', { vehicle: { kind: 'car', fuel: 'petrol', euro: 4 }, lang: 'fr' });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.quote.scheme).toBe('area-c');
    expect(res.json().text.length).toBeGreaterThan(10);
    const bad = await post('/api/v1/self-service/area-c/today', { vehicle: { kind: 'tank', fuel: 'petrol', euro: 4 } });
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
  });

  it("tells a school application's status with the parent's fiscal code, and nothing with another", async () => {
    const ok = (await get('/api/v1/self-service/schools/applications/NID-2026-000101?fiscalCode=CNTPLA88H02F205T&lang=en')).json();
    expect(ok.data.status).toBe('admitted');
    const other = (await get('/api/v1/self-service/schools/applications/NID-2026-000101?fiscalCode=RNLLNE90A63F205O&lang=en')).json();
    expect(other.data.status).toBe('not-found');
  });

  it('says a certificate request code is unknown without telling whether it exists', async () => {
    const res = await get('/api/v1/self-service/certificates/CRT-NOPE-0000?fiscalCode=CNTPLA88H02F205T&lang=es');
    expect(res.statusCode).toBe(200);
    expect(res.json().data.status).toBe('not-found');
  });
});
