// Borders: every Voronoi edge between atoms of different units becomes a deterministic fractal
// (midpoint-displacement) polyline seeded per edge. Both neighbours use the same polyline (one
// forwards, one reversed), so shared borders match vertex for vertex. A crossing check over all
// polylines damps the displacement of offending edges until no two borders cross.
import Flatbush from 'flatbush';
import type { Atoms } from './build-atoms.ts';
import { createRandom, hashSeed } from './seeded-random.ts';

export interface BorderEdge {
  /** Voronoi vertex ids (Delaunay triangle ids) at the start and end. */
  from: number;
  to: number;
  /** Atom on the left and on the right when walking from → to. */
  leftAtom: number;
  rightAtom: number;
  /** Stable key for the per-edge seed. */
  key: number;
  /** Polyline in projected metres, x/y interleaved, endpoints included. */
  points: Float64Array;
  amplitude: number;
}

export interface BorderOptions {
  seed: number;
  /** Peak displacement of a midpoint as a fraction of its segment's length. */
  amplitude: number;
  /** Subdivide until segments are about this long (m). */
  segmentMetres: number;
}

const nextHalfedge = (e: number): number => (e % 3 === 2 ? e - 2 : e + 1);

/** Midpoint displacement between (ax, ay) and (bx, by). */
function fractalPolyline(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  seed: number,
  amplitude: number,
  segmentMetres: number,
): Float64Array {
  const length = Math.hypot(bx - ax, by - ay);
  const depth = Math.min(7, Math.max(0, Math.ceil(Math.log2(length / segmentMetres))));
  const random = createRandom(seed);
  let points = [ax, ay, bx, by];
  for (let level = 0; level < depth; level++) {
    const next: number[] = [];
    for (let i = 0; i + 2 < points.length; i += 2) {
      const x0 = points[i];
      const y0 = points[i + 1];
      const x1 = points[i + 2];
      const y1 = points[i + 3];
      const dx = x1 - x0;
      const dy = y1 - y0;
      // offset perpendicular to the segment, proportional to its length
      const offset = (random.next() * 2 - 1) * amplitude;
      next.push(x0, y0, (x0 + x1) / 2 - dy * offset, (y0 + y1) / 2 + dx * offset);
    }
    next.push(points[points.length - 2], points[points.length - 1]);
    points = next;
  }
  return Float64Array.from(points);
}

/** Border edges between atoms whose labels differ, where at least one side is a region atom (label ≥ 0). */
export function collectBorderEdges(atoms: Atoms, labels: Int32Array, options: BorderOptions): BorderEdge[] {
  const { triangles, halfedges, vertices } = atoms;
  const edges: BorderEdge[] = [];
  for (let e = 0; e < halfedges.length; e++) {
    const opposite = halfedges[e];
    if (opposite < e) continue; // each undirected edge once; hull edges (−1) skipped
    const i = triangles[e];
    const j = triangles[nextHalfedge(e)];
    if (labels[i] === labels[j] || (labels[i] < 0 && labels[j] < 0)) continue;
    const ta = Math.floor(e / 3);
    const tb = Math.floor(opposite / 3);
    const ax = vertices[2 * ta];
    const ay = vertices[2 * ta + 1];
    const bx = vertices[2 * tb];
    const by = vertices[2 * tb + 1];
    const iLeft = (bx - ax) * (atoms.y[i] - ay) - (by - ay) * (atoms.x[i] - ax) > 0;
    edges.push({
      from: ta,
      to: tb,
      leftAtom: iLeft ? i : j,
      rightAtom: iLeft ? j : i,
      key: e,
      points: new Float64Array(0),
      amplitude: options.amplitude,
    });
  }
  for (const edge of edges) shapeEdge(atoms, edge, options);
  return edges;
}

function shapeEdge(atoms: Atoms, edge: BorderEdge, options: BorderOptions): void {
  const v = atoms.vertices;
  edge.points = fractalPolyline(
    v[2 * edge.from],
    v[2 * edge.from + 1],
    v[2 * edge.to],
    v[2 * edge.to + 1],
    hashSeed(options.seed, 'edge', edge.key),
    edge.amplitude,
    options.segmentMetres,
  );
}

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number =>
  Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));

/** Do segments p0p1 and q0q1 meet anywhere other than a shared endpoint? */
function segmentsConflict(p: Float64Array, i: number, q: Float64Array, j: number): boolean {
  const ax = p[i], ay = p[i + 1], bx = p[i + 2], by = p[i + 3];
  const cx = q[j], cy = q[j + 1], dx = q[j + 2], dy = q[j + 3];
  const shared =
    (ax === cx && ay === cy) || (ax === dx && ay === dy) || (bx === cx && by === cy) || (bx === dx && by === dy);
  const o1 = orient(ax, ay, bx, by, cx, cy);
  const o2 = orient(ax, ay, bx, by, dx, dy);
  const o3 = orient(cx, cy, dx, dy, ax, ay);
  const o4 = orient(cx, cy, dx, dy, bx, by);
  if (shared) {
    // touching at the shared endpoint is fine; overlapping along a line is not
    return o1 === 0 && o2 === 0;
  }
  if (o1 !== o2 && o3 !== o4 && o1 * o2 <= 0 && o3 * o4 <= 0) return true;
  if (o1 === 0 && o2 === 0) {
    // collinear: overlap of projections
    const overlapX = Math.max(Math.min(ax, bx), Math.min(cx, dx)) <= Math.min(Math.max(ax, bx), Math.max(cx, dx));
    const overlapY = Math.max(Math.min(ay, by), Math.min(cy, dy)) <= Math.min(Math.max(ay, by), Math.max(cy, dy));
    return overlapX && overlapY;
  }
  return false;
}

/** Indices of edges whose polylines cross themselves or another edge's polyline. */
function findConflictingEdges(edges: BorderEdge[]): Set<number> {
  let segmentCount = 0;
  for (const edge of edges) segmentCount += edge.points.length / 2 - 1;
  const index = new Flatbush(Math.max(1, segmentCount));
  const owner = new Uint32Array(segmentCount);
  const offset = new Uint32Array(segmentCount);
  let s = 0;
  edges.forEach((edge, k) => {
    const p = edge.points;
    for (let i = 0; i + 2 < p.length; i += 2) {
      index.add(Math.min(p[i], p[i + 2]), Math.min(p[i + 1], p[i + 3]), Math.max(p[i], p[i + 2]), Math.max(p[i + 1], p[i + 3]));
      owner[s] = k;
      offset[s] = i;
      s++;
    }
  });
  index.finish();
  const conflicts = new Set<number>();
  for (let a = 0; a < segmentCount; a++) {
    const p = edges[owner[a]].points;
    const i = offset[a];
    const hits = index.search(
      Math.min(p[i], p[i + 2]),
      Math.min(p[i + 1], p[i + 3]),
      Math.max(p[i], p[i + 2]),
      Math.max(p[i + 1], p[i + 3]),
    );
    for (const b of hits) {
      if (b <= a) continue;
      if (owner[a] === owner[b] && Math.abs(offset[a] - offset[b]) === 2) continue; // consecutive
      if (segmentsConflict(p, i, edges[owner[b]].points, offset[b])) {
        conflicts.add(owner[a]);
        conflicts.add(owner[b]);
      }
    }
  }
  return conflicts;
}

/** Damps the displacement of conflicting edges until no borders cross; returns how many were damped. */
export function untangleBorders(atoms: Atoms, edges: BorderEdge[], options: BorderOptions): number {
  const damped = new Set<number>();
  for (let round = 0; round < 12; round++) {
    const conflicts = findConflictingEdges(edges);
    if (conflicts.size === 0) return damped.size;
    for (const k of conflicts) {
      const edge = edges[k];
      edge.amplitude = round >= 8 ? 0 : edge.amplitude * 0.5;
      damped.add(k);
      shapeEdge(atoms, edge, options);
    }
  }
  throw new Error('untangleBorders: borders still cross after damping');
}
