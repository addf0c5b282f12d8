// Writes the CLI's outputs into one folder as one set (write-output-set.ts): townships.csv and
// counties.csv (UTF-8 with BOM, from the metric table), townships.geojson, gaps.geojson, rules.csv
// (one row per rule), summary.json and summary.md. gaps.geojson is streamed feature by feature.

import type { PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import type { GapFeature } from '../../src/core/gaps/township-gap-features.ts';
import type { MetricTable } from '../../src/core/analysis/compute-metric-table.ts';
import type { AnalysisSummary } from '../../src/core/report/build-summary.ts';
import { RULE_COLUMNS, ruleResultRows } from '../../src/core/report/rule-results-table.ts';
import { summaryToMarkdown } from '../../src/core/report/summary-markdown.ts';
import { metricTableCsv, townshipsGeoJson } from '../../src/core/report/metric-table-files.ts';
import { toCsv } from '../../src/core/report/write-csv.ts';
import { OutputSet } from './write-output-set.ts';
import { writeGapsStream } from './write-gaps-stream.ts';

export interface AnalysisOutputs {
  prepared: PreparedDataset;
  table: MetricTable | null;
  /** Gap features (or their JSON text), written to gaps.geojson as they are produced; null: none (an empty collection); 'skip': no gaps.geojson (--no-gaps). */
  gaps: Iterable<GapFeature> | AsyncIterable<GapFeature | string> | null | 'skip';
  summary: AnalysisSummary;
  /** With --mode: travel-times.csv and isochrones.geojson, already serialised. */
  travel?: { csv: string; isochrones: string } | null;
}

export const OUTPUT_FILES = ['townships.csv', 'counties.csv', 'townships.geojson', 'gaps.geojson', 'rules.csv', 'summary.json', 'summary.md'] as const;
/** Written as well with --mode (travel time). */
export const TRAVEL_OUTPUT_FILES = ['travel-times.csv', 'isochrones.geojson'] as const;

/** Writes every output under a temporary name, then renames them all into place; returns their paths. */
export async function writeAnalysisOutputs(directory: string, outputs: AnalysisOutputs): Promise<string[]> {
  const { table, prepared } = outputs;
  const files: Record<Exclude<(typeof OUTPUT_FILES)[number], 'gaps.geojson'>, () => string> = {
    'townships.csv': () => (table ? metricTableCsv(table, [table.townships]) : toCsv(['code', 'name'], prepared.dataset.townships.map((t) => [t.code, t.name]))),
    'counties.csv': () => (table ? metricTableCsv(table, [table.counties, table.region]) : toCsv(['code', 'name'], prepared.dataset.counties.map((c) => [c.code, c.name]))),
    'townships.geojson': () =>
      JSON.stringify(
        table
          ? townshipsGeoJson(prepared, table)
          : { type: 'FeatureCollection', features: prepared.dataset.townships.map((t) => ({ type: 'Feature', geometry: t.geometry, properties: { code: t.code, name: t.name } })) },
      ),
    'rules.csv': () => toCsv([...RULE_COLUMNS], ruleResultRows(outputs.summary.rules)),
    'summary.json': () => JSON.stringify(outputs.summary, null, 2),
    'summary.md': () => summaryToMarkdown(outputs.summary),
  };
  const set = new OutputSet(directory);
  try {
    for (const name of OUTPUT_FILES) {
      if (name !== 'gaps.geojson') await set.write(name, files[name]());
      else if (outputs.gaps !== 'skip') await writeGapsStream(set.stream(name), outputs.gaps ?? []);
    }
    if (outputs.travel) {
      await set.write('travel-times.csv', outputs.travel.csv);
      await set.write('isochrones.geojson', outputs.travel.isochrones);
    }
  } catch (error) {
    await set.abort();
    throw error;
  }
  return set.commit();
}
