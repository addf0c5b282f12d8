// Gap polygons under a travel-time reach (generateGaps for a travel-time request): a hand-worked
// case — one street through a square township, one facility on it: walking at 4.5 km/h on and off
// the road, 15 minutes reach the points with |x| + |y| ≤ 1,125 m, a diamond of 2·1,125² m² that is
// the gap's only hole — and, on seeded random networks, the gap agrees with the grid's times to
// within one grid cell: a cell whose whole neighbourhood is beyond the limit lies in the gap, one
// whose whole neighbourhood is within it does not.
import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../src/core/coverage/compute-coverage.ts';
import { collectGaps } from '../../src/core/coverage/compute-gaps.ts';
import type { GapFeature } from '../../src/core/gaps/township-gap-features.ts';
import type { CoverageRequest } from '../../src/core/coverage/coverage-types.ts';
import { travelModeNetworkOf, travelTimesOf } from '../../src/core/network/travel-time-coverage-of-dataset.ts';
import { preparedAt, projection, randomRoads, seeded } from './network-fixtures.ts';
import { pointInRing } from '../../src/core/geometry/ring-geometry.ts';

/** Projected-plane area of a lon/lat ring (m², unsigned). */
function planeArea(ring: number[][]): number {
  const xy = ring.map(([lon, lat]) => projection.forward(lon, lat));
  let sum = 0;
  for (let i = 0, j = xy.length - 1; i < xy.length; j = i++) sum += (xy[j][0] - xy[i][0]) * (xy[j][1] + xy[i][1]);
  return Math.abs(sum / 2);
}

/** Whether a point of the projected plane is in the gap (tested in the plane the gap was drawn in: the lon/lat rings' straight edges bend there). */
function inGap(feature: GapFeature, x: number, y: number): boolean {
  const plane = feature.geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(([lon, lat]) => projection.forward(lon, lat))));
  return plane.some((polygon) => pointInRing(x, y, polygon[0]) && !polygon.slice(1).some((hole) => pointInRing(x, y, hole)));
}

const walk15 = (types: string[] = ['clinic']): CoverageRequest => ({ filter: { types }, reach: { kind: 'travel-time', minutes: 15, mode: 'walk' } });

describe('travel-time gaps', () => {
  it('one street, one facility: the gap is the township less a 1,125 m diamond (2.531 km²)', () => {
    const prepared = preparedAt([{ x: 0, y: 0 }], [{ x: 0, y: 500, population: 10 }, { x: 3000, y: 3000, population: 7 }], [], [{ points: [[-5000, 0], [5000, 0]] }]);
    const request = walk15();
    const coverage = computeCoverage(prepared, request);
    const gaps = collectGaps(prepared, request, coverage);
    expect(gaps.townships.features).toHaveLength(1);
    const [feature] = gaps.townships.features;
    expect(feature.properties.uncovered_population).toBe(7);
    expect(feature.geometry.coordinates).toHaveLength(1);
    const [polygon] = feature.geometry.coordinates;
    expect(polygon).toHaveLength(2); // the township's outline and the diamond
    const cell = travelModeNetworkOf(prepared, 'walk').network.grid.cellMetres;
    // the diamond's edges cross the grid diagonally: linear interpolation between centres keeps
    // them within a small fraction of a cell, so the area is within perimeter × cell / 4
    const diamond = 2 * 1125 ** 2;
    expect(Math.abs(planeArea(polygon[1]) - diamond)).toBeLessThan(4 * 1125 * Math.SQRT2 * (cell / 4));
    // the outline is the township's own (not the grid's): its area to 1e-6
    const township = prepared.dataset.townships[0].geometry as { coordinates: number[][][] };
    expect(planeArea(polygon[0]) / planeArea(township.coordinates[0])).toBeCloseTo(1, 6);
    // the figures are the coverage's: area from the grid cells, population from the cells
    expect(feature.properties.uncovered_km2).toBeCloseTo(coverage.townships.areaKm2[0] - coverage.townships.coveredAreaKm2[0], 9);
    expect(Math.abs(coverage.townships.coveredAreaKm2[0] - diamond / 1e6)).toBeLessThan(0.05 * (diamond / 1e6));
  });

  for (const seed of [3, 11]) {
    it(`seed ${seed}: agrees with the grid's times to within one cell`, () => {
      const random = seeded(900 + seed);
      const size = 6000;
      const facilities = Array.from({ length: 3 }, () => ({ x: random() * size, y: random() * size }));
      const homes = Array.from({ length: 200 }, () => ({ x: random() * size, y: random() * size, population: 1 + Math.floor(random() * 20) }));
      const prepared = preparedAt(facilities, homes, [], randomRoads(seed, 60, size));
      const request = walk15();
      const gaps = collectGaps(prepared, request, computeCoverage(prepared, request));
      const [feature] = gaps.townships.features;
      const grid = travelModeNetworkOf(prepared, 'walk').network.grid;
      const seconds = travelTimesOf(prepared, request.filter, 'walk').grid.seconds;
      const full = new Float64Array(grid.columns * grid.rows).fill(NaN);
      grid.active.forEach((g, i) => (full[g] = seconds[i]));
      const limit = 15 * 60;
      let inside = 0, outside = 0;
      const pick = seeded(seed);
      // half the samples anywhere, half among the cells within the limit (a small part of the township)
      const reached = grid.active.map((_, i) => i).filter((i) => seconds[i] <= limit);
      for (let n = 0; n < 600; n++) {
        const i = n % 2 === 0 ? Math.floor(pick() * grid.active.length) : reached[Math.floor(pick() * reached.length)];
        const g = grid.active[i];
        const c = g % grid.columns, r = (g - c) / grid.columns;
        let beyond = 0, within = 0;
        for (let dr = -1; dr <= 1; dr++) {
          for (let dc = -1; dc <= 1; dc++) {
            const value = full[c + dc + (r + dr) * grid.columns];
            if (!(c + dc >= 0 && c + dc < grid.columns && r + dr >= 0 && r + dr < grid.rows) || Number.isNaN(value)) continue;
            if (value > limit) beyond++;
            else within++;
          }
        }
        if (beyond > 0 && within > 0) continue; // next to the edge: either side is right
        expect(inGap(feature, grid.x[i], grid.y[i]), `cell ${g}: ${seconds[i] / 60} min`).toBe(beyond > 0);
        if (beyond > 0) inside++;
        else outside++;
      }
      expect(inside).toBeGreaterThan(50);
      expect(outside).toBeGreaterThan(50);
    });
  }
});
