import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRepoRoot } from '../../platform/paths';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';
import { applicationStatus } from './applications';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

// The demo export (data/demo-milano/school-applications.csv).
const demo = readFileSync(fromRepoRoot('data/demo-milano/school-applications.csv'), 'utf8');
const [header, admitted, waitlisted] = demo.trim().split('\n') as [string, string, string];
const cols = (line: string) => line.split(',');
const ADMITTED = { code: cols(admitted)[0]!, child: cols(admitted)[3]!, parent: cols(admitted)[4]! };
const WAITLISTED = { code: cols(waitlisted)[0]!, child: cols(waitlisted)[3]!, parent: cols(waitlisted)[4]! };

let address = 0;
const lookup = (code: string, fiscalCode: string, lang = 'en') =>
  t.app.inject({ url: `/api/v1/schools/applications/${code}?fiscalCode=${encodeURIComponent(fiscalCode)}&lang=${lang}`, remoteAddress: `198.51.100.${(address++ % 250) + 1}` });
const check = (type: string, payload: Record<string, unknown>, at = '2026-02-10T10:00:00+01:00') =>
  t.app.inject({ method: 'POST', url: `/api/v1/schools/support/${type}/eligibility?at=${encodeURIComponent(at)}`, payload });

describe('enrollment support per school type', () => {
  it('lists the school types in the family’s language', async () => {
    const res = await t.app.inject({ url: '/api/v1/schools/support?lang=pt' });
    expect(res.json()).toEqual({
      language: 'pt',
      types: [
        { type: 'nido', name: 'Creche (nido)' },
        { type: 'scuola-infanzia', name: "Pré-escola (scuola dell'infanzia)" },
        { type: 'primaria', name: 'Escola primária (primeiro ano)' },
        { type: 'secondaria-primo-grado', name: 'Escola secundária de primeiro grau (primeiro ano)' },
      ],
    });
  });

  it('gives the questions, the checklist and the window from the knowledge base', async () => {
    const res = await t.app.inject({ url: `/api/v1/schools/support/nido?lang=ar&at=${encodeURIComponent('2026-02-10T10:00:00+01:00')}` });
    expect(res.statusCode).toBe(200);
    const v = res.json();
    expect(v.questions.map((q: { id: string; required: boolean }) => `${q.id}${q.required ? '*' : ''}`)).toEqual(['birthDate*', 'resident*', 'disability', 'reducedFee']);
    expect(v.questions[0].label).toBe('تاريخ ميلاد الطفل');
    expect(v.checklist.filter((i: { conditional: boolean }) => i.conditional).map((i: { id: string }) => i.id)).toEqual(['isee', 'disability-certificate']);
    expect(v.window).toMatchObject({ schoolYear: '2026/27', status: 'open', opensAt: '2026-02-04T12:00:00+01:00', closesAt: '2026-02-25T12:00:00+01:00' });
    const none = (await t.app.inject({ url: '/api/v1/schools/support/secondaria-primo-grado' })).json();
    expect(none.window).toBeNull();
    expect((await t.app.inject({ url: '/api/v1/schools/support/liceo' })).json().code).toBe('schools.support_not_found');
  });

  it('evaluates answers for the window’s school year, with reasons in the family’s language', async () => {
    const early = (await check('scuola-infanzia', { answers: { birthDate: '2024-02-29', resident: false, reducedFee: true }, lang: 'it' })).json();
    expect(early).toMatchObject({ schoolYear: '2026/27', result: 'conditional', missing: [] });
    expect(early.reasons.map((r: { criterion: string }) => r.criterion)).toEqual(['age', 'residence']);
    expect(early.reasons[0].text).toContain('Ammissione anticipata');
    expect(early.checklist.map((i: { id: string }) => i.id)).toContain('isee');
    expect(early.window.status).toBe('open');

    const old = (await check('nido', { answers: { birthDate: '2022-05-05', resident: true }, lang: 'en' })).json();
    expect(old.result).toBe('not-eligible');
    expect(old.reasons[0].text).toBe('Nurseries take children born between January 1, 2024 and May 31, 2026.');

    const later = (await check('nido', { schoolYear: '2027/28', answers: { birthDate: '2027-05-31', resident: true } })).json();
    expect(later).toMatchObject({ schoolYear: '2027/28', result: 'eligible', window: null });
  });

  it('refuses answers of the wrong kind with 422 and ignores questions not asked for the type', async () => {
    const bad = await check('nido', { answers: { birthDate: '2025-02-30', resident: true } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([{ field: 'body.answers.birthDate', message: 'a date YYYY-MM-DD' }]);
    expect((await check('nido', { answers: { resident: 'yes' } })).statusCode).toBe(422);
    expect((await check('primaria', { schoolYear: '2026/27', answers: { birthDate: '2020-06-01', resident: 'whatever' } })).json().result).toBe('eligible');
    // On 10 Feb 2026 the 2026/27 primary window has closed: the default is the next one, 2027/28.
    expect((await check('primaria', { answers: { birthDate: '2020-06-01' } })).json()).toMatchObject({ schoolYear: '2027/28', result: 'not-eligible' });
    expect((await check('nido', { schoolYear: '2026/28', answers: {} })).statusCode).toBe(422);
  });
});

describe('application status', () => {
  it('answers the holder of the code and the child’s or a parent’s fiscal code', async () => {
    const byChild = await lookup(ADMITTED.code, ADMITTED.child, 'en');
    expect(byChild.statusCode).toBe(200);
    expect(byChild.json()).toMatchObject({ code: ADMITTED.code, status: 'admitted', school: 'Nido Via Pezzotti 5', schoolType: { code: 'nido', name: 'Nursery (nido)' } });
    expect(byChild.json().text).toBe(`Good news: with application ${ADMITTED.code} (Nursery (nido), school year 2026/27) the child has been admitted to: Nido Via Pezzotti 5 (result of May 20, 2026).`);
    expect(byChild.body).not.toContain(ADMITTED.parent);
    const byParent = await lookup(ADMITTED.code.toLowerCase(), ADMITTED.parent.toLowerCase(), 'de');
    expect(byParent.json().status).toBe('admitted');
    const list = await lookup(WAITLISTED.code, WAITLISTED.parent, 'ru');
    expect(list.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 37 });
    expect(list.json().text).toContain('позиция 37');
  });

  it('answers a wrong fiscal code, another family’s code and an unknown code with the same 404', async () => {
    const answers = [await lookup(ADMITTED.code, WAITLISTED.child), await lookup('NID-2026-999999', ADMITTED.child), await lookup(ADMITTED.code, 'nonsense')];
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
    for (const res of answers) {
      expect(res.statusCode).toBe(404);
      expect(strip(res.json())).toEqual(strip(answers[1]!.json()));
    }
  });

  it('limits lookups per client address', async () => {
    let status = 0;
    for (let i = 0; i < 31; i++) status = (await t.app.inject({ url: `/api/v1/schools/applications/NID-0000-${i}?fiscalCode=x`, remoteAddress: '203.0.113.55' })).statusCode;
    expect(status).toBe(429);
  });

  it('gives the self-service text, and a sentence for a miss', async () => {
    expect(await applicationStatus(t.app.ctx, { code: WAITLISTED.code, fiscalCode: WAITLISTED.child, lang: 'zh' })).toEqual({
      status: 'waitlisted',
      text: `申请 ${WAITLISTED.code}（托儿所（nido），2026/27 学年）在候补名单中，排第 37 位（截至 2026年5月20日）。`,
    });
    expect((await applicationStatus(t.app.ctx, { code: WAITLISTED.code, fiscalCode: ADMITTED.child, lang: 'fr' })).status).toBe('not-found');
  });

  it('shows staff the fiscal codes and audits the read', async () => {
    const agent = await signIn(t.app, 'agent');
    const res = await t.app.inject({ url: `/api/v1/schools/applications/${ADMITTED.code}/record`, headers: agent });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ childFiscalCode: ADMITTED.child, parentFiscalCode: ADMITTED.parent });
    const [row] = await t.app.ctx.database.query<{ n: number }>(`select count(*)::int as n from audit_log where subject_kind = 'school_application' and subject_id = $1 and actor_name = 'agent'`, [ADMITTED.code]);
    expect(row!.n).toBe(1);
  });
});

describe('importing the applications export', () => {
  it('updates statuses from a newer export and reports the changes', async () => {
    const admin = await signIn(t.app, 'admin');
    const newer = waitlisted.replace('waitlisted,,37,2026-05-20', 'admitted,Nido Via Pezzotti 5,,2026-06-10');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/schools/applications/import', payload: { csv: `${header}\n${admitted}\n${newer}\n` }, headers: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ counts: { schoolApplications: 2 } });
    expect((await lookup(WAITLISTED.code, WAITLISTED.child)).json()).toMatchObject({ status: 'admitted', waitlistPosition: null });
    const [event] = await t.app.ctx.database.query<{ payload: { count: number; changed: number } }>(`select payload from outbox_events where name = 'school_applications.imported' order by id desc limit 1`);
    expect(event!.payload).toEqual({ count: 2, changed: 1 });
  });

  it('loads nothing when one row is bad, and lists every rejected row', async () => {
    const admin = await signIn(t.app, 'admin');
    const before = await t.app.ctx.database.query('select * from school_applications order by code');
    const changed = admitted.replace('admitted,Nido Via Pezzotti 5', 'withdrawn,');
    const csv = `${header}\n${changed}\nNID-2026-7,nido,2026/27,RSSMRA80A01F205Y,RSSMRA80A01F205X,admitted,,,2026-05-20\n`;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/schools/applications/import', payload: { csv }, headers: admin });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('import.rows_rejected');
    expect(res.json().rejected).toEqual([{ file: 'upload.csv', line: 3, reason: 'child_fiscal_code: not a valid fiscal code (check-character)' }]);
    expect(await t.app.ctx.database.query('select * from school_applications order by code')).toEqual(before);
  });

  it('is for staff who run imports only', async () => {
    const agent = await signIn(t.app, 'agent');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/schools/applications/import', payload: { csv: header }, headers: agent })).statusCode).toBe(403);
  });
});
