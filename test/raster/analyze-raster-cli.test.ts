// `npm run analyze -- --population file.tif --cohort-raster …` end to end: the CLI fixture's
// population points, written as a 0.0005° GeoTIFF (each point at the centre of its cell) plus two
// age-group rasters, give the same township table and rule results as the points themselves.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { writeGeoTiff, type RasterToWrite } from '../../src/core/raster/write-geotiff.ts';
import { ROOT, runAnalyzeCli } from '../helpers/run-analyze-cli.ts';

/** Test rasters compress with node:zlib. */
const writeTestGeoTiff = (raster: RasterToWrite) => writeGeoTiff({ deflate: (bytes) => deflateSync(bytes), ...raster });

const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'cli', name);
const work = mkdtempSync(join(tmpdir(), 'gapmap-raster-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const analyze = (name: string, args: string[]) => runAnalyzeCli(join(work, name), args);

const CELL = 0.0005;
const ORIGIN_X = 102.5 - CELL / 2;
const ORIGIN_Y = 24.34 + CELL / 2;
const SIZE = 81;

/** One raster per field: each fixture point's value in the cell whose centre it is. */
function rasterOf(field: string): RasterToWrite {
  const points = JSON.parse(readFileSync(fixture('population.geojson'), 'utf8')).features as { geometry: { coordinates: number[] }; properties: Record<string, number> }[];
  const values = new Array<number>(SIZE * SIZE).fill(-1);
  for (const point of points) {
    const [lon, lat] = point.geometry.coordinates;
    const column = Math.round((lon - ORIGIN_X) / CELL - 0.5);
    const row = Math.round((ORIGIN_Y - lat) / CELL - 0.5);
    values[row * SIZE + column] = point.properties[field];
  }
  return { width: SIZE, height: SIZE, values, sampleType: 'float32', originX: ORIGIN_X, originY: ORIGIN_Y, cellWidth: CELL, cellHeight: CELL, crs: 4326, noData: -1, compression: 'deflate', tile: 16 };
}

const COMMON = [
  '--boundaries', fixture('townships.geojson'),
  '--counties', fixture('counties.geojson'),
  '--facilities', fixture('daycare.geojson'), '--type', 'elder-daycare',
  '--facilities', fixture('nurseries.geojson'), '--type', 'nursery',
  '--places', fixture('places.geojson'),
  '--areas', fixture('areas.geojson'),
  '--rules', fixture('rules.json'),
  '--radius', '500',
];

describe('analyze with a population GeoTIFF', () => {
  it('gives the same townships and rules as the same population as points', async () => {
    for (const field of ['population', 'age60plus', 'age0_3']) writeFileSync(join(work, `${field}.tif`), Buffer.from(writeTestGeoTiff(rasterOf(field))));
    const [points, raster] = await Promise.all([
      analyze('points', [...COMMON, '--population', fixture('population.geojson')]),
      analyze('raster', [...COMMON, '--population', join(work, 'population.tif'), '--cohort-raster', `age60plus=${join(work, 'age60plus.tif')}`, '--cohort-raster', `age0_3=${join(work, 'age0_3.tif')}`]),
    ]);
    expect(points.code, points.stderr).toBe(0);
    expect(raster.code, raster.stderr).toBe(0);
    const table = (run: { out: string }) => readFileSync(join(run.out, 'townships.csv'), 'utf8');
    expect(table(raster)).toBe(table(points));
    const rules = (run: { out: string }) => JSON.parse(readFileSync(join(run.out, 'summary.json'), 'utf8')).rules.map((r: { id: string; value: unknown; pass: unknown }) => [r.id, r.value, r.pass]);
    expect(rules(raster)).toEqual(rules(points));
  });

  it('a bad --cohort-raster or an unreadable raster is a clear error', async () => {
    const bad = await analyze('bad', [...COMMON, '--population', join(work, 'missing.tif')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('missing.tif');
    expect(bad.stderr).toMatch(/无法读取栅格文件/);
    const usage = await analyze('usage', [...COMMON, '--population', fixture('population.geojson'), '--cohort-raster', 'age60plus=x.tif']);
    expect(usage.code).toBe(2);
  });
});
