// `npm run analyze` end to end: spawned as a planner would run it, on the hand-made fixture in
// test/fixtures/cli (answers computed by hand, see test/rules/tiny-region.ts for the layout), on
// the demo region, and on bad input. The runs start together in beforeAll to keep this fast.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from '../../src/core/rules/default-rules.ts';
import { geodesicDistance, geodesicRingArea, rectangleRing } from '../helpers/geodesic-reference.ts';
import { parseCsv, readCsvRecords } from './read-csv.ts';
import { CLI_FIXTURE_ARGS, runAnalyzeCli, type CliRun } from '../helpers/run-analyze-cli.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = join(ROOT, 'test', 'fixtures', 'cli');
const fixture = (name: string) => join(FIXTURE, name);
const work = mkdtempSync(join(tmpdir(), 'gapmap-cli-'));

type Run = CliRun;

const analyze = (name: string, args: string[]): Promise<Run> => runAnalyzeCli(join(work, name), args);

const FIXTURE_ARGS = CLI_FIXTURE_ARGS;

const runs: Record<string, Run> = {};

beforeAll(async () => {
  const jobs: Record<string, Promise<Run>> = {
    fixture: analyze('fixture', FIXTURE_ARGS),
    demo: analyze('demo', []),
    csv: analyze('csv', [
      '--boundaries', fixture('townships.geojson'),
      '--counties', fixture('counties.geojson'),
      '--facilities', fixture('facilities.csv'), '--type-field', '类型',
      '--population', fixture('population-cells.geojson'),
      '--places', fixture('places.geojson'),
      '--areas', fixture('areas.geojson'),
      '--rules', fixture('rules.json'),
      '--radius', '500',
    ]),
    // the import helper's real-world-shaped files: a GBK shapefile in CGCS2000 GK (CM 102°E) with a
    // .prj, and a GBK CSV of nurseries in GCJ-02 without one (so --crs applies to the CSV only)
    realWorld: analyze('real-world', [
      '--boundaries', join(ROOT, 'test', 'fixtures', 'import', 'good', 'townships-gk-cm102-gbk.shp'),
      '--facilities', join(ROOT, 'test', 'fixtures', 'import', 'good', 'nurseries-gcj02-gbk.csv'), '--type', 'nursery',
      '--crs', 'gcj02',
      '--radius', '1500',
    ]),
    brokenBoundaries: analyze('broken', ['--boundaries', fixture('broken.geojson')]),
    missingFile: analyze('missing', ['--boundaries', fixture('townships.geojson'), '--facilities', fixture('no-such-file.geojson'), '--type', 'x']),
    badFeature: analyze('bad-feature', ['--boundaries', fixture('townships.geojson'), '--facilities', fixture('facility-without-coordinates.geojson'), '--type', 'clinic']),
    badRules: analyze('bad-rules', ['--boundaries', fixture('townships.geojson'), '--rules', fixture('bad-rules.json')]),
  };
  const settled = await Promise.all(Object.values(jobs));
  Object.keys(jobs).forEach((key, i) => (runs[key] = settled[i]));
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function readTable(out: string): Record<string, string>[] {
  return readCsvRecords(join(out, 'townships.csv'));
}

describe('analyze on the hand-made fixture', () => {
  it('exits 0, reports progress on stderr and writes every output', () => {
    const run = runs.fixture;
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('[rules]');
    for (const file of ['townships.csv', 'counties.csv', 'townships.geojson', 'gaps.geojson', 'rules.csv', 'summary.json', 'summary.md']) expect(existsSync(join(run.out, file)), file).toBe(true);
  });

  it('writes townships.csv in UTF-8 with a BOM, the hand-computed figures and a guarded name', () => {
    const bytes = readFileSync(join(runs.fixture.out, 'townships.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain(`"'=1+1 新村, ""东"""`);
    const rows = readTable(runs.fixture.out);
    expect(rows.map((r) => r.code)).toEqual(['530499001', '530499002', '530499003', '530499004']);
    const [t1, t2, t3, t4] = rows;
    expect(t4.name).toBe(`'=1+1 新村, "东"`);
    expect(t1).toMatchObject({ name: '甲镇', county: '南县', population: '400', population_covered: '100', population_covered_pct: '25', age60plus_covered_pct: '40', facilities: '1', capacity: '10', capacity_per_1000_age60plus: '200', two_step_fca_per_1000_age60plus: '200' });
    expect(Number(t1.age0_3_covered_pct)).toBeCloseTo((100 * 4) / 13, 2);
    expect(Number(t1.area_km2)).toBeCloseTo(geodesicRingArea(rectangleRing(102.5, 24.3, 102.52, 24.32)) / 1e6, 2);
    expect(Number(t1.area_covered_km2)).toBeCloseTo((Math.PI * 500 * 500) / 1e6, 2);
    // population-weighted (lower) median: 300 of T1's 400 people live ~1.2 km from F1
    expect(Number(t1.nearest_median_m)).toBeCloseTo(geodesicDistance(102.518, 24.318, 102.51, 24.31), -1);
    expect(Number(t1.nearest_p90_m)).toBeCloseTo(geodesicDistance(102.518, 24.318, 102.51, 24.31), -1);
    expect(t2).toMatchObject({ population: '250', population_covered: '0', population_covered_pct: '0', facilities: '0', two_step_fca_per_1000_age60plus: '0' });
    expect(Number(t2.nearest_median_m)).toBeCloseTo(geodesicDistance(102.53, 24.31, 102.51, 24.31), -1);
    expect(t3).toMatchObject({ population: '400', population_covered_pct: '100', capacity_per_1000_age60plus: '500', two_step_fca_per_1000_age60plus: '500', failed_rules: '' });
    expect(t1.failed_rules.split(';').sort()).toEqual(['central-500m', 'daycare-500m']);
    expect(t2.failed_rules.split(';').sort()).toEqual(['central-500m', 'daycare-500m', 'daycare-presence']);
    expect(t4.failed_rules.split(';').sort()).toEqual(['community-daycare', 'daycare-500m', 'daycare-presence']);
  });

  it('writes the townships and the gaps as GeoJSON', () => {
    const townships = JSON.parse(readFileSync(join(runs.fixture.out, 'townships.geojson'), 'utf8'));
    expect(townships.features).toHaveLength(4);
    expect(townships.features[2].properties).toMatchObject({ code: '530499003', population_covered_pct: 100 });
    expect(townships.features[0].geometry.type).toBe('Polygon');
    const gaps = JSON.parse(readFileSync(join(runs.fixture.out, 'gaps.geojson'), 'utf8'));
    const t3 = gaps.features.find((f: { properties: { code: string } }) => f.properties.code === '530499003');
    const area = geodesicRingArea(rectangleRing(102.5, 24.32, 102.52, 24.34)) / 1e6;
    expect(t3.properties.uncovered_km2).toBeCloseTo(area - (Math.PI * 500 * 500) / 1e6, 2);
    expect(t3.properties.uncovered_population).toBe(0);
  });

  it('writes every rule result to summary.json and summary.md', () => {
    const summary = JSON.parse(readFileSync(join(runs.fixture.out, 'summary.json'), 'utf8'));
    expect(summary.dataset).toMatchObject({ synthetic: false, townships: 4, counties: 2, facilities: 4, population: 1550 });
    expect(summary.notice).toBeNull();
    expect(summary.service).toMatchObject({ type: 'elder-daycare', radiusMetres: 500, region: { facilities: 2, population: 1550 } });
    const byId = Object.fromEntries(summary.rules.map((r: { ruleId: string }) => [r.ruleId, r]));
    expect(byId['daycare-presence']).toMatchObject({ status: 'fail', value: 50, shortfall: { amount: 1 } });
    expect(byId['daycare-500m']).toMatchObject({ status: 'fail', shortfall: { amount: 275 } });
    expect(byId['nursery-places'].status).toBe('pass');
    expect(byId['nursery-places'].value).toBeCloseTo(9000 / 1550, 6);
    expect(byId['community-daycare']).toMatchObject({ status: 'fail', value: 50, failing: [{ code: 'P2' }] });
    expect(byId['walk-15'].status).toBe('not-available');
    // the area of interest holds c0 (100, covered), c1 (300) and c5 (50)
    expect(byId['central-500m'].value).toBeCloseTo((100 * 100) / 450, 6);
    expect(byId['central-500m'].failing.map((f: { code: string }) => f.code)).toEqual(['530499001', '530499002']);
    expect(summary.counts).toEqual({ rules: 6, pass: 1, fail: 4, notAvailable: 1 });
    const rulesCsv = parseCsv(readFileSync(join(runs.fixture.out, 'rules.csv'), 'utf8').replace(/^\uFEFF/, ''));
    expect(rulesCsv.map((row) => [row[0], row[4], row[9]])).toEqual([
      ['rule_id', 'status', 'shortfall'],
      ['daycare-presence', 'fail', '1'],
      ['daycare-500m', 'fail', '275'],
      ['nursery-places', 'pass', '0'],
      ['community-daycare', 'fail', '1'],
      ['walk-15', 'not-available', ''],
      ['central-500m', 'fail', '125'],
    ]);
    const markdown = readFileSync(join(runs.fixture.out, 'summary.md'), 'utf8');
    expect(markdown).toContain('1 more township needs a day-care centre');
    expect(markdown).toContain('还需 1 个乡镇（街道）建设日间照料中心');
    expect(markdown).toContain('1,050 people uncovered; 275 more must be reached');
  });
});

describe('analyze on the same fixture as CSV facilities (type from a field) and polygon population cells', () => {
  it('gives the same table (cells by their centroid)', () => {
    expect(runs.csv.code, runs.csv.stderr).toBe(0);
    const expected = readTable(runs.fixture.out);
    const actual = readTable(runs.csv.out);
    expect(actual.length).toBe(expected.length);
    actual.forEach((row, i) => {
      for (const [column, value] of Object.entries(expected[i])) {
        // Same centroids either way; the CSV rounds distances to whole metres.
        if (column.startsWith('nearest_')) expect(Math.abs(Number(row[column]) - Number(value)), column).toBeLessThanOrEqual(1);
        else expect(row[column], `${row.code} ${column}`).toBe(value);
      }
    });
  });
});

describe('analyze on real-world-shaped files', () => {
  it('reads a GBK Gauss–Krüger shapefile and a GCJ-02 CSV; --crs applies only where the CRS is not declared', () => {
    const run = runs.realWorld;
    expect(run.code, run.stderr).toBe(0);
    const rows = readTable(run.out);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.name)).toContain('玉兴街道');
    expect(rows.every((r) => Number(r.area_km2) > 1)).toBe(true);
    expect(rows.reduce((sum, r) => sum + Number(r.facilities), 0)).toBeGreaterThan(0);
  });
});

describe('analyze on the demo region', () => {
  it('exits 0 with 76 townships and every enabled default rule evaluated, saying the data is synthetic', () => {
    const run = runs.demo;
    expect(run.code, run.stderr).toBe(0);
    expect(readTable(run.out)).toHaveLength(76);
    const summary = JSON.parse(readFileSync(join(run.out, 'summary.json'), 'utf8'));
    const enabled = DEFAULT_RULE_SET.rules.filter((r) => r.enabled).map((r) => r.id);
    expect(summary.rules.map((r: { ruleId: string }) => r.ruleId)).toEqual(enabled);
    expect(summary.ruleSet.id).toBe('yuxi-2025');
    expect(summary.dataset.synthetic).toBe(true);
    expect(summary.notice.en).toMatch(/synthetic/);
    expect(readFileSync(join(run.out, 'summary.md'), 'utf8')).toContain('synthetic');
    // the demo has its roads: the travel-time rules are evaluated too
    const unavailable = summary.rules.filter((r: { status: string }) => r.status === 'not-available').map((r: { ruleId: string }) => r.ruleId);
    expect(unavailable).toEqual([]);
  });

  it('evaluates paediatricians per 1,000 children 0–14 on the demo: near but below 1.0, counties listed', () => {
    const summary = JSON.parse(readFileSync(join(runs.demo.out, 'summary.json'), 'utf8'));
    const rule = summary.rules.find((r: { ruleId: string }) => r.ruleId === 'child.paediatricians');
    expect(rule.status).toBe('fail');
    expect(rule.value).toBeGreaterThan(0.8);
    expect(rule.value).toBeLessThan(0.95);
    expect(rule.figures.population).toBe(360137);
    const amount = Math.ceil(rule.figures.population / 1000 - rule.figures.capacity);
    expect(rule.shortfall).toMatchObject({ amount, sentence: { zh: `还需 ${amount} 名儿科医生`, en: `${amount} more paediatricians needed` } });
    expect(rule.failing.length).toBeGreaterThan(0);
    expect(rule.failing.every((f: { kind: string }) => f.kind === 'county')).toBe(true);
    // a unit at 0.97 ‰ must not read as 1.0 in the Markdown
    const markdown = readFileSync(join(runs.demo.out, 'summary.md'), 'utf8');
    for (const f of rule.failing as Array<{ code: string; value: number }>) expect(markdown).toContain(`| ${f.code} | `);
    expect(markdown).toMatch(/\| 530481 \| 澄江市 \| 0\.9\d \|/);
  });
});

describe('analyze on bad input', () => {
  it('names the file that cannot be parsed and exits non-zero', () => {
    expect(runs.brokenBoundaries.code).toBe(1);
    expect(runs.brokenBoundaries.stderr).toContain('broken.geojson');
  });

  it('names a missing file', () => {
    expect(runs.missingFile.code).toBe(1);
    expect(runs.missingFile.stderr).toContain('no-such-file.geojson');
  });

  it('prints a problem table naming the file and feature, and stops', () => {
    const { code, stderr } = runs.badFeature;
    expect(code).toBe(1);
    expect(stderr).toContain('facility-without-coordinates.geojson');
    expect(stderr).toMatch(/#1/);
    expect(stderr).toContain('file');
  });

  it('names the rules file, the rule and the field', () => {
    const { code, stderr } = runs.badRules;
    expect(code).toBe(1);
    expect(stderr).toContain('bad-rules.json');
    expect(stderr).toContain('Rule "x", field target.op');
    expect(stderr).toContain('规则“x”的字段 target.value');
  });
});
