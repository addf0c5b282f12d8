// The export menu, each file downloaded and checked: the A4 map page at 300 dpi (pixel size, not
// blank, title, legend and scale bar drawn), CSVs equal to the CLI's for the same service and reach,
// the xlsx with the CSV's numbers, the Shapefile in GBK read back by shpjs, the GeoJSON valid, and
// the PDF report (worker) with Chinese township names and rule titles (pdftotext, where installed).
import { execFileSync, spawnSync } from 'node:child_process';
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
import { gotoReady, openPage, useBrowser } from './browser.ts';

const browser = useBrowser();
const work = mkdtempSync(join(tmpdir(), 'gapmap-exports-'));
const poppler = spawnSync('pdftotext', ['-v']).status === 0;

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
    files[download.suggestedFilename().replace(/^gapmap-.*?-\d+m-/, '')] = readFileSync(path);
  }
  return files;
}

const csvRows = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

describe('exports', () => {
  let page: Page;
  let cli: Record<string, string>;
  beforeAll(async () => {
    ({ page } = await openPage(browser()));
    await gotoReady(page);
    // The CLI on the same data, service and reach as the app's defaults (nursery, 1,000 m, default rules).
    const out = join(work, 'cli');
    const run = spawnSync(process.execPath, [join('node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/analyze.ts', '--service', 'nursery', '--radius', '1000', '--out', out], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    cli = Object.fromEntries(['townships.csv', 'counties.csv', 'rules.csv'].map((name) => [name, readFileSync(join(out, name), 'utf8')]));
  }, 180_000);

  it('exports the composed A4 map page at 300 dpi with title, legend and scale bar', async () => {
    const files = await exportFiles(page, 'export-map-button', 1, () => page.selectOption('#export-map-size', 'a4-landscape'));
    const png = Object.values(files)[0];
    const { width, height } = paperPixels('A4', 'landscape', 300);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([width, height]);
    // Pixels, read back in the page: dark text in the title band, the legend box and the scale bar's
    // dark segments (#1f2933) at the bottom right, a drawn map (not blank) in the middle.
    const stats = await page.evaluate(async (base64) => {
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
    expect(stats.title).toBeGreaterThan(1000);
    expect(stats.scaleBar).toBeGreaterThan(1000);
    expect(stats.legend).toBeGreaterThan(500);
    expect(stats.mapNotWhite / stats.mapArea).toBeGreaterThan(0.3);
  });

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

  it('exports GeoJSON that validates and a GBK Shapefile that reads back', async () => {
    const geojson = await exportFiles(page, 'export-geojson', 2);
    for (const name of ['townships.geojson', 'gaps.geojson']) expect(geojsonValidation.valid(JSON.parse(geojson[name].toString('utf8')), true)).toEqual([]);
    const zips = await exportFiles(page, 'export-shapefile', 2, () => page.selectOption('#export-encoding', 'gbk'));
    const collection = (await shp(zips['townships-shp.zip'])) as unknown as { features: { properties: Record<string, unknown> }[] };
    const rows = csvRows(cli['townships.csv']);
    expect(collection.features.map((f) => f.properties.name)).toEqual(rows.slice(1).map((row) => row[rows[0].indexOf('name')]));
    expect(collection.features.map((f) => f.properties.pop)).toEqual(rows.slice(1).map((row) => Number(row[rows[0].indexOf('population')])));
  });

  it('makes the PDF report in the worker, with Chinese text', async () => {
    const files = await exportFiles(page, 'export-report-button', 1);
    const pdf = files['report.pdf'];
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (!poppler) return;
    const path = join(work, 'app-report.pdf');
    writeFileSync(path, pdf);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const rows = csvRows(cli['townships.csv']);
    expect(text).toContain('公共服务覆盖与缺口分析报告');
    for (const row of rows.slice(1, 6)) expect(text).toContain(row[rows[0].indexOf('name')]);
    const rules = csvRows(cli['rules.csv']);
    expect(text).toContain(rules[1][rules[0].indexOf('title_zh')]);
  });
});
