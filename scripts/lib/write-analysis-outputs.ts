// Writes the CLI's outputs into one folder: townships.csv (UTF-8 with BOM), townships.geojson,
// gaps.geojson, rules.csv (one row per rule), summary.json and summary.md.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import type { AnalysisSummary } from '../../src/core/report/build-summary.ts';
import type { ServiceAnalysis } from '../../src/core/report/analyze-service.ts';
import { RULE_COLUMNS, ruleResultRows } from '../../src/core/report/rule-results-table.ts';
import { summaryToMarkdown } from '../../src/core/report/summary-markdown.ts';
import { TOWNSHIP_COLUMNS, townshipRowsToGeoJson, type TownshipRow } from '../../src/core/report/township-table.ts';
import { toCsv } from '../../src/core/report/write-csv.ts';

export interface AnalysisOutputs {
  prepared: PreparedDataset;
  analysis: ServiceAnalysis | null;
  rows: TownshipRow[];
  summary: AnalysisSummary;
}

export const OUTPUT_FILES = ['townships.csv', 'townships.geojson', 'gaps.geojson', 'rules.csv', 'summary.json', 'summary.md'] as const;

export async function writeAnalysisOutputs(directory: string, outputs: AnalysisOutputs): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const csv = toCsv([...TOWNSHIP_COLUMNS], outputs.rows.map((row) => TOWNSHIP_COLUMNS.map((column) => row[column])));
  const gaps = outputs.analysis ? outputs.analysis.gaps.townships : { type: 'FeatureCollection', features: [] };
  const files: Record<(typeof OUTPUT_FILES)[number], string> = {
    'townships.csv': csv,
    'townships.geojson': JSON.stringify(townshipRowsToGeoJson(outputs.prepared, outputs.rows)),
    'gaps.geojson': JSON.stringify(gaps),
    'rules.csv': toCsv([...RULE_COLUMNS], ruleResultRows(outputs.summary.rules)),
    'summary.json': JSON.stringify(outputs.summary, null, 2),
    'summary.md': summaryToMarkdown(outputs.summary),
  };
  const written: string[] = [];
  for (const name of OUTPUT_FILES) {
    const path = join(directory, name);
    await writeFile(path, files[name], 'utf8');
    written.push(path);
  }
  return written;
}
