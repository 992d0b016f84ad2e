/**
 * The CSV side of every importer (the city's open-data exports, ledgers, templates): rows keyed by
 * lower-case header, each with the line it starts on, and every unreadable row rejected with its
 * reason (import-report.ts), never dropped.
 */
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import type { RejectedRow } from './import-report';

export interface CsvRow {
  /** 1-based line where the record starts (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

/**
 * Reads a CSV export into rows keyed by header name. A row with the wrong number of fields is
 * rejected with its line, not dropped; a file that cannot be read at all (an unclosed quote) is one
 * rejection at the line where parsing stopped. Extra columns are ignored; missing required ones
 * reject the header.
 */
export function readCsv(text: string, file: string, required: readonly string[]): { rows: CsvRow[]; rejected: RejectedRow[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: false }) as unknown as typeof records;
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    return { rows: [], rejected: [{ file, line: e.lines ?? 1, reason: `unreadable CSV: ${e.message ?? 'parse error'}` }] };
  }
  const [head, ...body] = records;
  if (!head) return { rows: [], rejected: [{ file, line: 1, reason: 'empty file: no header row' }] };
  const header = head.record.map((h) => h.trim().toLowerCase());
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) return { rows: [], rejected: [{ file, line: 1, reason: `missing column(s): ${missing.join(', ')}` }] };
  const rows: CsvRow[] = [];
  const rejected: RejectedRow[] = [];
  for (const { record, info } of body) {
    // info.lines is where the record ends; a quoted field may span lines.
    const line = info.lines - record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
    if (record.some((field) => field.includes('\u0000'))) {
      rejected.push({ file, line, reason: 'contains a NUL character' });
      continue;
    }
    if (record.length !== header.length) {
      rejected.push({ file, line, reason: `expected ${header.length} fields, found ${record.length}` });
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((name, i) => {
      values[name] = record[i]!.trim();
    });
    rows.push({ line, values });
  }
  return { rows, rejected };
}

/** A zod failure as one readable reason: `column: message; column: message`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}
