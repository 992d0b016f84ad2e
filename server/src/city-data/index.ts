/**
 * Loads a city's data (directory, knowledge, events, schools, tax and fine ledgers, and for the demo city its staff
 * accounts) through the same importers that read the city's open-data exports, in ONE transaction:
 * any rejected row anywhere aborts the whole load with the full list of rejections.
 */
import type { AppContext } from '../platform/context';
import { assertNothingRejected, mergeReports, type ImportReport } from '../platform/import-report';
import { importDirectory } from '../features/directory';
import { importKnowledge } from '../features/knowledge';
import { importMobility } from '../features/mobility';
import { importContactTopics } from '../features/contacts';
import { importServiceCatalogue } from '../features/cases';
import { insertDemoApiKey } from '../features/open311';
import { importCityLedgers } from '../features/payments';
import { importAppointments } from '../features/appointments';
import { importCertificates } from '../features/certificates';
import { importSchools } from '../features/schools';
import { insertDemoStaff } from './demo-staff';

export async function loadCity(ctx: AppContext, cityDir: string, options: { demoPassword?: string } = {}): Promise<ImportReport> {
  return ctx.transact(async (tx, emit) => {
    const report = mergeReports(
      await importDirectory(tx, emit, cityDir),
      await importKnowledge(tx, emit, cityDir),
      await importMobility(tx, emit, cityDir),
      await importContactTopics(tx, cityDir),
      await importServiceCatalogue(tx, cityDir),
      await importCityLedgers(tx, emit, cityDir),
      await importAppointments(ctx, tx, cityDir),
      await importCertificates(tx, emit, cityDir),
      await importSchools(tx, emit, cityDir),
    );
    assertNothingRejected(report);
    if (options.demoPassword) report.counts.staffUsers = await insertDemoStaff(tx, options.demoPassword);
    if (options.demoPassword) report.counts.open311ApiKeys = await insertDemoApiKey(tx);
    emit('city.imported', { source: cityDir, counts: report.counts });
    return report;
  });
}

/** On first start with an empty database, loads the demo city and its demo accounts. */
export async function loadCityIfEmpty(ctx: AppContext, cityDir: string, demoPassword: string): Promise<ImportReport | null> {
  const [row] = await ctx.database.query<{ loaded: boolean }>(
    // Staff accounts and city data are loaded in one transaction: either both exist or neither.
    'select exists (select 1 from staff_users) as loaded',
  );
  if (row?.loaded) return null;
  const report = await loadCity(ctx, cityDir, { demoPassword });
  ctx.log.info({ counts: report.counts }, 'demo city loaded');
  return report;
}
