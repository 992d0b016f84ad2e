import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRepoRoot } from '../../platform/paths';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';
import { importDirectory } from './import-directory';

const HEADER = 'slug,title,department,address,zipcode,municipio,neighbourhood,lat,long,phone,extension,services,hours,notes';
const demoDir = fromRepoRoot('data/demo-milano');

const count = async (t: TestApp, table: string) => Number((await t.app.ctx.database.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n);

describe('POST /api/v1/directory/import (a city open-data export)', () => {
  let t: TestApp;
  let admin: { authorization: string };
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    admin = await signIn(t.app, 'admin');
  });
  afterAll(() => t.close());

  const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/directory/import', headers: admin, payload });

  it('reports every broken row with its line and reason, and writes nothing', async () => {
    const before = { offices: await count(t, 'offices'), hours: await count(t, 'office_hours'), exceptions: await count(t, 'office_exceptions') };
    const offices = [
      HEADER,
      'nuovo-ufficio,Nuovo ufficio,anagrafe,Via Nuova 1,20100,1,Duomo,45.4642,9.1900,02 1234,4990,certificati,lun-ven 09:00-12:00,', // 2: fine
      'bad-hours,Orari rotti,anagrafe,Via A 1,20100,1,,45.46,9.19,,,certificati,lun-ven 9-12,', // 3
      'overlap,Sovrapposti,anagrafe,Via B 1,20100,1,,45.46,9.19,,,,"lun-ven 08:30-12:30,12:00-15:00",', // 4
      'ghost-dept,Settore ignoto,fantasmi,Via C 1,20100,1,,45.46,9.19,,,,lun 09:00-10:00,', // 5
      'ghost-municipio,Municipio ignoto,anagrafe,Via D 1,20100,12,,45.46,9.19,,,,lun 09:00-10:00,', // 6
      'nuovo-ufficio,Doppione,anagrafe,Via E 1,20100,1,,45.46,9.19,,,,lun 09:00-10:00,', // 7: duplicate slug
      'dup-extension,Interno doppio,anagrafe,Via F 1,20100,1,,45.46,9.19,,4101,,lun 09:00-10:00,', // 8: extension of anagrafe-centrale
      'swapped,Coordinate invertite,anagrafe,Via G 1,20100,1,,9.19,45.46,,,,lun 09:00-10:00,', // 9
      'far-away,Fuori dal mondo,anagrafe,Via H 1,20100,1,,95.0,9.19,,,,lun 09:00-10:00,', // 10
      'short-row,Troppo corta,anagrafe', // 11
    ].join('\n');
    const exceptions = [
      'office,date,hours,reason,note',
      'anagrafe-centrale,2027-01-08,chiuso,closure,', // 2: fine
      'nessuno,2027-01-08,chiuso,closure,', // 3: unknown office
      'anagrafe-centrale,2027-02-30,chiuso,closure,', // 4: bad date
      'anagrafe-centrale,2027-01-09,chiuso,holiday,', // 5: bad reason
      'anagrafe-centrale,2027-01-08,09:00-10:00,extended,', // 6: second exception for the date
    ].join('\n');
    const res = await post({ offices, exceptions });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('import.rows_rejected');
    const rejected = body.rejected as { file: string; line: number; reason: string }[];
    expect(rejected.map((r) => `${r.file}:${r.line}`)).toEqual([
      'offices:3', 'offices:4', 'offices:5', 'offices:6', 'offices:7', 'offices:8', 'offices:9', 'offices:10', 'offices:11',
      'exceptions:3', 'exceptions:4', 'exceptions:5', 'exceptions:6',
    ]);
    const reason = (file: string, line: number) => rejected.find((r) => r.file === file && r.line === line)!.reason;
    expect(reason('offices', 3)).toMatch(/hours: bad time range "9-12"/);
    expect(reason('offices', 4)).toMatch(/overlap/);
    expect(reason('offices', 5)).toMatch(/unknown department "fantasmi"/);
    expect(reason('offices', 6)).toMatch(/unknown Municipio 12/);
    expect(reason('offices', 7)).toMatch(/duplicate slug "nuovo-ufficio" \(first on line 2\)/);
    expect(reason('offices', 8)).toMatch(/4101 is already used by office anagrafe-centrale/);
    expect(reason('offices', 9)).toMatch(/km from the city's other offices/);
    expect(reason('offices', 10)).toMatch(/outside the globe/);
    expect(reason('offices', 11)).toMatch(/expected 14 fields, found 3/);
    expect(reason('exceptions', 3)).toMatch(/unknown office "nessuno"/);
    expect(reason('exceptions', 4)).toMatch(/real date/);
    expect(reason('exceptions', 5)).toMatch(/reason: must be one of/);
    expect(reason('exceptions', 6)).toMatch(/second exception .* \(first on line 2\)/);

    expect({ offices: await count(t, 'offices'), hours: await count(t, 'office_hours'), exceptions: await count(t, 'office_exceptions') }).toEqual(before);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/offices/nuovo-ufficio' })).statusCode).toBe(404);
  });

  it('upserts by slug: creates new offices, updates existing ones with their hours and exceptions', async () => {
    const offices = [
      HEADER,
      'nuovo-ufficio,Nuovo ufficio,anagrafe,Via Nuova 1,20100,1,Duomo,45.4642,9.1900,02 1234,4990,certificati,lun-ven 09:00-12:00,',
      'anagrafe-oglio,Anagrafe di via Oglio,anagrafe,Via Oglio 18,20139,4,Corvetto,45.441250,9.223380,02 884 64120,4104,cie;certificati,lun-ven 08:00-14:00,Nuovo orario',
    ].join('\n');
    const res = await post({ offices, exceptions: 'office,date,hours,reason,note\nnuovo-ufficio,2027-01-08,chiuso,closure,Inventario\n' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ officesCreated: 1, officesUpdated: 1, exceptions: 1 });
    const at = (slug: string, when: string) => t.app.inject({ method: 'GET', url: `/api/v1/offices/${slug}/opening?at=${encodeURIComponent(when)}` });
    expect((await at('anagrafe-oglio', '2027-01-07T13:30:00+01:00')).json()).toMatchObject({ open: true, closesAt: '2027-01-07T14:00:00+01:00' });
    expect((await at('nuovo-ufficio', '2027-01-08T10:00:00+01:00')).json()).toMatchObject({ open: false, reasonCode: 'closure' });
    const oglio = (await t.app.inject({ method: 'GET', url: '/api/v1/offices/anagrafe-oglio' })).json();
    expect(oglio).toMatchObject({ name: 'Anagrafe di via Oglio', services: ['cie', 'certificati'], notes: 'Nuovo orario', hoursText: 'lun-ven 08:00-14:00' });
    // Its demo exception (15 January 2027) is still there.
    expect((await at('anagrafe-oglio', '2027-01-15T10:00:00+01:00')).json()).toMatchObject({ open: false, reasonCode: 'maintenance' });
  });

  it('reads an unreadable file as one rejection', async () => {
    const res = await post({ offices: `${HEADER}\n"unterminated,x` });
    expect(res.statusCode).toBe(422);
    expect(res.json().rejected[0].reason).toMatch(/unreadable CSV/);
    expect((await post({ offices: 'slug,title\nx,y' })).json().rejected[0]).toMatchObject({ line: 1, reason: expect.stringMatching(/missing column/) });
  });
});

describe('importDirectory (the city folder)', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp();
    dir = mkdtempSync(join(tmpdir(), 'sportello-city-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  const run = () => t.app.ctx.transact((tx, emit) => importDirectory(tx, emit, dir));

  it('reports every bad row of every file and writes nothing', async () => {
    cpSync(demoDir, dir, { recursive: true });
    writeFileSync(join(dir, 'municipi.csv'), 'number,name\n1,Centro storico\n1,Doppio\nx,Nessuno\n');
    writeFileSync(
      join(dir, 'offices.csv'),
      `${HEADER}\nufficio-a,Ufficio A,anagrafe,Via A 1,20100,1,,45.46,9.19,,4001,,lun-ven 08:30-12:30,\nufficio-b,Ufficio B,anagrafe,Via B 1,20100,1,,45.46,9.19,,,,"lun-ven 08:30-12:30; mer 12:00-13:00",\nufficio-c,Ufficio C,anagrafe,Via C 1,20100,2,,45.46,9.19,,4001,,xyz 08:30-12:30,\n`,
    );
    writeFileSync(join(dir, 'office-exceptions.csv'), 'office,date,hours,reason,note\nufficio-a,2027-13-01,chiuso,closure,\nufficio-z,2027-01-02,chiuso,closure,\n');
    writeFileSync(join(dir, 'holidays.yaml'), '- key: capodanno\n  date: "01-01"\n  scope: national\n  names: {it: Capodanno}\n- key: strano\n  date: "02-30"\n  easter: 1\n  scope: planet\n  names: {}\n');
    const report = await run();
    const where = report.rejected.map((r) => `${r.file}:${r.line}`);
    expect(where).toEqual([
      'municipi.csv:3', 'municipi.csv:4',
      'holidays.yaml:1', 'holidays.yaml:2',
      'offices.csv:3', 'offices.csv:4',
      'office-exceptions.csv:2', 'office-exceptions.csv:3',
    ]);
    expect(report.rejected.find((r) => r.file === 'holidays.yaml' && r.line === 1)!.reason).toMatch(/missing language\(s\) en, fr/);
    expect(report.rejected.find((r) => r.file === 'offices.csv' && r.line === 4)!.reason).toMatch(/unknown day "xyz".*4001 is already used/s);
    expect(await count(t, 'offices')).toBe(0);
    expect(await count(t, 'municipi')).toBe(0);
    expect(await count(t, 'holiday_rules')).toBe(0);
  });

  it('loads the demo city, then loads it again without duplicating anything', async () => {
    rmSync(dir, { recursive: true, force: true });
    cpSync(demoDir, dir, { recursive: true });
    const first = await run();
    expect(first.rejected).toEqual([]);
    expect(first.counts).toEqual({ municipi: 9, departments: 10, offices: 26, officeExceptions: 32, holidayRules: 14 });
    const second = await run();
    expect(second.rejected).toEqual([]);
    expect(await count(t, 'offices')).toBe(26);
    expect(await count(t, 'office_exceptions')).toBe(32);
    expect(await count(t, 'holiday_rules')).toBe(14);
    const names = (await t.app.ctx.database.query<{ name: string }>("select name from outbox_events where name in ('office.created', 'holidays.changed')")).map((r) => r.name);
    expect(names.filter((n) => n === 'office.created')).toHaveLength(26);
    expect(names.filter((n) => n === 'holidays.changed')).toHaveLength(2);
  });
});
