import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';
import { markNoticePaid, validateNoticeNumber } from '../payments';
import { markTicketPaid } from './area-c-tickets';
import { addDays, isHoliday, todayIn, weekdayOf } from '../directory';
import { areaCChargeToday } from './self-service';

let t: TestApp;
let agent: { authorization: string };
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  agent = await signIn(t.app, 'agent');
});
afterAll(() => t.close());

const car = { kind: 'car', fuel: 'diesel', euro: 6 };
const buy = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/mobility/area-c/tickets', payload });
const check = (plate: string, date: string) => t.app.inject({ url: `/api/v1/mobility/area-c/tickets?plate=${encodeURIComponent(plate)}&date=${date}` });
const enter = (plate: string, at: string, vehicle: object = car) =>
  t.app.inject({ method: 'POST', url: '/api/v1/mobility/area-c/entries', headers: agent, payload: { plate, at, vehicle, lang: 'en' } });
const rows = async <T>(query: ReturnType<typeof sql>) => ((await t.app.ctx.db.execute(query)) as unknown as { rows: T[] }).rows;

/** Weekdays that are not holidays, from a date on. */
async function workingDays(from: string, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let d = from; out.length < n; d = addDays(d, 1)) if (weekdayOf(d) <= 5 && !(await isHoliday(t.app.ctx, d))) out.push(d);
  return out;
}

describe('Area C tickets', () => {
  it('buys a ticket for a plate and a day: a pagoPA notice due the day after, with its QR content', async () => {
    const res = await buy({ plate: 'ab 123 cd', date: '2027-01-13', vehicle: car });
    expect(res.statusCode).toBe(201);
    const ticket = res.json();
    expect(ticket).toMatchObject({ plate: 'AB123CD', date: '2027-01-13', amount: { amount: 750, currency: 'EUR' }, origin: 'purchase', status: 'unpaid', version: 'area-c-2024' });
    expect(ticket.notice.dueDate).toBe('2027-01-14');
    expect(validateNoticeNumber(ticket.notice.noticeNumber).valid).toBe(true);
    expect(ticket.notice.qrCode).toBe(`PAGOPA|002|${ticket.notice.noticeNumber}|01199250158|750`);
    const [notice] = await rows<{ source_kind: string; source_id: string }>(sql`select source_kind, source_id from payment_notices where notice_number = ${ticket.notice.noticeNumber}`);
    expect(notice).toEqual({ source_kind: 'area-c-ticket', source_id: ticket.id });
    expect((await buy({ plate: 'AB-123-CD', date: '2027-01-13', vehicle: car })).statusCode).toBe(409);
  });

  it('tells whether a plate has a ticket for a day, and that it is paid once its notice is', async () => {
    expect((await check('AB123CD', '2027-01-13')).json()).toMatchObject({ plate: 'AB123CD', valid: true, paid: false, ticket: { status: 'unpaid' } });
    expect((await check('AB123CD', '2027-01-14')).json()).toEqual({ plate: 'AB123CD', date: '2027-01-14', valid: false, paid: false });
    // The payments feature receives the payment and emits `payment.received`; the listener follows.
    const [ticket] = await rows<{ id: string; notice_id: string }>(sql`select id, notice_id from area_c_tickets where plate = 'AB123CD'`);
    await t.app.ctx.transact((tx, emit) => markNoticePaid(tx, emit, { noticeId: ticket!.notice_id }));
    await t.app.ctx.events.kick();
    expect((await check('ab 123 cd', '2027-01-13')).json()).toMatchObject({ valid: true, paid: true, ticket: { status: 'paid' } });
    const [paid] = await rows<{ paid_at: Date | null }>(sql`select paid_at from area_c_tickets where id = ${ticket!.id}`);
    expect(paid!.paid_at).not.toBeNull();
    expect(await rows(sql`select 1 from outbox_events where name = 'mobility.ticket_paid'`)).toHaveLength(1);
    // A second delivery of the same event changes nothing.
    expect(await markTicketPaid(t.app.ctx, ticket!.id, ticket!.notice_id)).toBe(false);
    expect((await check('not a plate!', '2027-01-13')).statusCode).toBe(400);
  });

  it('refuses tickets that are not needed (exempt vehicle, weekend, holiday) or too late', async () => {
    for (const payload of [
      { plate: 'EV123EV', date: '2027-01-13', vehicle: { kind: 'car', fuel: 'electric', euro: 6 } },
      { plate: 'MO123MO', date: '2027-01-13', vehicle: { kind: 'motorcycle', fuel: 'petrol', euro: 3 } },
      { plate: 'WE123WE', date: '2027-01-16', vehicle: car }, // Saturday
      { plate: 'HO123HO', date: '2026-12-07', vehicle: car }, // Sant'Ambrogio
    ]) {
      const res = await buy(payload);
      expect(res.statusCode, payload.plate).toBe(422);
      expect(res.json().code).toBe('mobility.ticket_not_needed');
    }
    const late = await buy({ plate: 'LA123TE', date: '2024-01-10', vehicle: car });
    expect(late.json().code).toBe('mobility.ticket_too_late');
    expect((await rows(sql`select 1 from area_c_tickets where plate in ('EV123EV', 'LA123TE')`)).length).toBe(0);
  });

  it('charges the deferred price between the day after and the seventh day', async () => {
    const today = todayIn(t.app.ctx);
    // A working day 3 to 6 days ago: past "24:00 of the day after", within 7 days.
    const candidates = [3, 4, 5, 6].map((n) => addDays(today, -n));
    let date: string | undefined;
    for (const d of candidates) if (weekdayOf(d) <= 5 && !(await isHoliday(t.app.ctx, d))) date = date ?? d;
    const res = await buy({ plate: 'DE123FE', date, vehicle: car });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ origin: 'deferred', amount: { amount: 2250 }, notice: { dueDate: addDays(date!, 7) } });
  });
});

describe("residents' permits and entries", () => {
  it('registers a permit (audited), refuses a duplicate, a bad fiscal code, and staff without the permission', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/mobility/area-c/permits', headers: agent, payload: { plate: 'rs 001 mi', fiscalCode: 'rssmra80a01f205x', year: 2027 } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ plate: 'RS001MI', fiscalCode: 'RSSMRA80A01F205X', year: 2027, freeEntries: 50, used: 0, remaining: 50 });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/mobility/area-c/permits', headers: agent, payload: { plate: 'RS001MI', fiscalCode: 'RSSMRA80A01F205X', year: 2027 } })).statusCode).toBe(409);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/mobility/area-c/permits', headers: agent, payload: { plate: 'RS002MI', fiscalCode: 'RSSMRA80A01F205A', year: 2027 } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('body.fiscalCode');
    const editor = await signIn(t.app, 'editor');
    expect((await t.app.inject({ url: '/api/v1/mobility/area-c/permits?plate=RS001MI&year=2027', headers: editor })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/mobility/area-c/permits?plate=RS001MI&year=2027' })).statusCode).toBe(401);
  });

  it('uses the free entries first, once a day, then charges the resident price', async () => {
    const days = await workingDays('2027-01-04', 51);
    const first = await enter('RS001MI', `${days[0]}T08:15:00+01:00`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ outcome: 'free-entry', freeEntriesRemaining: 49, alreadyRecorded: false });
    const again = await enter('RS 001 MI', `${days[0]}T17:00:00+01:00`);
    expect(again.json()).toMatchObject({ outcome: 'free-entry', alreadyRecorded: true });
    for (const day of days.slice(1, 50)) expect((await enter('RS001MI', `${day}T09:00`)).json().outcome).toBe('free-entry');
    const charged = await enter('RS001MI', `${days[50]}T09:00`);
    expect(charged.json()).toMatchObject({ outcome: 'charged', freeEntriesRemaining: 0, ticket: { amount: { amount: 300 }, origin: 'entry' } });

    const status = await t.app.inject({ url: '/api/v1/mobility/area-c/permits?plate=rs001mi&year=2027', headers: agent });
    expect(status.json()).toMatchObject({ freeEntries: 50, used: 50, remaining: 0, fiscalCode: 'RSSMRA80A01F205X' });
    const audit = await rows<{ action: string }>(sql`select action from audit_log where subject_kind = 'area-c-permit' order by id`);
    expect(audit.map((a) => a.action)).toEqual(['create', 'read']);
  });

  it('covers a non-resident day with the ticket bought, else raises one; exempt and off-hours entries cost nothing', async () => {
    await buy({ plate: 'TK123TK', date: '2027-02-03', vehicle: car });
    expect((await enter('TK123TK', '2027-02-03T10:00:00+01:00')).json()).toMatchObject({ outcome: 'ticket', ticket: { origin: 'purchase' } });
    const raised = await enter('NO123NO', '2027-02-03T10:00:00+01:00');
    expect(raised.json()).toMatchObject({ outcome: 'charged', ticket: { amount: { amount: 750 }, notice: { dueDate: '2027-02-04' } } });
    expect((await check('NO123NO', '2027-02-03')).json().valid).toBe(true);
    expect((await enter('EV999EV', '2027-02-03T10:00:00+01:00', { kind: 'car', fuel: 'electric', euro: 6 })).json()).toMatchObject({ outcome: 'not-charged', reasonCode: 'exempt-electric' });
    expect((await enter('NO123NO', '2027-02-03T18:00:00+01:00')).json()).toMatchObject({ outcome: 'charged', alreadyRecorded: true });
    expect((await enter('NO123NO', '2027-02-03T20:00:00+01:00')).json()).toMatchObject({ outcome: 'not-charged', reasonCode: 'outside-hours' });
    expect((await enter('LA7E123', '2027-02-04T19:45:00+01:00')).json()).toMatchObject({ outcome: 'not-charged', reasonCode: 'outside-hours', reason: 'Not in force at this time; the hours are 07:30–19:30.' });
    const events = await rows<{ name: string }>(sql`select name from outbox_events where name like 'mobility.%' and name <> 'mobility.rules_changed'`);
    expect(new Set(events.map((e) => e.name))).toEqual(new Set(['mobility.ticket_issued', 'mobility.ticket_paid', 'mobility.permit_registered', 'mobility.entry_recorded']));
  });
});

describe('self-service: areaCChargeToday', () => {
  it('answers the phone line in the caller language', async () => {
    const at = new Date('2026-12-09T09:00:00+01:00');
    const it1 = await areaCChargeToday(t.app.ctx, { vehicle: { kind: 'car', fuel: 'petrol', euro: 5 }, lang: 'it', at });
    expect(it1.quote).toMatchObject({ charge: { amount: 750 }, payBy: '2026-12-11T00:00:00+01:00' });
    expect(it1.text).toBe('Il costo è di 7,50\u00a0€ per la giornata. Paga entro la mezzanotte di giovedì 10 dicembre.');
    const ar = await areaCChargeToday(t.app.ctx, { vehicle: { kind: 'moped', fuel: 'petrol', euro: 2 }, lang: 'ar', at });
    expect(ar.text).toBe('الدراجات النارية الخفيفة والدراجات النارية معفاة: لا شيء للدفع.');
    const resident = await areaCChargeToday(t.app.ctx, { vehicle: { kind: 'car', fuel: 'petrol', euro: 5 }, resident: true, lang: 'en', at });
    expect(resident.text).toMatch(/^Resident: the first 50 entries of the year are free, then €3.00 a day\. Pay by midnight at the end of Thursday(,)? (10 December|December 10)\.$/);
  });
});
