// Draws every reach disc as a polygon and drops the parts that another disc already covers, so the
// polygon engine only sees (mostly) what can end up on the union's boundary. On the 10× region
// this removes about four in five disc vertices before clipping — what makes the gaps fast
// (see scripts/bench/compare-gap-engines.ts). Hand-written because no clipping library offers it:
// it is a pre-pass on convex polygons, not a general boolean operation.
//
// Why the union is unchanged. Every disc A is drawn as a convex n-gon whose vertices lie on a
// circle of radius R_A (draw-disc.ts). A run of consecutive vertices of A that all lie inside the
// inscribed circle (radius ρ_D) of one other disc D is replaced by the chord between its first and
// last vertex: the region cut off is the convex hull of the run, which lies (1) inside D's polygon,
// D being convex, and (2) where D's power is below A's (pow_X(p) = |p − c_X|² − R_X²: each run
// vertex v has pow_A(v) = 0 and pow_D(v) < ρ_D² − R_D² < 0, and that half-plane is convex).
// Now take any point p of the union and, among the polygons that contain it, the one X with the
// least power at p. If p had been cut from X it would lie in some D with pow_D(p) < pow_X(p),
// contradicting the choice of X; so p is still covered by X's reduced polygon. A disc whose whole
// ring is one such run lies inside D and is dropped. The reduced polygons stay convex.
import KDBush from 'kdbush';
import type { Discs } from '../coverage/disc-union-area.ts';
import { discCircumradius, discPolygonSegments, drawDisc } from './draw-disc.ts';

/** Disc polygons in CSR layout: disc k's ring is coords[2·offsets[k] .. 2·offsets[k + 1]) (empty: dropped). */
export interface DiscRings {
  coords: Float64Array;
  offsets: Uint32Array;
  /** Per disc: bounding box of its reduced ring [minX, minY, maxX, maxY]. */
  bounds: Float64Array;
}

export function drawReducedDiscs(discs: Discs, tolerance: number): DiscRings {
  const count = discs.x.length;
  const segments = new Uint32Array(count);
  const outer = new Float64Array(count); // circumradius of the drawn polygon
  const inner = new Float64Array(count); // its inscribed radius
  let maxOuter = 0;
  for (let k = 0; k < count; k++) {
    const n = discPolygonSegments(discs.r[k], tolerance);
    segments[k] = n;
    outer[k] = discCircumradius(discs.r[k], n);
    inner[k] = outer[k] * Math.cos(Math.PI / n);
    if (outer[k] > maxOuter) maxOuter = outer[k];
  }
  const index = new KDBush(Math.max(1, count), 64, Float64Array);
  for (let k = 0; k < count; k++) index.add(discs.x[k], discs.y[k]);
  if (count === 0) index.add(Infinity, Infinity);
  index.finish();

  const kept: number[] = [];
  const offsets = new Uint32Array(count + 1);
  const bounds = new Float64Array(4 * count);
  const found = new Uint32Array(count);
  let owner = new Int32Array(64);
  for (let k = 0; k < count; k++) {
    const n = segments[k];
    const ring = drawDisc(discs.x[k], discs.y[k], discs.r[k], n);
    if (owner.length < n) owner = new Int32Array(2 * n);
    // Neighbours whose inscribed circle can hold a vertex of this ring.
    const hits = index.withinInto(discs.x[k], discs.y[k], outer[k] + maxOuter, found);
    let previous = -1;
    for (let i = 0; i < n; i++) {
      const vx = ring[2 * i];
      const vy = ring[2 * i + 1];
      const inside = (d: number) => d !== k && (vx - discs.x[d]) ** 2 + (vy - discs.y[d]) ** 2 < inner[d] * inner[d];
      let o = previous >= 0 && inside(previous) ? previous : -1;
      for (let m = 0; m < hits && o < 0; m++) if (inside(found[m])) o = found[m];
      owner[i] = o;
      previous = o;
    }
    // A wrap-around run: give vertex 0 the owner of the last vertex when that disc holds it too.
    if (owner[n - 1] >= 0 && owner[0] !== owner[n - 1]) {
      const d = owner[n - 1];
      if ((ring[0] - discs.x[d]) ** 2 + (ring[1] - discs.y[d]) ** 2 < inner[d] * inner[d]) owner[0] = d;
    }
    offsets[k] = kept.length / 2;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    let allInOne = owner[0] >= 0;
    for (let i = 1; i < n && allInOne; i++) allInOne = owner[i] === owner[0];
    if (!allInOne) {
      for (let i = 0; i < n; i++) {
        const o = owner[i];
        // Interior vertex of a run inside one disc: the chord over it stays inside that disc.
        if (o >= 0 && owner[(i + n - 1) % n] === o && owner[(i + 1) % n] === o) continue;
        const x = ring[2 * i];
        const y = ring[2 * i + 1];
        kept.push(x, y);
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
    }
    bounds[4 * k] = minX;
    bounds[4 * k + 1] = minY;
    bounds[4 * k + 2] = maxX;
    bounds[4 * k + 3] = maxY;
  }
  offsets[count] = kept.length / 2;
  return { coords: Float64Array.from(kept), offsets, bounds };
}
