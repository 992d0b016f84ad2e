import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testEngine, type TestApp } from '../../../test/test-app';
import { book, freeSlots, slotRow } from './appointments.fixture';

// The capacity rule under real concurrency: on the PostgreSQL server the app's pool (8 connections)
// runs these bookings in parallel transactions; PGlite serialises them. Both must be exact.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

describe(`a slot is never booked beyond its capacity (${testEngine()})`, () => {
  it('200 concurrent bookings of one 3-seat slot: exactly 3 × 201, 197 × 409, and the database agrees', async () => {
    const [slot] = await freeSlots(t.app, 'cie', 'anagrafe-oglio', 10);
    await t.app.ctx.database.query('update appointment_slots set capacity = 3 where id = $1', [slot!.id]);
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => book(t.app, slot!.id, 1000 + i)));
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(3);
    expect(codes.filter((c) => c === 409)).toHaveLength(197);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json().code).toBe('appointments.slot_full');
    expect(await slotRow(t.app, slot!.id)).toMatchObject({ booked: 3, capacity: 3 });
    const [{ n }] = (await t.app.ctx.database.query<{ n: number }>("select count(*)::int as n from appointments where slot_id = $1 and status = 'booked'", [slot!.id])) as [{ n: number }];
    expect(n).toBe(3);
  });

  it('one citizen racing for one service on many slots gets exactly one booking', async () => {
    const slots = await freeSlots(t.app, 'cie', 'anagrafe-accursio', 10);
    const answers = await Promise.all(slots.slice(0, 20).map((s) => book(t.app, s.id, 4242)));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json().code === 'appointments.already_booked')).toBe(true);
  });

  it('concurrent replays of one Idempotency-Key book once and all answer the same body', async () => {
    const [slot] = await freeSlots(t.app, 'cie', 'anagrafe-centrale', 12);
    const headers = { 'idempotency-key': 'same-key-for-all' };
    const answers = await Promise.all(Array.from({ length: 20 }, () => book(t.app, slot!.id, 777, headers)));
    expect(answers.every((a) => a.statusCode === 201)).toBe(true);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect((await slotRow(t.app, slot!.id)).booked).toBe(1);
  });

  it('moves in opposite directions at once neither deadlock nor overbook', async () => {
    const [a, b] = await freeSlots(t.app, 'cie', 'anagrafe-padova', 10);
    const one = (await book(t.app, a!.id, 501)).json();
    const two = (await book(t.app, b!.id, 502)).json();
    const [x, y] = await Promise.all([
      t.app.inject({ method: 'POST', url: `/api/v1/appointments/${one.id}/reschedule`, payload: { code: one.code, slotId: b!.id } }),
      t.app.inject({ method: 'POST', url: `/api/v1/appointments/${two.id}/reschedule`, payload: { code: two.code, slotId: a!.id } }),
    ]);
    // Each target is full (capacity 1) while the other still holds it: both refused, nothing changed.
    expect([x.statusCode, y.statusCode].sort()).toEqual([409, 409]);
    expect((await slotRow(t.app, a!.id)).booked).toBe(1);
    expect((await slotRow(t.app, b!.id)).booked).toBe(1);
  });
});
