import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';
import { book } from './appointments.fixture';
import { generateSlots } from './slot-generation';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

const count = async (office: string, date: string, service = 'cie') => {
  const [row] = await t.app.ctx.database.query<{ n: number }>(
    "select count(*)::int as n from appointment_slots where office_slug = $1 and local_date = $2 and service_code = $3 and status = 'open'",
    [office, date, service],
  );
  return row!.n;
};

describe('slot generation', () => {
  it('cuts templates inside the real openings: holidays skipped, shorter hours on Christmas Eve, closures respected', async () => {
    // December 2027: Mon 6, Tue 7 Sant'Ambrogio (Milan), Wed 8 Immacolata (national), Thu 9.
    const report = await generateSlots(t.app.ctx, { from: '2027-12-06', to: '2027-12-09' });
    expect(report.created).toBeGreaterThan(0);
    expect(await count('anagrafe-centrale', '2027-12-06')).toBe(21); // 08:30–15:30 in 20-minute slots
    expect(await count('anagrafe-centrale', '2027-12-07')).toBe(0);
    expect(await count('anagrafe-centrale', '2027-12-08')).toBe(0);
    expect(await count('anagrafe-sansovino', '2027-12-09')).toBe(12 + 6); // lunch break 12:30–13:30
    // Demo exceptions of 24 December 2026: the centre closes at 12:00, via Padova is closed.
    await generateSlots(t.app.ctx, { from: '2026-12-24', to: '2026-12-24' });
    expect(await count('anagrafe-centrale', '2026-12-24')).toBe(10);
    expect(await count('anagrafe-padova', '2026-12-24')).toBe(0);
  });

  it('is idempotent: a second run creates nothing', async () => {
    const again = await generateSlots(t.app.ctx, { from: '2027-12-06', to: '2027-12-09' });
    expect(again).toMatchObject({ created: 0, withdrawn: 0, reopened: 0 });
  });

  it('withdraws slots an office closure removes, reports booked ones, and reopens them when the closure goes', async () => {
    const [slot] = await t.app.ctx.database.query<{ id: string; local_date: string }>(
      "select id, to_char(local_date, 'YYYY-MM-DD') as local_date from appointment_slots where office_slug = 'anagrafe-oglio' and service_code = 'cie' and starts_at > now() + interval '5 days' order by starts_at limit 1",
    );
    expect((await book(t.app, slot!.id, 1)).statusCode).toBe(201);
    const date = slot!.local_date;
    const editor = await signIn(t.app, 'editor');
    const put = await t.app.inject({ method: 'PUT', url: `/api/v1/offices/anagrafe-oglio/exceptions/${date}`, headers: editor, payload: { closed: true, reason: 'strike' } });
    expect(put.statusCode).toBeLessThan(300);
    // The directory's event reaches the appointments listener, which regenerates the horizon.
    await t.app.ctx.events.kick();
    expect(await count('anagrafe-oglio', date)).toBe(0);
    const report = await generateSlots(t.app.ctx, { from: date, to: date });
    expect(report.conflicts).toEqual([slot!.id]);
    const [withdrawn] = await t.app.ctx.database.query<{ status: string; booked: number }>('select status, booked from appointment_slots where id = $1', [slot!.id]);
    expect(withdrawn).toEqual({ status: 'withdrawn', booked: 1 });
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/offices/anagrafe-oglio/exceptions/${date}`, headers: editor });
    expect(del.statusCode).toBeLessThan(300);
    await t.app.ctx.events.kick();
    expect(await count('anagrafe-oglio', date)).toBeGreaterThan(0);
    expect((await generateSlots(t.app.ctx, { from: date, to: date })).conflicts).toEqual([]);
  });
});
