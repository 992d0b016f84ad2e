import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';
import { encodeFiscalCode } from '../citizens';
import { holidayCalendar, todayIn } from '../directory';
import { listNotifications } from '../notifications';
import { markNoticePaid, validateNoticeNumber } from '../payments';
import { markCertificateFeePaid } from './advance-request';
import { addMonths, addWorkingDays } from './delivery-date';
import { certificateRequestStatus } from './read-requests';

let t: TestApp;
let backoffice: { authorization: string };
let agent: { authorization: string };
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  backoffice = await signIn(t.app, 'backoffice.anagrafe');
  agent = await signIn(t.app, 'agent');
});
afterAll(() => t.close());

// Filing and tracking have their own tight per-address limits: each call comes from its own address.
let address = 0;
const from = () => `198.51.100.${(address++ % 250) + 1}`;

let people = 0;
/** A different valid fiscal code for each request, so tests do not see each other's requests. */
function person() {
  const names = ['Bianchi', 'Ferrari', 'Esposito', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo'];
  const i = people++;
  const fiscalCode = encodeFiscalCode({ surname: names[i % names.length]!, name: ['Giulia', 'Marco', 'Chiara', 'Luca'][i % 4]!, birthDate: `19${60 + (i % 40)}-0${(i % 9) + 1}-1${i % 10}`, sex: i % 2 ? 'F' : 'M', placeCode: 'F205' });
  return { fiscalCode, name: `${names[i % names.length]} ${i}` };
}

const body = (over: Record<string, unknown> = {}) => {
  const p = person();
  return {
    certificateType: 'residenza',
    fiscalCode: p.fiscalCode,
    name: p.name,
    address: { street: 'Via Larga 12', zipcode: '20122', city: 'Milano', province: 'MI' },
    language: 'en',
    email: 'citizen@example.org',
    ...over,
  };
};

const file = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/certificates/requests', payload, headers, remoteAddress: from() });
const track = (code: string, fiscalCode: string, lang = 'en') =>
  t.app.inject({ url: `/api/v1/certificates/requests/${code}?fiscalCode=${encodeURIComponent(fiscalCode)}&lang=${lang}`, remoteAddress: from() });
const move = (code: string, to: string, note?: string, headers = backoffice) =>
  t.app.inject({ method: 'POST', url: `/api/v1/certificates/requests/${code}/transitions`, payload: { to, ...(note ? { note } : {}) }, headers });
const count = async (sql: string, params: unknown[] = []) => (await t.app.ctx.database.query<{ n: number }>(sql, params))[0]!.n;

describe('the catalog', () => {
  it('lists the certificate types, the €16 stamp duty, its exemptions with their legal source, validity and delivery time', async () => {
    const res = await t.app.inject({ url: '/api/v1/certificates/catalog?lang=de' });
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ language: 'de', stampDuty: { amount: 1600, currency: 'EUR' }, validityMonths: 6, deliveryWorkingDays: 5, approvalRequiresPayment: true });
    expect(c.types.map((x: { code: string }) => x.code)).toEqual(['residenza', 'stato-famiglia', 'cittadinanza', 'stato-civile', 'esistenza-in-vita', 'contestuale', 'nascita', 'matrimonio', 'morte']);
    expect(c.types.filter((x: { alwaysExempt: boolean }) => x.alwaysExempt).map((x: { code: string }) => x.code)).toEqual(['nascita', 'matrimonio', 'morte']);
    expect(c.types[0].name).toBe('Meldebescheinigung (Wohnsitz)');
    expect(c.exemptions.find((e: { code: string }) => e.code === 'pensione')).toEqual({ code: 'pensione', label: 'Rentenanträge', legalReference: 'DPR 642/1972, Tabella B, art. 9' });
  });
});

describe('filing a request', () => {
  it('issues a €16 pagoPA notice in the same transaction and answers with its number and QR content', async () => {
    const payload = body();
    const res = await file(payload);
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r.code).toMatch(/^CR-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(r.status).toBe('requested');
    expect(r.fee).toMatchObject({ amount: { amount: 1600, currency: 'EUR' }, status: 'unpaid', exemption: null });
    expect(validateNoticeNumber(r.fee.notice.noticeNumber)).toMatchObject({ valid: true, auxDigit: 3 });
    expect(r.fee.notice.qrCode).toBe(`PAGOPA|002|${r.fee.notice.noticeNumber}|01199250158|1600`);
    const calendar = await holidayCalendar(t.app.ctx);
    expect(r.expectedDelivery).toBe(addWorkingDays(todayIn(t.app.ctx), 5, (d) => calendar.isHoliday(d)));
    expect(r.text).toContain(r.code);
    expect(r.text).toContain(r.fee.notice.formatted);
    const [notice] = await t.app.ctx.database.query<{ source_id: string; debtor_fiscal_code: string; description: string }>(
      'select source_id, debtor_fiscal_code, description from payment_notices where notice_number = $1',
      [r.fee.notice.noticeNumber],
    );
    expect(notice).toMatchObject({ source_id: r.id, debtor_fiscal_code: payload.fiscalCode });
    expect(notice!.description).not.toContain(payload.name);
    expect(await count(`select count(*)::int as n from outbox_events where name = 'certificate.requested' and payload->>'requestId' = $1`, [r.id])).toBe(1);
  });

  it('charges nothing for a birth, marriage or death certificate, even with an exemption declared', async () => {
    for (const certificateType of ['nascita', 'matrimonio', 'morte']) {
      const r = (await file(body({ certificateType, exemption: 'pensione' }))).json();
      expect(r.fee, certificateType).toEqual({ amount: { amount: 0, currency: 'EUR' }, status: 'none', exemption: null, notice: null });
    }
  });

  it('charges nothing when a known exemption is declared, and keeps which one', async () => {
    const r = (await file(body({ exemption: 'pensione' }))).json();
    expect(r.fee).toMatchObject({ amount: { amount: 0 }, status: 'none', exemption: 'pensione', notice: null });
  });

  it('is idempotent with an Idempotency-Key: one request and one notice, the same answer again', async () => {
    const payload = body();
    const key = 'retry-7f3c9a10-0b1d-4c55-9a8e-1d2f3a4b5c6d';
    const first = await file(payload, { 'idempotency-key': key });
    const again = await file(payload, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await count('select count(*)::int as n from certificate_requests where fiscal_code = $1', [payload.fiscalCode])).toBe(1);
    expect(await count('select count(*)::int as n from payment_notices where debtor_fiscal_code = $1', [payload.fiscalCode])).toBe(1);
    const other = await file({ ...payload, certificateType: 'cittadinanza' }, { 'idempotency-key': key });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('certificates.idempotency_conflict');
  });

  it('creates one request when the same key arrives several times at once', async () => {
    const payload = body();
    const key = 'burst-2b1e4f7a-93c4-4d1e-8f0a-5c6d7e8f9a0b';
    const answers = await Promise.all([1, 2, 3, 4].map(() => file(payload, { 'idempotency-key': key })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().code)).size).toBe(1);
    expect(await count('select count(*)::int as n from certificate_requests where idempotency_key = $1', [key])).toBe(1);
    expect(await count('select count(*)::int as n from payment_notices where debtor_fiscal_code = $1', [payload.fiscalCode])).toBe(1);
  });

  it('refuses bad input with 4xx problems and writes nothing', async () => {
    const before = await count('select count(*)::int as n from certificate_requests');
    const notices = await count('select count(*)::int as n from payment_notices');
    const cases: [Record<string, unknown>, number, string][] = [
      [body({ certificateType: 'passaporto' }), 422, 'certificates.unknown_type'],
      [body({ exemption: 'simpatia' }), 422, 'certificates.unknown_exemption'],
      [body({ fiscalCode: 'RSSMRA80A01F205Y' }), 422, 'certificates.invalid_fiscal_code'],
      [body({ email: undefined }), 422, 'request.invalid_body'],
      [body({ address: { street: 'Via Larga 12', zipcode: '2012', city: 'Milano' } }), 422, 'request.invalid_body'],
      [body({ phone: '3331234567' }), 422, 'request.invalid_body'],
      [body({ language: 'tlh' }), 400, 'request.unsupported_language'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await file(payload);
      expect(res.statusCode, code).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe(code);
    }
    const badKey = await file(body(), { 'idempotency-key': 'short' });
    expect(badKey.statusCode).toBe(400);
    expect(await count('select count(*)::int as n from certificate_requests')).toBe(before);
    expect(await count('select count(*)::int as n from payment_notices')).toBe(notices);
  });

  it('limits filings per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await t.app.inject({ method: 'POST', url: '/api/v1/certificates/requests', payload: {}, remoteAddress: '203.0.113.77' })).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 422)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('tracking by the citizen', () => {
  it('shows status, steps and fee to the holder of code and fiscal code, in their language, whatever the letter case', async () => {
    const payload = body();
    const r = (await file(payload)).json();
    const res = await track(r.code.toLowerCase(), payload.fiscalCode.toLowerCase(), 'it');
    expect(res.statusCode).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({ code: r.code, status: 'requested', certificateType: { code: 'residenza', name: 'Certificato di residenza' }, fee: { status: 'unpaid' } });
    expect(v.history.map((h: { status: string }) => h.status)).toEqual(['requested']);
    expect(v.text).toContain("Per procedere paghi l'imposta di bollo");
    expect(res.body).not.toContain('Via Larga');
    expect(res.body).not.toContain('citizen@example.org');
  });

  it('answers a wrong fiscal code and an unknown code with the same 404 (no oracle)', async () => {
    const payload = body();
    const r = (await file(payload)).json();
    const other = person().fiscalCode;
    const wrong = await track(r.code, other);
    const unknown = await track('CR-ZZZZ-ZZZZ', payload.fiscalCode);
    const garbage = await track(r.code, 'not-a-code');
    for (const res of [wrong, unknown, garbage]) {
      expect(res.statusCode).toBe(404);
      const { instance: _i, ...problem } = res.json();
      const { instance: _j, ...reference } = unknown.json();
      expect(problem).toEqual(reference);
    }
  });

  it('gives the self-service status text in any language, and a sentence for a miss', async () => {
    const payload = body({ certificateType: 'nascita' });
    const r = (await file(payload)).json();
    const zh = await certificateRequestStatus(t.app.ctx, { code: r.code, fiscalCode: payload.fiscalCode, lang: 'zh' });
    expect(zh.status).toBe('requested');
    expect(zh.text).toContain(`我们已收到申请 ${r.code}（出生证明）`);
    const miss = await certificateRequestStatus(t.app.ctx, { code: r.code, fiscalCode: person().fiscalCode, lang: 'ar' });
    expect(miss).toEqual({ status: 'not-found', text: 'لم نعثر على أي طلب شهادة بهذا الرمز وهذا الرمز الضريبي.' });
  });
});

describe('back-office processing', () => {
  it('waits for the payment before approval, then issues, ships and delivers, with history and audit', async () => {
    const payload = body({ language: 'fr' });
    const r = (await file(payload)).json();
    const held = await move(r.code, 'approved');
    expect(held.statusCode).toBe(409);
    expect(held.json().code).toBe('certificates.fee_unpaid');

    const [{ notice_id }] = (await t.app.ctx.database.query<{ notice_id: string }>('select notice_id from certificate_requests where code = $1', [r.code])) as [{ notice_id: string }];
    expect(await markCertificateFeePaid(t.app.ctx, notice_id)).toBe(true);
    expect(await markCertificateFeePaid(t.app.ctx, notice_id)).toBe(false); // a second delivery of the event changes nothing

    for (const to of ['approved', 'issued', 'shipped', 'delivered']) {
      const res = await move(r.code, to);
      expect(res.statusCode, to).toBe(200);
      expect(res.json().status).toBe(to);
    }
    expect((await move(r.code, 'shipped')).json().code).toBe('certificates.invalid_transition');

    const today = todayIn(t.app.ctx);
    const v = (await track(r.code, payload.fiscalCode, 'fr')).json();
    expect(v).toMatchObject({ status: 'delivered', issuedOn: today, validUntil: addMonths(today, 6), fee: { status: 'paid' } });
    expect(v.history.map((h: { status: string }) => h.status)).toEqual(['requested', 'approved', 'issued', 'shipped', 'delivered']);
    expect(v.text).toBe(`Le certificat de la demande ${r.code} (Certificat de résidence) a été livré.`);

    const record = await t.app.inject({ url: `/api/v1/certificates/requests/${r.code}/record`, headers: backoffice });
    expect(record.statusCode).toBe(200);
    expect(record.json()).toMatchObject({ fiscalCode: payload.fiscalCode, name: payload.name, address: { street: 'Via Larga 12' }, email: 'citizen@example.org', next: [] });
    expect(record.json().history.map((h: { actor: string }) => h.actor)).toEqual(['citizen', 'backoffice.anagrafe', 'backoffice.anagrafe', 'backoffice.anagrafe', 'backoffice.anagrafe']);
    const audits = await t.app.ctx.database.query<{ action: string }>(
      `select action from audit_log where subject_kind = 'certificate_request' and subject_id = (select id::text from certificate_requests where code = $1) order by id`,
      [r.code],
    );
    expect(audits.map((a) => a.action)).toEqual(['update', 'update', 'update', 'update', 'read']);
    expect(await count(`select count(*)::int as n from outbox_events where name = 'certificate.status_changed' and payload->>'requestId' = $1`, [r.id])).toBe(4);
    expect(await count(`select count(*)::int as n from outbox_events where name = 'certificate.fee_paid' and payload->>'requestId' = $1`, [r.id])).toBe(1);

    // One email per step, in the citizen's language, queued with the step's transaction.
    const sent = await listNotifications(t.app.ctx.db, { kind: 'certificate-request', id: r.id });
    expect(sent.map((n) => [n.channel, n.to, n.language])).toEqual(Array(5).fill(['email', 'citizen@example.org', 'fr']));
    expect(sent.every((n) => n.subject === `Votre demande de certificat ${r.code}`)).toBe(true);
    expect(sent[0]!.text).toContain('Pour continuer, payez le droit de timbre');
    expect(sent[2]!.text).toContain('a été délivré le');
    expect(sent[4]!.text).toBe(v.text);
  });

  it('marks the fee paid when payments reports the pagoPA receipt (payment.received), then approves', async () => {
    const r = (await file(body())).json();
    const [{ notice_id }] = (await t.app.ctx.database.query<{ notice_id: string }>('select notice_id from certificate_requests where code = $1', [r.code])) as [{ notice_id: string }];
    await t.app.ctx.transact((tx, emit) => markNoticePaid(tx, emit, { noticeId: notice_id }));
    await vi.waitFor(
      async () => {
        await t.app.ctx.events.kick();
        const [row] = await t.app.ctx.database.query<{ fee_status: string }>('select fee_status from certificate_requests where code = $1', [r.code]);
        expect(row!.fee_status).toBe('paid');
      },
      { timeout: 10_000, interval: 50 },
    );
    expect((await move(r.code, 'approved')).statusCode).toBe(200);
  });

  it('approves an exempt request at once', async () => {
    const r = (await file(body({ certificateType: 'stato-famiglia', exemption: 'adozione-affidamento' }))).json();
    expect((await move(r.code, 'approved')).statusCode).toBe(200);
  });

  it('rejects only with a reason, cancels the unpaid notice and tells the citizen why', async () => {
    const payload = body({ language: 'es' });
    const r = (await file(payload)).json();
    const bare = await move(r.code, 'rejected');
    expect(bare.statusCode).toBe(422);
    expect(bare.json().code).toBe('certificates.note_required');
    expect((await move(r.code, 'rejected', 'La persona no reside en Milán.')).statusCode).toBe(200);
    const notice = (await t.app.inject({ url: `/api/v1/payments/notices/${r.fee.notice.noticeNumber}` })).json();
    expect(notice.status).toBe('cancelled');
    const v = (await track(r.code, payload.fiscalCode, 'es')).json();
    expect(v).toMatchObject({ status: 'rejected', fee: { status: 'cancelled' } });
    expect(v.text).toContain('Motivo: La persona no reside en Milán.');
    const sent = await listNotifications(t.app.ctx.db, { kind: 'certificate-request', id: r.id });
    expect(sent.map((n) => n.text.includes('Motivo: La persona no reside en Milán.'))).toEqual([false, true]);
    expect((await move(r.code, 'approved')).statusCode).toBe(409);
  });

  it('lists the worklist without personal data', async () => {
    const payload = body();
    const r = (await file(payload)).json();
    const res = await t.app.inject({ url: '/api/v1/certificates/worklist?status=requested&limit=500', headers: backoffice });
    expect(res.statusCode).toBe(200);
    const item = res.json().find((i: { code: string }) => i.code === r.code);
    expect(item).toMatchObject({ status: 'requested', feeStatus: 'unpaid', filedBy: 'citizen', next: ['approved', 'rejected'] });
    expect(res.body).not.toContain(payload.fiscalCode);
  });

  it('answers 404 for an unknown request code', async () => {
    expect((await move('CR-ZZZZ-ZZZZ', 'approved')).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/certificates/requests/CR-ZZZZ-ZZZZ/record', headers: backoffice })).statusCode).toBe(404);
  });
});

describe('filing on the citizen’s behalf', () => {
  it('lets an agent file (audited, with the contact as reason) but not process', async () => {
    const payload = body({ language: 'ar', email: undefined, phone: '+393331234567', reason: 'call 4711' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/certificates/assisted-requests', payload, headers: agent });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    const [audit] = await t.app.ctx.database.query<{ action: string; actor_name: string; reason: string }>(
      `select action, actor_name, reason from audit_log where subject_kind = 'certificate_request' and subject_id = $1`,
      [r.id],
    );
    expect(audit).toEqual({ action: 'create', actor_name: 'agent', reason: 'call 4711' });
    const record = (await t.app.inject({ url: `/api/v1/certificates/requests/${r.code}/record`, headers: backoffice })).json();
    expect(record).toMatchObject({ filedBy: 'agent', phone: '+393331234567', email: null, language: 'ar' });
    expect((await move(r.code, 'rejected', 'x', agent)).statusCode).toBe(403);
    const sent = await listNotifications(t.app.ctx.db, { kind: 'certificate-request', id: r.id });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'sms', to: '+393331234567', language: 'ar', subject: null });
    expect(sent[0]!.text).toContain(`تلقينا الطلب ${r.code}`);
  });
});
