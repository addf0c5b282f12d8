// The metric table (src/core/analysis: one table for the app, the CLI and every export) as export
// tables: the same columns as the CLI's townships.csv / counties.csv (level, code, name, county,
// every figure column, failed_rules) with their labels and decimals, so a CSV written here is
// byte-identical to the CLI's and the xlsx/Shapefile/PDF carry the very same figures.

import type { MetricRows, MetricTable } from '../analysis/compute-metric-table.ts';
import type { Bilingual } from '../rules/rule-types.ts';
import type { ExportColumn, ExportTable, ExportValue } from './export-table.ts';
import { withCodedValues } from './label-coded-values.ts';

const text = (key: string, zh: string, en: string): ExportColumn => ({ key, label: { zh, en }, type: 'text' });

const TITLES: Record<'townships' | 'counties', Bilingual> = {
  townships: { zh: '乡镇（街道）指标', en: 'Townships' },
  counties: { zh: '县（市、区）指标', en: 'Counties' },
};

export function metricTableColumns(table: MetricTable, level: 'townships' | 'counties'): ExportColumn[] {
  return [
    withCodedValues(text('level', '层级', 'Level')),
    text('code', '代码', 'Code'),
    level === 'townships' ? text('name', '乡镇（街道）', 'Township') : text('name', '县（市、区）', 'County'),
    text('county', '所属县（市、区）', 'County'),
    ...table.columns.map((column): ExportColumn => ({ key: column.id, label: column.label, type: 'number', decimals: column.decimals })),
    text('failed_rules', '未达标指标', 'Failed targets'),
  ];
}

function rowsOf(table: MetricTable, groups: MetricRows[]): Record<string, ExportValue>[] {
  return groups.flatMap((rows) =>
    rows.codes.map((code, r) => {
      const row: Record<string, ExportValue> = { level: rows.level, code, name: rows.names[r], county: rows.counties[r] };
      for (const column of table.columns) {
        const value = rows.values[column.id][r];
        row[column.id] = Number.isFinite(value) ? value : null; // Infinity: a travel time no one can make
      }
      row.failed_rules = rows.failedRules[r].join(';');
      return row;
    }),
  );
}

/** Townships, or counties followed by the whole-region row (as the CLI's counties.csv). */
export function metricTableExport(table: MetricTable, level: 'townships' | 'counties'): ExportTable {
  const groups = level === 'townships' ? [table.townships] : [table.counties, table.region];
  return { name: level, title: TITLES[level], columns: metricTableColumns(table, level), rows: rowsOf(table, groups) };
}
