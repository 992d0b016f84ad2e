import { AppError } from './errors/error-codes';

/** A row an importer could not read, with where it was and why: reported, never silently dropped. */
export interface RejectedRow {
  file: string;
  /** 1-based line (CSV: the header is line 1) or list index (YAML/JSON, 1-based). */
  line: number;
  reason: string;
}

export interface ImportReport {
  counts: Record<string, number>;
  rejected: RejectedRow[];
}

/** Importers load all or nothing: one rejected row aborts the transaction with the full list. */
export function assertNothingRejected(report: ImportReport): void {
  if (report.rejected.length === 0) return;
  throw new AppError(
    'import.rows_rejected',
    `${report.rejected.length} row(s) rejected; nothing was imported.`,
    undefined,
    { rejected: report.rejected.slice(0, 1000) },
  );
}

export function mergeReports(...reports: ImportReport[]): ImportReport {
  const counts: Record<string, number> = {};
  for (const r of reports) for (const [k, v] of Object.entries(r.counts)) counts[k] = (counts[k] ?? 0) + v;
  return { counts, rejected: reports.flatMap((r) => r.rejected) };
}
