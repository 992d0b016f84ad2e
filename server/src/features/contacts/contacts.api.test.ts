import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';
import { createCitizen, createContact } from '../../../test/factories';
import { appendMessage, findOpenContact, openContact, recordSurveyAnswer, surveyQuestion, transitionContact, updateDeliveryStatus } from './index';

let t: TestApp;
let agent: { authorization: string };
let agentId: string;
let otherAgentId: string;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  agent = await signIn(t.app, 'agent');
  const rows = await t.app.ctx.database.query<{ id: string; username: string }>("select id, username from staff_users where username in ('agent', 'agent.zh')");
  agentId = rows.find((r) => r.username === 'agent')!.id;
  otherAgentId = rows.find((r) => r.username === 'agent.zh')!.id;
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST', url: string, payload?: unknown) => t.app.inject({ method, url, headers: agent, ...(payload ? { payload } : {}) });
const tx = <T>(work: Parameters<typeof t.app.ctx.transact<T>>[0]) => t.app.ctx.transact(work);
const eventsOf = (contactId: string) =>
  t.app.ctx.database.query<{ name: string; payload: Record<string, unknown> }>("select name, payload from outbox_events where payload->>'contactId' = $1 order by id", [contactId]);

describe('the use-cases channels call', () => {
  it('opens a WhatsApp contact tied to the citizen by their number, in their language, once per external id', async () => {
    const citizen = await createCitizen(t.app, { preferredLanguage: 'ar', contactPoints: [{ kind: 'phone', value: '+39 320 111 2233' }] });
    const first = await tx((db, emit) => openContact(db, emit, { channel: 'whatsapp', address: 'whatsapp:+393201112233', externalRef: 'wa-conv-1' }));
    expect(first.created).toBe(true);
    expect(first.contact).toMatchObject({ channel: 'whatsapp', state: 'new', citizenId: citizen.id, language: 'ar', address: 'whatsapp:+393201112233' });
    const again = await tx((db, emit) => openContact(db, emit, { channel: 'whatsapp', address: '+393201112233', externalRef: 'wa-conv-1' }));
    expect(again).toEqual({ contact: first.contact, created: false });
    expect(await tx((db) => findOpenContact(db, { channel: 'whatsapp', address: '+39 320 111 2233' }))).toMatchObject({ id: first.contact.id });
    expect(await tx((db) => findOpenContact(db, { channel: 'whatsapp', citizenId: citizen.id }))).toMatchObject({ id: first.contact.id });
    expect(await tx((db) => findOpenContact(db, { channel: 'sms', citizenId: citizen.id }))).toBeNull();
    const [opened] = await eventsOf(first.contact.id);
    expect(opened).toEqual({ name: 'contact.opened', payload: { contactId: first.contact.id, channel: 'whatsapp', direction: 'inbound', state: 'new', citizenId: citizen.id, queue: null, language: 'ar' } });
  });

  it('refuses an address that is not one on the channel', async () => {
    await expect(tx((db, emit) => openContact(db, emit, { channel: 'email', address: 'not-an-email' }))).rejects.toMatchObject({ code: 'contacts.invalid_address' });
  });

  it('appends messages in order, idempotently by client message id, and never to a closed contact', async () => {
    const contact = await createContact(t.app, { channel: 'webchat' });
    const append = (body: string, clientMessageId?: string) => tx((db, emit) => appendMessage(db, emit, { contactId: contact.id, sender: 'citizen', body, clientMessageId }));
    const a = await append('Buongiorno', 'c-1');
    const b = await append('Ho perso la carta d’identità', 'c-2');
    const retry = await append('Buongiorno', 'c-1');
    expect([a.message.seq, b.message.seq]).toEqual([1, 2]);
    expect(retry).toEqual({ message: a.message, duplicate: true });
    expect(a.message.deliveryStatus).toBe('delivered');
    const [row] = await t.app.ctx.database.query<{ n: number }>('select count(*)::int as n from contact_messages where contact_id = $1', [contact.id]);
    const n = row!.n;
    expect(n).toBe(2);
    const added = (await eventsOf(contact.id)).filter((e) => e.name === 'contact.message_added');
    expect(added.map((e) => e.payload)).toEqual([
      { contactId: contact.id, messageId: a.message.id, seq: 1, sender: 'citizen', channel: 'webchat' },
      { contactId: contact.id, messageId: b.message.id, seq: 2, sender: 'citizen', channel: 'webchat' },
    ]);
    await tx((db, emit) => transitionContact(db, emit, contact.id, 'abandon'));
    await expect(append('ancora?')).rejects.toMatchObject({ code: 'contacts.contact_closed' });
  });

  it('moves delivery status forward only', async () => {
    const contact = await createContact(t.app, { channel: 'sms', address: '+393201234567' });
    const { message } = await tx((db, emit) => appendMessage(db, emit, { contactId: contact.id, sender: 'bot', body: 'Il suo turno è tra 5 minuti', externalId: 'SM123' }));
    expect(message.deliveryStatus).toBe('queued');
    const set = (status: 'sent' | 'delivered' | 'read' | 'failed') => tx((db) => updateDeliveryStatus(db, { externalId: 'SM123' }, status));
    expect((await set('delivered'))!.deliveryStatus).toBe('delivered');
    expect((await set('sent'))!.deliveryStatus).toBe('delivered');
    expect((await set('failed'))!.deliveryStatus).toBe('delivered');
    expect((await set('read'))!.deliveryStatus).toBe('read');
    expect(await tx((db) => updateDeliveryStatus(db, { externalId: 'unknown' }, 'read'))).toBeNull();
  });

  it('requests a survey at close, in the contact’s language, and records one answer', async () => {
    const contact = await createContact(t.app, { channel: 'voice', language: 'zh', events: [{ event: 'self-serve' }, { event: 'close' }] });
    expect(contact.state).toBe('closed');
    expect(surveyQuestion('zh')).toContain('1');
    expect(surveyQuestion('xx')).toBe(surveyQuestion('it'));
    const survey = await tx((db, emit) => recordSurveyAnswer(db, emit, { contactId: contact.id, score: 4, comment: ' 很好 ' }));
    expect(survey).toMatchObject({ contactId: contact.id, language: 'zh', score: 4, comment: '很好' });
    await expect(tx((db, emit) => recordSurveyAnswer(db, emit, { contactId: contact.id, score: 5 }))).rejects.toMatchObject({ code: 'contacts.survey_already_answered' });
    const spam = await createContact(t.app, { events: [{ event: 'close' }] });
    await expect(tx((db, emit) => recordSurveyAnswer(db, emit, { contactId: spam.id, score: 5 }))).rejects.toMatchObject({ code: 'contacts.survey_not_requested' });
    const names = (await eventsOf(contact.id)).map((e) => e.name);
    expect(names).toEqual(['contact.opened', 'contact.state_changed', 'contact.state_changed', 'contact.closed', 'contact.survey_answered']);
  });

  it('asks no survey of a citizen who withdrew that consent', async () => {
    const citizen = await createCitizen(t.app);
    await t.app.inject({ method: 'POST', url: `/api/v1/citizens/${citizen.id}/consents`, headers: agent, payload: { kind: 'satisfaction-survey', granted: false, via: 'voice' } });
    const contact = await createContact(t.app, { citizenId: citizen.id, events: [{ event: 'self-serve' }, { event: 'close' }] });
    const closed = (await eventsOf(contact.id)).find((e) => e.name === 'contact.closed');
    expect(closed!.payload.surveyRequested).toBe(false);
  });
});

describe('the agents’ endpoints', () => {
  it('opens a walk-in straight into active for the signed-in agent', async () => {
    const res = await call('POST', '/api/v1/contacts', { channel: 'voice', direction: 'outbound', address: '02 8888 1111', queue: 'general' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ state: 'active', agentId, address: '+390288881111', direction: 'outbound' });
  });

  it('lists contacts by state and queue without personal data', async () => {
    const c = await createContact(t.app, { address: 'list@example.it', events: [{ event: 'enqueue', queue: 'list-test' }] });
    const res = await call('GET', '/api/v1/contacts?state=queued&queue=list-test');
    expect(res.statusCode).toBe(200);
    expect(res.json().contacts).toEqual([expect.objectContaining({ id: c.id, state: 'queued', queue: 'list-test' })]);
    expect(res.body).not.toContain('list@example.it');
  });

  it('drives a contact through offer, accept, messages, notes, wrap-up and close; the timeline shows it all in order', async () => {
    const citizen = await createCitizen(t.app);
    const c = await createContact(t.app, { channel: 'webchat', citizenId: citizen.id, messages: ['Vorrei pagare la TARI'], events: [{ event: 'enqueue' }] });
    const step = (payload: Record<string, unknown>) => call('POST', `/api/v1/contacts/${c.id}/transitions`, payload);
    const badAccept = await step({ event: 'accept' });
    expect(badAccept.statusCode).toBe(409);
    expect(badAccept.json().code).toBe('contacts.invalid_transition');
    expect((await step({ event: 'offer', agentId: otherAgentId })).json()).toMatchObject({ state: 'offered', agentId: otherAgentId });
    expect((await step({ event: 'accept' })).json().code).toBe('contacts.offered_to_another_agent');
    expect((await step({ event: 'decline', reason: 'timeout' })).json()).toMatchObject({ state: 'queued', agentId: null });
    await step({ event: 'offer', agentId });
    expect((await step({ event: 'accept' })).json()).toMatchObject({ state: 'active', agentId });
    const post = (clientMessageId: string) => call('POST', `/api/v1/contacts/${c.id}/messages`, { body: 'Le mando il link pagoPA', clientMessageId });
    const sent = await post('agent-1');
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ seq: 2, sender: 'agent', agentId, deliveryStatus: 'queued' });
    const retried = await post('agent-1');
    expect(retried.statusCode).toBe(200);
    expect(retried.json().id).toBe(sent.json().id);
    expect((await call('POST', `/api/v1/contacts/${c.id}/notes`, { body: 'Cittadino già moroso 2024' })).statusCode).toBe(201);
    const unknownTopic = await call('POST', `/api/v1/contacts/${c.id}/wrap-up`, { topic: 'astrologia', outcome: 'resolved' });
    expect(unknownTopic.statusCode).toBe(422);
    expect(unknownTopic.json().code).toBe('contacts.unknown_topic');
    const wrapped = await call('POST', `/api/v1/contacts/${c.id}/wrap-up`, { topic: 'tributi', outcome: 'information-given' });
    expect(wrapped.statusCode).toBe(200);
    expect(wrapped.json()).toMatchObject({ state: 'closed', topic: 'tributi', outcome: 'information-given', agentId });
    expect((await step({ event: 'enqueue' })).statusCode).toBe(409);

    const timeline = await call('GET', `/api/v1/contacts/${c.id}/timeline?reason=follow-up`);
    expect(timeline.statusCode).toBe(200);
    const entries = timeline.json().entries as { kind: string; event?: string; seq?: number }[];
    expect(entries.map((e) => e.kind + (e.event ? `:${e.event}` : '') + (e.seq ? `#${e.seq}` : ''))).toEqual([
      'opened',
      'message#1',
      'transition:enqueue',
      'transition:offer',
      'transition:decline',
      'transition:offer',
      'transition:accept',
      'message#2',
      'note',
      'transition:wrap-up',
      'wrap-up',
      'transition:close',
      'survey-requested',
    ]);
    const [audit] = await t.app.ctx.database.query<{ subject_kind: string; subject_id: string; reason: string; details: Record<string, unknown> }>(
      "select subject_kind, subject_id, reason, details from audit_log where details->>'view' = 'contact-timeline' and details->>'contactId' = $1",
      [c.id],
    );
    expect(audit).toEqual({ subject_kind: 'citizen', subject_id: citizen.id, reason: 'follow-up', details: { view: 'contact-timeline', contactId: c.id } });

    const events = await eventsOf(c.id);
    expect(events.find((e) => e.name === 'contact.wrapped_up')!.payload).toEqual({ contactId: c.id, topic: 'tributi', outcome: 'information-given', agentId });
    expect(events.find((e) => e.name === 'contact.closed')!.payload).toEqual({ contactId: c.id, channel: 'webchat', topic: 'tributi', outcome: 'information-given', surveyRequested: true });
    // Events carry ids and codes, never what was said.
    expect(JSON.stringify(events)).not.toMatch(/TARI|pagoPA|moroso/);
  });

  it('shows a citizen’s contacts on every channel in one audited timeline', async () => {
    const citizen = await createCitizen(t.app);
    const chat = await createContact(t.app, { channel: 'webchat', citizenId: citizen.id, messages: ['ciao'] });
    const mail = await createContact(t.app, { channel: 'email', citizenId: citizen.id, address: 'x@example.it', messages: ['Oggetto: residenza'] });
    const res = await call('GET', `/api/v1/citizens/${citizen.id}/timeline?reason=call%209`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.contacts.map((c: { id: string }) => c.id).sort()).toEqual([chat.id, mail.id].sort());
    expect(body.entries.filter((e: { kind: string }) => e.kind === 'message')).toHaveLength(2);
    const rows = await t.app.ctx.database.query<{ n: number }>(
      "select count(*)::int as n from audit_log where subject_id = $1 and details->>'view' = 'citizen-timeline' and reason = 'call 9'",
      [citizen.id],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('lists the wrap-up topics in the asked language', async () => {
    const res = await call('GET', '/api/v1/contact-topics?lang=ar');
    expect(res.statusCode).toBe(200);
    expect(res.json().topics[0]).toEqual({ code: 'anagrafe', name: 'السجل المدني والشهادات' });
  });

  it('answers 404 for an unknown contact and 422 for a bad body', async () => {
    const none = '00000000-0000-4000-8000-000000000000';
    expect((await call('GET', `/api/v1/contacts/${none}/timeline`)).json().code).toBe('contacts.contact_not_found');
    expect((await call('POST', `/api/v1/contacts/${none}/messages`, { body: 'x' })).statusCode).toBe(404);
    expect((await call('POST', '/api/v1/contacts', { channel: 'fax' })).statusCode).toBe(422);
    const c = await createContact(t.app);
    const bad = await call('POST', `/api/v1/contacts/${c.id}/messages`, { body: 'x', attachments: [{ name: 'a.pdf', type: 'application/pdf', size: 10, sha256: 'nothex' }] });
    expect(bad.statusCode).toBe(422);
  });
});
