import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';
import { createCitizen, createContact, uniqueFiscalCode } from '../../../test/factories';
import { appendMessage, recordSurveyAnswer, wrapUpContact } from '../contacts';
import { insertConsent, matchCitizen } from './index';

let t: TestApp;
let admin: { authorization: string };
let agentId: string;
// Each block starts from its own database, so that the dump of one holds only its own citizen.
function freshApp() {
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    admin = await signIn(t.app, 'admin');
    const [row] = await t.app.ctx.database.query<{ id: string }>("select id from staff_users where username = 'agent'");
    agentId = row!.id;
  });
  afterAll(() => t.close());
}

const NAME = 'Ottavia';
const SURNAME = 'Quagliarello';
const PHONE = '+393456789012';
const EMAIL = 'ottavia.q@example.it';
const personal = (fiscalCode: string) => [NAME, SURNAME, '3456789012', EMAIL, fiscalCode, 'q-passport.pdf', 'ab'.repeat(32), 'wamid.777', 'call-id-42'];

/** A citizen with data in every table: profile, contact points, consents, contacts on three channels. */
let round = 0;
async function richCitizen() {
  round++;
  const fiscalCode = uniqueFiscalCode();
  const { id } = await createCitizen(t.app, {
    givenName: NAME,
    familyName: SURNAME,
    fiscalCode,
    preferredLanguage: 'pt',
    contactPoints: [
      { kind: 'phone', value: PHONE },
      { kind: 'email', value: EMAIL },
      { kind: 'messaging', value: `whatsapp:${PHONE}` },
    ],
  });
  await t.app.ctx.transact((tx) => insertConsent(tx, id, { kind: 'call-recording', granted: true, via: `modulo firmato da ${NAME} ${SURNAME}` }, agentId));
  const chat = await createContact(t.app, { channel: 'whatsapp', address: PHONE, externalRef: `wamid.777-${round}`, messages: [`Sono ${NAME} ${SURNAME}, il mio numero è ${PHONE}`], events: [{ event: 'enqueue' }, { event: 'offer', agentId }, { event: 'accept' }] });
  await t.app.ctx.transact(async (tx, emit) => {
    await appendMessage(tx, emit, { contactId: chat.id, sender: 'citizen', body: 'Ecco il documento', attachments: [{ name: 'q-passport.pdf', type: 'application/pdf', size: 52000, sha256: 'ab'.repeat(32) }] });
    await wrapUpContact(tx, emit, chat.id, { topic: 'carta-identita', outcome: 'appointment-booked', agentId, note: `Richiamare ${EMAIL}` });
    await recordSurveyAnswer(tx, emit, { contactId: chat.id, score: 5, comment: `Grazie, ${NAME}` });
  });
  const call = await createContact(t.app, { channel: 'voice', address: PHONE, externalRef: `call-id-42-${round}`, events: [{ event: 'accept', agentId }] });
  await t.app.inject({ method: 'POST', url: `/api/v1/contacts/${call.id}/transitions`, headers: admin, payload: { event: 'transfer', queue: 'anagrafe', reason: `${SURNAME} chiede dell'anagrafe` } });
  await createContact(t.app, { channel: 'email', address: EMAIL, subject: `Certificato per ${SURNAME}`, messages: ['Buongiorno'] });
  return { id, fiscalCode, chatId: chat.id };
}

const stats = async () => ({
  contacts: await t.app.ctx.database.query('select channel, direction, state, language, topic, outcome, count(*)::int as n from contacts group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6'),
  messages: await t.app.ctx.database.query("select sender, delivery_status, jsonb_array_length(attachments) as attachments, count(*)::int as n from contact_messages group by 1, 2, 3 order by 1, 2, 3"),
  transitions: await t.app.ctx.database.query('select event, from_state, to_state, count(*)::int as n from contact_transitions group by 1, 2, 3 order by 1, 2, 3'),
  surveys: await t.app.ctx.database.query('select score, count(*)::int as n from contact_surveys group by 1 order by 1'),
  notes: await t.app.ctx.database.query('select count(*)::int as n from contact_notes'),
  citizens: await t.app.ctx.database.query('select preferred_language, count(*)::int as n from citizens group by 1 order by 1'),
  consents: await t.app.ctx.database.query('select kind, granted, count(*)::int as n from citizen_consents group by 1, 2 order by 1, 2'),
});

const TABLES = ['citizens', 'citizen_contact_points', 'citizen_consents', 'contacts', 'contact_transitions', 'contact_messages', 'contact_notes', 'contact_surveys', 'outbox_events', 'audit_log'];
async function dump(): Promise<string> {
  let text = '';
  for (const table of TABLES) {
    const [row] = await t.app.ctx.database.query<{ dump: string | null }>(`select string_agg(x::text, E'\\n') as dump from ${table} x`);
    text += `${table}\n${row!.dump ?? ''}\n`;
  }
  return text.toLowerCase();
}

describe('export (GDPR art. 15)', () => {
  freshApp();
  it('gives everything held about the citizen, and audits it', async () => {
    const { id, fiscalCode, chatId } = await richCitizen();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/citizens/${id}/export?reason=request%20prot.%2099`, headers: admin });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.citizen).toMatchObject({ id, givenName: NAME, familyName: SURNAME, fiscalCode, preferredLanguage: 'pt' });
    expect(doc.citizen.contactPoints).toHaveLength(3);
    expect(doc.consentHistory).toEqual([{ kind: 'call-recording', granted: true, at: expect.any(String), via: `modulo firmato da ${NAME} ${SURNAME}` }]);
    expect(doc.contacts.map((c: { channel: string }) => c.channel).sort()).toEqual(['email', 'voice', 'whatsapp']);
    const chat = doc.contacts.find((c: { id: string }) => c.id === chatId);
    const kinds = chat.entries.map((e: { kind: string }) => e.kind);
    expect(kinds.filter((k: string) => k === 'message')).toHaveLength(2);
    expect(kinds).toEqual(expect.arrayContaining(['opened', 'transition', 'note', 'wrap-up', 'survey-requested', 'survey-answered']));
    const text = JSON.stringify(doc);
    for (const value of [PHONE, EMAIL, 'q-passport.pdf', `Richiamare ${EMAIL}`, `Grazie, ${NAME}`, `Certificato per ${SURNAME}`, `${SURNAME} chiede dell'anagrafe`]) expect(text).toContain(value);
    const [audit] = await t.app.ctx.database.query<{ action: string; reason: string; actor_name: string }>("select action, reason, actor_name from audit_log where subject_id = $1 and action = 'export'", [id]);
    expect(audit).toEqual({ action: 'export', reason: 'request prot. 99', actor_name: 'admin' });
  });
});

describe('erasure (GDPR art. 17)', () => {
  freshApp();
  it('leaves no personal data in any table, keeps every statistic, and audits it', async () => {
    const { id, fiscalCode } = await richCitizen();
    // An unrelated anonymous contact, which erasure must not touch, and an anonymous one from her number, which it must.
    const other = await createContact(t.app, { channel: 'sms', address: '+393470000001', messages: ['Orari anagrafe?'] });
    await createContact(t.app, { channel: 'sms', address: PHONE, messages: [`Qui ${NAME}, mi richiamate?`] });
    await t.app.ctx.database.query("update contacts set citizen_id = null where address = $1 and channel = 'sms'", [PHONE]);
    const before = await stats();
    const dumpBefore = await dump();
    for (const value of personal(fiscalCode)) expect(dumpBefore, value).toContain(value.toLowerCase());

    const res = await t.app.inject({ method: 'POST', url: `/api/v1/citizens/${id}/erase`, headers: admin, payload: { reason: 'art. 17 request prot. 123' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ citizenId: id, counts: { contacts: 4, messages: 4, notes: 1, contactPoints: 3, consents: 1, surveys: 1 } });

    const dumpAfter = await dump();
    for (const value of personal(fiscalCode)) expect(dumpAfter, value).not.toContain(value.toLowerCase());
    expect(await stats()).toEqual(before);
    expect(dumpAfter).toContain('orari anagrafe?');
    expect(other.address).toBe('+393470000001');

    const profile = await t.app.inject({ method: 'GET', url: `/api/v1/citizens/${id}`, headers: admin });
    expect(profile.json()).toMatchObject({ id, givenName: null, familyName: null, fiscalCode: null, preferredLanguage: 'pt', contactPoints: [], erased: true });
    expect(await t.app.ctx.transact((tx) => matchCitizen(tx, { channel: 'voice', address: PHONE }))).toEqual({ status: 'none' });
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/citizens/${id}`, headers: admin, payload: { familyName: 'Nuovo' } });
    expect(patch.json().code).toBe('citizens.citizen_erased');

    const events = await t.app.ctx.database.query("select payload from outbox_events where name = 'citizen.erased' and payload->>'citizenId' = $1", [id]);
    expect(events).toHaveLength(1);
    const [audit] = await t.app.ctx.database.query<{ reason: string }>("select reason from audit_log where subject_id = $1 and action = 'erase'", [id]);
    expect(audit!.reason).toBe('art. 17 request prot. 123');
    // Erasing again changes nothing more and still answers.
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/citizens/${id}/erase`, headers: admin, payload: { reason: 'repeat' } })).statusCode).toBe(200);
  });

  it('answers 404 for an unknown citizen and 422 without a reason', async () => {
    const none = '00000000-0000-4000-8000-000000000000';
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/citizens/${none}/erase`, headers: admin, payload: { reason: 'art. 17' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/citizens/${none}/erase`, headers: admin, payload: {} })).statusCode).toBe(422);
  });
});
