import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { loadCityProfile } from '../../platform/city-profile';
import type { Db } from '../../platform/db/database';
import type { Emit } from '../../platform/events/unit-of-work';
import type { ImportReport, RejectedRow } from '../../platform/import-report';
import { validateExceptionsCsv, validateOfficesCsv } from './office-rows';
import { loadReferences, saveOffices } from './office-store';
import { validateDepartmentsYaml, validateHolidaysYaml, validateMunicipiCsv } from './reference-rows';
import { departments, holidayRules, municipi } from './tables';

export const directoryFiles = {
  municipi: 'municipi.csv',
  departments: 'departments.yaml',
  offices: 'offices.csv',
  exceptions: 'office-exceptions.csv',
  holidays: 'holidays.yaml',
} as const;

/**
 * Loads a city's directory (docs/directory.md "Import format") inside the caller's transaction:
 * every file is validated first and every bad row reported; when anything is rejected nothing is
 * written (city-data/index.ts then aborts the whole load). Re-running it upserts by key.
 */
export async function importDirectory(tx: Db, emit: Emit, cityDir: string): Promise<ImportReport> {
  const city = loadCityProfile(cityDir);
  const read = (name: string): string | null => {
    const path = join(cityDir, name);
    return existsSync(path) ? readFileSync(path, 'utf8') : null;
  };
  const rejected: RejectedRow[] = [];
  const missing = (file: string) => rejected.push({ file, line: 0, reason: 'file not found' });

  const municipiText = read(directoryFiles.municipi);
  const departmentsText = read(directoryFiles.departments);
  const officesText = read(directoryFiles.offices);
  const holidaysText = read(directoryFiles.holidays);
  const exceptionsText = read(directoryFiles.exceptions); // optional: a city may have none yet
  if (municipiText === null) missing(directoryFiles.municipi);
  if (departmentsText === null) missing(directoryFiles.departments);
  if (officesText === null) missing(directoryFiles.offices);
  if (holidaysText === null) missing(directoryFiles.holidays);

  const m = validateMunicipiCsv(municipiText ?? 'number,name\n', directoryFiles.municipi);
  const d = validateDepartmentsYaml(departmentsText ?? '[]', directoryFiles.departments, city.languages);
  const h = validateHolidaysYaml(holidaysText ?? '[]', directoryFiles.holidays, city.languages);
  // Offices refer to the departments and Municipi of the same load, plus any already stored.
  const stored = await loadReferences(tx);
  const o = validateOfficesCsv(officesText ?? officesHeaderOnly, directoryFiles.offices, {
    departments: new Set([...stored.departments, ...d.departments.map((x) => x.slug)]),
    municipi: new Set([...stored.municipi, ...m.municipi.map((x) => x.number)]),
    others: stored.others,
  });
  const knownOffices = new Set([...stored.others.map((x) => x.slug), ...o.offices.map((x) => x.slug)]);
  // A row rejected in offices.csv would make its exceptions "unknown office" too: say it once.
  const e = validateExceptionsCsv(exceptionsText ?? 'office,date,hours,reason,note\n', directoryFiles.exceptions, new Set([...knownOffices, ...o.rejectedSlugs]));
  rejected.push(...m.rejected, ...d.rejected, ...h.rejected, ...o.rejected, ...e.rejected);

  const counts = {
    municipi: m.municipi.length,
    departments: d.departments.length,
    offices: o.offices.length,
    officeExceptions: e.exceptions.length,
    holidayRules: h.rules.length,
  };
  if (rejected.length) return { counts, rejected };

  if (m.municipi.length) {
    await tx.insert(municipi).values(m.municipi).onConflictDoUpdate({ target: municipi.number, set: { name: sql`excluded.name` } });
  }
  if (d.departments.length) {
    await tx
      .insert(departments)
      .values(d.departments)
      .onConflictDoUpdate({ target: departments.slug, set: { names: sql`excluded.names`, updatedAt: sql`now()` } });
  }
  await saveOffices(tx, emit, o.offices, e.exceptions);
  // Holiday rules are the city's list: replaced as a whole, so a rule removed from the file goes.
  await tx.delete(holidayRules);
  if (h.rules.length) {
    await tx.insert(holidayRules).values(
      h.rules.map((r) => ({
        key: r.key,
        month: r.month ?? null,
        day: r.day ?? null,
        easterOffset: r.easterOffset ?? null,
        validFrom: r.validFrom ?? null,
        validTo: r.validTo ?? null,
        scope: r.scope,
        names: { ...r.names },
      })),
    );
  }
  emit('holidays.changed', { count: h.rules.length });
  return { counts, rejected };
}

const officesHeaderOnly = 'slug,title,department,address,zipcode,municipio,neighbourhood,lat,long,phone,extension,services,hours,notes\n';

