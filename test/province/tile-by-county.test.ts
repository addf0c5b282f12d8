// `analyze --tile county` against the same run in one piece: every township and county figure
// (area, coverage, population and cohorts, facilities, capacity, nearest median/p90, 2SFCA, failed
// rules) and every gap (geometry and figures) the same within 1e-9 relative (the tiles are prepared
// in the region's projection, so most come out identical), the region row's nearest-distance
// median and p90 within 1 m (merged from a 1 m histogram), and every rule's status and value the
// same (values within 1e-9 relative: people are summed by cell groups, in another order). On a
// small province written by scripts/generate-province.ts (GeoTIFF population read window by
// window) and on the hand-made CLI fixture (GeoJSON population points).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_FIXTURE_ARGS, ROOT, runAnalyzeCli } from '../helpers/run-analyze-cli.ts';
import { REGION_DISTANCE_BIN_METRES } from '../../src/core/tiling/merge-tile-figures.ts';

const work = mkdtempSync(join(tmpdir(), 'gapmap-tiles-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const TSX_CLI = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const RELATIVE = 1e-9;

function readCsv(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(','));
}

function expectSameValue(tiled: string, whole: string, where: string, tolerance = RELATIVE): void {
  const a = Number(tiled), b = Number(whole);
  if (tiled === whole) return;
  if (!Number.isFinite(a) || !Number.isFinite(b)) expect(tiled, where).toBe(whole);
  else expect(Math.abs(a - b), where).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(b)));
}

/** Every column; the region row's nearest distances within a bin of the merged histogram. */
function expectSameTable(folderTiled: string, folderWhole: string, name: string): void {
  const [header, ...tiled] = readCsv(join(folderTiled, name));
  const [headerWhole, ...whole] = readCsv(join(folderWhole, name));
  expect(header).toEqual(headerWhole);
  expect(tiled.length).toBe(whole.length);
  tiled.forEach((row, r) => {
    const region = row[0] !== 'township' && row[0] !== 'county';
    header.forEach((column, c) => {
      const where = `${name} row ${r + 1} (${row[1]}) ${column}`;
      if (region && /^nearest_/.test(column)) {
        expect(Math.abs(Number(row[c]) - Number(whole[r][c])), where).toBeLessThanOrEqual(REGION_DISTANCE_BIN_METRES);
      } else expectSameValue(row[c], whole[r][c], where);
    });
  });
}

interface GapFeature {
  geometry: { coordinates: number[][][][] };
  properties: Record<string, number | string>;
}

function expectSameGaps(folderTiled: string, folderWhole: string): void {
  const tiled = JSON.parse(readFileSync(join(folderTiled, 'gaps.geojson'), 'utf8')).features as GapFeature[];
  const whole = JSON.parse(readFileSync(join(folderWhole, 'gaps.geojson'), 'utf8')).features as GapFeature[];
  expect(tiled.length).toBe(whole.length);
  tiled.forEach((feature, k) => {
    for (const [key, value] of Object.entries(whole[k].properties)) expectSameValue(String(feature.properties[key]), String(value), `gap ${k} ${key}`);
    const flat = (f: GapFeature) => f.geometry.coordinates.flat(3);
    const a = flat(feature), b = flat(whole[k]);
    expect(a.length).toBe(b.length);
    // Coordinates are written rounded to 1e-6°.
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(1e-6);
  });
}

interface RuleSummary {
  ruleId: string;
  status: string;
  value: number | null;
  summary: { en: string };
}

function expectSameRules(folderTiled: string, folderWhole: string): void {
  const tiled = JSON.parse(readFileSync(join(folderTiled, 'summary.json'), 'utf8')).rules as RuleSummary[];
  const whole = JSON.parse(readFileSync(join(folderWhole, 'summary.json'), 'utf8')).rules as RuleSummary[];
  expect(tiled.map((r) => r.ruleId)).toEqual(whole.map((r) => r.ruleId));
  tiled.forEach((rule, k) => {
    expect(rule.status, rule.ruleId).toBe(whole[k].status);
    expectSameValue(String(rule.value), String(whole[k].value), rule.ruleId);
    expect(rule.summary.en, rule.ruleId).toBe(whole[k].summary.en);
  });
}

async function analyzeBothWays(name: string, args: string[]) {
  const whole = await runAnalyzeCli(join(work, `${name}-whole`), args);
  expect(whole.code, whole.stderr).toBe(0);
  const tiled = await runAnalyzeCli(join(work, `${name}-tiled`), [...args, '--tile', 'county']);
  expect(tiled.code, tiled.stderr).toBe(0);
  return { whole: whole.out, tiled: tiled.out, stderr: tiled.stderr };
}

describe('analyze --tile county', () => {
  it('a generated province with GeoTIFF population: the same figures and gaps as in one piece', async () => {
    const province = join(work, 'province');
    // 20 townships in 4 counties, 1,440 facilities, 893 × 691 cells of 3″.
    execFileSync(process.execPath, [TSX_CLI, 'scripts/generate-province.ts', '--out', province, '--scale', '0.12', '--counties', '300'], { cwd: ROOT, stdio: 'ignore' });
    const p = (file: string) => join(province, file);
    const { whole, tiled, stderr } = await analyzeBothWays('province', [
      '--boundaries', p('townships.geojson'), '--counties', p('counties.geojson'), '--areas', p('areas.geojson'),
      '--facilities', p('facilities.geojson'), '--type-field', 'type', '--places', p('places.geojson'),
      '--population', p('population.tif'), '--cohort-raster', `age60plus=${p('age60plus.tif')}`, '--cohort-raster', `age0_3=${p('age0_3.tif')}`,
    ]);
    expect(stderr).toMatch(/\[tile\] 4\/4 county/);
    expectSameTable(tiled, whole, 'townships.csv');
    expectSameTable(tiled, whole, 'counties.csv');
    expectSameGaps(tiled, whole);
    expectSameRules(tiled, whole);
  });

  it('the CLI fixture with population points: the same figures and gaps as in one piece', async () => {
    const { whole, tiled, stderr } = await analyzeBothWays('fixture', CLI_FIXTURE_ARGS);
    expect(stderr).toMatch(/\[tile\] 2\/2 county/);
    expectSameTable(tiled, whole, 'townships.csv');
    expectSameTable(tiled, whole, 'counties.csv');
    expectSameGaps(tiled, whole);
    expectSameRules(tiled, whole);
  });

  it('refuses combinations it cannot honour, in both languages', async () => {
    const run = await runAnalyzeCli(join(work, 'refused'), [...CLI_FIXTURE_ARGS, '--tile', 'county', '--engine', 'postgis']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--tile county cannot be combined');
    expect(run.stderr).toContain('不能与');
  });
});
