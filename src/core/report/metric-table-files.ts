// The metric table as files: townships.csv, counties.csv (the counties, then the 全市合计 row) and
// townships.geojson. Column ids are the table's own (capacity_per_1000_age0_3 names its
// denominator); figures are the table's rounded numbers, so the files equal what the app shows.
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { MetricRows, MetricTable } from '../analysis/compute-metric-table.ts';
import { toCsv, type CsvCell } from './write-csv.ts';
import { UNREACHABLE_TEXT } from '../network/travel-time-table.ts';

/** Header of a table file: code, name, county, every figure column, failed_rules. */
function metricTableHeader(table: MetricTable): string[] {
  return ['level', 'code', 'name', 'county', ...table.columns.map((column) => column.id), 'failed_rules'];
}

function rowCells(table: MetricTable, rows: MetricRows, r: number): CsvCell[] {
  const figures = table.columns.map((column) => {
    const value = rows.values[column.id][r];
    if (value === Infinity) return UNREACHABLE_TEXT; // a travel time no one can make
    return Number.isNaN(value) ? null : value;
  });
  return [rows.level, rows.codes[r], rows.names[r], rows.counties[r], ...figures, rows.failedRules[r].join(';')];
}

/** One CSV document over row groups, e.g. [table.counties, table.region]. */
export function metricTableCsv(table: MetricTable, groups: MetricRows[]): string {
  const cells = groups.flatMap((rows) => rows.codes.map((_, r) => rowCells(table, rows, r)));
  return toCsv(metricTableHeader(table), cells);
}

/** The township rows as a FeatureCollection with the row's figures as properties. */
export function townshipsGeoJson(prepared: PreparedDataset, table: MetricTable) {
  const header = metricTableHeader(table);
  return {
    type: 'FeatureCollection' as const,
    features: prepared.dataset.townships.map((township, t) => {
      const cells = rowCells(table, table.townships, t);
      return { type: 'Feature' as const, geometry: township.geometry, properties: Object.fromEntries(header.map((key, i) => [key, cells[i] ?? null])) };
    }),
  };
}
