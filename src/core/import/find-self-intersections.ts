// Finds where a polygon's edges cross: within a ring (self-intersection, a bow-tie when the ring has
// four corners) or between two rings of the same polygon. Only proper crossings count; rings that
// touch at a vertex are left alone (common in real boundary data and harmless for areas).
// A sweep over segments sorted by longitude keeps a 50 000-vertex boundary to milliseconds.
import type { GeoJsonPosition } from '../geojson-types.ts';

export interface Crossing {
  ringA: number;
  ringB: number;
  at: [number, number];
}

function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const value = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return value > 0 ? 1 : value < 0 ? -1 : 0;
}

function crossingPoint(a: GeoJsonPosition, b: GeoJsonPosition, c: GeoJsonPosition, d: GeoJsonPosition): [number, number] | undefined {
  const o1 = orientation(a[0], a[1], b[0], b[1], c[0], c[1]);
  const o2 = orientation(a[0], a[1], b[0], b[1], d[0], d[1]);
  const o3 = orientation(c[0], c[1], d[0], d[1], a[0], a[1]);
  const o4 = orientation(c[0], c[1], d[0], d[1], b[0], b[1]);
  if (o1 * o2 >= 0 || o3 * o4 >= 0) return undefined;
  const denominator = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0]);
  const t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / denominator;
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}

/** Rings must be closed (first = last). Returns the first crossing found, or undefined. */
export function findSelfIntersection(rings: GeoJsonPosition[][]): Crossing | undefined {
  let total = 0;
  for (const ring of rings) total += Math.max(0, ring.length - 1);
  if (total < 3) return undefined;
  const segmentRing = new Int32Array(total);
  const segmentIndex = new Int32Array(total);
  let k = 0;
  rings.forEach((ring, r) => {
    for (let i = 0; i + 1 < ring.length; i++) {
      segmentRing[k] = r;
      segmentIndex[k] = i;
      k++;
    }
  });
  const segment = (s: number): [GeoJsonPosition, GeoJsonPosition] => {
    const ring = rings[segmentRing[s]];
    return [ring[segmentIndex[s]], ring[segmentIndex[s] + 1]];
  };
  const adjacent = (s: number, t: number): boolean => {
    if (segmentRing[s] !== segmentRing[t]) return false;
    const n = rings[segmentRing[s]].length - 1;
    const i = segmentIndex[s];
    const j = segmentIndex[t];
    return Math.abs(i - j) === 1 || Math.abs(i - j) === n - 1;
  };
  const test = (s: number, t: number): Crossing | undefined => {
    if (s === t || adjacent(s, t)) return undefined;
    const [a, b] = segment(s);
    const [c, d] = segment(t);
    const at = crossingPoint(a, b, c, d);
    return at ? { ringA: segmentRing[s], ringB: segmentRing[t], at } : undefined;
  };
  // Sweep and prune: segments sorted by their west end; each is tested only against the segments
  // that start before it ends (and overlap it in latitude). O(n log n + overlaps).
  const minX = new Float64Array(total);
  const maxX = new Float64Array(total);
  const minY = new Float64Array(total);
  const maxY = new Float64Array(total);
  for (let s = 0; s < total; s++) {
    const [a, b] = segment(s);
    minX[s] = Math.min(a[0], b[0]);
    maxX[s] = Math.max(a[0], b[0]);
    minY[s] = Math.min(a[1], b[1]);
    maxY[s] = Math.max(a[1], b[1]);
  }
  const order = Array.from({ length: total }, (_, s) => s).sort((s, t) => minX[s] - minX[t]);
  for (let i = 0; i < total; i++) {
    const s = order[i];
    for (let j = i + 1; j < total; j++) {
      const t = order[j];
      if (minX[t] > maxX[s]) break;
      if (minY[t] > maxY[s] || maxY[t] < minY[s]) continue;
      const found = test(s, t);
      if (found) return found;
    }
  }
  return undefined;
}
