import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { fromRepoRoot } from '../../platform/paths';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { importServiceCatalogue } from './import-catalogue';

const DEMO_DIR = fromRepoRoot('data/demo-milano');
const demo = parse(readFileSync(join(DEMO_DIR, 'service-catalogue.yaml'), 'utf8')) as { services: Record<string, unknown>[] } & Record<string, unknown>;

let t: TestApp;
const dirs: string[] = [];
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(async () => {
  await t.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function cityDir(catalogue: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-catalogue-'));
  dirs.push(dir);
  copyFileSync(join(DEMO_DIR, 'city.yaml'), join(dir, 'city.yaml'));
  writeFileSync(join(dir, 'service-catalogue.yaml'), typeof catalogue === 'string' ? catalogue : stringify(catalogue));
  return dir;
}

const load = (dir: string) => t.app.ctx.transact((tx) => importServiceCatalogue(tx, dir));

describe('the service catalogue importer', () => {
  it('loaded the demo catalogue with the services the contract names', async () => {
    const codes = (await t.app.ctx.database.query<{ code: string }>('select code from case_services order by position')).map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['buca-stradale', 'illuminazione', 'rifiuti-abbandonati', 'certificato-domicilio']));
    expect(codes.length).toBe(demo.services.length);
  });

  it('reloads the same file as updates, not duplicates', async () => {
    const report = await load(cityDir(demo));
    expect(report).toEqual({ counts: { caseServices: demo.services.length }, rejected: [] });
  });

  it('reports every bad entry with its reasons and loads nothing', async () => {
    const [pothole, light, ...rest] = demo.services;
    const broken = {
      ...demo,
      services: [
        { ...pothole, name: { ...(pothole!.name as object), ar: undefined }, department: 'astronautica' },
        { ...light, type: 'sometimes', attributes: [{ code: 'x', datatype: 'singlevaluelist', required: true, order: 1, description: light!.name }] },
        { ...rest[0], code: pothole!.code },
        { ...rest[1], metadata: true },
        ...rest.slice(2),
      ],
    };
    const before = await t.app.ctx.database.query('select code, updated_at from case_services order by code');
    const report = await load(cityDir(broken));
    const reasons = new Map(report.rejected.map((r) => [r.line, r.reason]));
    expect(report.rejected.every((r) => r.file === 'service-catalogue.yaml')).toBe(true);
    expect(reasons.get(1)).toContain('name.ar: missing translation');
    expect(reasons.get(1)).toContain('department: "astronautica" is not a department of the directory');
    expect(reasons.get(2)).toContain('type: must be one of realtime, batch, blackbox');
    expect(reasons.get(2)).toContain('attributes.0.values: a singlevaluelist needs values');
    expect(reasons.get(3)).toContain('code: "buca-stradale" is already used by service 1');
    expect(reasons.get(4)).toContain('metadata: must be false');
    expect(report.counts.caseServices).toBe(0);
    expect(await t.app.ctx.database.query('select code, updated_at from case_services order by code')).toEqual(before);
  });

  it('refuses bad settings: business hours in the directory’s grammar, a jurisdiction', async () => {
    const report = await load(cityDir({ ...demo, businessHours: 'weekdays 9 to 5', jurisdictionId: '' }));
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]!.reason).toContain('businessHours');
    expect(report.rejected[0]!.reason).toContain('jurisdictionId');
    expect((await load(cityDir('services: [unclosed'))).rejected[0]!.reason).toContain('not valid YAML');
  });
});
