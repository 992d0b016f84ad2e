/**
 * The YAML side of the city-data importers: a file read and parsed, or one rejection naming the
 * file and the parser's first line of complaint (import-report.ts), never an exception.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { RejectedRow } from './import-report';

/** The parsed document, `undefined` when the file is absent, or `null` after recording why it cannot be read. */
export function readYamlFile(path: string, file: string, rejected: RejectedRow[]): unknown {
  if (!existsSync(path)) return undefined;
  try {
    return parse(readFileSync(path, 'utf8')) ?? undefined;
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    rejected.push({ file, line: 0, reason: `not valid YAML${line ? ` (line ${line})` : ''}: ${(error as Error).message.split('\n')[0]}` });
    return null;
  }
}

/** A YAML file holding a list of entries; absent or empty is an empty list. */
export function readYamlList(path: string, file: string, rejected: RejectedRow[]): unknown[] {
  const data = readYamlFile(path, file, rejected);
  if (data === undefined || data === null) return [];
  if (!Array.isArray(data)) {
    rejected.push({ file, line: 0, reason: 'expected a list of entries' });
    return [];
  }
  return data;
}
