import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';
import { createCitizen, uniqueFiscalCode } from '../../../test/factories';
import { matchCitizen } from './index';

let t: TestApp;
let agent: { authorization: string };
let editor: { authorization: string };
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  agent = await signIn(t.app, 'agent');
  editor = await signIn(t.app, 'editor');
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers = agent) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const audits = (citizenId: string) =>
  t.app.ctx.database.query<{ action: string; reason: string | null; actor_name: string; details: Record<string, unknown> }>(
    "select action, reason, actor_name, details from audit_log where subject_kind = 'citizen' and subject_id = $1 order by id",
    [citizenId],
  );

describe('citizen profiles', () => {
  it('creates a profile, normalising the codice fiscale and every contact point', async () => {
    const res = await call('POST', '/api/v1/citizens?reason=walk-in%20at%20the%20counter', {
      givenName: 'Mario',
      familyName: 'Rossi',
      fiscalCode: ' rssmra80a01f205x ',
      preferredLanguage: 'en',
      contactPoints: [
        { kind: 'phone', value: '333 123 4567', label: 'mobile' },
        { kind: 'email', value: 'Mario.Rossi@Example.IT' },
        { kind: 'messaging', value: 'whatsapp:+39 333 1234567' },
      ],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      givenName: 'Mario',
      fiscalCode: 'RSSMRA80A01F205X',
      preferredLanguage: 'en',
      erased: false,
      contactPoints: [
        { kind: 'email', value: 'mario.rossi@example.it', label: null },
        { kind: 'messaging', value: 'whatsapp:+393331234567', label: null },
        { kind: 'phone', value: '+393331234567', label: 'mobile' },
      ],
    });
    expect(await audits(body.id)).toEqual([{ action: 'create', reason: 'walk-in at the counter', actor_name: 'agent', details: expect.any(Object) }]);
  });

  it('refuses a bad codice fiscale (422), a taken one (409), a bad phone (422) and a language the city lacks', async () => {
    const bad = await call('POST', '/api/v1/citizens', { familyName: 'X', fiscalCode: 'RSSMRA80A01F205Y' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'citizens.invalid_fiscal_code', errors: [{ field: 'body.fiscalCode', message: 'check-character' }] });
    const code = uniqueFiscalCode();
    expect((await call('POST', '/api/v1/citizens', { fiscalCode: code })).statusCode).toBe(201);
    const taken = await call('POST', '/api/v1/citizens', { fiscalCode: code.toLowerCase() });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('citizens.fiscal_code_taken');
    const phone = await call('POST', '/api/v1/citizens', { contactPoints: [{ kind: 'phone', value: 'call me maybe' }] });
    expect(phone.statusCode).toBe(422);
    expect(phone.json()).toMatchObject({ code: 'citizens.invalid_contact_point', errors: [{ field: 'body.contactPoints.0.value' }] });
    const lang = await call('POST', '/api/v1/citizens', { preferredLanguage: 'xx' });
    expect(lang.statusCode).toBe(422);
    const [row] = await t.app.ctx.database.query<{ n: number }>("select count(*)::int as n from citizens where fiscal_code is null and family_name = 'X'");
    const n = row!.n;
    expect(n).toBe(0);
  });

  it('audits every read of a profile with the reason given', async () => {
    const { id } = await createCitizen(t.app);
    const res = await call('GET', `/api/v1/citizens/${id}?reason=call%204711`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, familyName: 'Bianchi' });
    expect(await audits(id)).toEqual([{ action: 'read', reason: 'call 4711', actor_name: 'agent', details: { view: 'profile' } }]);
    expect((await call('GET', '/api/v1/citizens/00000000-0000-4000-8000-000000000000')).json().code).toBe('citizens.citizen_not_found');
  });

  it('changes fields, clears one with null and replaces contact points', async () => {
    const { id } = await createCitizen(t.app, { contactPoints: [{ kind: 'email', value: 'old@example.it' }] });
    const res = await call('PATCH', `/api/v1/citizens/${id}`, { givenName: null, familyName: 'Verdi', contactPoints: [{ kind: 'phone', value: '02 1234 5678' }] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ givenName: null, familyName: 'Verdi', contactPoints: [{ kind: 'phone', value: '+390212345678' }] });
    const events = await t.app.ctx.database.query<{ payload: { fields: string[] } }>("select payload from outbox_events where name = 'citizen.updated' and payload->>'citizenId' = $1", [id]);
    expect(events[0]!.payload.fields.sort()).toEqual(['contactPoints', 'familyName', 'givenName']);
  });

  it('records consents as a history and shows the current answer', async () => {
    const { id } = await createCitizen(t.app);
    await call('POST', `/api/v1/citizens/${id}/consents`, { kind: 'call-recording', granted: true, via: 'voice', at: '2026-12-01T10:00:00+01:00' });
    const res = await call('POST', `/api/v1/citizens/${id}/consents`, { kind: 'call-recording', granted: false, via: 'email' });
    expect(res.statusCode).toBe(201);
    expect(res.json().consents).toEqual([{ kind: 'call-recording', granted: false, at: expect.any(String), via: 'email' }]);
    expect((await call('POST', `/api/v1/citizens/${id}/consents`, { kind: 'spam', granted: true, via: 'x' })).statusCode).toBe(422);
  });

  it('is closed to staff without the permission', async () => {
    const { id } = await createCitizen(t.app);
    expect((await call('GET', `/api/v1/citizens/${id}`, undefined, editor)).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/citizens/${id}/export`)).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/citizens/${id}/erase`, { reason: 'art. 17' })).statusCode).toBe(403);
    expect(await audits(id)).toEqual([]);
  });
});

describe('search', () => {
  it('finds by name, phone in any form, email and codice fiscale, auditing each result', async () => {
    const fiscalCode = uniqueFiscalCode();
    const { id } = await createCitizen(t.app, {
      givenName: 'Anna Maria',
      familyName: 'Zanetti',
      fiscalCode,
      contactPoints: [
        { kind: 'phone', value: '+39 347 000 1122' },
        { kind: 'email', value: 'anna.zanetti@example.it' },
      ],
    });
    await createCitizen(t.app, { givenName: 'Paolo', familyName: 'Zanetti' });
    const ids = async (query: string) => (await call('GET', `/api/v1/citizens?${query}`)).json().results.map((r: { id: string }) => r.id);
    expect(await ids('q=zanetti%20maria')).toEqual([id]);
    expect((await ids('q=Zanetti')).length).toBe(2);
    expect(await ids('phone=3470001122')).toEqual([id]);
    expect(await ids('q=0039%20347%20000%201122')).toEqual([id]);
    expect(await ids('q=ANNA.ZANETTI@example.it')).toEqual([id]);
    expect(await ids(`q=${fiscalCode.toLowerCase()}`)).toEqual([id]);
    expect(await ids('email=nobody@example.it')).toEqual([]);
    const entries = await audits(id);
    expect(entries.filter((e) => e.details.view === 'search')).toHaveLength(6);
    // The terms are personal data: the log keeps which fields were searched, not the values.
    expect(JSON.stringify(entries)).not.toContain('347');
    expect(entries.find((e) => (e.details.by as string[]).includes('phone'))).toBeDefined();
  });

  it('answers 400 for a search without terms shorter than two characters', async () => {
    expect((await call('GET', '/api/v1/citizens?q=a')).statusCode).toBe(400);
    expect((await call('GET', '/api/v1/citizens')).json()).toEqual({ results: [] });
  });
});

describe('matchCitizen', () => {
  it('matches incoming addresses after normalising them, and reports shared ones as ambiguous', async () => {
    const fiscalCode = uniqueFiscalCode();
    const a = await createCitizen(t.app, { fiscalCode, contactPoints: [{ kind: 'phone', value: '+39 02 5555 0001' }, { kind: 'messaging', value: 'whatsapp:+393339990001' }] });
    const b = await createCitizen(t.app, { contactPoints: [{ kind: 'phone', value: '02 5555 0001' }, { kind: 'email', value: 'b@example.it' }] });
    const match = (input: Parameters<typeof matchCitizen>[1]) => t.app.ctx.transact((tx) => matchCitizen(tx, input));
    expect(await match({ channel: 'whatsapp', address: '+39 333 999 0001' })).toEqual({ status: 'matched', citizenId: a.id, by: 'messaging' });
    expect(await match({ channel: 'email', address: 'B@Example.it' })).toEqual({ status: 'matched', citizenId: b.id, by: 'email' });
    expect(await match({ channel: 'voice', address: '0255550001' })).toEqual({ status: 'ambiguous', citizenIds: [a.id, b.id].sort(), by: 'phone' });
    expect(await match({ fiscalCode: fiscalCode.toLowerCase() })).toEqual({ status: 'matched', citizenId: a.id, by: 'fiscal-code' });
    expect(await match({ channel: 'sms', address: '+393330000000' })).toEqual({ status: 'none' });
    expect(await match({ fiscalCode: 'nonsense' })).toEqual({ status: 'none' });
  });
});
