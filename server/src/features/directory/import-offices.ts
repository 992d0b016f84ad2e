import type { AppContext } from '../../platform/context';
import type { Principal } from '../../platform/http/access';
import { assertNothingRejected } from '../../platform/import-report';
import { recordAudit } from '../identity';
import { invalidateDirectory } from './directory-cache';
import { actorOf } from './office-editing';
import { validateExceptionsCsv, validateOfficesCsv } from './office-rows';
import { loadReferences, saveOffices } from './office-store';

export interface OfficesExport {
  /** CSV text with the columns of offices.csv (docs/directory.md "Import format"). */
  offices: string;
  /** CSV text with the columns of office-exceptions.csv. */
  exceptions?: string | undefined;
}

export interface ImportCounts {
  officesCreated: number;
  officesUpdated: number;
  exceptions: number;
}

/**
 * Upserts offices by slug from a city's open-data export (their weekly hours replaced, exceptions
 * upserted by office and date), with the city importer's validation. All or nothing: any rejected
 * row answers 422 import.rows_rejected listing every one, and nothing is written.
 */
export async function importOfficesExport(ctx: AppContext, input: OfficesExport, by: Principal, requestId?: string): Promise<ImportCounts> {
  const counts = await ctx.transact(async (tx, emit) => {
    const refs = await loadReferences(tx);
    const o = validateOfficesCsv(input.offices, 'offices', refs);
    const known = new Set([...refs.others.map((x) => x.slug), ...o.offices.map((x) => x.slug), ...o.rejectedSlugs]);
    const e = input.exceptions ? validateExceptionsCsv(input.exceptions, 'exceptions', known) : { exceptions: [], rejected: [] };
    assertNothingRejected({ counts: {}, rejected: [...o.rejected, ...e.rejected] });
    const saved = await saveOffices(tx, emit, o.offices, e.exceptions);
    const actor = actorOf(by, requestId);
    for (const w of saved.written) {
      await recordAudit(tx, actor, { action: w.created ? 'create' : 'update', subjectKind: 'office', subjectId: w.id, details: { slug: w.slug, source: 'import' } });
    }
    return { officesCreated: saved.officesCreated, officesUpdated: saved.officesUpdated, exceptions: saved.exceptions };
  });
  invalidateDirectory(ctx);
  return counts;
}
