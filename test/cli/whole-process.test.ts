// The whole CLI job on the benchmark's smaller sibling region (100 townships with only an `id`,
// 3,000 facilities, ~100,000 population points), written by the bench's own generator: CSV,
// GeoJSON and newline-delimited GeoJSON inputs of the same data give identical outputs; every gap's drawn area equals the
// township's area minus the kernel's exact covered area (the feature's uncovered_km2) within the
// stated tolerance; --no-gaps writes the figures without gaps.geojson. Timings are the benchmark's.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GAP_TOLERANCE_METRES } from '../../src/core/coverage/compute-gaps.ts';
import { benchRegionArgs, SMALL_REGION, writeBenchRegion } from '../../scripts/bench/write-bench-region.ts';
import { geodesicRingArea } from '../helpers/geodesic-reference.ts';
import { runAnalyzeCli, type CliRun } from '../helpers/run-analyze-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'gapmap-whole-'));
type Run = CliRun;
const analyze = (name: string, args: string[]) => runAnalyzeCli(join(work, name), args);

const runs: Record<string, Run> = {};

/** The same features, one per line (newline-delimited GeoJSON). */
function writeNdjson(geojsonPath: string): string {
  const path = geojsonPath.replace(/\.geojson$/, '.ndjson');
  const { features } = JSON.parse(readFileSync(geojsonPath, 'utf8')) as { features: unknown[] };
  writeFileSync(path, features.map((feature) => JSON.stringify(feature)).join('\n') + '\n');
  return path;
}

beforeAll(async () => {
  const files = writeBenchRegion(join(work, 'region'), SMALL_REGION);
  const ndjson = { ...files, facilitiesGeojson: writeNdjson(files.facilitiesGeojson), populationGeojson: writeNdjson(files.populationGeojson) };
  const [csv, geojson, ndjsonRun, noGaps] = await Promise.all([
    analyze('csv', benchRegionArgs(files, 'csv')),
    analyze('geojson', benchRegionArgs(files, 'geojson')),
    analyze('ndjson', benchRegionArgs(ndjson, 'geojson')),
    analyze('no-gaps', [...benchRegionArgs(files, 'csv'), '--no-gaps']),
  ]);
  Object.assign(runs, { csv, geojson, ndjson: ndjsonRun, noGaps });
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const read = (run: Run, file: string) => readFileSync(join(run.out, file), 'utf8');

/** Approximate ring length in metres (local equirectangular; only used to size the tolerance, with a 2% margin). */
function ringLength(ring: number[][]): number {
  let sum = 0;
  for (let i = 1; i < ring.length; i++) {
    const lat = ((ring[i][1] + ring[i - 1][1]) / 2) * (Math.PI / 180);
    sum += Math.hypot((ring[i][0] - ring[i - 1][0]) * 111_320 * Math.cos(lat), (ring[i][1] - ring[i - 1][1]) * 110_574);
  }
  return sum * 1.02;
}

describe('the whole CLI job on the small benchmark region', () => {
  it('runs from id-only boundaries, CSV and GeoJSON points to every output, and reports time and peak memory', () => {
    for (const run of [runs.csv, runs.geojson, runs.ndjson, runs.noGaps]) {
      expect(run.code, run.stderr.slice(-2000)).toBe(0);
      expect(run.stderr).toMatch(/\[done\] cost: total [\d.]+ s · read [\d.]+ s · prepare [\d.]+ s · coverage [\d.]+ s · rules [\d.]+ s · gaps [\d.]+ s · write [\d.]+ s · peak memory \(RSS\) [\d,]+ MB/);
    }
    const table = read(runs.csv, 'townships.csv').replace(/^\uFEFF/, '').trim().split('\n');
    expect(table.length).toBe(1 + SMALL_REGION.townshipCount);
    // The id serves as the name (the boundaries have no other field).
    const gaps = JSON.parse(read(runs.csv, 'gaps.geojson'));
    expect(gaps.features).toHaveLength(SMALL_REGION.townshipCount);
    for (const feature of gaps.features) expect(feature.properties.name).toMatch(/^\d+$/);
  });

  it('gives identical outputs from CSV, GeoJSON and newline-delimited GeoJSON inputs of the same data', () => {
    for (const file of ['townships.csv', 'townships.geojson', 'gaps.geojson', 'rules.csv']) {
      expect(read(runs.geojson, file) === read(runs.csv, file), file).toBe(true);
      expect(read(runs.ndjson, file) === read(runs.csv, file), `${file} (NDJSON)`).toBe(true);
    }
    // The summaries name the input files in their source line; everything else is the same.
    const withoutFileNames = (text: string) => text.replace(/gapmap analyze: [^"\n]*/, '');
    for (const file of ['summary.json', 'summary.md']) {
      expect(read(runs.csv, file)).toContain('facilities.csv');
      expect(withoutFileNames(read(runs.geojson, file)) === withoutFileNames(read(runs.csv, file)), file).toBe(true);
      expect(withoutFileNames(read(runs.ndjson, file)) === withoutFileNames(read(runs.csv, file)), `${file} (NDJSON)`).toBe(true);
    }
  });

  it('draws each gap within the stated tolerance of township area minus the exact covered area', () => {
    const gaps = JSON.parse(read(runs.csv, 'gaps.geojson'));
    let drawnTotal = 0;
    let exactTotal = 0;
    for (const feature of gaps.features) {
      let area = 0;
      let perimeter = 0;
      for (const polygon of feature.geometry.coordinates as number[][][][]) {
        polygon.forEach((ring, k) => {
          area += (k === 0 ? 1 : -1) * Math.abs(geodesicRingArea(ring));
          perimeter += ringLength(ring);
        });
      }
      const exact = feature.properties.uncovered_km2 * 1e6;
      // Boundary within the tolerance, plus coordinates rounded to 1e-6° (≤ 0.08 m here) and the
      // projection's area scale (< 1e-5 relative).
      const bound = (GAP_TOLERANCE_METRES + 0.08) * perimeter + 1e-5 * exact + 1;
      expect(Math.abs(area - exact), feature.properties.code).toBeLessThanOrEqual(bound);
      drawnTotal += area;
      exactTotal += exact;
    }
    expect(Math.abs(drawnTotal - exactTotal) / exactTotal).toBeLessThan(1e-3);
  });

  it('--no-gaps writes the figures but no gap polygons', () => {
    expect(existsSync(join(runs.noGaps.out, 'gaps.geojson'))).toBe(false);
    expect(runs.noGaps.stderr).toContain('--no-gaps');
    expect(read(runs.noGaps, 'townships.csv')).toBe(read(runs.csv, 'townships.csv'));
  });
});
