import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRepoRoot } from '../../platform/paths';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { findEventsForQuestion, listEvents, resolveWindow } from './events';
import { importEventsAndSchools } from './import-events';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  // The demo template holds the events once the knowledge importer calls importEventsAndSchools;
  // loading them again is harmless (entries are keyed), so this also works before that wiring.
  const [row] = await t.app.ctx.database.query<{ n: number }>('select count(*)::int as n from events');
  if (row!.n === 0) await t.app.ctx.transact((tx, emit) => importEventsAndSchools(tx, emit, fromRepoRoot('data/demo-milano')));
});
afterAll(() => t.close());

const at = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Rome' }).toJSDate();
const WEDNESDAY = at('2026-12-02T10:00');
const ids = (result: { events: { id: string }[] } | null) => result?.events.map((e) => e.id);

describe("answering what's on", () => {
  it('"this weekend" asked on a Wednesday: everything overlapping Saturday and Sunday, soonest first', async () => {
    const result = await findEventsForQuestion(t.app.ctx, "cosa c'è da fare questo weekend a Milano", 'it', WEDNESDAY);
    expect(result).toMatchObject({ from: '2026-12-05T00:00:00+01:00', to: '2026-12-07T00:00:00+01:00' });
    // Started before Saturday and still running (the market, the exhibition) count; Monday's première does not.
    expect(ids(result)).toEqual([
      'luci-del-nord-palazzo-reale-2026',
      'mercatini-natale-duomo-2026',
      'oh-bej-oh-bej-2026',
      'accensione-albero-duomo-2026',
      'domenica-museo-novecento-2026-12',
      'laboratori-natale-bam-2026',
    ]);
    expect(result!.events[2]).toEqual({
      id: 'oh-bej-oh-bej-2026',
      title: "Oh bej! Oh bej! – la fiera di Sant'Ambrogio",
      start: '2026-12-05T09:00:00+01:00',
      end: '2026-12-08T20:00:00+01:00',
      venue: 'Castello Sforzesco, piazze esterne',
      address: 'Piazza Castello',
      municipio: 1,
      price: { amount: 0, currency: 'EUR' },
      category: 'fair',
    });
  });

  it('answers in the language of the question, with the same events', async () => {
    const zh = await findEventsForQuestion(t.app.ctx, '这个周末米兰有什么活动', 'zh', WEDNESDAY);
    const ar = await findEventsForQuestion(t.app.ctx, 'ما هي الفعاليات في نهاية هذا الأسبوع', 'ar', WEDNESDAY);
    expect(ids(zh)).toHaveLength(6);
    expect(ids(ar)).toEqual(ids(zh));
    expect(zh!.events.find((e) => e.id === 'mercatini-natale-duomo-2026')!.title).toBe('大教堂广场圣诞市集');
    expect(ar!.events.find((e) => e.id === 'mercatini-natale-duomo-2026')!.title).toBe('سوق عيد الميلاد في ساحة الدومو');
  });

  it('asked on Sunday afternoon: only what is still on from now', async () => {
    const result = await findEventsForQuestion(t.app.ctx, 'what’s on this weekend', 'en', at('2026-12-06T15:00'));
    expect(result!.from).toBe('2026-12-06T15:00:00+01:00');
    expect(ids(result)).toEqual(['luci-del-nord-palazzo-reale-2026', 'mercatini-natale-duomo-2026', 'oh-bej-oh-bej-2026', 'domenica-museo-novecento-2026-12']);
  });

  it('"concerti domani sera": concerts of tomorrow evening only', async () => {
    const result = await findEventsForQuestion(t.app.ctx, 'concerti domani sera', 'it', at('2026-12-11T12:00'));
    expect(result).toMatchObject({ from: '2026-12-12T18:00:00+01:00', to: '2026-12-13T00:00:00+01:00' });
    expect(ids(result)).toEqual(['notte-gospel-arcimboldi-2026']);
  });

  it('"mostre a dicembre": the exhibitions running in December', async () => {
    const result = await findEventsForQuestion(t.app.ctx, 'mostre a dicembre', 'it', WEDNESDAY);
    expect(ids(result)).toEqual(['luci-del-nord-palazzo-reale-2026', 'domenica-museo-novecento-2026-12', 'confini-mobili-pac-2026']);
  });

  it('lists at most ten events', async () => {
    const result = await findEventsForQuestion(t.app.ctx, 'eventi a dicembre', 'it', WEDNESDAY);
    expect(result!.events).toHaveLength(10);
    const starts = result!.events.map((e) => Date.parse(e.start));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('returns null for questions that are not about what is on', async () => {
    expect(await findEventsForQuestion(t.app.ctx, 'orari anagrafe domani', 'it', WEDNESDAY)).toBeNull();
    expect(await findEventsForQuestion(t.app.ctx, 'how do I pay a parking fine', 'en', WEDNESDAY)).toBeNull();
  });

  it('returns an empty list when nothing is on', async () => {
    const result = await findEventsForQuestion(t.app.ctx, 'concerti a agosto', 'it', WEDNESDAY);
    expect(result).toEqual({ from: '2027-08-01T00:00:00+02:00', to: '2027-09-01T00:00:00+02:00', events: [] });
  });
});

describe('listing events', () => {
  it('filters by category, Municipio, price and words', async () => {
    const window = { from: '2026-12-01', to: '2026-12-31' };
    const now = WEDNESDAY;
    const fairs = await listEvents(t.app.ctx, { ...window, category: 'fair' }, 'en', now);
    expect(fairs.events.map((e) => e.id)).toEqual(['mercatini-natale-duomo-2026', 'oh-bej-oh-bej-2026', 'mercato-creativo-fabbrica-vapore-2026']);
    const nine = await listEvents(t.app.ctx, { ...window, municipio: 9 }, 'en', now);
    expect(nine.events.every((e) => e.municipio === 9)).toBe(true);
    expect(nine.events.length).toBe(2);
    const free = await listEvents(t.app.ctx, { ...window, free: true }, 'en', now);
    expect(free.events.every((e) => e.price.amount === 0)).toBe(true);
    expect(free.events.map((e) => e.id)).not.toContain('prima-scala-2026');
    const gospel = await listEvents(t.app.ctx, { ...window, q: 'gospel' }, 'en', now);
    expect(gospel.events.map((e) => e.id)).toEqual(['notte-gospel-arcimboldi-2026']);
    const zh = await listEvents(t.app.ctx, { ...window, q: '圣诞市集' }, 'zh', now);
    expect(zh.events.map((e) => e.id)).toContain('mercatini-natale-duomo-2026');
  });

  it('reads dates as whole local days and defaults to the next 30 days', () => {
    expect(resolveWindow({ from: '2026-12-05', to: '2026-12-06' }, WEDNESDAY, 'Europe/Rome')).toEqual({
      from: new Date('2026-12-04T23:00:00Z'),
      to: new Date('2026-12-06T23:00:00Z'),
    });
    expect(resolveWindow({}, WEDNESDAY, 'Europe/Rome')).toEqual({ from: WEDNESDAY, to: at('2027-01-01T10:00') });
    expect(() => resolveWindow({ from: '2026-12-05', to: '2027-12-07' }, WEDNESDAY, 'Europe/Rome')).toThrow(/window/);
    expect(resolveWindow({ from: '2026-12-05', to: '2027-12-05' }, WEDNESDAY, 'Europe/Rome').to).toEqual(at('2027-12-06T00:00'));
  });
});
