import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';

let t: TestApp;
let agent: { authorization: string };
let backoffice: { authorization: string };
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  agent = await signIn(t.app, 'agent');
  backoffice = await signIn(t.app, 'backoffice.anagrafe');
});
afterAll(() => t.close());

const CONTACT = '0191f5a0-0000-7000-8000-000000000001';
const escalation = (changes: Record<string, unknown> = {}) => ({
  serviceCode: 'illuminazione',
  attributes: { guasto: 'intermittente', 'numero-palo': 'MI-12345' },
  description: 'Il lampione davanti alla scuola lampeggia da giorni',
  location: { lat: 45.4781, long: 9.2269, address: 'Via Padova 36, Milano', zipcode: '20127' },
  requester: { firstName: 'Giulia', lastName: 'Bianchi', email: 'giulia.bianchi@example.org', phone: '+39 02 1234567' },
  contactId: CONTACT,
  channel: 'phone',
  language: 'it',
  ...changes,
});
const escalate = (body: unknown, headers = agent) => t.app.inject({ method: 'POST', url: '/api/v1/cases', headers, payload: body as object });
const rows = <T>(text: string, params: unknown[] = []) => t.app.ctx.database.query<T>(text, params);

describe('escalating a contact to a case', () => {
  it('opens a case for the responsible department with an SLA deadline in business hours', async () => {
    const res = await escalate(escalation());
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ serviceCode: 'illuminazione', department: 'mobilita', status: 'open', token: null, number: expect.stringMatching(/^\d+$/) });
    // 24 business hours = three working days of 8 hours: never sooner than 24 elapsed hours.
    expect(Date.parse(created.expectedAt) - Date.parse(created.requestedAt)).toBeGreaterThanOrEqual(24 * 3_600_000);
    const [stored] = await rows<{ channel: string; contact_id: string; citizen_id: string | null; attributes: unknown }>('select channel, contact_id, citizen_id, attributes from cases where id = $1', [created.id]);
    expect(stored).toEqual({ channel: 'phone', contact_id: CONTACT, citizen_id: null, attributes: { guasto: 'intermittente', 'numero-palo': 'MI-12345' } });
    const events = await rows<{ payload: Record<string, unknown> }>("select payload from outbox_events where name = 'case.created' and payload->>'caseId' = $1", [created.id]);
    expect(events).toEqual([{ payload: { caseId: created.id, serviceCode: 'illuminazione', department: 'mobilita', channel: 'phone' } }]);
    const audit = await rows<{ action: string; actor_name: string }>("select action, actor_name from audit_log where subject_kind = 'case' and subject_id = $1", [created.id]);
    expect(audit).toEqual([{ action: 'create', actor_name: 'agent' }]);
  });

  it('checks the attributes against the service definition (422) and the service (404)', async () => {
    const bad = await escalate(escalation({ attributes: { guasto: 'esploso', colore: 'blu' } }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('cases.invalid_attributes');
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['attribute[colore]', 'attribute[guasto]']);
    const missing = await escalate(escalation({ attributes: {} }));
    expect(missing.json().errors).toEqual([{ field: 'attribute[guasto]', message: 'is required' }]);
    const unknown = await escalate(escalation({ serviceCode: 'teletrasporto' }));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('cases.service_not_found');
    expect((await escalate(escalation({ channel: 'pigeon' }))).statusCode).toBe(422);
    expect((await escalate(escalation({ language: 'xx' }))).statusCode).toBe(400);
  });

  it('is for agents: a back-office operator cannot escalate', async () => {
    expect((await escalate(escalation(), backoffice)).statusCode).toBe(403);
  });
});

describe('the back office', () => {
  it('works a department’s list, nearest deadline first, without personal data', async () => {
    const a = (await escalate(escalation())).json();
    const b = (await escalate(escalation({ serviceCode: 'buca-stradale', attributes: { dimensione: 'media' } }))).json();
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/cases?department=mobilita', headers: backoffice });
    expect(list.statusCode, list.body).toBe(200);
    const ids = list.json().map((c: { id: string }) => c.id);
    // illuminazione (24 h) is due before buca-stradale (40 h).
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
    expect(list.body).not.toContain('Bianchi');
    expect(list.json()[0]).toMatchObject({ status: 'open', channel: 'phone', overdue: false });
    const other = await t.app.inject({ method: 'GET', url: '/api/v1/cases?department=ambiente', headers: backoffice });
    expect(other.json().map((c: { id: string }) => c.id)).not.toContain(a.id);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases?department=nessuno', headers: backoffice })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases?department=mobilita&status=lost', headers: backoffice })).statusCode).toBe(400);
  });

  it('reads a case in full and every read is audited', async () => {
    const { id } = (await escalate(escalation())).json();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}?lang=en`, headers: backoffice });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id,
      service: { code: 'illuminazione', name: 'Street light out' },
      requester: { firstName: 'Giulia', lastName: 'Bianchi', email: 'giulia.bianchi@example.org' },
      location: { lat: 45.4781, long: 9.2269, address: 'Via Padova 36, Milano', zipcode: '20127' },
      history: [{ from: null, to: 'open', actor: 'agent' }],
    });
    await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: backoffice });
    const audit = await rows<{ action: string; actor_name: string; details: { fields: string[] } }>(
      "select action, actor_name, details from audit_log where subject_kind = 'case' and subject_id = $1 and action = 'read'",
      [id],
    );
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actor_name: 'backoffice.anagrafe', details: { fields: ['requester.firstName', 'requester.lastName', 'requester.email', 'requester.phone'] } });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases/0191f5a0-0000-7000-8000-0000000000ff', headers: backoffice })).statusCode).toBe(404);
  });

  it('moves a case along its statuses, keeps the history and emits case.status_changed', async () => {
    const { id } = (await escalate(escalation({ channel: 'webchat' }))).json();
    const move = (status: string, extra: Record<string, unknown> = {}) =>
      t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/status`, headers: backoffice, payload: { status, ...extra } });
    expect((await move('acknowledged')).statusCode).toBe(200);
    expect((await move('in_progress', { note: 'Tecnico assegnato', public: false })).json()).toMatchObject({ id, status: 'in_progress' });
    expect((await move('acknowledged')).statusCode).toBe(409);
    expect((await move('closed', { note: 'Lampada sostituita' })).statusCode).toBe(200);
    const late = await move('rejected');
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('cases.invalid_transition');

    const full = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: backoffice })).json();
    expect(full.status).toBe('closed');
    expect(full.closedAt).not.toBeNull();
    expect(full.statusNotes).toBe('Lampada sostituita');
    expect(full.history.map((h: { from: string | null; to: string; note: string | null; public: boolean; actor: string }) => [h.from, h.to, h.note, h.public])).toEqual([
      [null, 'open', null, true],
      ['open', 'acknowledged', null, true],
      ['acknowledged', 'in_progress', 'Tecnico assegnato', false],
      ['in_progress', 'closed', 'Lampada sostituita', true],
    ]);
    const events = await rows<{ payload: Record<string, string> }>("select payload from outbox_events where name = 'case.status_changed' and payload->>'caseId' = $1 order by id", [id]);
    expect(events.map((e) => [e.payload.from, e.payload.to, e.payload.channel])).toEqual([
      ['open', 'acknowledged', 'webchat'],
      ['acknowledged', 'in_progress', 'webchat'],
      ['in_progress', 'closed', 'webchat'],
    ]);
  });

  it('adds public and internal notes', async () => {
    const { id } = (await escalate(escalation())).json();
    const note = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/notes`, headers: backoffice, payload: { body: 'Serve il cestello', visibility: 'internal' } });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json()).toMatchObject({ author: 'backoffice.anagrafe', visibility: 'internal', body: 'Serve il cestello' });
    const full = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: backoffice })).json();
    expect(full.notes).toEqual([expect.objectContaining({ visibility: 'internal', body: 'Serve il cestello' })]);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/notes`, headers: backoffice, payload: { body: '', visibility: 'public' } })).statusCode).toBe(422);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/cases/0191f5a0-0000-7000-8000-0000000000ff/notes', headers: backoffice, payload: { body: 'x', visibility: 'public' } })).statusCode).toBe(404);
  });
});
