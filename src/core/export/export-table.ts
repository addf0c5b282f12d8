// A table as every export writes it: typed columns with bilingual labels and one record per row.
// CSV, xlsx, the Shapefile's DBF and the PDF all take this one shape, so a column is described
// once (its type decides xlsx cell types and DBF field types; its label the header a person reads).

import type { Bilingual } from '../rules/rule-types.ts';

export type ExportValue = string | number | null;

export interface ExportColumn {
  /** Machine name: the CSV header and the GeoJSON property. */
  key: string;
  label: Bilingual;
  type: 'text' | 'number';
  /** Decimal places the value carries (numbers); 0 for counts. */
  decimals?: number;
  /** Words for the codes the column holds (label-coded-values.ts): xlsx and the PDF print them. */
  values?: Readonly<Record<string, Bilingual>>;
}

export interface ExportTable {
  /** File and sheet base name, e.g. 'townships'. */
  name: string;
  title: Bilingual;
  columns: ExportColumn[];
  rows: Record<string, ExportValue>[];
}

export type Language = 'zh' | 'en';

/** The rows as arrays in column order (CSV, xlsx). */
export function tableCells(table: ExportTable): ExportValue[][] {
  return table.rows.map((row) => table.columns.map((column) => row[column.key] ?? null));
}
