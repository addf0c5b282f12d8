// `npm run analyze` with travel time, spawned as a planner runs it: on the demo (its own roads)
// with --mode/--minutes/--speeds, and on the CLI fixture with a road layer given by --roads.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runAnalyzeCli, type CliRun } from '../helpers/run-analyze-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'gapmap-travel-'));
const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'cli', name);

const analyze = (name: string, args: string[]) => runAnalyzeCli(join(work, name), args);

/** Rows of a CSV without quoted commas (the travel-time table has none). */
const rows = (path: string) => readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((line) => line.split(','));

describe('analyze with travel time', () => {
  const runs: Record<string, CliRun> = {};
  beforeAll(async () => {
    const speeds = join(work, 'speeds.json');
    writeFileSync(speeds, JSON.stringify({ walk: { roads: { urban: 3 } } }));
    // a road layer for the CLI fixture: a street along the fixture's townships (24.30–24.34°N)
    const roads = join(work, 'roads.geojson');
    writeFileSync(roads, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 道路等级: '城市道路' }, geometry: { type: 'LineString', coordinates: [[102.5, 24.31], [102.54, 24.31]] } }] }));
    const [walk, slow, own, missing] = await Promise.all([
      analyze('walk', ['--mode', 'walk', '--minutes', '15']),
      analyze('slow', ['--mode', 'walk', '--minutes', '15', '--speeds', speeds]),
      analyze('own', ['--boundaries', fixture('townships.geojson'), '--facilities', fixture('daycare.geojson'), '--type', 'elder-daycare', '--population', fixture('population.geojson'), '--roads', roads, '--mode', 'walk', '--minutes', '10']),
      analyze('missing', ['--boundaries', fixture('townships.geojson'), '--facilities', fixture('daycare.geojson'), '--type', 'elder-daycare', '--mode', 'drive']),
    ]);
    Object.assign(runs, { walk, slow, own, missing });
  }, 240_000);

  it('works on the demo: travel-times.csv without Infinity or NaN, isochrones, the network report', () => {
    const run = runs.walk;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/\[network\] 道路网：/);
    expect(run.stderr).toMatch(/\[network\] Road network: .* edges/);
    const table = rows(join(run.out, 'travel-times.csv'));
    expect(table[0]).toEqual(['level', 'code', 'name', 'mode', 'minutes', 'population', 'population_within', 'population_within_pct', 'nearest_median_min', 'nearest_p90_min', 'unreachable_population']);
    expect(table.filter((row) => row[0] === 'township')).toHaveLength(76);
    const text = readFileSync(join(run.out, 'travel-times.csv'), 'utf8');
    expect(text).not.toMatch(/Infinity|NaN/);
    for (const row of table.slice(1)) {
      const within = Number(row[7]);
      expect(within).toBeGreaterThanOrEqual(0);
      expect(within).toBeLessThanOrEqual(100);
    }
    const isochrones = JSON.parse(readFileSync(join(run.out, 'isochrones.geojson'), 'utf8'));
    expect(isochrones.features[0].properties.minutes).toBe(15);
    expect(isochrones.features[0].geometry.coordinates.length).toBeGreaterThan(0);
    const summary = JSON.parse(readFileSync(join(run.out, 'summary.json'), 'utf8'));
    const circle = summary.rules.find((r: { ruleId: string }) => r.ruleId === 'elder.15min-circle');
    expect(circle.status).not.toBe('not-available');
    // walking on the network reaches fewer older people than the 1,000 m straight line does
    const straight = summary.rules.find((r: { ruleId: string }) => r.ruleId === 'elder.15min-circle-1000m');
    expect(circle.value).toBeLessThan(straight.value);
    expect(summary.rules.find((r: { ruleId: string }) => r.ruleId === 'health.county-hospital-30min').status).not.toBe('not-available');
  });

  it('writes townships.csv, counties.csv and gaps.geojson at the travel time', () => {
    const run = runs.walk;
    expect(run.code, run.stderr).toBe(0);
    const travel = rows(join(run.out, 'travel-times.csv'));
    const header = (table: string[][]) => (id: string) => table[0].indexOf(id);
    const at = header(travel);
    // townships.csv has quoted failed_rules lists but no commas inside them before the figures we read
    const townships = rows(join(run.out, 'townships.csv'));
    const col = header(townships);
    expect(col('nearest_median_min')).toBeGreaterThan(0);
    expect(col('nearest_median_m')).toBe(-1);
    expect(col('unreachable_population')).toBeGreaterThan(0);
    const byCode = new Map(travel.filter((row) => row[0] === 'township').map((row) => [row[1], row]));
    for (const row of townships.slice(1)) {
      const other = byCode.get(row[col('code')])!;
      expect(row[col('population_covered')]).toBe(other[at('population_within')]);
      expect(row[col('unreachable_population')]).toBe(other[at('unreachable_population')]);
      // the same minutes (travel-times.csv rounds to 0.1 as the table does)
      expect(row[col('nearest_median_min')]).toBe(other[at('nearest_median_min')]);
    }
    const counties = readFileSync(join(run.out, 'counties.csv'), 'utf8');
    expect(counties.split(/\r?\n/)[0]).toMatch(/nearest_p90_min/);
    expect(counties).not.toMatch(/Infinity|NaN/);
    const gaps = JSON.parse(readFileSync(join(run.out, 'gaps.geojson'), 'utf8'));
    expect(gaps.features).toHaveLength(76);
    for (const feature of gaps.features) {
      const row = townships.find((r) => r[col('code')] === feature.properties.code)!;
      expect(feature.properties.uncovered_population).toBeCloseTo(Number(row[col('population_uncovered')]), 0);
    }
    expect(run.stderr).toMatch(/gap polygons follow the \d+ m travel-time grid/);
    const summary = JSON.parse(readFileSync(join(run.out, 'summary.json'), 'utf8'));
    expect(summary.service.travelTime).toEqual({ mode: 'walk', minutes: 15 });
  });

  it('takes edited speeds: slower urban walking reaches fewer people', () => {
    expect(runs.slow.code, runs.slow.stderr).toBe(0);
    const region = (run: { out: string }) => Number(rows(join(run.out, 'travel-times.csv')).find((row) => row[0] === 'region')![6]);
    expect(region(runs.slow)).toBeLessThan(region(runs.walk));
  });

  it('reads a road layer given with --roads for the planner’s own files, and refuses --mode without roads', () => {
    expect(runs.own.code, runs.own.stderr).toBe(0);
    expect(rows(join(runs.own.out, 'travel-times.csv')).some((row) => row[0] === 'township')).toBe(true);
    expect(runs.missing.code).toBe(1);
    expect(runs.missing.stderr).toMatch(/--roads/);
    expect(runs.missing.stderr).toMatch(/道路网/);
  });
});
