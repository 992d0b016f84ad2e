import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { fromRepoRoot } from '../../platform/paths';
import { importMobility } from './import-mobility';
import { readVersions } from './rule-store';

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  dir = mkdtempSync(join(tmpdir(), 'sportello-mobility-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

const load = () => t.app.ctx.transact((tx, emit) => importMobility(tx, emit, dir));

describe('importing the mobility rules', () => {
  it('loads the demo city files, and again without duplicates', async () => {
    cpSync(fromRepoRoot('data/demo-milano/mobility'), join(dir, 'mobility'), { recursive: true });
    expect(await load()).toEqual({ counts: { mobilityRuleVersions: 15 }, rejected: [] });
    expect(await load()).toEqual({ counts: { mobilityRuleVersions: 15 }, rejected: [] });
    expect((await readVersions(t.app.ctx.db)).length).toBe(15);
  });

  it('reports every bad version with its file, position and reason, and writes nothing', async () => {
    const bad = join(dir, 'bad');
    mkdirSync(join(bad, 'mobility'), { recursive: true });
    writeFileSync(
      join(bad, 'mobility', 'area-b.yaml'),
      `scheme: area-b
versions:
  - id: b-one
    validFrom: "2090-01-01"
    validTo: "2090-12-31"
    hours: [{days: [1, 2, 3, 4, 5], from: "07:30", to: "19:30"}]
    closedOnHolidays: true
    rules: [{allow: true}]
  - id: b-two
    validFrom: "2090-06-01"
    hours: [{days: [1], from: "19:30", to: "07:30"}]
    closedOnHolidays: true
    rules: [{allow: true}]
  - id: b-three
    validFrom: "2091-02-30"
    hours: [{days: [8], from: "07:30", to: "19:30"}]
    closedOnHolidays: maybe
    rules: [{class: IV}]
  - id: b-four
    validFrom: "2092-01-01"
    hours: [{days: [1], from: "07:30", to: "19:30"}]
    closedOnHolidays: true
    rules: [{class: IV}]
`,
    );
    writeFileSync(join(bad, 'mobility', 'broken.yaml'), 'scheme: [unclosed');
    writeFileSync(join(bad, 'mobility', 'other.yaml'), 'scheme: congestion\nversions: []\n');
    const report = await t.app.ctx.transact((tx, emit) => importMobility(tx, emit, bad));
    expect(report.counts.mobilityRuleVersions).toBe(0);
    const reasons = report.rejected.map((r) => `${r.file}:${r.line} ${r.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^mobility\/area-b\.yaml:2 hours\.0: from must be before to/),
        expect.stringMatching(/^mobility\/area-b\.yaml:3 validFrom: must be a real date/),
        expect.stringMatching(/^mobility\/area-b\.yaml:3 hours\.0\.days\.0:/),
        expect.stringMatching(/^mobility\/area-b\.yaml:3 closedOnHolidays:/),
        expect.stringMatching(/^mobility\/area-b\.yaml:4 rules\.0: no charge "IV" in charges/),
        expect.stringMatching(/^mobility\/broken\.yaml:0 not valid YAML/),
        expect.stringMatching(/^mobility\/other\.yaml:0 scheme:/),
      ]),
    );
    expect((await readVersions(t.app.ctx.db)).some((v) => v.id === 'b-one')).toBe(false);
  });

  it('rejects versions of one scheme that overlap', async () => {
    const overlap = join(dir, 'overlap');
    mkdirSync(join(overlap, 'mobility'), { recursive: true });
    const version = (id: string, from: string, to: string) =>
      `  - {id: ${id}, validFrom: "${from}", validTo: "${to}", hours: [{days: [1], from: "07:30", to: "19:30"}], closedOnHolidays: true, rules: [{allow: true}]}\n`;
    writeFileSync(join(overlap, 'mobility', 'b.yaml'), `scheme: area-b\nversions:\n${version('x-1', '2095-01-01', '2095-06-30')}${version('x-2', '2095-06-30', '2095-12-31')}`);
    const report = await t.app.ctx.transact((tx, emit) => importMobility(tx, emit, overlap));
    expect(report.rejected).toEqual([{ file: 'mobility/b.yaml', line: 2, reason: 'x-2 overlaps x-1' }]);
  });
});
