// Gap geometry in the plane: traced gaps (and the Clipper2 fallback) against the exact kernel's
// area. The drawn boundary is within GAP_TOLERANCE_METRES of the exact one, so for each township
// |drawn area − exact area| ≤ tolerance × drawn perimeter; the figures are checked to that bound,
// and the drawn rings are checked to be closed, simple in orientation (outer CCW, holes CW) and
// inside the township's box.
import { describe, expect, it } from 'vitest';
import { PLANE } from '../helpers/plane-projection.ts';
import { createRandom } from '../../scripts/demo/seeded-random.ts';
import { projectZones, type ProjectedZones } from '../../src/core/geometry/projected-zones.ts';
import { discUnionAreaByZone, type Discs } from '../../src/core/coverage/disc-union-area.ts';
import { createTraceContext, traceTownshipGap } from '../../src/core/gaps/trace-township-gap.ts';
import { clipTownshipGap, type FlatPolygon } from '../../src/core/gaps/clip-township-gap.ts';
import { drawReducedDiscs } from '../../src/core/gaps/draw-reduced-discs.ts';
import { discPolygonDeviation, discPolygonSegments } from '../../src/core/gaps/draw-disc.ts';
import { zoneRings, zoneVertexStarts } from '../../src/core/gaps/township-rings.ts';
import { GAP_TOLERANCE_METRES } from '../../src/core/coverage/compute-gaps.ts';
import type { AreaGeometry } from '../../src/core/types.ts';

const T = GAP_TOLERANCE_METRES;



const square = (x0: number, y0: number, x1: number, y1: number): number[][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

function discsOf(list: Array<[number, number, number]>): Discs {
  return { x: Float64Array.from(list, (d) => d[0]), y: Float64Array.from(list, (d) => d[1]), r: Float64Array.from(list, (d) => d[2]) };
}

function ringArea(ring: Float64Array): number {
  let sum = 0;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) sum += ring[2 * j] * ring[2 * i + 1] - ring[2 * i] * ring[2 * j + 1];
  return sum / 2;
}

function ringLength(ring: Float64Array): number {
  let sum = 0;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) sum += Math.hypot(ring[2 * i] - ring[2 * j], ring[2 * i + 1] - ring[2 * j + 1]);
  return sum;
}

function measure(polygons: FlatPolygon[]): { area: number; perimeter: number } {
  let area = 0;
  let perimeter = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, k) => {
      const a = ringArea(ring);
      if (k === 0) expect(a).toBeGreaterThan(0);
      else expect(a).toBeLessThan(0);
      area += a;
      perimeter += ringLength(ring);
    });
  }
  return { area, perimeter };
}

interface Scene {
  zones: ProjectedZones;
  discs: Discs;
  exact: Float64Array;
}

function scene(geometries: AreaGeometry[], list: Array<[number, number, number]>): Scene {
  const zones = projectZones(geometries, PLANE);
  const discs = discsOf(list);
  const covered = discUnionAreaByZone(zones, discs);
  return { zones, discs, exact: Float64Array.from(covered, (c, z) => zones.projectedArea[z] - c) };
}

/** Traced gap of every zone (null where tracing declines), with the origin at the zone's box centre. */
function traceAll(s: Scene): Array<FlatPolygon[] | null> {
  const starts = zoneVertexStarts(s.zones);
  const context = createTraceContext(s.zones, starts, s.discs, T);
  return Array.from({ length: s.zones.count }, (_, z) => traceTownshipGap(context, z, 0, 0));
}

function clipAll(s: Scene): FlatPolygon[][] {
  const starts = zoneVertexStarts(s.zones);
  const reduced = drawReducedDiscs(s.discs, T);
  const rings: Float64Array[] = [];
  for (let k = 0; k < s.discs.x.length; k++) {
    if (reduced.offsets[k + 1] > reduced.offsets[k]) rings.push(reduced.coords.slice(2 * reduced.offsets[k], 2 * reduced.offsets[k + 1]));
  }
  return Array.from({ length: s.zones.count }, (_, z) => clipTownshipGap(zoneRings(s.zones, starts, z), rings, T));
}

function expectWithinTolerance(s: Scene, z: number, polygons: FlatPolygon[]): void {
  const { area, perimeter } = measure(polygons);
  expect(Math.abs(area - s.exact[z])).toBeLessThanOrEqual(T * perimeter + 1e-6);
}

describe('disc polygons', () => {
  it('stay within the tolerance of the circle with the fewest segments', () => {
    for (const r of [50, 300, 1500, 10000]) {
      const n = discPolygonSegments(r, T);
      expect(discPolygonDeviation(r, n)).toBeLessThanOrEqual(T);
      if (n > 8) expect(discPolygonDeviation(r, n - 1)).toBeGreaterThan(T);
    }
  });
});

describe('traced gaps', () => {
  it('a disc inside a square leaves a hole; the area is the square minus the circle', () => {
    const s = scene([{ type: 'Polygon', coordinates: [square(0, 0, 1000, 1000)] }], [[500, 500, 300]]);
    const [gap] = traceAll(s);
    expect(gap).not.toBeNull();
    expect(gap!).toHaveLength(1);
    expect(gap![0]).toHaveLength(2);
    expectWithinTolerance(s, 0, gap!);
  });

  it('a disc covering the township leaves nothing; no disc leaves the township', () => {
    const covered = scene([{ type: 'Polygon', coordinates: [square(0, 0, 1000, 1000)] }], [[500, 500, 2000]]);
    expect(traceAll(covered)[0]).toEqual([]);
    const empty = scene([{ type: 'Polygon', coordinates: [square(0, 0, 1000, 1000)] }], []);
    const [gap] = traceAll(empty);
    expect(gap).toHaveLength(1);
    expect(measure(gap!).area).toBeCloseTo(1e6, 6);
  });

  it('cuts edges, merges overlapping, duplicate and nested discs, keeps lakes and parts of multipolygons', () => {
    const geometries: AreaGeometry[] = [
      // A township with a lake that a disc half covers.
      { type: 'Polygon', coordinates: [square(0, 0, 4000, 4000), square(2500, 2500, 3500, 3500).reverse()] },
      // Two parts bridged by one disc.
      { type: 'MultiPolygon', coordinates: [[square(5000, 0, 6000, 1000)], [[[6200, 0], [7200, 0], [7200, 1000], [6200, 1000], [6200, 0]]]] },
    ];
    const s = scene(geometries, [
      [0, 0, 900], // over a corner
      [2000, 4000, 700], // across an edge
      [2600, 4000, 700], // overlapping it
      [2600, 4000, 700], // an exact duplicate
      [2600, 4000, 200], // nested
      [3000, 2500, 600], // over the lake's edge
      [1500, 1500, 400], // inside, alone
      [1500, 1800, 300], // overlapping that one, inside
      [6100, 500, 450], // bridging the two parts
    ]);
    const traced = traceAll(s);
    traced.forEach((gap, z) => {
      expect(gap).not.toBeNull();
      expectWithinTolerance(s, z, gap!);
    });
    clipAll(s).forEach((gap, z) => expectWithinTolerance(s, z, gap));
    // The second township falls apart into two pieces, each with a bite out of it.
    expect(traced[1]!.length).toBe(2);
  });

  it('agrees with the exact area on random scenes (star-shaped townships, 300 discs of mixed radii)', () => {
    const random = createRandom(7).next;
    let declined = 0;
    for (let trial = 0; trial < 6; trial++) {
      const geometries: AreaGeometry[] = [];
      for (let t = 0; t < 4; t++) {
        const cx = (t % 2) * 12000, cy = Math.floor(t / 2) * 12000;
        const ring: number[][] = [];
        const n = 40 + Math.floor(random() * 60);
        for (let k = 0; k < n; k++) {
          const a = (2 * Math.PI * k) / n;
          const r = 3000 + random() * 2500;
          ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
        }
        ring.push(ring[0]);
        geometries.push({ type: 'Polygon', coordinates: [ring] });
      }
      const list: Array<[number, number, number]> = [];
      for (let k = 0; k < 300; k++) list.push([-6000 + random() * 24000, -6000 + random() * 24000, 200 + random() * 1800]);
      const s = scene(geometries, list);
      const traced = traceAll(s);
      const clipped = clipAll(s);
      traced.forEach((gap, z) => {
        if (gap === null) declined++;
        else expectWithinTolerance(s, z, gap);
        expectWithinTolerance(s, z, clipped[z]);
      });
    }
    expect(declined).toBeLessThanOrEqual(1);
  });

  it('declines a circle through a township vertex and three circles through one point (the caller clips those)', () => {
    const throughVertex = scene([{ type: 'Polygon', coordinates: [square(0, 0, 1000, 1000)] }], [[900, 900, Math.hypot(100, 100)]]);
    expect(traceAll(throughVertex)[0]).toBeNull();
    expectWithinTolerance(throughVertex, 0, clipAll(throughVertex)[0]);
    // Three circles of radius 200 around the point (500, 500).
    const threeWay = scene(
      [{ type: 'Polygon', coordinates: [square(0, 0, 1000, 1000)] }],
      [0, 2, 4].map((k) => [500 + 200 * Math.cos((k * Math.PI) / 3), 500 + 200 * Math.sin((k * Math.PI) / 3), 200] as [number, number, number]),
    );
    const traced = traceAll(threeWay)[0];
    if (traced) expectWithinTolerance(threeWay, 0, traced);
    expectWithinTolerance(threeWay, 0, clipAll(threeWay)[0]);
  });
});
