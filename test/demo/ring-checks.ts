// Geometry checks for the demo tests: ring validity (closed, simple, winding), segment keys for
// shared-border checks, point-in-polygon, geodesic areas.
import Flatbush from 'flatbush';
import geographiclib from 'geographiclib-geodesic';
import type { AdminUnit, AreaGeometry } from '../../src/core/types.ts';
import { pointInRing } from '../../src/core/geometry/ring-geometry.ts';

export const polygonsOf = (geometry: AreaGeometry): number[][][][] =>
  (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as number[][][][];

const pointKey = (p: number[]): string => `${p[0]},${p[1]}`;
export const segmentKey = (a: number[], b: number[]): string => `${pointKey(a)};${pointKey(b)}`;

const orient = (a: number[], b: number[], c: number[]): number => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));

function segmentsTouch(a: number[], b: number[], c: number[], d: number[]): boolean {
  const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4 && o1 * o2 <= 0 && o3 * o4 <= 0) return true;
  if (o1 === 0 && o2 === 0) {
    return (
      Math.max(Math.min(a[0], b[0]), Math.min(c[0], d[0])) <= Math.min(Math.max(a[0], b[0]), Math.max(c[0], d[0])) &&
      Math.max(Math.min(a[1], b[1]), Math.min(c[1], d[1])) <= Math.min(Math.max(a[1], b[1]), Math.max(c[1], d[1]))
    );
  }
  return false;
}

/**
 * Pairs of segments, among all rings given, that meet anywhere except where consecutive segments of
 * one ring share their vertex. Returns the number of such pairs (0 for valid, non-touching rings).
 */
export function countIntersections(rings: number[][][]): number {
  const segments: Array<{ ring: number; index: number; a: number[]; b: number[]; length: number }> = [];
  rings.forEach((ring, r) => {
    for (let i = 0; i + 1 < ring.length; i++) segments.push({ ring: r, index: i, a: ring[i], b: ring[i + 1], length: ring.length - 1 });
  });
  const index = new Flatbush(Math.max(1, segments.length));
  for (const s of segments) index.add(Math.min(s.a[0], s.b[0]), Math.min(s.a[1], s.b[1]), Math.max(s.a[0], s.b[0]), Math.max(s.a[1], s.b[1]));
  index.finish();
  let count = 0;
  segments.forEach((s, k) => {
    for (const m of index.search(Math.min(s.a[0], s.b[0]), Math.min(s.a[1], s.b[1]), Math.max(s.a[0], s.b[0]), Math.max(s.a[1], s.b[1]))) {
      if (m <= k) continue;
      const t = segments[m];
      if (s.ring === t.ring) {
        const gap = Math.abs(s.index - t.index);
        if (gap === 1 || gap === s.length - 1) {
          // consecutive segments share one vertex; only folding back onto each other is wrong
          const [shared, u, v] = gap === 1 ? [s.b, s.a, t.b] : [s.a, s.b, t.a];
          const dot = (u[0] - shared[0]) * (v[0] - shared[0]) + (u[1] - shared[1]) * (v[1] - shared[1]);
          if (orient(shared, u, v) === 0 && dot > 0) count++;
          continue;
        }
      }
      if (segmentsTouch(s.a, s.b, t.a, t.b)) count++;
    }
  });
  return count;
}

/** Even–odd point-in-polygon over every ring of the geometry. */
function pointInGeometry(x: number, y: number, geometry: AreaGeometry): boolean {
  let count = 0;
  for (const polygon of polygonsOf(geometry)) for (const ring of polygon) if (pointInRing(x, y, ring)) count++;
  return count % 2 === 1;
}

const geodesic = geographiclib.Geodesic.WGS84;

/** Signed geodesic area (m²) of a closed lon/lat ring: positive counter-clockwise. */
function geodesicRingArea(ring: number[][]): number {
  const polygon = geodesic.Polygon(false);
  for (let i = 0; i + 1 < ring.length; i++) polygon.AddPoint(ring[i][1], ring[i][0]);
  return polygon.Compute(false, true).area ?? 0;
}

/** Geodesic area (m²) of a polygon or multipolygon, holes subtracted. */
export function geodesicArea(geometry: AreaGeometry): number {
  let area = 0;
  for (const polygon of polygonsOf(geometry)) for (const ring of polygon) area += geodesicRingArea(ring);
  return area;
}

/** Finds the unit containing a lon/lat point (−1: none); throws if two units contain it. */
export function createUnitLocator(units: AdminUnit[]): (lon: number, lat: number) => number {
  const index = new Flatbush(Math.max(1, units.length));
  for (const unit of units) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const polygon of polygonsOf(unit.geometry)) for (const [x, y] of polygon[0]) {
      minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
    }
    index.add(minX, minY, maxX, maxY);
  }
  index.finish();
  return (lon, lat) => {
    let found = -1;
    for (const k of index.search(lon, lat, lon, lat)) {
      if (!pointInGeometry(lon, lat, units[k].geometry)) continue;
      if (found >= 0) throw new Error(`(${lon}, ${lat}) lies in two units`);
      found = k;
    }
    return found;
  };
}
