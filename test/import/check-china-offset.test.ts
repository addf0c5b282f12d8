// Issue 7: the GCJ-02 offset check works on coordinates against a reference (boundaries or another
// layer), never on names. Layers are generated here: WGS84 truth, and the same points through the
// GCJ-02 forward transform (what Amap/Tencent return), saved under innocent names.
import { describe, expect, it } from 'vitest';
import { checkChinaOffset } from '../../src/core/import/check-china-offset.ts';
import { bd09ToWgs84, CHINA_OFFSET_REACH, chinaOffsetBound, gcj02ToWgs84, wgs84ToGcj02Position } from '../../src/core/import/convert-china-offsets.ts';
import { importLayer } from '../../src/core/import/import-layer.ts';
import { createRandom } from '../../scripts/demo/seeded-random.ts';
import { file } from './craft-files.ts';
import { pointInRing } from '../../src/core/geometry/ring-geometry.ts';

/** A 4 × 3 grid of 6 km square "townships" near 玉溪 (WGS84 rings, counter-clockwise). */
function townships(): number[][][][] {
  const out: number[][][][] = [];
  const size = 0.06;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 3; j++) {
      const w = 102.3 + i * size;
      const s = 24.2 + j * size;
      out.push([[[w, s], [w + size, s], [w + size, s + size], [w, s + size], [w, s]]]);
    }
  }
  return out;
}

/** Facilities spread over the region (WGS84 truth). */
function facilities(count: number, seed: number): [number, number][] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => [102.3 + random.next() * 0.24, 24.2 + random.next() * 0.18]);
}

const toGcj = (points: [number, number][]): [number, number][] => points.map(([lon, lat]) => wgs84ToGcj02Position(lon, lat));
const csv = (points: [number, number][]): string => ['名称,经度,纬度', ...points.map(([lon, lat], i) => `设施${i},${lon.toFixed(6)},${lat.toFixed(6)}`)].join('\n');

describe('checkChinaOffset', () => {
  const truth = facilities(400, 3);
  const boundaries = townships();

  it('finds a GCJ-02 point layer against WGS84 boundaries', () => {
    const check = checkChinaOffset(toGcj(truth), 'points', { polygons: boundaries });
    expect(check.verdict).toBe('gcj02');
    expect(check.method).toBe('points-outside');
    expect(check.asRead).toBeGreaterThan(3);
    expect(check.afterGcj02).toBe(0);
    // The GCJ-02 shift near 102.4°E, 24.3°N is a few hundred metres.
    expect(check.distance).toBeGreaterThan(200);
    expect(check.distance).toBeLessThan(800);
  });

  it('does not flag the WGS84 truth', () => {
    const check = checkChinaOffset(truth, 'points', { polygons: boundaries });
    expect(check.verdict).toBe('none');
    expect(check.asRead).toBe(0);
  });

  it('finds GCJ-02 boundaries against WGS84 boundaries by their shared edges', () => {
    const shifted = boundaries.map((polygon) => polygon.map((ring) => ring.map(([lon, lat]) => wgs84ToGcj02Position(lon, lat))));
    const sample = shifted.flatMap((polygon) => polygon[0]);
    expect(checkChinaOffset(sample, 'lines-or-polygons', { polygons: boundaries }).verdict).toBe('gcj02');
    expect(checkChinaOffset(boundaries.flatMap((polygon) => polygon[0]), 'lines-or-polygons', { polygons: boundaries }).verdict).toBe('none');
  });

  it('finds a GCJ-02 layer against reference points (another layer of the same places)', () => {
    expect(checkChinaOffset(toGcj(truth.slice(0, 50)), 'points', { points: truth.slice(0, 50) }).verdict).toBe('gcj02');
    expect(checkChinaOffset(truth.slice(0, 50), 'points', { points: truth.slice(0, 50) }).verdict).toBe('none');
  });

  it('says "undetermined" for a layer that is elsewhere altogether', () => {
    const beijing: [number, number][] = truth.map(([lon, lat]) => [lon + 14, lat + 15.6]);
    expect(checkChinaOffset(beijing, 'points', { polygons: boundaries }).verdict).toBe('undetermined');
  });
});

/** Inside any polygon by the plain even-odd ray test over its rings: the method to check the indexed one against. */
const insideAny = (lon: number, lat: number, polygons: number[][][][]): boolean =>
  polygons.some((polygon) => pointInRing(lon, lat, polygon[0]) && !polygon.slice(1).some((hole) => pointInRing(lon, lat, hole)));

describe('points outside the boundaries, counted with the outline shortcut', () => {
  it('equal a plain point-in-polygon count over every ring, as read and after each inverse', () => {
    // The grid of townships (shared borders), one with a hole that another polygon fills, and an
    // island sharing no vertex with them.
    const polygons = townships();
    const [w, s] = [102.3 + 0.06, 24.2 + 0.06];
    polygons[4] = [polygons[4][0], [[w + 0.02, s + 0.02], [w + 0.02, s + 0.04], [w + 0.04, s + 0.04], [w + 0.04, s + 0.02], [w + 0.02, s + 0.02]]];
    polygons.push([[[w + 0.02, s + 0.02], [w + 0.04, s + 0.02], [w + 0.04, s + 0.04], [w + 0.02, s + 0.04], [w + 0.02, s + 0.02]]]);
    polygons.push([[[102.6, 24.25], [102.62, 24.25], [102.62, 24.27], [102.6, 24.25]]]);
    const random = createRandom(29);
    const sample: [number, number][] = Array.from({ length: 3000 }, () => [102.28 + random.next() * 0.36, 24.18 + random.next() * 0.22]);
    const shifted = toGcj(sample);
    for (const points of [sample, shifted]) {
      const check = checkChinaOffset(points, 'points', { polygons });
      expect(check.method).toBe('points-outside');
      expect(check.asRead).toBe(points.filter(([lon, lat]) => !insideAny(lon, lat, polygons)).length);
      expect(check.afterGcj02).toBe(points.filter(([lon, lat]) => !insideAny(...gcj02ToWgs84(lon, lat), polygons)).length);
      expect(check.afterBd09).toBe(points.filter(([lon, lat]) => !insideAny(...bd09ToWgs84(lon, lat), polygons)).length);
    }
  });
});

describe('chinaOffsetBound', () => {
  it('bounds how far both inverses move a position, all over China (the check skips them where no border is that near)', () => {
    const random = createRandom(17);
    let tightest = Infinity;
    for (let i = 0; i < 2000; i++) {
      const lon = 73.5 + random.next() * 61.5;
      const lat = 18 + random.next() * 35.5;
      const bound = chinaOffsetBound(lon, lat);
      expect(bound).toBeLessThan(CHINA_OFFSET_REACH);
      for (const [x, y] of [gcj02ToWgs84(lon, lat), bd09ToWgs84(lon, lat)]) {
        const moved = Math.max(Math.abs(x - lon), Math.abs(y - lat));
        expect(moved).toBeLessThanOrEqual(bound);
        tightest = Math.min(tightest, bound - moved);
      }
    }
    // Not a loose bound: on some position it is within a few metres of the true move.
    expect(tightest).toBeLessThan(1e-4);
  });
});

describe('importLayer runs the check when given the boundaries', () => {
  const truth = facilities(400, 5);
  const boundaries = townships();

  it('a GCJ-02 CSV with an innocent name is reported, with the fix to choose', async () => {
    const result = await importLayer([file('设施.csv', csv(toGcj(truth)))], { referencePolygons: boundaries, pointTable: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const problem = result.value.problems.find((p) => p.code === 'gcj02-offset-suspected');
    expect(problem?.fix).toEqual({ crs: 'gcj02' });
    expect(result.value.problems.some((p) => p.code === 'crs-name-hint')).toBe(false);
    // Re-read as GCJ-02, the layer sits on the truth within a metre.
    const fixed = await importLayer([file('设施.csv', csv(toGcj(truth)))], { referencePolygons: boundaries, pointTable: true, crs: 'gcj02' });
    if (!fixed.ok) throw new Error('re-import failed');
    expect(fixed.value.problems.some((p) => p.code === 'gcj02-offset-suspected')).toBe(false);
    const points = fixed.value.points!;
    for (let i = 0; i < truth.length; i += 37) {
      expect(Math.abs(points.lon[i] - truth[i][0])).toBeLessThan(1e-5);
      expect(Math.abs(points.lat[i] - truth[i][1])).toBeLessThan(1e-5);
    }
  });

  it('a WGS84 CSV is not reported', async () => {
    const result = await importLayer([file('设施.csv', csv(truth))], { referencePolygons: boundaries });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.problems.some((p) => /offset-suspected/.test(p.code))).toBe(false);
  });

  it('a GCJ-02 GeoJSON point layer is reported too', async () => {
    const features = toGcj(truth).map(([lon, lat]) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [lon, lat] } }));
    const result = await importLayer([file('points.geojson', JSON.stringify({ type: 'FeatureCollection', features }))], { referencePolygons: boundaries });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.problems.map((p) => p.code)).toContain('gcj02-offset-suspected');
  });
});
