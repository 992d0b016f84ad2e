import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';
import { book, citizen, freeSlots } from './appointments.fixture';

let t: TestApp;
let agent: { authorization: string };
let supervisor: { authorization: string };
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  agent = await signIn(t.app, 'agent');
  supervisor = await signIn(t.app, 'supervisor');
});
afterAll(() => t.close());

const audits = (kind: string) =>
  t.app.ctx.database.query<{ action: string; subject_id: string; actor_name: string; details: unknown }>('select action, subject_id, actor_name, details from audit_log where subject_kind = $1 order by id', [kind]);

/** Puts a booked appointment's slot in the past (as if the day had come), for outcomes and statistics. */
async function moveIntoPast(slotId: string, daysAgo: number) {
  await t.app.ctx.database.query(
    `update appointment_slots set starts_at = starts_at - make_interval(days => $2), ends_at = ends_at - make_interval(days => $2),
       local_date = local_date - $2::int where id = $1`,
    [slotId, daysAgo],
  );
}

describe('staff', () => {
  it("an agent books on a caller's behalf (audited); other staff roles may not", async () => {
    const [slot] = await freeSlots(t.app, 'certificati', 'anagrafe-centrale', 8);
    const payload = { slotId: slot!.id, citizen: citizen(1, { phone: '333 123 4567' }), language: 'zh' };
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/appointments/agent-bookings', headers: agent, payload });
    expect(res.statusCode).toBe(201);
    expect(res.json().serviceName).toBe('户籍证明');
    const [entry] = (await audits('appointment')).filter((a) => a.subject_id === res.json().id);
    expect(entry).toMatchObject({ action: 'create', actor_name: 'agent' });
    const sms = await t.app.ctx.database.query<{ recipient: string; text: string }>("select recipient, body as text from outbound_notifications where reference_id = $1 and channel = 'sms' and tag = 'confirmed.sms'", [res.json().id]);
    expect(sms[0]!.recipient).toBe('+393331234567');
    expect(sms[0]!.text).toContain(res.json().code);
    const editor = await signIn(t.app, 'editor');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/appointments/agent-bookings', headers: editor, payload })).statusCode).toBe(403);
  });

  it("lists an office's day with the citizens' details, writing an audit entry", async () => {
    const [slot] = await freeSlots(t.app, 'cie', 'anagrafe-tibaldi', 8);
    const booked = (await book(t.app, slot!.id, 2)).json();
    const date = slot!.start.slice(0, 10);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/appointments/day/anagrafe-tibaldi?date=${date}`, headers: agent });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([expect.objectContaining({ id: booked.id, status: 'booked', citizen: expect.objectContaining({ name: 'Cittadino 2', email: 'c2@example.org' }) })]);
    const [entry] = await audits('appointment_day');
    expect(entry).toMatchObject({ action: 'read', subject_id: `anagrafe-tibaldi/${date}` });
    expect(JSON.stringify(entry!.details)).toContain(booked.id);
    expect(JSON.stringify(entry!.details)).not.toContain('Cittadino');
  });

  it('marks attended or no-show once started (422 before), and counts them in the statistics', async () => {
    const slots = await freeSlots(t.app, 'cie', 'anagrafe-oglio', 20);
    const made = [];
    for (const [i, s] of slots.slice(0, 4).entries()) made.push({ slot: s, ...(await book(t.app, s.id, 100 + i)).json() });
    const outcome = (id: string, value: string) => t.app.inject({ method: 'POST', url: `/api/v1/appointments/${id}/outcome`, headers: agent, payload: { outcome: value } });
    expect((await outcome(made[0].id, 'attended')).statusCode).toBe(422);
    // Cancel one while it is still ahead, then let the day come (slots moved 30 days back).
    await t.app.inject({ method: 'DELETE', url: `/api/v1/appointments/${made[3].id}?code=${made[3].code}` });
    for (const m of made) await moveIntoPast(m.slot.id, 30);
    expect((await outcome(made[0].id, 'attended')).json()).toEqual({ id: made[0].id, status: 'attended' });
    expect((await outcome(made[1].id, 'attended')).statusCode).toBe(200);
    expect((await outcome(made[2].id, 'no_show')).statusCode).toBe(200);
    expect((await outcome(made[3].id, 'attended')).statusCode).toBe(409);

    const day = (d: string) => new Date(Date.parse(d) - 30 * 86_400_000).toISOString().slice(0, 10);
    const from = day(made[0].slot.start);
    const to = day(made[3].slot.start);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/appointments/statistics?from=${from}&to=${to}&office=anagrafe-oglio`, headers: supervisor });
    expect(res.statusCode).toBe(200);
    const [row] = res.json();
    expect(row).toMatchObject({ service: 'cie', office: 'anagrafe-oglio', booked: 4, cancelled: 1, attended: 2, noShow: 1, noShowRate: 0.33 });
    // Booked "today", held about 30 days earlier than the slot's (moved) start: a negative lead time is impossible.
    expect(row.leadTimeDays.average).toBeGreaterThan(-31);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/appointments/statistics?from=${from}&to=${to}`, headers: agent })).statusCode).toBe(403);
  });

  it('cancels on behalf of a citizen (audited)', async () => {
    const [slot] = await freeSlots(t.app, 'cie', 'anagrafe-sansovino', 8);
    const booked = (await book(t.app, slot!.id, 7)).json();
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/appointments/${booked.id}/staff-cancel`, headers: agent });
    expect(res.statusCode).toBe(204);
    const entries = (await audits('appointment')).filter((a) => a.subject_id === booked.id);
    expect(entries.map((e) => e.action)).toEqual(['update']);
  });
});
