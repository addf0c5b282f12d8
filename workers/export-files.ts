// Export files made in the worker, where the prepared dataset is: the metric table is computed by
// the core (src/core/analysis, the very table the CLI writes), then written as CSV, xlsx, GeoJSON,
// zipped Shapefiles or the PDF report (pdfmake's browser build, fonts fetched from /fonts/). With a
// travel-time reach the travel-time table and the isochrone are added (as `analyze --mode --minutes`
// writes them); proposed sites from the siting panel are added as a table, points and a PDF section.

import type { PreparedDataset } from '../src/core/prepare/prepare-dataset.ts';
import { buildMetricTable } from '../src/core/analysis/compute-metric-table.ts';
import { computeServiceFigures, serviceRequest } from '../src/core/analysis/compute-service-figures.ts';
import { serviceDefinition } from '../src/core/analysis/service-catalog.ts';
import { computeGaps } from '../src/core/coverage/compute-gaps.ts';
import { featureTable, ruleTable, TABLE_TITLES, travelTimeTable } from '../src/core/export/build-export-tables.ts';
import type { Reach } from '../src/core/coverage/coverage-types.ts';
import { analyseTravelTime } from '../src/core/network/analyse-travel-time.ts';
import { geoJsonCollection } from '../src/core/export/write-geojson-exports.ts';
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
import { ok, throwIfAborted } from '../src/core/types.ts';
import { analyseServiceGapLayers, buildGapMapBase, type MapBounds, type MapLabel } from '../src/core/export/map-layout/build-gap-map-layers.ts';
import { GAP_MAP_SOURCES, gapMapSources, type GapMapSource } from '../src/core/export/map-layout/gap-map-style.ts';

export type ExportFileName =
  | 'townships.csv'
  | 'counties.csv'
  | 'rules.csv'
  | 'tables.xlsx'
  | 'townships.geojson'
  | 'gaps.geojson'
  | 'townships-shp.zip'
  | 'gaps-shp.zip'
  | 'report.pdf'
  | 'sites.csv'
  | 'sites.geojson'
  | 'sites-shp.zip'
  | 'travel-times.csv'
  | 'isochrones.geojson'
  | 'isochrones-shp.zip';

export interface ExportRequest {
  service: string;
  /** The straight-line reach of the metric tables (townships.csv…), as `analyze --radius`. */
  metres: number;
  /** The reach on the map; a travel time adds travel-times.csv and the isochrone. Default: `metres`. */
  reach?: Reach;
  /** Proposed sites (points with their properties), from the siting panel. */
  sites?: Feature[];
  results: RuleResult[];
  ruleSetName: Bilingual;
  language: Language;
  files: ExportFileName[];
  shapefile?: { encoding: DbfEncoding; crs: string };
  report?: {
    scenario: string;
    date: string;
    maps: ReportImage[];
    atlas?: 'county' | 'township' | null;
    /** One map per atlas unit, by unit code (null: none drawn). */
    atlasMaps?: Record<string, ReportImage | null>;
    fontBase: string;
  };
}

export interface ExportedFile {
  name: ExportFileName;
  bytes: Uint8Array;
  type: string;
  /** report.pdf: characters the font lacks (printed as code points) and the texts holding them. */
  missingGlyphs?: { characters: string[]; texts: string[] };
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

/** Which files depend on the travel-time analysis (it builds the mode's graph on first use). */
const TRAVEL_FILES: ExportFileName[] = ['travel-times.csv', 'isochrones.geojson', 'isochrones-shp.zip', 'tables.xlsx', 'report.pdf'];

export async function exportFiles(prepared: PreparedDataset, request: ExportRequest, run: RunOptions = {}): Promise<Result<ExportedFile[]>> {
  const { dataset } = prepared;
  const service = serviceDefinition(request.service);
  const wants = new Set(request.files);
  // The tables and gaps at the reach on the map: a travel time gives minutes and travel-time gaps, as
  // `analyze --mode --minutes` writes them.
  const mapReach: Reach = request.reach ?? { kind: 'distance', metres: request.metres };
  const coverageRequest = serviceRequest(service, mapReach);
  const table = buildMetricTable(prepared, service, request.metres, computeServiceFigures(prepared, service, mapReach, run), request.results);
  const townships = metricTableExport(table, 'townships');
  const counties = metricTableExport(table, 'counties');
  const rules = ruleTable(request.results);
  const notice = dataset.info.synthetic ? SYNTHETIC_NOTICE : null;
  const description = notice ? { notice: notice[request.language] } : {};
  const needsGaps = wants.has('gaps.geojson') || wants.has('gaps-shp.zip');
  const gaps = needsGaps ? computeGaps(prepared, coverageRequest, run).townships : null;
  const reach = request.reach?.kind === 'travel-time' ? request.reach : null;
  const travel = reach && TRAVEL_FILES.some((name) => wants.has(name)) ? analyseTravelTime(prepared, { filter: coverageRequest.filter, reach }, false, run) : null;
  const travelTimes = travel ? travelTimeTable(prepared, travel.coverage, travel.travel.nearestTime) : null;
  const isochrones = travel ? [travel.travel.isochrone as unknown as Feature] : [];
  const siteFeatures = request.sites ?? [];
  const sites = siteFeatures.length > 0 ? featureTable('sites', TABLE_TITLES.sites, siteFeatures) : null;
  const townshipGeometries = dataset.townships.map((t) => t.geometry as GeoJsonGeometry);
  const out: ExportedFile[] = [];
  const add = (name: ExportFileName, bytes: Uint8Array) => out.push({ name, bytes, type: TYPES[name.slice(name.lastIndexOf('.') + 1)] });
  const json = (value: unknown) => text.encode(JSON.stringify(value));

  const tables: [ExportFileName, ExportTable | null][] = [
    ['townships.csv', townships],
    ['counties.csv', counties],
    ['rules.csv', rules],
    ['sites.csv', sites],
    ['travel-times.csv', travelTimes],
  ];
  for (const [name, exported] of tables) if (exported && wants.has(name)) add(name, text.encode(writeTableCsv(exported)));
  if (wants.has('tables.xlsx')) add('tables.xlsx', await writeXlsx([townships, counties, rules, ...(sites ? [sites] : []), ...(travelTimes ? [travelTimes] : [])], request.language));
  if (wants.has('townships.geojson')) add('townships.geojson', json(tableToGeoJson(townships, townshipGeometries, description)));
  if (gaps && wants.has('gaps.geojson')) add('gaps.geojson', json({ ...gaps, name: 'gaps', ...(notice ? { description: notice[request.language] } : {}) }));
  if (sites && wants.has('sites.geojson')) add('sites.geojson', json(geoJsonCollection('sites', siteFeatures, description)));
  // The bytes `analyze --mode --minutes` writes.
  if (travel && wants.has('isochrones.geojson')) add('isochrones.geojson', json({ type: 'FeatureCollection', features: isochrones }));
  const shapefile = request.shapefile ?? { encoding: 'utf-8' as const, crs: 'EPSG:4326' };
  const zips: [ExportFileName, Parameters<typeof writeShapefileZip>[0] | null][] = [
    ['townships-shp.zip', { table: townships, geometries: townshipGeometries }],
    ['gaps-shp.zip', gaps ? { table: featureTable('gaps', { zh: '覆盖缺口', en: 'Gaps' }, gaps.features as unknown as Feature[]), geometries: gaps.features.map((f) => f.geometry as GeoJsonGeometry) } : null],
    ['sites-shp.zip', sites ? { table: sites, geometries: siteFeatures.map((f) => f.geometry) } : null],
    ['isochrones-shp.zip', travel ? { table: featureTable('isochrones', TABLE_TITLES.isochrones, isochrones), geometries: isochrones.map((f) => f.geometry) } : null],
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
    const atlasImages = atlasTable && report.atlasMaps ? atlasTable.rows.map((row) => report.atlasMaps?.[String(row.code)] ?? null) : undefined;
    const document = buildReportDocument({
      language: request.language,
      region: dataset.info.name,
      date: report.date,
      scenario: report.scenario,
      service: { label: service.name, reachMetres: request.metres, reach: request.reach },
      ruleSetName: request.ruleSetName,
      rules: request.results,
      maps: report.maps,
      townships,
      counties,
      travelTimes,
      sites,
      dataSource: dataset.info.source,
      notice,
      notes: table.notes,
      atlas: atlasTable ? { table: atlasTable, images: atlasImages } : null,
    });
    // The browser build (UMD) is loaded only when a report is asked for.
    const pdfmake = ((await import('pdfmake/build/pdfmake.js')) as { default: PdfMake }).default;
    const rendered = await renderReportPdf(pdfmake, document, { regular, bold, coverage: coverage.ranges }, request.language, (fraction) => run.onProgress?.(fraction, 'pdf'));
    add('report.pdf', rendered.pdf);
    if (rendered.missingCharacters.length > 0) out[out.length - 1].missingGlyphs = { characters: rendered.missingCharacters, texts: rendered.textsWithMissingCharacters };
  }
  return ok(out);
}

/** The report's other services: each at its straight-line reach (the one the planner last used for it, or its default). */
export interface GapMapsRequest {
  services: { type: string; metres: number }[];
}

export interface GapMapsReply {
  bounds: MapBounds;
  labels: MapLabel[];
  /** Per service, the GeoJSON text of each of its map's sources (for blob URLs: MapLibre parses them in its worker). */
  services: { type: string; metres: number; sources: Record<GapMapSource, string> }[];
}

/**
 * The data of a gap map per service (core build-gap-map-layers.ts, as the CLI's report draws them),
 * for the page to render one report map each without touching the live map. Progress runs over
 * the services; a cancel stops between and inside them.
 */
export function gapMapLayers(prepared: PreparedDataset, request: GapMapsRequest, run: RunOptions = {}): GapMapsReply {
  const base = buildGapMapBase(prepared);
  const total = Math.max(1, request.services.length);
  const services = request.services.map(({ type, metres }, i) => {
    throwIfAborted(run.signal);
    const layers = analyseServiceGapLayers(prepared, serviceDefinition(type), metres, { signal: run.signal, onProgress: (fraction) => run.onProgress?.((i + fraction) / total, 'maps') });
    const sources = gapMapSources({ townships: base.townships, counties: base.counties, ...layers });
    return { type, metres, sources: Object.fromEntries(GAP_MAP_SOURCES.map((name) => [name, JSON.stringify(sources[name])])) as Record<GapMapSource, string> };
  });
  return { bounds: base.bounds, labels: base.labels, services };
}
