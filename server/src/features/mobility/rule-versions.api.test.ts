import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';

let t: TestApp;
let admin: { authorization: string };
let editor: { authorization: string };
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  admin = await signIn(t.app, 'admin');
  editor = await signIn(t.app, 'editor');
});
afterAll(() => t.close());

const base = '/api/v1/mobility/rules';
const car = { kind: 'car', fuel: 'petrol', euro: 5 };
const quote = (date: string) => t.app.inject({ method: 'POST', url: '/api/v1/mobility/quote', payload: { scheme: 'area-b', date, time: '09:00', vehicle: car } });

/** A whole Area B version in the API's shape: every petrol car banned (a rule easy to recognise). */
const strictVersion = (validFrom: string, validTo: string | null) => ({
  validFrom,
  validTo,
  hours: [{ days: [1, 2, 3, 4, 5], from: '07:30', to: '19:30' }],
  closedOnHolidays: true,
  rules: [{ fuels: ['petrol'], ban: true }, { allow: true }],
});

async function rulesChangedEvents(): Promise<{ versionId: string; change: string }[]> {
  const res = (await t.app.ctx.db.execute(sql`select payload from outbox_events where name = 'mobility.rules_changed' order by id`)) as unknown as { rows: { payload: { versionId: string; change: string } }[] };
  return res.rows.map((r) => r.payload);
}

describe('the rules administration', () => {
  it('is for signed-in staff with mobility.edit: 401 without a token, 403 for an agent', async () => {
    expect((await t.app.inject({ url: `${base}/versions` })).statusCode).toBe(401);
    const agent = await signIn(t.app, 'agent');
    expect((await t.app.inject({ url: `${base}/versions`, headers: agent })).statusCode).toBe(403);
    const put = await t.app.inject({ method: 'PUT', url: `${base}/area-b/versions/area-b-2040`, headers: agent, payload: strictVersion('2040-01-01', null) });
    expect(put.statusCode).toBe(403);
  });

  it('lists every version of the demo city, by scheme', async () => {
    const res = await t.app.inject({ url: `${base}/versions?scheme=area-c`, headers: editor });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((v: { id: string }) => v.id)).toEqual(['area-c-2012', 'area-c-2014-04', 'area-c-2017', 'area-c-2023-10', 'area-c-2024']);
    const all = await t.app.inject({ url: `${base}/versions`, headers: admin });
    expect(all.json().length).toBe(2 + 5 + 8);
  });

  it('refuses a version that overlaps another one of the scheme with 409', async () => {
    const res = await t.app.inject({ method: 'PUT', url: `${base}/area-b/versions/area-b-2040`, headers: editor, payload: strictVersion('2040-01-01', null) });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'mobility.version_overlap', errors: [{ field: 'body.validFrom' }] });
  });

  it('replaces a version, creates a later one, and quotes from it at once; then deletes it', async () => {
    const [current] = (await t.app.inject({ url: `${base}/versions?scheme=area-b`, headers: admin })).json().slice(-1);
    expect(current.id).toBe('area-b-2030-10');
    const { id: _id, scheme: _s, updatedAt: _u, ...body } = current;
    const replaced = await t.app.inject({ method: 'PUT', url: `${base}/area-b/versions/area-b-2030-10`, headers: admin, payload: { ...body, validTo: '2039-12-31' } });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().validTo).toBe('2039-12-31');
    expect((await quote('2040-01-03')).statusCode).toBe(422); // no version any more from 2040

    const created = await t.app.inject({ method: 'PUT', url: `${base}/area-b/versions/area-b-2040`, headers: editor, payload: strictVersion('2040-01-01', null) });
    expect(created.statusCode).toBe(201);
    expect((await quote('2040-01-03')).json()).toMatchObject({ version: 'area-b-2040', allowed: false, banned: true });
    expect((await quote('2039-12-30')).json()).toMatchObject({ version: 'area-b-2030-10', allowed: true });

    expect((await t.app.inject({ method: 'DELETE', url: `${base}/area-b/versions/area-b-2040`, headers: editor })).statusCode).toBe(204);
    expect((await quote('2040-01-03')).statusCode).toBe(422);
    expect(await rulesChangedEvents()).toEqual(
      expect.arrayContaining([
        { scheme: 'area-b', versionId: 'area-b-2030-10', change: 'replaced' },
        { scheme: 'area-b', versionId: 'area-b-2040', change: 'created' },
        { scheme: 'area-b', versionId: 'area-b-2040', change: 'deleted' },
      ]),
    );
  });

  it('deletes only future versions (409 for one in effect, 404 for an unknown one)', async () => {
    const past = await t.app.inject({ method: 'DELETE', url: `${base}/ecopass/versions/ecopass-2008`, headers: admin });
    expect(past.statusCode).toBe(409);
    expect(past.json().code).toBe('mobility.version_in_effect');
    const unknown = await t.app.inject({ method: 'DELETE', url: `${base}/ecopass/versions/nope`, headers: admin });
    expect(unknown.statusCode).toBe(404);
    const wrongScheme = await t.app.inject({ method: 'PUT', url: `${base}/area-c/versions/ecopass-2008`, headers: admin, payload: strictVersion('2050-01-01', '2050-12-31') });
    expect(wrongScheme.statusCode).toBe(409);
    expect(wrongScheme.json().code).toBe('mobility.version_conflict');
  });

  it('validates the version: one outcome per rule, charges named, dates in order (422, nothing written)', async () => {
    const put = (payload: object) => t.app.inject({ method: 'PUT', url: `${base}/area-b/versions/area-b-2060`, headers: admin, payload });
    const fieldsOf = (res: Awaited<ReturnType<typeof put>>): string[] => res.json().errors.map((e: { field: string }) => e.field);
    const shape = await put({ ...strictVersion('2060-01-01', null), rules: [{ fuels: ['petrol'], ban: true, class: 'IV' }, { kinds: ['tractor'], allow: true }] });
    expect(shape.statusCode).toBe(422);
    expect(fieldsOf(shape)).toEqual(expect.arrayContaining(['body.rules.0', 'body.rules.1.kinds.0']));
    // Cross-field checks run once every field is well formed.
    const cross = await put({ ...strictVersion('2060-01-01', '2059-01-01'), rules: [{ charge: 'standard' }] });
    expect(cross.statusCode).toBe(422);
    expect(fieldsOf(cross)).toEqual(expect.arrayContaining(['body.rules.0', 'body.validTo']));
    const list = await t.app.inject({ url: `${base}/versions?scheme=area-b`, headers: admin });
    expect(list.json().map((v: { id: string }) => v.id)).not.toContain('area-b-2060');
  });
});
