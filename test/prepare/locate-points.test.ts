// Points located from the grid of cells that no edge comes near (locate-points.ts) against
// locateZone point by point: the same zone for every point — random points over star-shaped
// townships with holes and multipolygons, overlapping zones (the lowest-numbered
// holder wins), points exactly on vertices, on edges and on the grid's own lines, points outside
// the zones and not-a-number points — and the same for a few points (no grid).
import { describe, expect, it } from 'vitest';
import { PLANE } from '../helpers/plane-projection.ts';
import { createRandom } from '../../scripts/demo/seeded-random.ts';
import { locateZone, projectZones } from '../../src/core/geometry/projected-zones.ts';
import { locatePoints } from '../../src/core/prepare/locate-points.ts';
import type { AreaGeometry } from '../../src/core/types.ts';

const random = createRandom(23);

/** A star-shaped ring around (cx, cy) with `n` vertices and radii in [r / 2, r]. */
function star(cx: number, cy: number, r: number, n: number): number[][] {
  const ring = Array.from({ length: n }, (_, k) => {
    const a = (2 * Math.PI * k) / n;
    const rho = r * (0.5 + 0.5 * random.next());
    return [cx + rho * Math.cos(a), cy + rho * Math.sin(a)];
  });
  return [...ring, ring[0]];
}

function zonesForTest(): AreaGeometry[] {
  const zones: AreaGeometry[] = [];
  for (let j = 0; j < 6; j++) {
    for (let i = 0; i < 6; i++) {
      const cx = i * 10_000, cy = j * 10_000;
      if ((i + j) % 5 === 0) {
        // With a hole, and a second part.
        zones.push({ type: 'MultiPolygon', coordinates: [[star(cx, cy, 4_800, 300), star(cx, cy, 1_500, 40).reverse()], [star(cx + 3_000, cy + 3_000, 600, 12)]] });
      } else zones.push({ type: 'Polygon', coordinates: [star(cx, cy, 5_200, 60 + ((i * 7 + j) % 200))] });
    }
  }
  // Overlapping the first zones: a big square.
  zones.push({ type: 'Polygon', coordinates: [[[-2_000, -2_000], [12_000, -2_000], [12_000, 12_000], [-2_000, 12_000], [-2_000, -2_000]]] });
  return zones;
}

describe('locatePoints', () => {
  const zones = projectZones(zonesForTest(), PLANE);

  it('gives locateZone\'s zone for every point: random, on vertices, on edges, outside, NaN', () => {
    const x: number[] = [], y: number[] = [];
    for (let k = 0; k < 200_000; k++) (x.push(-8_000 + random.next() * 66_000), y.push(-8_000 + random.next() * 66_000));
    const { coords, edgeEnd } = zones;
    for (let g = 0; g < edgeEnd.length; g += 3) {
      const h = edgeEnd[g];
      x.push(coords[2 * g], (coords[2 * g] + coords[2 * h]) / 2);
      y.push(coords[2 * g + 1], (coords[2 * g + 1] + coords[2 * h + 1]) / 2);
    }
    // A lattice that includes the grid's own lines (multiples of round numbers from the extent's corner).
    const [minX, minY] = zones.extent;
    for (let j = 0; j < 150; j++) for (let i = 0; i < 150; i++) (x.push(minX + i * 400), y.push(minY + j * 400));
    x.push(NaN, 5, Infinity, -1e9);
    y.push(5, NaN, 0, -1e9);
    const px = Float64Array.from(x), py = Float64Array.from(y);
    const located = locatePoints(zones, px, py);
    const expected = Int32Array.from(px, (v, i) => locateZone(zones, v, py[i]));
    let differ = 0;
    for (let i = 0; i < px.length; i++) if (located[i] !== expected[i]) differ++;
    expect(differ).toBe(0);
    // The overlapping square takes the points no lower-numbered zone holds.
    expect(Array.from(located).filter((z) => z === zones.count - 1).length).toBeGreaterThan(0);
  });

  it('locates a few points one by one, and none in no zones', () => {
    const px = Float64Array.of(0, 10_000, 70_000), py = Float64Array.of(0, 0, 0);
    expect(Array.from(locatePoints(zones, px, py))).toEqual(Array.from(px, (v, i) => locateZone(zones, v, py[i])));
    expect(Array.from(locatePoints(projectZones([], PLANE), px, py))).toEqual([-1, -1, -1]);
  });
});
