// The Green's-theorem disc-union area against an independent method (polygon clipping with
// finely polygonised discs, polyclip-ts), plus invariants: rotation/reversal/reordering of
// rings and features, monotonic growth with the radius, covered ≤ total.
import { describe, expect, it } from 'vitest';
import { PLANE } from '../helpers/plane-projection.ts';
import { createRandom } from '../../scripts/demo/seeded-random.ts';
import * as polyclip from 'polyclip-ts';
import { projectZones } from '../../src/core/geometry/projected-zones.ts';
import { discUnionAreaByZone, type Discs } from '../../src/core/coverage/disc-union-area.ts';
import type { AreaGeometry } from '../../src/core/types.ts';



/** A random star-shaped (simple) polygon around (cx, cy). */
function starRing(random: () => number, cx: number, cy: number, radius: number, n: number): number[][] {
  const ring: number[][] = [];
  for (let i = 0; i < n; i++) {
    const angle = (2 * Math.PI * i) / n;
    const r = radius * (0.5 + 0.5 * random());
    ring.push([cx + r * Math.cos(angle), cy + r * Math.sin(angle)]);
  }
  ring.push(ring[0]);
  return ring;
}

function discPolygon(x: number, y: number, r: number, n: number): number[][] {
  // Equal-area polygon: scale the vertices so the n-gon's area equals πr².
  const k = Math.sqrt((2 * Math.PI) / (n * Math.sin((2 * Math.PI) / n)));
  const ring: number[][] = [];
  for (let i = 0; i < n; i++) ring.push([x + k * r * Math.cos((2 * Math.PI * i) / n), y + k * r * Math.sin((2 * Math.PI * i) / n)]);
  ring.push(ring[0]);
  return ring;
}

function clippedArea(geometry: polyclip.Geom): number {
  let area = 0;
  for (const polygon of geometry as number[][][][]) {
    polygon.forEach((ring, i) => {
      let s = 0;
      for (let k = 0; k + 1 < ring.length; k++) s += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
      area += (i === 0 ? 1 : -1) * Math.abs(s / 2);
    });
  }
  return area;
}

function randomScene(seed: number) {
  const random = createRandom(seed).next;
  const zones: AreaGeometry[] = [];
  for (let i = 0; i < 4; i++) {
    zones.push({ type: 'Polygon', coordinates: [starRing(random, (i % 2) * 12000, Math.floor(i / 2) * 12000, 6000, 40)] });
  }
  const count = 25;
  const discs: Discs = {
    x: Float64Array.from({ length: count }, () => -5000 + random() * 22000),
    y: Float64Array.from({ length: count }, () => -5000 + random() * 22000),
    r: Float64Array.from({ length: count }, () => 800 + random() * 2500),
  };
  return { zones, discs };
}

describe('disc-union area', () => {
  for (const seed of [1, 2, 3]) {
    it(`matches polygon clipping on random scene ${seed} (within 2e-5 of each zone's area)`, () => {
      const { zones, discs } = randomScene(seed);
      const areas = discUnionAreaByZone(projectZones(zones, PLANE), discs);
      const discPolys = Array.from(discs.x, (_, i) => [discPolygon(discs.x[i], discs.y[i], discs.r[i], 1024)]) as polyclip.Geom[];
      const union = polyclip.union(discPolys[0], ...discPolys.slice(1));
      zones.forEach((zone, z) => {
        const reference = clippedArea(polyclip.intersection(zone.coordinates as polyclip.Geom, union));
        const zoneArea = clippedArea([zone.coordinates] as polyclip.Geom);
        expect(Math.abs(areas[z] - reference) / zoneArea).toBeLessThan(2e-5);
      });
    });
  }

  it('does not change when rings are rotated or reversed, or zones and discs are reordered', () => {
    const { zones, discs } = randomScene(7);
    const base = discUnionAreaByZone(projectZones(zones, PLANE), discs);
    const rotated = zones.map((zone, z) => {
      const ring = zone.coordinates[0].slice(0, -1) as number[][];
      const shift = (z * 7 + 3) % ring.length;
      let moved = [...ring.slice(shift), ...ring.slice(0, shift)];
      if (z % 2 === 0) moved = moved.reverse();
      return { type: 'Polygon' as const, coordinates: [[...moved, moved[0]]] };
    });
    const order = [3, 1, 0, 2];
    const reordered = order.map((z) => rotated[z]);
    const n = discs.x.length;
    const perm = Array.from({ length: n }, (_, i) => (i * 7) % n);
    const shuffled: Discs = {
      x: Float64Array.from(perm, (i) => discs.x[i]),
      y: Float64Array.from(perm, (i) => discs.y[i]),
      r: Float64Array.from(perm, (i) => discs.r[i]),
    };
    const again = discUnionAreaByZone(projectZones(reordered, PLANE), shuffled);
    order.forEach((z, k) => expect(again[k]).toBeCloseTo(base[z], 3));
  });

  it('never shrinks as the radius grows and never exceeds the zone', () => {
    const { zones, discs } = randomScene(11);
    const projected = projectZones(zones, PLANE);
    let previous: Float64Array = new Float64Array(zones.length);
    for (const factor of [0.1, 0.3, 0.6, 1, 1.5, 2.5, 5, 10]) {
      const scaled = { ...discs, r: discs.r.map((r) => r * factor) };
      const areas = discUnionAreaByZone(projected, scaled);
      for (let z = 0; z < zones.length; z++) {
        expect(areas[z]).toBeGreaterThanOrEqual(previous[z] - 1e-6);
        expect(areas[z]).toBeLessThanOrEqual(projected.projectedArea[z] * (1 + 1e-12));
      }
      previous = areas;
    }
    // At 10× every zone is wholly covered.
    for (let z = 0; z < zones.length; z++) expect(previous[z]).toBeCloseTo(projected.projectedArea[z], 3);
  });
});
