// Export files made in the worker, where the prepared dataset is: the metric table is computed by
// the core (src/core/analysis, the very table the CLI writes), then written as CSV, xlsx, GeoJSON,
// zipped Shapefiles or the PDF report (pdfmake's browser build, fonts fetched from /fonts/).

import type { PreparedDataset } from '../src/core/prepare/prepare-dataset.ts';
import { computeMetricTable } from '../src/core/analysis/compute-metric-table.ts';
import { serviceDefinition } from '../src/core/analysis/service-catalog.ts';
import { computeGaps } from '../src/core/coverage/compute-gaps.ts';
import { serviceCoverageRequest } from '../src/core/analysis/service-catalog.ts';
import { featureTable, ruleTable } from '../src/core/export/build-export-tables.ts';
import type { ExportTable, Language } from '../src/core/export/export-table.ts';
import { metricTableExport } from '../src/core/export/metric-table-export.ts';
import { buildReportDocument, type ReportImage } from '../src/core/export/pdf/build-report-document.ts';
import { renderReportPdf, type PdfMake } from '../src/core/export/pdf/render-report-pdf.ts';
import { writeShapefileZip } from '../src/core/export/shapefile/write-shapefile-zip.ts';
import type { DbfEncoding } from '../src/core/export/shapefile/write-dbf.ts';
import { tableToGeoJson } from '../src/core/export/write-geojson-exports.ts';
import { writeTableCsv } from '../src/core/export/write-table-csv.ts';
import { writeXlsx } from '../src/core/export/write-xlsx.ts';
import type { Feature, GeoJsonGeometry } from '../src/core/geojson-types.ts';
import { SYNTHETIC_NOTICE } from '../src/core/report/build-summary.ts';
import type { Bilingual, RuleResult } from '../src/core/rules/rule-types.ts';
import type { Result, RunOptions } from '../src/core/types.ts';
import { ok } from '../src/core/types.ts';

export type ExportFileName =
  | 'townships.csv'
  | 'counties.csv'
  | 'rules.csv'
  | 'tables.xlsx'
  | 'townships.geojson'
  | 'gaps.geojson'
  | 'townships-shp.zip'
  | 'gaps-shp.zip'
  | 'report.pdf';

export interface ExportRequest {
  service: string;
  metres: number;
  results: RuleResult[];
  ruleSetName: Bilingual;
  language: Language;
  files: ExportFileName[];
  shapefile?: { encoding: DbfEncoding; crs: string };
  report?: { scenario: string; date: string; maps: ReportImage[]; atlas?: 'county' | 'township' | null; fontBase: string };
}

export interface ExportedFile {
  name: ExportFileName;
  bytes: Uint8Array;
  type: string;
}

const TYPES: Record<string, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
  zip: 'application/zip',
  pdf: 'application/pdf',
};

const text = new TextEncoder();

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function exportFiles(prepared: PreparedDataset, request: ExportRequest, run: RunOptions = {}): Promise<Result<ExportedFile[]>> {
  const { dataset } = prepared;
  const service = serviceDefinition(request.service);
  const table = computeMetricTable(prepared, service, request.metres, request.results, run);
  const townships = metricTableExport(table, 'townships');
  const counties = metricTableExport(table, 'counties');
  const rules = ruleTable(request.results);
  const notice = dataset.info.synthetic ? SYNTHETIC_NOTICE : null;
  const wants = new Set(request.files);
  const needsGaps = wants.has('gaps.geojson') || wants.has('gaps-shp.zip');
  const gaps = needsGaps ? computeGaps(prepared, serviceCoverageRequest(service, request.metres), run).townships : null;
  const townshipGeometries = dataset.townships.map((t) => t.geometry as GeoJsonGeometry);
  const out: ExportedFile[] = [];
  const add = (name: ExportFileName, bytes: Uint8Array) => out.push({ name, bytes, type: TYPES[name.slice(name.lastIndexOf('.') + 1)] });
  const tables: Record<string, ExportTable> = { 'townships.csv': townships, 'counties.csv': counties, 'rules.csv': rules };
  for (const name of ['townships.csv', 'counties.csv', 'rules.csv'] as const) if (wants.has(name)) add(name, text.encode(writeTableCsv(tables[name])));
  if (wants.has('tables.xlsx')) add('tables.xlsx', await writeXlsx([townships, counties, rules], request.language));
  if (wants.has('townships.geojson')) add('townships.geojson', text.encode(JSON.stringify(tableToGeoJson(townships, townshipGeometries, { notice: notice?.[request.language] }))));
  if (gaps && wants.has('gaps.geojson')) add('gaps.geojson', text.encode(JSON.stringify({ ...gaps, name: 'gaps', ...(notice ? { description: notice[request.language] } : {}) })));
  const shapefile = request.shapefile ?? { encoding: 'utf-8' as const, crs: 'EPSG:4326' };
  const zips: [ExportFileName, Parameters<typeof writeShapefileZip>[0] | null][] = [
    ['townships-shp.zip', { table: townships, geometries: townshipGeometries }],
    ['gaps-shp.zip', gaps ? { table: featureTable('gaps', { zh: '覆盖缺口', en: 'Gaps' }, gaps.features as unknown as Feature[]), geometries: gaps.features.map((f) => f.geometry as GeoJsonGeometry) } : null],
  ];
  for (const [name, layer] of zips) {
    if (!wants.has(name) || !layer) continue;
    const zip = writeShapefileZip(layer, shapefile);
    if (!zip.ok) return zip;
    add(name, zip.value.zip);
  }
  if (wants.has('report.pdf') && request.report) {
    const report = request.report;
    const [regular, bold, coverage] = await Promise.all([
      fetchBytes(`${report.fontBase}NotoSansSC-Regular.ttf`),
      fetchBytes(`${report.fontBase}NotoSansSC-Bold.ttf`),
      fetch(`${report.fontBase}NotoSansSC-coverage.json`).then((r) => r.json() as Promise<{ ranges: [number, number][] }>),
    ]);
    const atlasTable = report.atlas === 'county' ? { ...counties, rows: counties.rows.filter((row) => row.level === 'county') } : report.atlas === 'township' ? townships : null;
    const document = buildReportDocument({
      language: request.language,
      region: dataset.info.name,
      date: report.date,
      scenario: report.scenario,
      service: { label: service.name, reachMetres: request.metres },
      ruleSetName: request.ruleSetName,
      rules: request.results,
      maps: report.maps,
      townships,
      counties,
      sites: null,
      dataSource: dataset.info.source,
      notice,
      notes: table.notes,
      atlas: atlasTable ? { table: atlasTable } : null,
    });
    // The browser build (UMD) is loaded only when a report is asked for.
    const pdfmake = ((await import('pdfmake/build/pdfmake.js')) as { default: PdfMake }).default;
    const rendered = await renderReportPdf(pdfmake, document, { regular, bold, coverage: coverage.ranges }, request.language, (fraction) => run.onProgress?.(fraction, 'pdf'));
    add('report.pdf', rendered.pdf);
  }
  return ok(out);
}
