// One township's gap traced from the exact geometry: its boundary is made of
//   - the parts of the township's edges that no disc covers (kept in the township's direction), and
//   - the arcs of circles that no other disc covers and that lie inside the township (walked
//     clockwise, so the gap stays on the left),
// the same pieces the exact area kernel integrates (coverage/disc-union-area.ts). Each piece ends
// where another begins: at an edge's end vertex, where an edge enters or leaves a disc, or where
// two circles cross; those points are named combinatorially (which edge, disc, pair and side),
// so the pieces chain into rings without comparing coordinates. Arcs are drawn with vertices on
// the circle, at most `tolerance` metres from it.
//
// Hand-written because it is what makes the gaps fast: the work is proportional to the pieces of
// the answer, where a general polygon engine has to sweep every vertex of every disc polygon and
// every crossing between overlapping discs (the 10× region: see scripts/bench/compare-gap-engines.ts).
// When a township is degenerate for this method — a circle through a township vertex, three
// circles through one point, a piece whose successor is missing or ambiguous — it returns null and
// the caller clips that township with Clipper2 instead (clip-township-gap.ts).
import KDBush from 'kdbush';
import type { Discs } from '../coverage/disc-union-area.ts';
import { zoneContains, type ProjectedZones } from '../geometry/projected-zones.ts';
import type { FlatPolygon } from './clip-township-gap.ts';
import { discCircumradius, discPolygonSegments, drawDisc } from './draw-disc.ts';
import { lineCircleCrossings } from '../geometry/line-circle.ts';

/** Scratch for lineCircleCrossings. */
const CROSSING = new Float64Array(2);

const TWO_PI = 2 * Math.PI;
/** Edge parameters this close to 0 or 1 mean a circle passes (almost) through a vertex: not traced. */
const VERTEX_EPSILON = 1e-9;

/** Shared, per-region state: the discs, their centre index, and which of them swallow others. */
export interface TraceContext {
  zones: ProjectedZones;
  /** First vertex of each zone (township-rings.ts). */
  starts: Uint32Array;
  discs: Discs;
  index: KDBush;
  maxRadius: number;
  /** 1 for a disc inside another disc (or an exact duplicate of a lower-numbered one): it has no boundary of its own. */
  swallowed: Uint8Array;
  tolerance: number;
  /** Scratch: stamp[k] === current township + 1 when disc k is a candidate for it. */
  stamp: Int32Array;
  found: Uint32Array;
  /** Scratch: edgeSeen[e] === query when edge e was already looked at for the current disc. */
  edgeSeen: Int32Array;
  query: number;
}

export function createTraceContext(zones: ProjectedZones, starts: Uint32Array, discs: Discs, tolerance: number): TraceContext {
  const n = discs.x.length;
  const index = new KDBush(Math.max(1, n), 64, Float64Array);
  for (let k = 0; k < n; k++) index.add(discs.x[k], discs.y[k]);
  if (n === 0) index.add(Infinity, Infinity);
  index.finish();
  const maxRadius = discs.r.reduce((max, r) => Math.max(max, r), 0);
  const swallowed = new Uint8Array(n);
  const found = new Uint32Array(Math.max(1, n));
  for (let i = 0; i < n; i++) {
    const hits = index.withinInto(discs.x[i], discs.y[i], maxRadius, found);
    for (let h = 0; h < hits; h++) {
      const j = found[h];
      if (j === i) continue;
      const d = Math.hypot(discs.x[j] - discs.x[i], discs.y[j] - discs.y[i]);
      const identical = d === 0 && discs.r[i] === discs.r[j];
      if (identical ? j < i : d + discs.r[i] <= discs.r[j]) {
        swallowed[i] = 1;
        break;
      }
    }
  }
  return { zones, starts, discs, index, maxRadius, swallowed, tolerance, stamp: new Int32Array(n), found, edgeSeen: new Int32Array(zones.edgeEnd.length), query: 0 };
}

/** Combinatorial names of the points where pieces meet. */
const KIND_VERTEX = 0;
const KIND_EDGE_CIRCLE = 1;
const KIND_CIRCLE_CIRCLE = 2;

class Pieces {
  startKey: number[] = [];
  endKey: number[] = [];
  /** Edge piece: disc = −1, (x, y) its start point. Arc piece: disc i, from angle `from` clockwise to `to`. */
  disc: number[] = [];
  x: number[] = [];
  y: number[] = [];
  from: number[] = [];
  to: number[] = [];
  get count(): number {
    return this.startKey.length;
  }
  addEdge(startKey: number, endKey: number, x: number, y: number): void {
    this.startKey.push(startKey);
    this.endKey.push(endKey);
    this.disc.push(-1);
    this.x.push(x);
    this.y.push(y);
    this.from.push(0);
    this.to.push(0);
  }
  addArc(startKey: number, endKey: number, disc: number, from: number, to: number): void {
    this.startKey.push(startKey);
    this.endKey.push(endKey);
    this.disc.push(disc);
    this.x.push(0);
    this.y.push(0);
    this.from.push(from);
    this.to.push(to);
  }
}

function ringSignedArea(ring: number[]): number {
  let sum = 0;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) sum += ring[2 * j] * ring[2 * i + 1] - ring[2 * i] * ring[2 * j + 1];
  return sum / 2;
}

function ringContains(ring: Float64Array, px: number, py: number): boolean {
  let inside = false;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[2 * i], yi = ring[2 * i + 1], xj = ring[2 * j], yj = ring[2 * j + 1];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}


/** Scratch for sortByAngle (grown as needed). */
let KEYS = new Float64Array(256);
let SORTED = new Uint32Array(256);
/** Up to this many angles are insertion-sorted outright. */
const SHORT = 16;
/** Packed keys: the angle in units of 2⁻³⁶ rad, times 2¹⁴, plus the index (2π·2³⁶·2¹⁴ < 2⁵³: exact integers). */
const ANGLE_UNITS = 2 ** 36;
const INDEX_LIMIT = 2 ** 14;

/**
 * The indices 0 .. m − 1 sorted by angle (in the first m entries of the array returned). Longer
 * lists are sorted natively as packed keys (quantised angle, index), then put in exact order by an
 * insertion pass, which only moves angles closer than 2⁻³⁶ rad, so it costs one comparison per
 * angle. The comparator sort this replaced (Array.prototype.sort with a function) was a third of
 * tracing on the 10× region, whose circles have up to a few hundred crossings each (a bottom-up
 * merge sort in typed arrays still a quarter). Any order of equal angles will do: the caller gives
 * up on a township with two crossings at one angle.
 */
export function sortByAngle(angle: number[], m: number): Uint32Array {
  if (SORTED.length < m) {
    KEYS = new Float64Array(2 * m);
    SORTED = new Uint32Array(2 * m);
  }
  const order = SORTED;
  if (m > SHORT && m <= INDEX_LIMIT) {
    const keys = KEYS.subarray(0, m);
    for (let k = 0; k < m; k++) keys[k] = Math.floor(angle[k] * ANGLE_UNITS) * INDEX_LIMIT + k;
    keys.sort();
    for (let k = 0; k < m; k++) order[k] = keys[k] % INDEX_LIMIT;
  } else {
    for (let k = 0; k < m; k++) order[k] = k;
    // (more crossings than the keys can number: the comparator sort)
    if (m > INDEX_LIMIT) order.subarray(0, m).sort((p, q) => angle[p] - angle[q]);
  }
  // Insertion sort on the exact angles: all of it for short lists, a check per angle after the keys.
  for (let k = 1; k < m; k++) {
    const item = order[k];
    const a = angle[item];
    let j = k - 1;
    while (j >= 0 && angle[order[j]] > a) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = item;
  }
  return order;
}

/**
 * The gap of zone `z` as polygons in metres around (originX, originY), or null when the township
 * is degenerate for tracing (the caller then clips it).
 */
export function traceTownshipGap(context: TraceContext, z: number, originX: number, originY: number): FlatPolygon[] | null {
  const { zones, starts, discs, index, maxRadius, swallowed, tolerance, stamp } = context;
  const { coords, edgeEnd } = zones;
  const { x: X, y: Y, r: R } = discs;
  const keyBase = Math.max(X.length, coords.length / 2) + 1;
  const key = (kind: number, side: number, a: number, b: number) => kind + 3 * (side + 2 * (a + keyBase * b));
  const [minX, minY, maxX, maxY] = zones.bounds.subarray(4 * z, 4 * z + 4);

  // Candidate discs: those (not swallowed) whose box meets the township's box.
  const candidates: number[] = [];
  {
    const cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
    const reach = Math.hypot(maxX - minX, maxY - minY) / 2 + maxRadius;
    const hits = index.withinInto(cx, cy, reach, context.found);
    for (let h = 0; h < hits; h++) {
      const k = context.found[h];
      if (swallowed[k]) continue;
      if (X[k] + R[k] <= minX || X[k] - R[k] >= maxX || Y[k] + R[k] <= minY || Y[k] - R[k] >= maxY) continue;
      stamp[k] = z + 1;
      candidates.push(k);
    }
  }

  // Edge–circle crossings, computed once and used by both the edge and the arc pieces.
  const crossEdge: number[] = [];
  const crossDisc: number[] = [];
  const crossT0: number[] = [];
  const crossT1: number[] = [];
  // The township's own edges whose box meets the disc's box — the edges the region's edge index
  // (Flatbush) would give for that box and this township, found instead from the township's
  // horizontal bands (projected-zones.ts), each edge once: no search of the whole region's tree
  // per disc and township, no array of results. The order does not matter: the crossings are
  // sorted along each edge and around each circle. (With sortByAngle: tracing the 1,000
  // townships of a generated 10× region took 593–1,045 ms of CPU instead of 712–1,305, three
  // rounds at load 10, the same polygons.)
  const bands = zones.zoneBands[z];
  const band = (y: number) => Math.min(bands.bandCount - 1, Math.max(0, Math.floor((y - bands.minY) / bands.bandHeight)));
  const { edgeSeen } = context;
  for (const i of candidates) {
    const cx = X[i], cy = Y[i], r = R[i];
    const queryMinX = cx - r, queryMinY = cy - r, queryMaxX = cx + r, queryMaxY = cy + r;
    if (context.query === 0x7fffffff) {
      edgeSeen.fill(0);
      context.query = 0;
    }
    const mark = ++context.query;
    for (let b = band(queryMinY), last = band(queryMaxY); b <= last; b++) for (let k = bands.offsets[b], end = bands.offsets[b + 1]; k < end; k++) {
      const e = bands.edges[k];
      if (edgeSeen[e] === mark) continue;
      edgeSeen[e] = mark;
      const f = edgeEnd[e];
      const ax = coords[2 * e], ay = coords[2 * e + 1], bx = coords[2 * f], by = coords[2 * f + 1];
      // The index's own test of the edge's box against the query box.
      if (queryMaxX < Math.min(ax, bx) || queryMaxY < Math.min(ay, by) || queryMinX > Math.max(ax, bx) || queryMinY > Math.max(ay, by)) continue;
      const px = coords[2 * e] - cx, py = coords[2 * e + 1] - cy;
      const dx = coords[2 * f] - coords[2 * e], dy = coords[2 * f + 1] - coords[2 * e + 1];
      if (!lineCircleCrossings(px, py, dx, dy, r, CROSSING)) continue;
      const t0 = CROSSING[0], t1 = CROSSING[1];
      if (t1 <= 0 || t0 >= 1) {
        if (Math.abs(t1) < VERTEX_EPSILON || Math.abs(t0 - 1) < VERTEX_EPSILON) return null;
        continue;
      }
      if (Math.abs(t0) < VERTEX_EPSILON || Math.abs(t0 - 1) < VERTEX_EPSILON || Math.abs(t1) < VERTEX_EPSILON || Math.abs(t1 - 1) < VERTEX_EPSILON) return null;
      crossEdge.push(e);
      crossDisc.push(i);
      crossT0.push(t0);
      crossT1.push(t1);
    }
  }

  const pieces = new Pieces();

  // Edge pieces: the parts of each edge outside every disc.
  const byEdge = new Map<number, number[]>();
  for (let p = 0; p < crossEdge.length; p++) {
    const list = byEdge.get(crossEdge[p]);
    if (list) list.push(p);
    else byEdge.set(crossEdge[p], [p]);
  }
  for (let e = starts[z]; e < starts[z + 1]; e++) {
    const f = edgeEnd[e];
    const px = coords[2 * e], py = coords[2 * e + 1];
    const dx = coords[2 * f] - px, dy = coords[2 * f + 1] - py;
    const list = byEdge.get(e);
    if (!list) {
      pieces.addEdge(key(KIND_VERTEX, 0, e, 0), key(KIND_VERTEX, 0, f, 0), px, py);
      continue;
    }
    list.sort((p, q) => crossT0[p] - crossT0[q]);
    // Sweep the disc intervals in order; between two covered stretches lies an uncovered piece.
    let coveredTo = -Infinity;
    let coveredBy = -1;
    for (const p of list) {
      const t0 = crossT0[p], t1 = crossT1[p];
      if (t0 > coveredTo) {
        if (t0 > 0) {
          // Uncovered from the edge start (nothing covered yet) or from where the last disc ends, to where this one begins.
          const from = coveredBy < 0 ? 0 : coveredTo;
          const startKey = coveredBy < 0 ? key(KIND_VERTEX, 0, e, 0) : key(KIND_EDGE_CIRCLE, 1, e, crossDisc[coveredBy]);
          pieces.addEdge(startKey, key(KIND_EDGE_CIRCLE, 0, e, crossDisc[p]), px + from * dx, py + from * dy);
        }
        coveredTo = t1;
        coveredBy = p;
      } else if (t1 > coveredTo) {
        coveredTo = t1;
        coveredBy = p;
      }
    }
    if (coveredTo < 1) pieces.addEdge(key(KIND_EDGE_CIRCLE, 1, e, crossDisc[coveredBy]), key(KIND_VERTEX, 0, f, 0), px + coveredTo * dx, py + coveredTo * dy);
  }

  // Arc pieces: each candidate circle's sub-arcs that no other disc covers and that lie in the township.
  const crossByDisc = new Map<number, number[]>();
  for (let p = 0; p < crossDisc.length; p++) {
    const list = crossByDisc.get(crossDisc[p]);
    if (list) list.push(p);
    else crossByDisc.set(crossDisc[p], [p]);
  }
  const angle: number[] = [];
  const pointKey: number[] = [];
  const neighbours: number[] = [];
  const fullCircles: number[] = [];
  const found = context.found;
  for (const i of candidates) {
    const cx = X[i], cy = Y[i], r = R[i];
    angle.length = 0;
    pointKey.length = 0;
    neighbours.length = 0;
    const hits = index.withinInto(cx, cy, r + maxRadius, found);
    for (let h = 0; h < hits; h++) {
      const j = found[h];
      // A disc that does not meet the township's box cannot cover any of this circle inside the
      // township (nor can a swallowed one, whose box is not stamped either).
      if (j === i || stamp[j] !== z + 1) continue;
      const dx = X[j] - cx, dy = Y[j] - cy;
      const d = Math.hypot(dx, dy);
      if (d >= r + R[j] || d + R[j] <= r) continue; // apart, or j inside i
      neighbours.push(j);
      const base = Math.atan2(dy, dx);
      const half = Math.acos(Math.min(1, Math.max(-1, (r * r + d * d - R[j] * R[j]) / (2 * r * d))));
      const low = Math.min(i, j), high = Math.max(i, j);
      // The crossing left of low → high is s = 0: from i's side that is base + half when i is low.
      angle.push(base + half, base - half);
      pointKey.push(key(KIND_CIRCLE_CIRCLE, i === low ? 0 : 1, low, high), key(KIND_CIRCLE_CIRCLE, i === low ? 1 : 0, low, high));
    }
    for (const p of crossByDisc.get(i) ?? []) {
      const e = crossEdge[p];
      const f = edgeEnd[e];
      const px = coords[2 * e], py = coords[2 * e + 1];
      const dx = coords[2 * f] - px, dy = coords[2 * f + 1] - py;
      for (let side = 0; side < 2; side++) {
        const t = side === 0 ? crossT0[p] : crossT1[p];
        if (t <= 0 || t >= 1) continue;
        angle.push(Math.atan2(py + t * dy - cy, px + t * dx - cx));
        pointKey.push(key(KIND_EDGE_CIRCLE, side, e, i));
      }
    }
    const m = angle.length;
    if (m === 0) {
      if (zoneContains(zones, z, cx + r, cy)) fullCircles.push(i);
      continue;
    }
    for (let k = 0; k < m; k++) if (angle[k] < 0) angle[k] += TWO_PI;
    const order = sortByAngle(angle, m);
    let lastCover = -1;
    for (let k = 0; k < m; k++) {
      const a = angle[order[k]];
      const b = k + 1 < m ? angle[order[k + 1]] : angle[order[0]] + TWO_PI;
      if (b - a <= 0) return null; // two crossings at the same angle: three circles (or a circle and an edge) through one point
      const mid = (a + b) / 2;
      const mx = cx + r * Math.cos(mid), my = cy + r * Math.sin(mid);
      // Neighbouring sub-arcs are mostly covered by the same disc: that one is tried first.
      let covered = lastCover >= 0 && (mx - X[lastCover]) ** 2 + (my - Y[lastCover]) ** 2 < R[lastCover] * R[lastCover];
      for (let n = 0; n < neighbours.length && !covered; n++) {
        const j = neighbours[n];
        if ((mx - X[j]) ** 2 + (my - Y[j]) ** 2 < R[j] * R[j]) {
          covered = true;
          lastCover = j;
        }
      }
      if (covered || !zoneContains(zones, z, mx, my)) continue;
      // Walked clockwise: from the crossing at b to the one at a.
      pieces.addArc(pointKey[order[(k + 1) % m]], pointKey[order[k]], i, b, a);
    }
  }

  // Chain the pieces into rings.
  const next = new Map<number, number>();
  for (let p = 0; p < pieces.count; p++) {
    if (next.has(pieces.startKey[p])) return null;
    next.set(pieces.startKey[p], p);
  }
  const used = new Uint8Array(pieces.count);
  const rings: Float64Array[] = [];
  const ring: number[] = [];
  for (let first = 0; first < pieces.count; first++) {
    if (used[first]) continue;
    ring.length = 0;
    let p = first;
    while (!used[p]) {
      used[p] = 1;
      const i = pieces.disc[p];
      if (i < 0) ring.push(pieces.x[p] - originX, pieces.y[p] - originY);
      else {
        // The crossing itself on the circle, then vertices spaced as in draw-disc.ts: on the
        // area-preserving radius, within the tolerance of the circle.
        const from = pieces.from[p], to = pieces.to[p];
        const segments = discPolygonSegments(R[i], tolerance);
        const steps = Math.max(1, Math.ceil(((from - to) * segments) / TWO_PI));
        const outer = discCircumradius(R[i], (TWO_PI * steps) / (from - to));
        ring.push(X[i] + R[i] * Math.cos(from) - originX, Y[i] + R[i] * Math.sin(from) - originY);
        for (let s = 1; s < steps; s++) {
          const t = from - ((from - to) * s) / steps;
          ring.push(X[i] + outer * Math.cos(t) - originX, Y[i] + outer * Math.sin(t) - originY);
        }
      }
      const successor = next.get(pieces.endKey[p]);
      if (successor === undefined) return null;
      p = successor;
    }
    if (p !== first) return null; // ran into a ring already walked: the pieces do not pair up
    if (ring.length >= 6 && ringSignedArea(ring) !== 0) rings.push(Float64Array.from(ring));
  }
  for (const i of fullCircles) {
    const disc = drawDisc(X[i] - originX, Y[i] - originY, R[i], discPolygonSegments(R[i], tolerance));
    // Clockwise: a hole.
    const circle = new Float64Array(disc.length);
    for (let s = 0; s < disc.length / 2; s++) {
      circle[2 * s] = disc[disc.length - 2 - 2 * s];
      circle[2 * s + 1] = disc[disc.length - 1 - 2 * s];
    }
    rings.push(circle);
  }

  // Outer rings (counter-clockwise) take the holes (clockwise) that lie inside them.
  const outers: FlatPolygon[] = [];
  const outerArea: number[] = [];
  const holes: Float64Array[] = [];
  for (const candidate of rings) {
    const area = ringSignedArea(candidate as unknown as number[]);
    if (area > 0) {
      outers.push([candidate]);
      outerArea.push(area);
    } else holes.push(candidate);
  }
  for (const hole of holes) {
    let best = -1;
    if (outers.length === 1) best = 0;
    else {
      for (let o = 0; o < outers.length; o++) {
        if (ringContains(outers[o][0], hole[0], hole[1]) && (best < 0 || outerArea[o] < outerArea[best])) best = o;
      }
    }
    if (best < 0) return null;
    outers[best].push(hole);
  }
  return outers;
}
