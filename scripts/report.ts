// `npm run report -- [analyze options] --out DIR [report options]`: the analysis analyze runs, then a
// PDF report for officials (pdfmake, Chinese embedded as subset fonts), gap maps drawn by MapLibre in
// Chromium where it is available, and the tables as CSV (equal to analyze's), GeoJSON and on request
// xlsx and zipped Shapefiles. See REPORT_USAGE.

import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pdfmake from 'pdfmake';
import { defaultReachMetres, serviceDefinition } from '../src/core/analysis/service-catalog.ts';
import { listReportServices } from '../src/core/export/list-report-services.ts';
import { featureTable, ruleTable, TABLE_TITLES } from '../src/core/export/build-export-tables.ts';
import { metricTableExport } from '../src/core/export/metric-table-export.ts';
import { gapMapText } from '../src/core/export/map-layout/gap-map-style.ts';
import { paperPixels } from '../src/core/export/map-layout/plan-map-layout.ts';
import { buildReportDocument, type ReportImage } from '../src/core/export/pdf/build-report-document.ts';
import { codePointLabel } from '../src/core/export/pdf/font-coverage.ts';
import { renderReportPdf } from '../src/core/export/pdf/render-report-pdf.ts';
import { writeShapefileZip } from '../src/core/export/shapefile/write-shapefile-zip.ts';
import { tableToGeoJson } from '../src/core/export/write-geojson-exports.ts';
import { writeTableCsv } from '../src/core/export/write-table-csv.ts';
import { writeXlsx } from '../src/core/export/write-xlsx.ts';
import type { Feature, GeoJsonGeometry } from '../src/core/geojson-types.ts';
import type { Bilingual } from '../src/core/rules/rule-types.ts';
import { fail, ok, type Result } from '../src/core/types.ts';
import { buildReportFonts, REPORT_FONT_FILES, reportFontsAreCurrent } from './lib/build-report-fonts.ts';
import { gapMapRequest } from './lib/build-gap-map-requests.ts';
import { analyseServiceGapLayers, buildGapMapBase, serviceGapLayers, unitBounds, type GapMapBase } from '../src/core/export/map-layout/build-gap-map-layers.ts';
import { writeStderr } from './lib/escape-for-terminal.ts';
import { runCommand } from './lib/run-command.ts';
import { parseAnalyzeArguments, USAGE } from './lib/parse-analyze-arguments.ts';
import { parseReportArguments, REPORT_USAGE, type ReportOptions } from './lib/parse-report-arguments.ts';
import { formatError } from './lib/print-problems.ts';
import { renderMapsInChromium } from './lib/render-maps-in-chromium.ts';
import { runAnalysis, type AnalysisRun } from './lib/run-analysis.ts';
import { collectGaps, type GapResult } from '../src/core/coverage/compute-gaps.ts';
import { checkOutputFolder, OutputSet, writeFailure } from './lib/write-output-set.ts';
import type { MapPageRequest } from './lib/map-page/render-map-page.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const log = writeStderr;
const today = () => new Date().toISOString().slice(0, 10);
const SCENARIO: Bilingual = { zh: '现状', en: 'baseline' };

function loadFonts() {
  const directory = join(ROOT, 'public', 'fonts');
  if (!reportFontsAreCurrent(directory)) {
    log('[fonts] building the report font from node_modules / 正在生成报告字体\n');
    buildReportFonts(ROOT, directory);
  }
  const read = (name: string) => new Uint8Array(readFileSync(join(directory, name)));
  return { regular: read(REPORT_FONT_FILES.regular), bold: read(REPORT_FONT_FILES.bold), coverage: JSON.parse(readFileSync(join(directory, REPORT_FONT_FILES.coverage), 'utf8')).ranges };
}

/** Proposed sites from a GeoJSON file of points (what `npm run site` writes). */
async function readSites(file: string): Promise<Result<Feature[]>> {
  let json: unknown;
  try {
    json = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail({ code: 'unreadable-sites', file, message: { zh: `无法读取建议设施点文件：${detail}`, en: `cannot read the proposed-sites file: ${detail}` } });
  }
  const features = (json as { type?: unknown; features?: unknown }).features;
  if ((json as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray(features)) {
    return fail({ code: 'invalid-sites', file, message: { zh: '建议设施点文件须为 GeoJSON FeatureCollection', en: 'the proposed-sites file must be a GeoJSON FeatureCollection' } });
  }
  const bad = features.findIndex((f: Feature) => f?.geometry?.type !== 'Point' || !f.geometry.coordinates.every(Number.isFinite));
  if (bad >= 0) {
    return fail({ code: 'invalid-sites', file, featureIndex: bad, message: { zh: `第 ${bad + 1} 个建议设施点不是有效的点`, en: `proposed site ${bad + 1} is not a valid point` } });
  }
  return ok(features as Feature[]);
}

/** Region-wide gap-map requests, one per service of the rule set (listReportServices), each analysed at its catalog reach (the analysed service at the run's). */
function serviceMapRequests(run: AnalysisRun, base: GapMapBase, analysedGaps: GapResult, report: ReportOptions, radiusMetres: number, scenario: string, date: string, sites: [number, number][]): { type: string; name: Bilingual; metres: number; request: MapPageRequest }[] {
  const present = [...new Set(run.dataset.facilities.map((f) => f.type))];
  const types = report.mapServices ?? listReportServices(run.ruleSet.rules, present, run.service?.type, run.catalog);
  const page = paperPixels('A4', 'landscape', report.mapDpi);
  return types
    .filter((type) => present.includes(type))
    .map((type) => {
      const service = serviceDefinition(type, run.catalog);
      const same = run.service?.type === type && run.analysis && run.table;
      const metres = same ? radiusMetres : defaultReachMetres(type, run.catalog);
      const layers = same ? serviceGapLayers(run.prepared, run.table!, analysedGaps) : analyseServiceGapLayers(run.prepared, service, metres);
      // Proposed sites and the travel-time isochrone (--mode/--minutes) are drawn on the analysed service's map.
      const shown = run.service?.type === type ? sites : [];
      const travel = run.service?.type === type ? run.travel : null;
      const text = gapMapText({ language: report.language, service: service.name, metres, reach: travel?.reach, scenario, date, sources: run.dataset.info.source, notice: run.summary.notice, withSites: shown.length > 0 });
      return { type, name: service.name, metres, request: gapMapRequest({ base, layers, text, page, dpi: report.mapDpi, sites: shown, isochrones: travel ? [travel.isochrone] : undefined }) };
    });
}

export async function main(argv: string[]): Promise<number> {
  const split = parseReportArguments(argv);
  if (!split.ok) {
    log(formatError(split.error) + '\n' + REPORT_USAGE);
    return 2;
  }
  const { report, analyzeArguments } = split.value;
  const parsed = parseAnalyzeArguments(analyzeArguments);
  if (!parsed.ok) {
    log(formatError(parsed.error) + '\n' + REPORT_USAGE);
    return 2;
  }
  const options = parsed.value;
  if (options.help) {
    process.stdout.write(REPORT_USAGE + '\n' + USAGE);
    return 0;
  }
  const names = ['sites.csv', 'sites-shp.zip', 'travel-times.csv', 'isochrones.geojson', 'isochrones-shp.zip', 'report.pdf', 'townships.csv', 'counties.csv', 'rules.csv', 'townships.geojson', 'gaps.geojson', 'tables.xlsx', 'townships-shp.zip', 'gaps-shp.zip'];
  const folder = await checkOutputFolder(options.out, names);
  if (!folder.ok) {
    log(formatError(folder.error));
    return 1;
  }
  const siteFeatures = report.sites ? await readSites(report.sites) : ok<Feature[]>([]);
  if (!siteFeatures.ok) {
    log(formatError(siteFeatures.error));
    return 1;
  }
  const run = await runAnalysis(options);
  if (!run.ok) return run.exitCode;
  const { prepared, table, analysis, summary, results, dataset } = run.value;
  const gaps = analysis ? collectGaps(prepared, analysis.coverageRequest, analysis.coverage) : null;
  if (!table || !analysis || !gaps || !run.value.service) {
    log(formatError({ code: 'no-service', message: { zh: '没有可分析的设施，无法生成报告', en: 'no facilities to analyse: no report' } }));
    return 1;
  }
  const language = report.language;
  const scenario = report.scenario ?? SCENARIO[language];
  const date = today();

  const townships = metricTableExport(table, 'townships');
  const counties = metricTableExport(table, 'counties');
  const rules = ruleTable(results);
  const sites = siteFeatures.value.length > 0 ? featureTable('sites', TABLE_TITLES.sites, siteFeatures.value) : null;
  const sitePoints = siteFeatures.value.map((f) => (f.geometry as Extract<GeoJsonGeometry, { type: 'Point' }>).coordinates.slice(0, 2) as [number, number]);

  // Maps: one per service; an atlas map per county or township.
  const maps: ReportImage[] = [];
  const atlasImages: (ReportImage | null)[] = [];
  const atlasUnits = report.atlas === 'county' ? dataset.counties : report.atlas === 'township' ? dataset.townships : [];
  if (report.maps) {
    const base = buildGapMapBase(prepared);
    const services = serviceMapRequests(run.value, base, gaps, report, options.radiusMetres, scenario, date, sitePoints);
    const atlasText = (name: string) => gapMapText({ language, service: run.value.service!.name, metres: options.radiusMetres, scenario, date, sources: dataset.info.source, notice: summary.notice, title: name });
    const layers = atlasUnits.length > 0 ? serviceGapLayers(prepared, table, gaps) : null;
    const atlasRequests = atlasUnits.map((unit) =>
      gapMapRequest({ base, layers: layers!, text: atlasText(unit.name), page: paperPixels('A4', 'portrait', Math.min(report.mapDpi, 150)), dpi: Math.min(report.mapDpi, 150), bounds: unitBounds([unit]) }),
    );
    log(`[maps] drawing ${services.length} gap maps${atlasRequests.length ? ` and ${atlasRequests.length} atlas maps` : ''} in Chromium / 正在用 Chromium 绘制地图\n`);
    const rendered = await renderMapsInChromium([...services.map((s) => s.request), ...atlasRequests], (done, total) => log(`[maps] ${done}/${total}\n`));
    if (!rendered.ok) {
      log(`[maps] ${rendered.error.message.en} / ${rendered.error.message.zh}\n`);
    } else {
      services.forEach((service, i) => {
        const { width, height } = service.request.page;
        maps.push({ file: `map-${service.type}.png`, bytes: rendered.value[i].png, width, height, title: service.request.text.title ? { zh: service.request.text.title, en: service.request.text.title } : service.name });
      });
      atlasUnits.forEach((unit, i) => {
        const request = atlasRequests[i];
        atlasImages.push({ file: `atlas-${unit.code}.png`, bytes: rendered.value[services.length + i].png, width: request.page.width, height: request.page.height, title: { zh: unit.name, en: unit.name } });
      });
    }
  }

  const atlasTable = report.atlas === 'county' ? { ...counties, rows: counties.rows.filter((row) => row.level === 'county') } : report.atlas === 'township' ? townships : null;
  const facilityCounts = [...new Set(dataset.facilities.map((f) => f.type))].map((type) => ({ type, count: dataset.facilities.filter((f) => f.type === type).length }));
  const document = buildReportDocument({
    language,
    region: dataset.info.name,
    date,
    scenario,
    service: { label: run.value.service.name, reachMetres: options.radiusMetres, reach: run.value.travel?.reach },
    travelTimes: run.value.travel?.table ?? null,
    ruleSetName: run.value.ruleSet.name,
    rules: results,
    maps,
    townships,
    counties,
    sites,
    dataSource: dataset.info.source,
    notice: summary.notice,
    notes: table.notes,
    layers: [
      { zh: `乡镇（街道）边界 ${dataset.townships.length} 个，县（市、区）${dataset.counties.length} 个`, en: `${dataset.townships.length} township and ${dataset.counties.length} county boundaries` },
      { zh: `设施 ${dataset.facilities.length} 个（${facilityCounts.map((f) => `${serviceDefinition(f.type, run.value.catalog).name.zh} ${f.count}`).join('，')}）`, en: `${dataset.facilities.length} facilities (${facilityCounts.map((f) => `${serviceDefinition(f.type, run.value.catalog).name.en} ${f.count}`).join(', ')})` },
      { zh: `人口网格 ${dataset.population.population.length} 格`, en: `${dataset.population.population.length} population cells` },
      { zh: `目标地点 ${dataset.places.length} 个`, en: `${dataset.places.length} target places` },
    ],
    atlas: atlasTable ? { table: atlasTable, images: atlasImages.length ? atlasImages : undefined } : null,
  });
  log('[pdf] writing the report / 正在生成 PDF\n');
  pdfmake.setLocalAccessPolicy?.(() => false);
  const pdf = await renderReportPdf(pdfmake, document, loadFonts(), language);
  if (pdf.missingCharacters.length > 0) {
    const codes = pdf.missingCharacters.map(codePointLabel).join(' ');
    log(`[pdf] warning: the report font lacks ${codes}, printed as code points in the PDF and named on its cover / 警告：报告字体缺少 ${codes}，PDF 中以编码代替并在封面列出\n`);
    for (const text of pdf.textsWithMissingCharacters) log(`[pdf]   ${text}\n`);
  }

  const set = new OutputSet(options.out);
  const notice = summary.notice ? summary.notice[language] : undefined;
  try {
    await set.write('report.pdf', pdf.pdf);
    for (const map of maps) await set.write(map.file, map.bytes);
    await set.write('townships.csv', writeTableCsv(townships));
    await set.write('counties.csv', writeTableCsv(counties));
    await set.write('rules.csv', writeTableCsv(rules));
    if (sites) await set.write('sites.csv', writeTableCsv(sites));
    const travel = run.value.travel;
    const isochrones = travel ? featureTable('isochrones', TABLE_TITLES.isochrones, [travel.isochrone]) : null;
    if (travel) {
      // The same bytes analyze writes with --mode/--minutes.
      await set.write('travel-times.csv', travel.csv);
      await set.write('isochrones.geojson', travel.isochrones);
    }
    await set.write('townships.geojson', JSON.stringify(tableToGeoJson(townships, dataset.townships.map((t) => t.geometry as GeoJsonGeometry), { notice })));
    await set.write('gaps.geojson', JSON.stringify({ ...gaps.townships, name: 'gaps', ...(notice ? { description: notice } : {}) }));
    if (report.xlsx) await set.write('tables.xlsx', await writeXlsx([townships, counties, rules, ...(sites ? [sites] : []), ...(travel ? [travel.table] : [])], language));
    if (report.shapefile) {
      const gapFeatures = gaps.townships.features as unknown as Feature[];
      const layers = [
        { name: 'townships-shp.zip', layer: { table: townships, geometries: dataset.townships.map((t) => t.geometry as GeoJsonGeometry) } },
        { name: 'gaps-shp.zip', layer: { table: featureTable('gaps', { zh: '覆盖缺口', en: 'Gaps' }, gapFeatures), geometries: gapFeatures.map((f) => f.geometry) } },
        ...(sites ? [{ name: 'sites-shp.zip', layer: { table: sites, geometries: siteFeatures.value.map((f) => f.geometry) } }] : []),
        ...(travel && isochrones ? [{ name: 'isochrones-shp.zip', layer: { table: isochrones, geometries: [travel.isochrone.geometry] } }] : []),
      ];
      for (const { name, layer } of layers) {
        const zip = writeShapefileZip(layer, { encoding: report.shapefileEncoding, crs: report.shapefileCrs });
        if (!zip.ok) throw Object.assign(new Error(zip.error.message.en), { bilingual: zip.error });
        for (const warning of zip.value.warnings) log(`[shapefile] ${name} row ${warning.row + 1}, ${warning.field}: ${warning.kind}${warning.characters ? ` ${warning.characters}` : ''}\n`);
        await set.write(name, zip.value.zip);
      }
    }
    const written = await set.commit();
    for (const path of written) log(`[done] wrote ${path}\n`);
  } catch (error) {
    await set.abort();
    log(formatError(writeFailure(options.out, error)));
    return 1;
  }
  return 0;
}

runCommand(main);
