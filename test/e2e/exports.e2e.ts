// The export menu, each file downloaded and checked: the A4 and A3 map pages at 300 dpi (pixel size,
// not blank, title, legend and scale bar drawn), CSVs equal to the CLI's for the same service and reach,
// the xlsx with the CSV's numbers, the Shapefile read back by shpjs in UTF-8 and GBK (and by GDAL's
// ogrinfo where installed) with its .prj and .cpg, the GeoJSON valid, the PDF report (worker) with
// its pages, a gap map per service of the rule set, Chinese township names and rule titles (poppler,
// where installed) and a county atlas (a page and a map per county) in the same report; with a
// travel-time reach travel-times.csv and isochrones.geojson equal to the CLI's and the isochrone
// Shapefile; proposed sites from the siting panel as CSV, GeoJSON and Shapefile, gone from the map,
// the panel and the exports once another region's data is loaded; the township atlas of that region
// (a page per township, in the table's order); the session file saved from the menu and reopened in
// a fresh profile gives the same tables. Then the page opens that session with only the nursery rules
// enabled (a report then draws one map, not one per service of the whole rule set): a township atlas
// cancelled from the progress bar (no file, the live map left alone), and one report with the
// travel-time table and the proposed sites.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { unzipSync } from 'fflate';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import shp from 'shpjs';
import * as geojsonValidation from 'geojson-validation';
import { beforeAll, describe, expect, it } from 'vitest';
import { paperPixels } from '../../src/core/export/map-layout/plan-map-layout.ts';
import { serviceDefinition } from '../../src/core/analysis/service-catalog.ts';
import { formatNumber } from '../../src/core/rules/format-figures.ts';
import { analysisSeq, gotoReady, openPage, setRadius, useBrowser, waitForAnalysis, waitForReady } from './browser.ts';

const browser = useBrowser();
const work = mkdtempSync(join(tmpdir(), 'gapmap-exports-'));
const poppler = spawnSync('pdftotext', ['-v']).status === 0;
const ogrinfo = spawnSync('ogrinfo', ['--version']).status === 0;

/** Opens the export menu, clicks a button, and saves every download it starts. */
async function exportFiles(page: Page, buttonId: string, count: number, before?: () => Promise<unknown>): Promise<Record<string, Buffer>> {
  await page.click('#export-png');
  await page.waitForSelector('#export-dialog[open]');
  if (before) await before();
  const all = new Promise<import('playwright-core').Download[]>((resolve) => {
    const seen: import('playwright-core').Download[] = [];
    page.on('download', function listener(download) {
      seen.push(download);
      if (seen.length === count) {
        page.off('download', listener);
        resolve(seen);
      }
    });
  });
  await page.click(`#${buttonId}`);
  const files: Record<string, Buffer> = {};
  for (const download of await all) {
    const path = join(work, download.suggestedFilename());
    await download.saveAs(path);
    // gapmap-<service>-<reach>-<file>: the reach is 1000m or walk-15min.
    files[download.suggestedFilename().replace(/^gapmap-.*?-(\d+m|[a-z-]+-\d+min)-/, '')] = readFileSync(path);
  }
  return files;
}

const csvRows = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

/** The PDF's text (pdftotext) and page count (pdfinfo). */
function readPdf(pdf: Buffer, name: string): { text: string; pages: number } {
  const path = join(work, name);
  writeFileSync(path, pdf);
  const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
  return { text, pages };
}

/**
 * Pixels of a composed page, read back in the page: dark text (#1f2933) in the title band, the legend
 * box at the bottom left and the scale bar's dark segments at the bottom right, a drawn map (not
 * blank) in the middle.
 */
function layoutPixels(page: Page, png: Buffer) {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const count = (x0: number, y0: number, x1: number, y1: number, test: (r: number, g: number, b: number) => boolean) => {
      const data = context.getImageData(x0 * image.width, y0 * image.height, (x1 - x0) * image.width, (y1 - y0) * image.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (test(data[i], data[i + 1], data[i + 2])) n++;
      return n;
    };
    const ink = (r: number, g: number, b: number) => r === 31 && g === 41 && b === 51;
    const white = (r: number, g: number, b: number) => r === 255 && g === 255 && b === 255;
    return {
      title: count(0, 0, 0.6, 0.08, ink),
      scaleBar: count(0.7, 0.75, 1, 0.95, ink),
      legend: count(0, 0.5, 0.3, 0.95, ink),
      mapNotWhite: count(0.3, 0.3, 0.7, 0.7, (r, g, b) => !white(r, g, b)),
      mapArea: 0.4 * 0.4 * image.width * image.height,
    };
  }, png.toString('base64'));
}

/** The PDF's text page by page (pdftotext ends each page with a form feed). */
function pdfPages(name: string): string[] {
  return execFileSync('pdftotext', [join(work, name), '-'], { encoding: 'utf8' }).split('\f').map((text) => text.replace(/\s+/g, ' '));
}

const pdfImageCount = (name: string) => execFileSync('pdfimages', ['-list', join(work, name)], { encoding: 'utf8' }).split('\n').filter((line) => /^\s+\d+\s+\d+\s+image/.test(line)).length;

/** The demo's services: every one of them is counted by a rule of the default set, so the report maps each. */
const DEMO_SERVICES = [...new Set((JSON.parse(readFileSync('data/demo/facilities.geojson', 'utf8')) as { features: { properties: { type: string } }[] }).features.map((f) => f.properties.type))];

type ShapefileFeatures = { features: { geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> }[] };

/**
 * The session file saved from the app, with only the rules about nurseries left enabled: its reports
 * draw the analysed service's map and the nursery one instead of one per service of the rule set.
 */
function writeNurseryRulesSession(file: string): void {
  const session = JSON.parse(readFileSync(file, 'utf8')) as { rules: { enabled: boolean; kind: string; filter?: { types?: string[] }; require?: { filter: { types?: string[] } }[] }[] };
  const types = (rule: (typeof session.rules)[number]) => (rule.kind === 'unit-presence' ? (rule.require ?? []).map((r) => r.filter.types ?? []) : rule.filter ? [rule.filter.types ?? []] : []);
  for (const rule of session.rules) rule.enabled &&= types(rule).every((list) => list.length > 0 && list.every((type) => type === 'nursery'));
  expect(session.rules.filter((rule) => rule.enabled).length).toBeGreaterThan(0);
  writeFileSync(join(work, 'session-nursery-rules.json'), JSON.stringify(session));
}

/** Switches to elder day care, proposes 3 sites (maximal coverage) and returns sites.csv's rows, checked. */
async function solveSites(page: Page): Promise<string[][]> {
  const seq = await analysisSeq(page);
  await page.selectOption('#service-select', 'elder-daycare');
  await waitForAnalysis(page, seq);
  await page.selectOption('#siting-problem', 'max-coverage');
  await page.fill('#siting-k', '3');
  await page.click('#siting-solve');
  await page.waitForFunction(() => document.querySelectorAll('#siting-sites li').length === 3, undefined, { timeout: 120_000 });
  const csv = await exportFiles(page, 'export-csv', 4);
  const sites = csvRows(csv['sites.csv'].toString('utf8'));
  expect(sites.length).toBe(4);
  expect(sites[0]).toEqual(expect.arrayContaining(['rank', 'name', 'township', 'marginal_gain', 'lng', 'lat']));
  expect(sites.slice(1).map((row) => row[sites[0].indexOf('rank')])).toEqual(['1', '2', '3']);
  return sites;
}

/** Four townships 2 km a side far from the demo region, a nursery in two of them, and a head count per point. */
const OWN_REGION = (() => {
  const towns = [
    { name: '东岭镇', code: '990001001', west: 110.0, south: 30.0 },
    { name: '西岭乡', code: '990001002', west: 110.02, south: 30.0 },
    { name: '南岭街道', code: '990001003', west: 110.0, south: 30.02 },
    { name: '北岭镇', code: '990001004', west: 110.02, south: 30.02 },
  ];
  const square = (west: number, south: number) => [[[west, south], [west + 0.02, south], [west + 0.02, south + 0.02], [west, south + 0.02], [west, south]]];
  const point = (lon: number, lat: number, properties: Record<string, unknown>) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties });
  const fields = (...names: string[]) => names.map((name) => ({ name, numeric: name === 'pop' }));
  return {
    names: towns.map((town) => town.name),
    boundaries: {
      name: 'own-towns.geojson',
      role: 'boundaries',
      mapping: { nameField: 'name', codeField: 'code', level: 'township' },
      extent: [110.0, 30.0, 110.04, 30.04],
      layer: { fileName: 'own-towns.geojson', fields: fields('name', 'code'), features: towns.map((town) => ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: square(town.west, town.south) }, properties: { name: town.name, code: town.code } })) },
    },
    facilities: {
      name: 'own-nurseries.geojson',
      role: 'facilities',
      mapping: { type: 'nursery', nameField: 'name' },
      extent: [110.01, 30.01, 110.03, 30.03],
      layer: { fileName: 'own-nurseries.geojson', fields: fields('name'), features: [point(110.01, 30.01, { name: '东岭托育点' }), point(110.03, 30.03, { name: '北岭托育点' })] },
    },
    population: {
      name: 'own-people.geojson',
      role: 'population',
      mapping: { populationField: 'pop' },
      extent: [110.002, 30.002, 110.037, 30.037],
      layer: { fileName: 'own-people.geojson', fields: fields('pop'), features: Array.from({ length: 64 }, (_, i) => point(110.0025 + (i % 8) * 0.005, 30.0025 + Math.floor(i / 8) * 0.005, { pop: 100 + 37 * i })) },
    },
  };
})();

let page: Page;

describe('exports', () => {
  let cli: Record<string, string>;
  let cliTravel: Record<string, string>;
  beforeAll(async () => {
    // The CLI on the same data, service and reach as the app's defaults (nursery, 1,000 m, default rules),
    // and at the travel time the app's travel-time option starts with (15 minutes' walk): both run
    // while the page loads.
    const analyze = (out: string, extra: string[]) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [join('node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/analyze.ts', '--service', 'nursery', '--radius', '1000', ...extra, '--out', out]);
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`analyze exited with ${code}: ${stderr}`))));
      });
    const runs = Promise.all([analyze(join(work, 'cli'), []), analyze(join(work, 'cli-travel'), ['--mode', 'walk', '--minutes', '15'])]);
    void runs.catch(() => undefined); // awaited below, after the page is ready
    ({ page } = await openPage(browser()));
    await gotoReady(page);
    await runs;
    cli = Object.fromEntries(['townships.csv', 'counties.csv', 'rules.csv'].map((name) => [name, readFileSync(join(work, 'cli', name), 'utf8')]));
    cliTravel = Object.fromEntries(['townships.csv', 'counties.csv', 'rules.csv', 'travel-times.csv', 'isochrones.geojson'].map((name) => [name, readFileSync(join(work, 'cli-travel', name), 'utf8')]));
  }, 180_000);

  /** Exports the map page at a size and checks its pixel size and its drawn parts. */
  async function checkMapPage(size: 'a4-landscape' | 'a3-portrait', expected: { width: number; height: number }) {
    const files = await exportFiles(page, 'export-map-button', 1, () => page.selectOption('#export-map-size', size));
    const png = Object.values(files)[0];
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([expected.width, expected.height]);
    const stats = await layoutPixels(page, png);
    expect(stats.title).toBeGreaterThan(1000);
    expect(stats.scaleBar).toBeGreaterThan(1000);
    expect(stats.legend).toBeGreaterThan(500);
    expect(stats.mapNotWhite / stats.mapArea).toBeGreaterThan(0.3);
  }

  it('exports the composed A4 map page at 300 dpi with title, legend and scale bar', async () => {
    await checkMapPage('a4-landscape', paperPixels('A4', 'landscape', 300));
  });

  it('exports the composed A3 map page at 300 dpi (3508 × 4961 portrait) with title, legend and scale bar', async () => {
    expect(paperPixels('A3', 'portrait', 300)).toEqual({ width: 3508, height: 4961 });
    await checkMapPage('a3-portrait', { width: 3508, height: 4961 });
  }, 600_000);

  it("exports CSVs equal to the CLI's", async () => {
    const files = await exportFiles(page, 'export-csv', 3);
    for (const name of ['townships.csv', 'counties.csv', 'rules.csv']) expect(files[name].toString('utf8')).toBe(cli[name]);
  });

  it('exports an xlsx with the same numbers', async () => {
    const files = await exportFiles(page, 'export-xlsx', 1);
    const sheets = await readXlsxFile(files['tables.xlsx']);
    const rows = csvRows(cli['townships.csv']);
    const column = rows[0].indexOf('population_covered_pct');
    expect(sheets[0].data.slice(1).map((row) => row[column])).toEqual(rows.slice(1).map((row) => (row[column] === '' ? null : Number(row[column]))));
  });

  it('exports GeoJSON that validates and Shapefiles in UTF-8 and GBK that read back', async () => {
    const geojson = await exportFiles(page, 'export-geojson', 2);
    for (const name of ['townships.geojson', 'gaps.geojson']) expect(geojsonValidation.valid(JSON.parse(geojson[name].toString('utf8')), true)).toEqual([]);
    const rows = csvRows(cli['townships.csv']);
    for (const encoding of ['utf-8', 'gbk']) {
      const zips = await exportFiles(page, 'export-shapefile', 2, () => page.selectOption('#export-encoding', encoding));
      const parts = unzipSync(new Uint8Array(zips['townships-shp.zip']));
      const base = Object.keys(parts).find((name) => name.endsWith('.shp'))!.slice(0, -4);
      expect(new TextDecoder().decode(parts[`${base}.cpg`]).trim()).toBe(encoding === 'gbk' ? 'GBK' : 'UTF-8');
      expect(new TextDecoder().decode(parts[`${base}.prj`])).toMatch(/^GEOGCS\["(GCS_)?WGS[ _]?(19)?84"/);
      const collection = (await shp(zips['townships-shp.zip'])) as unknown as ShapefileFeatures;
      expect(collection.features.map((f) => f.properties.name)).toEqual(rows.slice(1).map((row) => row[rows[0].indexOf('name')]));
      expect(collection.features.map((f) => f.properties.pop)).toEqual(rows.slice(1).map((row) => Number(row[rows[0].indexOf('population')])));
      if (ogrinfo) {
        const path = join(work, `townships-${encoding}.zip`);
        writeFileSync(path, zips['townships-shp.zip']);
        const info = execFileSync('ogrinfo', ['-ro', '-al', '-q', `/vsizip/${path}`], { encoding: 'utf8' });
        expect(info).toContain(`name (String) = ${rows[1][rows[0].indexOf('name')]}`);
      }
    }
  });

  it('saves the session from the export menu; a fresh profile reopens it and exports the same tables', async () => {
    const before = await analysisSeq(page);
    await setRadius(page, 1500);
    await waitForAnalysis(page, before);
    const first = await exportFiles(page, 'export-csv', 3);
    await page.click('#export-png');
    await page.waitForSelector('#export-dialog[open]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-session')]);
    const file = join(work, 'session.json');
    await download.saveAs(file);
    writeNurseryRulesSession(file);
    const other = await openPage(browser());
    await gotoReady(other.page);
    await other.page.setInputFiles('#session-file-input', file);
    await Promise.all([other.page.waitForNavigation(), other.page.click('#open-session-dialog-confirm')]);
    await waitForReady(other.page);
    expect(await other.page.inputValue('#radius-input')).toBe('1500');
    const reopened = await exportFiles(other.page, 'export-csv', 3);
    for (const name of ['townships.csv', 'counties.csv', 'rules.csv']) expect(reopened[name].toString('utf8')).toBe(first[name].toString('utf8'));
    await other.context.close();
    const back = await analysisSeq(page);
    await setRadius(page, 1000);
    await waitForAnalysis(page, back);
  }, 240_000);

  it('makes the PDF report in the worker, with Chinese text, a gap map per service and a county atlas', async () => {
    const files = await exportFiles(page, 'export-report-button', 1, () => page.selectOption('#export-atlas', 'county'));
    const pdf = files['report.pdf'];
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (!poppler) return;
    const { text, pages } = readPdf(pdf, 'app-report.pdf');
    const counties = csvRows(cli['counties.csv']);
    const countyNames = counties.slice(1).filter((row) => row[0] === 'county').map((row) => row[counties[0].indexOf('name')]);
    expect(countyNames.length).toBe(9);
    // Cover, targets, a gap map per service, the township and county tables (several pages), no sites,
    // the atlas heading page and a page per county, methods.
    expect(DEMO_SERVICES.length).toBe(14);
    expect(pages).toBeGreaterThanOrEqual(6 + DEMO_SERVICES.length + 1 + countyNames.length);
    // A map image per service, and one on every county page.
    expect(pdfImageCount('app-report.pdf')).toBe(DEMO_SERVICES.length + countyNames.length);
    // Each service's map under its own title (服务名 + 覆盖缺口图), the analysed one (nursery) first.
    for (const type of DEMO_SERVICES) expect(text).toContain(`${serviceDefinition(type).name.zh}覆盖缺口图`);
    expect(text.indexOf('托育机构覆盖缺口图')).toBeLessThan(text.indexOf('幼儿园覆盖缺口图'));
    // The atlas: its heading after the service maps, then one page per county in the table's order, then the methods.
    const texts = pdfPages('app-report.pdf');
    const heading = texts.findIndex((page) => page.trim().startsWith('分区图集'));
    expect(heading).toBeGreaterThan(DEMO_SERVICES.length);
    texts.slice(heading + 1, heading + 1 + countyNames.length).forEach((page, i) => expect(page.trim().startsWith(countyNames[i]), `page ${heading + 2 + i}: ${page.slice(0, 30)}`).toBe(true));
    expect(texts[heading + 1 + countyNames.length]).toContain('方法与数据说明');
    // The kindergartens' map (the second image): the gaps' red hatching over the whole region, its
    // southern half too (a tile laid out before the pattern image was added used to draw none).
    execFileSync('pdfimages', ['-png', '-f', '1', '-l', String(heading), join(work, 'app-report.pdf'), join(work, 'map')]);
    const hatch = await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const red = (y0: number, y1: number) => {
        const data = context.getImageData(0.2 * image.width, y0 * image.height, 0.6 * image.width, (y1 - y0) * image.height).data;
        let n = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i] > 150 && data[i + 1] < 90 && data[i + 2] < 110) n++;
        return n / (data.length / 4);
      };
      return { north: red(0.15, 0.45), south: red(0.5, 0.85) };
    }, readFileSync(join(work, 'map-001.png')).toString('base64'));
    // Shares of reddish pixels measured on this map: north 0.018, south 0.007 (0.006 and 0 before).
    expect(hatch.north).toBeGreaterThan(0.009);
    expect(hatch.south).toBeGreaterThan(0.003);
    expect(text).toContain('本情景没有建议新增设施点');
    const rows = csvRows(cli['townships.csv']);
    expect(text).toContain('公共服务覆盖与缺口分析报告');
    for (const row of rows.slice(1, 6)) expect(text).toContain(row[rows[0].indexOf('name')]);
    // Every rule's title and, for a share, its value as the targets table prints it (one decimal and %).
    const rules = csvRows(cli['rules.csv']);
    const column = (name: string) => rules[0].indexOf(name);
    for (const rule of rules.slice(1)) expect(text).toContain(rule[column('title_zh')]);
    const shares = rules.slice(1).filter((rule) => rule[column('target_unit')] === 'percent' && rule[column('value')] !== '');
    expect(shares.length).toBeGreaterThan(5);
    for (const rule of shares) expect(text).toContain(`${formatNumber(Number(rule[column('value')]), 1)}%`);
  }, 600_000);

  it('exports the travel-time table and isochrone with a travel-time reach', async () => {
    const before = await analysisSeq(page);
    await page.check('#reach-time');
    await waitForAnalysis(page, before);
    expect(await page.evaluate(() => (window.__gapmap.session as () => { analysis: { reach: unknown } })().analysis.reach)).toEqual({ kind: 'travel-time', minutes: 15, mode: 'walk' });
    await page.click('#export-png');
    await page.waitForSelector('#export-extras:not([hidden])');
    expect(await page.textContent('#export-extras')).toContain('步行 15 分钟');
    await page.click('#export-dialog .button.subtle');
    // The catchments, once shown, get their legend entry on the exported map (its swatch in the first catchment hue, opaque).
    const catchmentSwatch = async () => {
      const png = Object.values(await exportFiles(page, 'export-map-button', 1, () => page.selectOption('#export-map-size', 'screen')))[0];
      return page.evaluate(async (base64) => {
        const image = new Image();
        image.src = `data:image/png;base64,${base64}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        const data = context.getImageData(0, 0.4 * image.height, 0.4 * image.width, 0.6 * image.height).data;
        let n = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i] === 0xe6 && data[i + 1] === 0x9f && data[i + 2] === 0x00) n++;
        return n;
      }, png.toString('base64'));
    };
    expect(await catchmentSwatch()).toBe(0);
    await page.check('#travel-catchments');
    await page.waitForFunction(() => (document.getElementById('travel-catchments-note')?.textContent ?? '') !== '', undefined, { timeout: 300_000 });
    expect(await catchmentSwatch()).toBeGreaterThan(40);
    await page.uncheck('#travel-catchments');
    const csv = await exportFiles(page, 'export-csv', 4);
    // The tables at the travel time as `analyze --mode walk --minutes 15` writes them, and its travel times.
    for (const name of ['townships.csv', 'counties.csv', 'rules.csv', 'travel-times.csv']) expect(csv[name].toString('utf8')).toBe(cliTravel[name]);
    // The workbook prints the codes the CSV keeps in words: the mode 步行, the levels.
    const xlsx = await readXlsxFile((await exportFiles(page, 'export-xlsx', 1))['tables.xlsx']);
    const travelSheet = xlsx.find((sheet) => sheet.sheet === '出行时间指标')!;
    const travelRows = csvRows(cliTravel['travel-times.csv']);
    expect(new Set(travelRows.slice(1).map((row) => row[travelRows[0].indexOf('mode')]))).toEqual(new Set(['walk']));
    expect(new Set(travelSheet.data.slice(1).map((row) => row[travelRows[0].indexOf('mode')]))).toEqual(new Set(['步行']));
    expect(new Set(travelSheet.data.slice(1).map((row) => row[travelRows[0].indexOf('level')]))).toEqual(new Set(['乡镇（街道）', '县（市、区）', '全市']));
    const geojson = await exportFiles(page, 'export-geojson', 3);
    // The same polygon to the last digit; its area (a float sum, in another order in the browser) to 1e-9.
    const app = JSON.parse(geojson['isochrones.geojson'].toString('utf8'));
    const expected = JSON.parse(cliTravel['isochrones.geojson']);
    expect(geojsonValidation.valid(app, true)).toEqual([]);
    expect(app.features[0].geometry).toEqual(expected.features[0].geometry);
    expect(app.features[0].properties.minutes).toBe(15);
    expect(Math.abs(app.features[0].properties.areaKm2 / expected.features[0].properties.areaKm2 - 1)).toBeLessThan(1e-9);
    const zips = await exportFiles(page, 'export-shapefile', 3, () => page.selectOption('#export-encoding', 'utf-8'));
    const isochrones = (await shp(zips['isochrones-shp.zip'])) as unknown as ShapefileFeatures;
    expect(isochrones.features.map((f) => f.properties.minutes)).toEqual([15]);
    const back = await analysisSeq(page);
    await page.check('#reach-distance');
    await waitForAnalysis(page, back);
  }, 240_000);

  it('exports the proposed sites of the siting panel', async () => {
    const sites = await solveSites(page);
    const geojson = await exportFiles(page, 'export-geojson', 3);
    const points = JSON.parse(geojson['sites.geojson'].toString('utf8'));
    expect(geojsonValidation.valid(points, true)).toEqual([]);
    expect(points.features.map((f: { geometry: { coordinates: number[] } }) => f.geometry.coordinates.map((c) => c.toFixed(6)))).toEqual(sites.slice(1).map((row) => [row[sites[0].indexOf('lng')], row[sites[0].indexOf('lat')]].map((c) => Number(c).toFixed(6))));
    const zips = await exportFiles(page, 'export-shapefile', 3, () => page.selectOption('#export-encoding', 'gbk'));
    const shapefile = (await shp(zips['sites-shp.zip'])) as unknown as ShapefileFeatures;
    expect(shapefile.features.map((f) => f.properties.township)).toEqual(sites.slice(1).map((row) => row[sites[0].indexOf('township')]));
    expect(await page.evaluate(() => (window.__gapmap.sitingSitesOnMap as () => Promise<number>)())).toBe(3);
  }, 300_000);

  it("drops the proposal when another region's data is loaded: no sites on the map, in the panel or in the exports", async () => {
    // Boundaries wholly outside the demo region: the app offers a project of their own.
    const seq = await analysisSeq(page);
    const rulesSeq = await page.evaluate(() => window.__gapmap.rulesSeq);
    await page.evaluate((layer) => void (window.__gapmap.acceptImport as (accepted: unknown) => Promise<boolean>)(layer), OWN_REGION.boundaries);
    await page.click('#another-region-dialog-confirm');
    await waitForAnalysis(page, seq);
    await page.waitForFunction((n) => window.__gapmap.rulesSeq > n, rulesSeq, { timeout: 60_000 });
    expect(await page.evaluate(() => (window.__gapmap.sitingSitesOnMap as () => Promise<number>)())).toBe(0);
    expect(await page.locator('#siting-sites li').count()).toBe(0);
    expect(await page.evaluate(() => (window.__gapmap.sitingProposal as () => string[])())).toEqual([]);
    await page.click('#export-png');
    await page.waitForSelector('#export-dialog[open]');
    expect(await page.locator('#export-extras').isHidden()).toBe(true);
    await page.click('#export-dialog .button.subtle');
    const csv = await exportFiles(page, 'export-csv', 3);
    expect(Object.keys(csv).sort()).toEqual(['counties.csv', 'rules.csv', 'townships.csv']);
    const townships = csvRows(csv['townships.csv'].toString('utf8'));
    expect(townships.slice(1).map((row) => row[townships[0].indexOf('name')]).sort()).toEqual(OWN_REGION.names.slice().sort());
  }, 300_000);

  it("makes that region's township atlas: a page per township, in the table's order, titled with its name", async () => {
    for (const layer of [OWN_REGION.facilities, OWN_REGION.population]) {
      const seq = await analysisSeq(page);
      expect(await page.evaluate((accepted) => (window.__gapmap.acceptImport as (accepted: unknown) => Promise<boolean>)(accepted), layer)).toBe(true);
      await waitForAnalysis(page, seq);
    }
    await page.waitForFunction(() => window.__gapmap.analysis?.service === 'nursery' && (window.__gapmap.analysis?.facilityCount ?? 0) > 0);
    const csv = await exportFiles(page, 'export-csv', 3);
    const townships = csvRows(csv['townships.csv'].toString('utf8'));
    const names = townships.slice(1).map((row) => row[townships[0].indexOf('name')]);
    expect(names.length).toBe(OWN_REGION.names.length);
    const files = await exportFiles(page, 'export-report-button', 1, () => page.selectOption('#export-atlas', 'township'));
    if (!poppler) return;
    readPdf(files['report.pdf'], 'app-townships.pdf');
    // The atlas heading page, then one page per township in the table's order, each with its name
    // (the methods pages follow the atlas); only the analysed service has facilities here: one service map.
    const texts = pdfPages('app-townships.pdf');
    const heading = texts.findIndex((text) => text.trim().startsWith('分区图集'));
    expect(heading).toBeGreaterThan(0);
    const atlas = texts.slice(heading + 1, heading + 1 + names.length);
    atlas.forEach((text, i) => expect(text.trim().startsWith(names[i]), `page ${heading + 2 + i}: ${text.slice(0, 30)}`).toBe(true));
    expect(texts[heading + 1 + names.length]).toContain('方法与数据说明');
    expect(pdfImageCount('app-townships.pdf')).toBe(1 + names.length);
  }, 300_000);
});

describe('exports with only the nursery rules enabled', () => {
  // The same page opens the session saved above with only the nursery rules enabled (the page reloads with it).
  beforeAll(async () => {
    await page.setInputFiles('#session-file-input', join(work, 'session-nursery-rules.json'));
    await Promise.all([page.waitForNavigation(), page.click('#open-session-dialog-confirm')]);
    await waitForReady(page);
  }, 180_000);

  it('cancels a township atlas from the progress bar: no file, the live map left as it was', async () => {
    await page.click('#export-png');
    await page.waitForSelector('#export-dialog[open]');
    await page.selectOption('#export-atlas', 'township');
    const downloads: string[] = [];
    const listener = (download: import('playwright-core').Download) => downloads.push(download.suggestedFilename());
    page.on('download', listener);
    await page.click('#export-report-button');
    // Wait until the atlas maps are being drawn (after the gap map per service), then cancel.
    await page.waitForFunction(() => /图集/.test(document.getElementById('progress-label')?.textContent ?? '') && !document.getElementById('progress')!.hidden, undefined, { timeout: 600_000 });
    await page.click('#progress-cancel');
    await page.waitForSelector('#progress', { state: 'hidden' });
    expect(await page.textContent('#status-banner')).toContain('已取消');
    // From here on, no atlas page is drawn: printLiveMap would take the map container out of the flow again.
    await page.evaluate(() => {
      const container = document.getElementById('map')!;
      (window as unknown as { atlasDraws: number }).atlasDraws = 0;
      new MutationObserver(() => {
        if (container.style.position === 'fixed') (window as unknown as { atlasDraws: number }).atlasDraws++;
      }).observe(container, { attributes: true, attributeFilter: ['style'] });
    });
    await page.waitForFunction(() => document.getElementById('map')!.getAttribute('style') === null || document.getElementById('map')!.style.position !== 'fixed');
    // Another export runs to its end; the cancelled report never comes.
    const csv = await exportFiles(page, 'export-csv', 3);
    expect(Object.keys(csv).sort()).toEqual(['counties.csv', 'rules.csv', 'townships.csv']);
    page.off('download', listener);
    expect(downloads.filter((name) => name.endsWith('.pdf'))).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { atlasDraws: number }).atlasDraws)).toBe(0);
  }, 600_000);

  it('makes a report with the proposed sites and, on a travel time, the travel-time table', async () => {
    const sites = await solveSites(page);
    const seq = await analysisSeq(page);
    await page.check('#reach-time');
    await waitForAnalysis(page, seq);
    if (!poppler) return;
    const pdf = await exportFiles(page, 'export-report-button', 1);
    const { text } = readPdf(pdf['report.pdf'], 'app-sites-travel.pdf');
    for (const expected of ['出行时间 步行 15 分钟', '出行时间指标']) expect(text).toContain(expected);
    expect(text).toContain('四、建议新增设施点');
    expect(text).not.toContain('本情景没有建议新增设施点');
    for (const row of sites.slice(1)) expect(text).toContain(row[sites[0].indexOf('township')]);
    // The analysed service's map and the nursery rules' one: not a map per service of the whole rule set.
    expect(pdfImageCount('app-sites-travel.pdf')).toBe(2);
  }, 300_000);
});
