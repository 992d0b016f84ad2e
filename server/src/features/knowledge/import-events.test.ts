import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { assertNothingRejected } from '../../platform/import-report';
import { fromRepoRoot } from '../../platform/paths';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { importEventsAndSchools } from './import-events';

const DEMO_DIR = fromRepoRoot('data/demo-milano');
const demoEvents = parse(readFileSync(join(DEMO_DIR, 'events.yaml'), 'utf8')) as Record<string, unknown>[];
const demoSchools = parse(readFileSync(join(DEMO_DIR, 'school-enrollment.yaml'), 'utf8')) as Record<string, unknown>[];

let t: TestApp;
const dirs: string[] = [];
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A city folder with the demo city's profile and the given files (raw text or data to write as YAML). */
function cityDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-events-'));
  dirs.push(dir);
  copyFileSync(join(DEMO_DIR, 'city.yaml'), join(dir, 'city.yaml'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : stringify(content));
  return dir;
}

const count = async (sql: string) => (await t.app.ctx.database.query<{ n: number }>(sql))[0]!.n;
const rowsWritten = async () => ({
  events: await count('select count(*)::int as n from events'),
  translations: await count('select count(*)::int as n from event_translations'),
  windows: await count('select count(*)::int as n from school_enrollment_windows'),
  published: await count("select count(*)::int as n from outbox_events where name = 'event.published'"),
});
const runImport = (dir: string) => t.app.ctx.transact((tx, emit) => importEventsAndSchools(tx, emit, dir));

const clone = <T>(v: T): T => structuredClone(v);
const event = (changes: Record<string, unknown>) => ({ ...clone(demoEvents[0]!), ...changes });
const school = (changes: Record<string, unknown>) => ({ ...clone(demoSchools[0]!), ...changes });

describe('importing events and school enrollment windows', () => {
  it('reports every bad entry with its file, position and reasons, and writes nothing', async () => {
    const missingFrench = event({ id: 'no-french' });
    delete (missingFrench.title as Record<string, string>).fr;
    (missingFrench.description as Record<string, string>).zh = '  ';
    const noGermanDocuments = school({ schoolType: 'primaria' });
    (noGermanDocuments.documents as Record<string, string[]>).de = [];
    const dir = cityDir({
      'events.yaml': [
        event({ id: 'good-one' }),
        missingFrench,
        event({ id: 'backwards', start: '2026-12-05T20:00', end: '2026-12-05T18:00' }),
        event({ id: 'far-away', municipio: 12 }),
        event({ id: 'negative', price: -5 }),
        event({ id: 'fractional', price: 12.5 }),
        event({ id: 'rave', category: 'rave' }),
        event({ id: 'no-such-day', start: '2026-02-30T10:00' }),
        event({ id: 'good-one' }),
        'just a string',
        event({ id: 'skipped-hour', start: '2027-03-28T02:30', end: '2027-03-28T05:00' }),
        event({ id: 'Bad Id' }),
      ],
      'school-enrollment.yaml': [
        school({}),
        school({ schoolType: 'scuola-infanzia', opensAt: '2026-02-25T12:00', closesAt: '2026-02-04T12:00' }),
        noGermanDocuments,
        school({ schoolType: 'nido', schoolYear: '2026/28' }),
        school({}),
      ],
    });

    const report = await runImport(dir);

    const reasons = (file: string) => new Map(report.rejected.filter((r) => r.file === file).map((r) => [r.line, r.reason]));
    const events = reasons('events.yaml');
    expect([...events.keys()]).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(events.get(2)).toContain('title.fr: missing translation');
    expect(events.get(2)).toContain('description.zh: empty translation');
    expect(events.get(3)).toContain('end: must be after start');
    expect(events.get(4)).toContain('municipio: must be 1–9');
    expect(events.get(5)).toContain('price: must not be negative');
    expect(events.get(6)).toContain('price: must be whole euro cents');
    expect(events.get(7)).toMatch(/^category: must be one of concert/);
    expect(events.get(8)).toContain('start: not a real local date-time');
    expect(events.get(9)).toContain('"good-one" is already used by entry 1');
    expect(events.get(10)).toBe('entry: expected a mapping');
    expect(events.get(11)).toContain('start: not a real local date-time');
    expect(events.get(12)).toContain('id: only lower-case letters');

    const schools = reasons('school-enrollment.yaml');
    expect([...schools.keys()]).toEqual([2, 3, 4, 5]);
    expect(schools.get(2)).toBe('closesAt: must be after opensAt');
    expect(schools.get(3)).toBe('documents.de: no documents listed');
    expect(schools.get(4)).toContain('schoolYear: the two years must follow each other');
    expect(schools.get(5)).toContain('nido 2026/27 is already given by entry 1');

    expect(report.counts).toEqual({ events: 0, schoolEnrollmentWindows: 0 });
    expect(await rowsWritten()).toEqual({ events: 0, translations: 0, windows: 0, published: 0 });
  });

  it('requires every language of city.yaml, whatever the entries carry', async () => {
    const dir = cityDir({ 'events.yaml': [event({ id: 'short-of-one' })] });
    writeFileSync(join(dir, 'city.yaml'), readFileSync(join(DEMO_DIR, 'city.yaml'), 'utf8').replace('languages: [it, en, fr, es, de, ar, zh, ru, pt]', 'languages: [it, en, ro]'));
    const report = await runImport(dir);
    expect(report.rejected).toEqual([{ file: 'events.yaml', line: 1, reason: 'title.ro: missing translation; description.ro: missing translation' }]);
  });

  it('reports a file that is not a list, or not YAML, as a whole', async () => {
    const report = await runImport(cityDir({ 'events.yaml': { id: 'x' }, 'school-enrollment.yaml': '- schoolType: nido\n  title: [unclosed\n' }));
    expect(report.rejected).toHaveLength(2);
    expect(report.rejected[0]).toEqual({ file: 'events.yaml', line: 0, reason: 'expected a list of entries' });
    expect(report.rejected[1]!.file).toBe('school-enrollment.yaml');
    expect(report.rejected[1]!.reason).toMatch(/^not valid YAML/);
  });

  it('aborts the whole load when the caller asserts nothing was rejected', async () => {
    const dir = cityDir({ 'events.yaml': [event({ id: 'fine' }), event({ id: 'broken', municipio: 0 })] });
    await expect(
      t.app.ctx.transact(async (tx, emit) => assertNothingRejected(await importEventsAndSchools(tx, emit, dir))),
    ).rejects.toMatchObject({ code: 'import.rows_rejected', extra: { rejected: [{ file: 'events.yaml', line: 2, reason: 'municipio: must be 1–9' }] } });
    expect(await rowsWritten()).toEqual({ events: 0, translations: 0, windows: 0, published: 0 });
  });

  it('treats missing files as empty (a city without events)', async () => {
    expect(await runImport(cityDir({}))).toEqual({ counts: { events: 0, schoolEnrollmentWindows: 0 }, rejected: [] });
  });

  it('loads the demo city: every event and window, in every language, once even when loaded twice', async () => {
    const first = await runImport(DEMO_DIR);
    expect(first.rejected).toEqual([]);
    expect(first.counts).toEqual({ events: demoEvents.length, schoolEnrollmentWindows: demoSchools.length });
    const second = await runImport(DEMO_DIR);
    expect(second.counts).toEqual(first.counts);
    expect(await rowsWritten()).toEqual({ events: demoEvents.length, translations: demoEvents.length * 9, windows: demoSchools.length, published: demoEvents.length * 2 });
    expect(await count('select count(*)::int as n from school_enrollment_translations')).toBe(demoSchools.length * 9);

    const [ohBej] = await t.app.ctx.database.query<{ starts_at: Date; ends_at: Date; price_cents: number; status: string }>(
      "select starts_at, ends_at, price_cents, status from events where id = 'oh-bej-oh-bej-2026'",
    );
    // Local times of the data are Europe/Rome: 09:00 in December is 08:00 UTC.
    expect(new Date(ohBej!.starts_at).toISOString()).toBe('2026-12-05T08:00:00.000Z');
    expect(new Date(ohBej!.ends_at).toISOString()).toBe('2026-12-08T19:00:00.000Z');
    expect(ohBej!.status).toBe('published');
    const [nido] = await t.app.ctx.database.query<{ documents: string[] }>(
      "select t.documents from school_enrollment_translations t join school_enrollment_windows w on w.id = t.window_id where w.school_type = 'nido' and w.school_year = '2026/27' and t.language = 'zh'",
    );
    expect(nido!.documents.length).toBeGreaterThan(3);
  });
});
