// `npm run report` end to end on the hand-made CLI fixture (test/fixtures/cli: four townships, one
// named "=1+1 新村, "东"" to try injection): its CSVs equal analyze's for the same arguments, the xlsx
// and the Shapefile (GBK) read back with the CSV's numbers, the PDF holds the township names and rule
// values (pdftotext, where installed), and the gap map is a PNG of the requested print size drawn in
// Chromium (where installed). Both commands start together in beforeAll.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import shp from 'shpjs';
import { hasTool } from './find-tool.ts';
import { CLI_FIXTURE_ARGS } from '../helpers/run-analyze-cli.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/lib/render-maps-in-chromium.ts';
import { paperPixels } from '../../src/core/export/map-layout/plan-map-layout.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX_CLI = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const work = mkdtempSync(join(tmpdir(), 'gapmap-report-'));
const chromium = findChromium();
const poppler = hasTool('pdftotext', '-v');

const FIXTURE_ARGS = CLI_FIXTURE_ARGS;

interface Run {
  code: number | null;
  stderr: string;
  out: string;
}

function run(script: string, name: string, args: string[]): Promise<Run> {
  const out = join(work, name);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_CLI, script, '--out', out, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, out }));
  });
}

const parseCsv = (path: string) => Papa.parse<string[]>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

// Proposed sites as `npm run site` writes them (properties trimmed).
const SITES = join(work, 'sites.geojson');
writeFileSync(SITES, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [102.51, 24.31] }, properties: { rank: 1, name: '建议点 甲镇北', township: '甲镇', marginal_gain: 120 } }] }));

// A street grid every 0.01° over the fixture (lines share their crossing vertices): with --mode/--minutes
// both commands write travel-times.csv and isochrones.geojson.
const ROADS = join(work, 'roads.geojson');
const gridLine = (i: number, across: boolean) => Array.from({ length: 5 }, (_, j) => (across ? [102.5 + 0.01 * j, 24.3 + 0.01 * i] : [102.5 + 0.01 * i, 24.3 + 0.01 * j]));
writeFileSync(ROADS, JSON.stringify({ type: 'FeatureCollection', features: [0, 1, 2, 3, 4].flatMap((i) => [true, false].map((across) => ({ type: 'Feature', geometry: { type: 'LineString', coordinates: gridLine(i, across) }, properties: { highway: 'residential' } }))) }));
const TRAVEL_ARGS = ['--roads', ROADS, '--mode', 'walk', '--minutes', '15'];

let report: Run;
let analyze: Run;
beforeAll(async () => {
  [report, analyze] = await Promise.all([
    run('scripts/report.ts', 'report', [...FIXTURE_ARGS, ...TRAVEL_ARGS, '--xlsx', '--shapefile', '--shapefile-encoding', 'gbk', '--map-services', 'nursery', '--map-dpi', '72', '--sites', SITES]),
    run('scripts/analyze.ts', 'analyze', [...FIXTURE_ARGS, ...TRAVEL_ARGS]),
  ]);
}, 240_000);

describe('npm run report', () => {
  it('succeeds', () => {
    expect(report.stderr).toContain('report.pdf');
    expect(report.code).toBe(0);
    expect(analyze.code).toBe(0);
  });

  it("writes CSVs equal to analyze's", () => {
    expect(parseCsv(join(report.out, 'sites.csv'))[1]).toEqual(['1', '建议点 甲镇北', '甲镇', '120', '102.51', '24.31']);
    for (const name of ['townships.csv', 'counties.csv', 'rules.csv', 'travel-times.csv', 'isochrones.geojson']) {
      expect(readFileSync(join(report.out, name), 'utf8')).toBe(readFileSync(join(analyze.out, name), 'utf8'));
    }
    // The injection-shaped name is quoted and neutralised, and parses back.
    const rows = parseCsv(join(report.out, 'townships.csv'));
    expect(rows.map((r) => r[2])).toContain(`'=1+1 新村, "东"`);
  });

  it('writes an xlsx with the CSV numbers as numeric cells', async () => {
    const csv = parseCsv(join(report.out, 'townships.csv'));
    const sheets = await readXlsxFile(readFileSync(join(report.out, 'tables.xlsx')));
    expect(sheets.map((s) => s.sheet)).toEqual(['乡镇（街道）指标', '县（市、区）指标', '规划指标达标情况', '建议新增设施点', '出行时间指标']);
    const travel = parseCsv(join(report.out, 'travel-times.csv'));
    const within = travel[0].indexOf('population_within');
    expect(sheets[4].data.slice(1).map((row) => row[within])).toEqual(travel.slice(1).map((row) => Number(row[within])));
    // The codes the CSVs keep (walk, township, pass/fail, the rule's kind) in words (Chinese: --language zh).
    const words = (sheet: number, csvRows: string[][], key: string) => sheets[sheet].data.slice(1).map((row) => row[csvRows[0].indexOf(key)]);
    expect(travel.slice(1).map((row) => row[travel[0].indexOf('mode')])).toEqual(travel.slice(1).map(() => 'walk'));
    expect(new Set(words(4, travel, 'mode'))).toEqual(new Set(['步行']));
    expect(new Set(words(4, travel, 'level'))).toEqual(new Set(['乡镇（街道）', '县（市、区）', '全市']));
    const rules = parseCsv(join(report.out, 'rules.csv'));
    const statusWords: Record<string, string> = { pass: '达标', fail: '未达标', 'not-available': '无法评估' };
    expect(words(2, rules, 'status')).toEqual(rules.slice(1).map((row) => statusWords[row[rules[0].indexOf('status')]]));
    expect(words(2, rules, 'kind').every((kind) => typeof kind === 'string' && /[\u4e00-\u9fff]/.test(kind))).toBe(true);
    const data = sheets[0].data;
    expect(data.length).toBe(csv.length);
    const population = csv[0].indexOf('population');
    for (let r = 1; r < csv.length; r++) {
      expect(data[r][population]).toBe(Number(csv[r][population]));
      expect(typeof data[r][population]).toBe('number');
    }
    expect(data.map((row) => row[2])).toContain('=1+1 新村, "东"');
  });

  it('writes a GBK Shapefile that shpjs reads back with the same names and figures', async () => {
    const collection = (await shp(readFileSync(join(report.out, 'townships-shp.zip')))) as unknown as { features: { properties: Record<string, unknown> }[] };
    const csv = parseCsv(join(report.out, 'townships.csv'));
    const name = csv[0].indexOf('name');
    const population = csv[0].indexOf('population');
    expect(collection.features.map((f) => f.properties.name)).toEqual(csv.slice(1).map((r) => r[name].replace(/^'/, '')));
    expect(collection.features.map((f) => f.properties.pop)).toEqual(csv.slice(1).map((r) => Number(r[population])));
    const gaps = (await shp(readFileSync(join(report.out, 'gaps-shp.zip')))) as unknown as { features: unknown[] };
    expect(gaps.features.length).toBeGreaterThan(0);
    const sites = (await shp(readFileSync(join(report.out, 'sites-shp.zip')))) as unknown as { features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[] };
    expect(sites.features.map((f) => [f.properties.name, f.geometry.coordinates])).toEqual([['建议点 甲镇北', [102.51, 24.31]]]);
    const isochrones = (await shp(readFileSync(join(report.out, 'isochrones-shp.zip')))) as unknown as { features: { geometry: { type: string }; properties: Record<string, unknown> }[] };
    // One 15-minute isochrone (shpjs reads a one-part MultiPolygon back as a Polygon).
    expect(isochrones.features.map((f) => [f.geometry.type.replace('Multi', ''), f.properties.minutes])).toEqual([['Polygon', 15]]);
    const written = JSON.parse(readFileSync(join(report.out, 'isochrones.geojson'), 'utf8')) as { features: { properties: { areaKm2: number } }[] };
    expect(isochrones.features[0].properties.areaKm2).toBeCloseTo(written.features[0].properties.areaKm2, 3);
  });

  it.skipIf(!poppler)('writes a PDF with the township names and rule values (pdftotext)', () => {
    const text = execFileSync('pdftotext', [join(report.out, 'report.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const name of ['甲镇', '乙乡', '丙街道', '=1+1 新村, "东"', '公共服务覆盖与缺口分析报告', '方法与数据说明', '建议新增设施点', '建议点 甲镇北', '出行时间 步行 15 分钟', '出行时间指标']) expect(text).toContain(name);
    // The travel-time table's mode in words, never the code (rule ids such as walk-15 stay).
    expect(text).not.toMatch(/(^|\s)walk\s/);
    expect(text).toMatch(/步行 15 \d/);
    const rules = parseCsv(join(report.out, 'rules.csv'));
    const title = rules[0].indexOf('title_zh');
    for (const row of rules.slice(1)) expect(text).toContain(row[title]);
  });

  it.skipIf(!chromium)('draws the gap map in Chromium at the print size, not blank', () => {
    const png = readFileSync(join(report.out, 'map-nursery.png'));
    const { width, height } = paperPixels('A4', 'landscape', 72);
    expect(png.readUInt32BE(16)).toBe(width);
    expect(png.readUInt32BE(20)).toBe(height);
    expect(png.length).toBeGreaterThan(20_000);
  });

  it.skipIf(chromium !== undefined)('without Chromium, says so and writes the report without maps', () => {
    expect(existsSync(join(report.out, 'map-nursery.png'))).toBe(false);
    expect(report.stderr).toContain('Chromium not found');
    expect(report.stderr).toContain('未找到 Chromium');
  });
});
