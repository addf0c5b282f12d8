// The gaps' coordinate text written byte by byte (write-coordinates-json.ts) against
// JSON.stringify of the same coordinates rounded to 1e-6° as nested arrays: the same text for
// a million longitudes and latitudes, for values on and near the rounding boundaries, integers,
// negatives, −0, tiny and huge values and NaN, and for whole polygons through the local projection.
import { describe, expect, it } from 'vitest';
import { JsonBytes, writeCoordinatesJson } from '../../src/core/gaps/write-coordinates-json.ts';
import { createLocalProjection } from '../../src/core/geodesy/local-projection.ts';
import { toWgs84 } from '../../src/core/gaps/township-gap-features.ts';
import { createRandom } from '../../scripts/demo/seeded-random.ts';

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

function written(values: number[]): string {
  const out = new JsonBytes();
  values.forEach((v, i) => {
    if (i > 0) out.byte(44);
    out.microdegrees(v);
  });
  return out.take();
}

describe('writing coordinates as JSON', () => {
  const random = createRandom(11);
  it('writes what JSON.stringify writes for a coordinate rounded to 1e-6°', () => {
    const values: number[] = [];
    for (let i = 0; i < 1_000_000; i++) values.push(i % 2 ? -180 + random.next() * 360 : -90 + random.next() * 180);
    for (let k = -3_000; k <= 3_000; k++) values.push(k / 1e6, k / 1e6 + 5e-7, k / 1e6 - 5e-7, 102 + k / 1e6, -24 - k / 1e6, 100.0000005 + k);
    values.push(0, -0, 1e-7, -1e-7, 4.9999999e-7, 5e-7, -5e-7, 180, -180, 90.5, 1e9 + 0.25, 123456789.123456, 1e20, -1e300, NaN, Infinity, -Infinity);
    for (let start = 0; start < values.length; start += 50_000) {
      const slice = values.slice(start, start + 50_000);
      expect(written(slice)).toBe(slice.map((v) => JSON.stringify(round6(v))).join(','));
    }
  });

  it('writes polygons as JSON.stringify writes their closed rings of [lon, lat]', () => {
    const projection = createLocalProjection(102.5, 24.3);
    const ring = (n: number, cx: number, cy: number) => Float64Array.from({ length: 2 * n }, (_, j) => (j % 2 === 0 ? cx : cy) + (random.next() - 0.5) * 20_000);
    const polygons = [[ring(5, 0, 0), ring(3, 100, -50)], [ring(40, -30_000, 12_000)], [ring(3, 5, 5), new Float64Array(0)]];
    const [originX, originY] = [1234.5, -6789.25];
    // As one thread writes them: the features' own arrays (toWgs84), stringified.
    const expected = JSON.stringify(toWgs84(projection, polygons, originX, originY));
    const out = new JsonBytes();
    expect(writeCoordinatesJson(out, polygons, (x, y) => projection.inverse(x, y), originX, originY)).toBe(expected);
    // The buffer is empty again for the next township.
    expect(writeCoordinatesJson(out, [], (x, y) => projection.inverse(x, y), 0, 0)).toBe('[]');
  });
});
