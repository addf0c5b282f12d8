// A table as CSV (UTF-8 with BOM, RFC 4180 quoting, CRLF, formula guard: report/write-csv.ts),
// headed by the column keys, so the file equals the CLI's townships.csv / rules.csv.

import { toCsv } from '../report/write-csv.ts';
import { tableCells, type ExportTable } from './export-table.ts';

export function writeTableCsv(table: ExportTable): string {
  return toCsv(
    table.columns.map((c) => c.key),
    tableCells(table),
  );
}
