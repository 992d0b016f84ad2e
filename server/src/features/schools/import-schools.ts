import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../platform/db/database';
import type { Emit } from '../../platform/events/unit-of-work';
import { mergeReports, type ImportReport } from '../../platform/import-report';
import { APPLICATIONS_FILE, importApplications } from './import-applications';
import { importSchoolSupport } from './import-support';

/** A city's school data: the support file and, when present, an applications export. All or nothing. */
export async function importSchools(tx: Db, emit: Emit, cityDir: string): Promise<ImportReport> {
  const support = await importSchoolSupport(tx, cityDir);
  const path = join(cityDir, APPLICATIONS_FILE);
  if (!existsSync(path) || support.rejected.length) return support;
  return mergeReports(support, await importApplications(tx, emit, readFileSync(path, 'utf8')));
}
