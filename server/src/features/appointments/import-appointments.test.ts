import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRepoRoot } from '../../platform/paths';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { importAppointments } from './import-appointments';

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  dir = mkdtempSync(join(tmpdir(), 'appointments-import-'));
  copyFileSync(fromRepoRoot('data/demo-milano/city.yaml'), join(dir, 'city.yaml'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

const run = (cityDir: string) => t.app.ctx.transact((tx) => importAppointments(t.app.ctx, tx, cityDir));

describe('importAppointments', () => {
  it('loads the demo city: two services and their templates', async () => {
    const report = await run(fromRepoRoot('data/demo-milano'));
    expect(report.rejected).toEqual([]);
    expect(report.counts.appointmentServices).toBe(2);
    expect(report.counts.slotTemplates).toBeGreaterThan(40);
  });

  it('reports every bad row with its file, line and reason, and loads nothing', async () => {
    writeFileSync(
      join(dir, 'appointment-services.yaml'),
      ['- code: Bad Code', '  name: {it: Prova}', '  description: {it: Prova}', '  documents: {it: []}'].join('\n'),
    );
    writeFileSync(
      join(dir, 'slot-templates.csv'),
      [
        'service,office,hours,slot_minutes,capacity,valid_from,valid_to',
        'cie,anagrafe-centrale,lun-ven 08:30-15:30,20,3,2026-01-01,',
        'cie,ufficio-inesistente,lun 25:00-26:00,0,0,2026-13-01,2025-01-01',
        'cie,municipio-3,lun 09:00-12:00,20,1,2026-01-01,',
      ].join('\n'),
    );
    const report = await run(dir);
    const reasons = report.rejected.map((r) => `${r.file}:${r.line} ${r.reason}`);
    expect(reasons[0]).toMatch(/^appointment-services\.yaml:1 code: only lower-case.*name\.en: missing translation/);
    expect(reasons.find((r) => r.startsWith('slot-templates.csv:2'))).toMatch(/service: "cie" is not in appointment-services\.yaml/);
    const line3 = reasons.find((r) => r.startsWith('slot-templates.csv:3'))!;
    for (const part of ['no office "ufficio-inesistente"', 'hours:', 'slot_minutes', 'capacity', 'valid_from']) expect(line3).toContain(part);
    expect(reasons.find((r) => r.startsWith('slot-templates.csv:4'))).toContain('does not list the service "cie"');
    expect(report.counts).toEqual({ appointmentServices: 0, slotTemplates: 0 });
  });
});
