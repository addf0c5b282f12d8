// A planner's own data, end to end, as a new user would bring it: an empty project (no demo), then
// through the import dialog township and county boundaries, facilities whose type values are not in
// the catalog (mapped in the dialog: one to nursery, one to a new service), a population layer
// without age groups, and target places in GCJ-02 under an innocent file name (the dialog spots the
// offset; its fix converts the file). Every numeric column of the app's table then equals the
// CLI's townships.csv on the same files and mapping; no demo feature is anywhere; nothing throws.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import gcoord from 'gcoord';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { acceptImport as accept, analysisSeq, gotoReady, log, openImport, openPage, screenshot, useBrowser, waitForAnalysis, waitForReady } from './browser.ts';
import { readCsvRecords } from '../cli/read-csv.ts';

const browser = useBrowser();
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX_CLI = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const work = mkdtempSync(join(tmpdir(), 'gapmap-own-data-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const square = (west: number, south: number, size = 0.02) => [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]];
/** Four townships in two counties, 2 km a side, at the demo's latitude (so nothing of it can hide). */
const TOWNSHIPS = [
  { name: '甲镇', code: '530499001', county_code: '530499', west: 102.5, south: 24.3 },
  { name: '乙乡', code: '530499002', county_code: '530499', west: 102.52, south: 24.3 },
  { name: '丙街道', code: '530498001', county_code: '530498', west: 102.5, south: 24.32 },
  { name: '丁镇', code: '530498002', county_code: '530498', west: 102.52, south: 24.32 },
];
const SITES: Array<[string, number, number, string, number | '']> = [
  ['甲镇托育点', 102.51, 24.31, 'creche', 30],
  ['丁镇托育点', 102.53, 24.33, 'creche', 12],
  ['乙乡广播', 102.53, 24.31, 'loudspeaker', ''],
  ['丙街道广播', 102.51, 24.33, 'loudspeaker', ''],
];
const TYPE_MAP = { creche: 'nursery', loudspeaker: { service: 'own-loudspeaker', name: { zh: '村村响', en: 'village loudspeakers' }, servedGroup: 'all' } };

function writeFixtures(): Record<string, string> {
  const files: Record<string, string> = {
    'towns.geojson': JSON.stringify({
      type: 'FeatureCollection',
      features: TOWNSHIPS.map((t) => ({ type: 'Feature', properties: { name: t.name, code: t.code, county_code: t.county_code, level: '乡镇' }, geometry: { type: 'Polygon', coordinates: square(t.west, t.south) } })),
    }),
    'districts.geojson': JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: '南县', code: '530499', level: '县' }, geometry: { type: 'Polygon', coordinates: [[[102.5, 24.3], [102.54, 24.3], [102.54, 24.32], [102.5, 24.32], [102.5, 24.3]]] } },
        { type: 'Feature', properties: { name: '北县', code: '530498', level: '县' }, geometry: { type: 'Polygon', coordinates: [[[102.5, 24.32], [102.54, 24.32], [102.54, 24.34], [102.5, 24.34], [102.5, 24.32]]] } },
      ],
    }),
    'sites.csv': ['名称,经度,纬度,类别,托位', ...SITES.map((s) => s.join(','))].join('\n'),
    // a head count per point, no age groups
    'people.csv': ['lon,lat,pop', ...Array.from({ length: 40 }, (_, i) => `${(102.502 + (i % 8) * 0.005).toFixed(4)},${(24.302 + Math.floor(i / 8) * 0.0075).toFixed(4)},${100 + 37 * i}`)].join('\n'),
    // the sites' own points as an online map exports them (GCJ-02), under a name that says nothing
    'seats.csv': [
      'name,lon,lat,kind',
      ...SITES.map(([name, lon, lat]) => {
        const [x, y] = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
        return `${name}社区,${x.toFixed(6)},${y.toFixed(6)},urban-community`;
      }),
    ].join('\n'),
    'type-map.json': JSON.stringify(TYPE_MAP),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(work, name), text);
  return files;
}

function runCli(args: string[] = ownFilesArgs()): Promise<{ code: number | null; stderr: string; out: string }> {
  const out = join(work, `cli-out-${args.length}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_CLI, 'scripts/analyze.ts', '--out', out, ...args], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, out }));
  });
}

/** The table cells of the app, per township code: column id → data-value. */
function appTable(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(() => {
    const rows: Record<string, Record<string, string>> = {};
    for (const row of document.querySelectorAll<HTMLTableRowElement>('#township-table tbody tr')) {
      rows[row.dataset.code!] = Object.fromEntries([...row.querySelectorAll<HTMLElement>('td[data-column]')].map((cell) => [cell.dataset.column!, cell.dataset.value ?? '']));
    }
    return rows;
  });
}

/** Every app cell equals the CLI's townships.csv cell of the same township and column; returns how many were compared. */
function compareWithCli(app: Record<string, Record<string, string>>, csvPath: string): { compared: number; columns: string[] } {
  const csv = readCsvRecords(csvPath);
  expect(Object.keys(app).sort()).toEqual(csv.map((row) => row.code).sort());
  const columns = Object.keys(app[csv[0].code]);
  let compared = 0;
  for (const row of csv) {
    for (const column of columns) {
      expect(column in row, `townships.csv has ${column}`).toBe(true);
      expect(app[row.code][column], `${row.code} ${column}`).toBe(row[column]);
      compared++;
    }
  }
  return { compared, columns };
}

function ownFilesArgs(): string[] {
  const file = (name: string) => join(work, name);
  return [
    '--boundaries', file('towns.geojson'),
    '--counties', file('districts.geojson'),
    '--facilities', file('sites.csv'), '--type-field', '类别', '--type-map', file('type-map.json'),
    '--population', file('people.csv'),
    '--places', file('seats.csv'), '--crs', 'gcj02',
    '--service', 'nursery', '--radius', '1000',
  ];
}

describe('a planner\'s own data, end to end', () => {
  it('shows the demo\'s table as the CLI writes it (nursery, 1,000 m)', async () => {
    const cli = runCli(['--service', 'nursery', '--radius', '1000']);
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);
    await page.waitForFunction(() => window.__gapmap.analysis?.service === 'nursery' && window.__gapmap.rulesSeq > 0);
    const app = await appTable(page);
    const { code, stderr, out } = await cli;
    expect(code, stderr).toBe(0);
    const { compared, columns } = compareWithCli(app, join(out, 'townships.csv'));
    log(`demo: ${compared} table cells (${columns.length} columns × ${Object.keys(app).length} townships) equal the CLI's townships.csv`);
    log(`demo, 玉兴街道 in the app: ${JSON.stringify(app['530402001'])}`);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('gives the CLI\'s township figures in an empty project, with mapped type values, no age groups and a GCJ-02 file', async () => {
    const files = writeFixtures();
    const cli = runCli();
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);

    // An empty project: nothing of the demo is loaded.
    await page.click('#new-empty-project');
    // the session is replaced and the page reloads
    await Promise.all([page.waitForEvent('framenavigated'), page.click('#new-empty-project-dialog-confirm')]);
    await waitForReady(page);
    expect(await page.locator('#synthetic-badge').isHidden()).toBe(true);

    // Townships and counties: polygons, their level field picks which.
    await openImport(page, 'towns.geojson', files['towns.geojson']);
    expect(await page.inputValue('select[data-field="role"]')).toBe('boundaries');
    expect(await page.inputValue('select[data-field="level"]')).toBe('township');
    await accept(page);
    await openImport(page, 'districts.geojson', files['districts.geojson']);
    expect(await page.inputValue('select[data-field="level"]')).toBe('county');
    await accept(page);

    // Facilities: their type values listed with counts, mapped to nursery and to a new service.
    await openImport(page, 'sites.csv', files['sites.csv']);
    expect(await page.inputValue('select[data-field="role"]')).toBe('facilities');
    expect(await page.locator('.gapmap-import-type-value').count()).toBe(2);
    expect(await page.locator('.gapmap-import-type-value[data-type-value="creche"]').textContent()).toContain('creche');
    await page.selectOption('.gapmap-import-type-value[data-type-value="creche"] select[data-field="type-service"]', 'nursery');
    await page.selectOption('.gapmap-import-type-value[data-type-value="loudspeaker"] select[data-field="type-service"]', '__new');
    await page.fill('.gapmap-import-type-value[data-type-value="loudspeaker"] input[data-field="type-new-name-zh"]', '村村响');
    await page.press('.gapmap-import-type-value[data-type-value="loudspeaker"] input[data-field="type-new-name-zh"]', 'Tab');
    await page.fill('.gapmap-import-type-value[data-type-value="loudspeaker"] input[data-field="type-new-name-en"]', 'village loudspeakers');
    await page.press('.gapmap-import-type-value[data-type-value="loudspeaker"] input[data-field="type-new-name-en"]', 'Tab');
    await accept(page);

    // Population without age groups: points with a head count and no type field.
    await openImport(page, 'people.csv', files['people.csv']);
    expect(await page.inputValue('select[data-field="role"]')).toBe('population');
    await accept(page);

    // Places in GCJ-02 under an innocent name: the offset is reported with its fix.
    await openImport(page, 'seats.csv', files['seats.csv']);
    await page.selectOption('select[data-field="role"]', 'places');
    const fix = page.locator('.gapmap-import-severity-warning', { hasText: 'GCJ-02' }).locator('.gapmap-import-fix');
    await fix.waitFor({ timeout: 30_000 });
    await fix.click();
    await page.waitForSelector('.gapmap-import-count');
    await page.selectOption('select[data-field="role"]', 'places');
    expect(await page.locator('.gapmap-import-severity-warning', { hasText: 'GCJ-02' }).count()).toBe(0);
    await accept(page);

    // The nursery analysis at 1,000 m, as the CLI runs it.
    if ((await page.inputValue('#service-select')) !== 'nursery') {
      const seq = await analysisSeq(page);
      await page.selectOption('#service-select', 'nursery');
      await waitForAnalysis(page, seq);
    }
    await page.waitForFunction(() => window.__gapmap.analysis?.service === 'nursery' && window.__gapmap.analysis?.metres === 1000);
    await page.waitForFunction(() => document.querySelectorAll('#township-table tbody td[data-column="failed_rule_count"]').length === 4);

    const app = await appTable(page);
    const { code, stderr, out } = await cli;
    expect(code, stderr).toBe(0);
    const { compared, columns } = compareWithCli(app, join(out, 'townships.csv'));
    expect(columns).toContain('capacity_per_1000_age0_3');
    expect(columns).toContain('failed_rule_count');
    log(`own data: ${compared} table cells (${columns.length} columns × ${Object.keys(app).length} townships) equal the CLI's townships.csv: ${columns.join(', ')}`);
    log(`own data, 甲镇 in the app: ${JSON.stringify(app['530499001'])}`);

    // Capacity per 1,000 of children 0–3 cannot be had from a population without age groups: said, not thrown.
    const header = page.locator('#township-table button[data-sort="capacity_per_1000_age0_3"]');
    expect(await header.getAttribute('title')).toContain('人口图层没有0–3 岁婴幼儿人数字段');

    // Nothing of the demo: only the planner's townships, services and no synthetic badge.
    expect(await page.locator('#synthetic-badge').isHidden()).toBe(true);
    const services = await page.locator('#service-select option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(services.sort()).toEqual(['nursery', 'own-loudspeaker']);
    expect(await page.locator('#service-select option[value="own-loudspeaker"]').textContent()).toContain('村村响');
    expect(await page.locator('#status-banner.error').isVisible()).toBe(false);
    await screenshot(page, 'own-data');
    expect(errors).toEqual([]);
    await context.close();
  }, 420_000);
});
