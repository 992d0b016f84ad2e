// The CSV reader moved to the platform (every importer uses it); re-exported for the directory's rows.
export { readCsv, describeIssues, type CsvRow } from '../../platform/csv';
