// Snaps points (homes as population cells, facilities, target places, grid cells) onto the nearest
// edge a mode can use: the off-network leg is the straight line to the nearest point of that edge,
// walked. Points farther than the maximum snap distance are not snapped (edge −1): they are
// "unreachable" unless a facility is within walking distance directly.
//
// Population, place and grid cells are snapped once per road graph to the nearest segment of any
// road, and each mode takes that snap wherever the mode may use the road (nearly everywhere: a
// mode forbids few roads) and searches its own segments only for the rest: the nearest of all
// segments, when usable, is the nearest usable one (ties go to the lower index in both, and a
// mode's segments are all segments in the same order with the unusable ones left out).
import { throwIfAborted, type RunOptions } from '../types.ts';
import type { ModeGraph } from './build-mode-graph.ts';
import type { RoadGraph } from './build-road-graph.ts';
import { nearestSegment, type NearestSegment } from './bucket-segments.ts';
import { edgeSegments, type EdgeSegments } from './edge-segments.ts';

export interface SnappedPoints {
  /** Edge snapped to, −1 when none is within the maximum snap distance. */
  edge: Int32Array;
  /** Position along the edge, 0 at its from-node, 1 at its to-node. */
  fraction: Float64Array;
  /** Length of the off-network leg (ellipsoidal metres); Infinity when not snapped. */
  offMetres: Float64Array;
}

interface Points {
  x: Float64Array;
  y: Float64Array;
  scale: ArrayLike<number>;
}

/** Points snapped to every road, with the segment each snapped to (−1: no road within reach). */
interface RoadSnaps extends SnappedPoints {
  maxSnapMetres: number;
  segment: Int32Array;
}

/** Snaps each point to the nearest of `segments` (within the maximum snap distance), or to none. */
function snapToSegments(segments: EdgeSegments, points: Points, maxSnapMetres: number, run: RunOptions): RoadSnaps {
  const n = points.x.length;
  const segment = new Int32Array(n).fill(-1);
  const edge = new Int32Array(n).fill(-1);
  const fraction = new Float64Array(n);
  const offMetres = new Float64Array(n).fill(Infinity);
  const { segmentBuckets, segmentEnds, segmentEdge, segmentOffset, edgeProjectedLength } = segments;
  const nearest: NearestSegment = { segment: -1, distance: Infinity, t: 0 };
  for (let i = 0; i < n; i++) {
    if ((i & 16383) === 0) {
      throwIfAborted(run.signal);
      run.onProgress?.(i / n, 'snap');
    }
    nearestSegment(segmentBuckets, segmentEnds, points.x[i], points.y[i], maxSnapMetres * points.scale[i], nearest);
    const s = nearest.segment;
    if (s < 0) continue;
    const e = segmentEdge[s];
    const along = segmentOffset[s] + nearest.t * Math.hypot(segmentEnds[4 * s + 2] - segmentEnds[4 * s], segmentEnds[4 * s + 3] - segmentEnds[4 * s + 1]);
    segment[i] = s;
    edge[i] = e;
    fraction[i] = edgeProjectedLength[e] > 0 ? Math.min(1, along / edgeProjectedLength[e]) : 0;
    offMetres[i] = nearest.distance / points.scale[i];
  }
  return { maxSnapMetres, segment, edge, fraction, offMetres };
}

/** Every road's segments, and the snaps of each point set to them so far (by its x array). */
const sharedSnaps = new WeakMap<RoadGraph, { segments: EdgeSegments; points: WeakMap<Float64Array, RoadSnaps> }>();

function snapToRoads(road: RoadGraph, points: Points, maxSnapMetres: number, run: RunOptions): RoadSnaps {
  let shared = sharedSnaps.get(road);
  if (!shared) sharedSnaps.set(road, (shared = { segments: edgeSegments(road), points: new WeakMap() }));
  let snaps = shared.points.get(points.x);
  if (!snaps || snaps.maxSnapMetres !== maxSnapMetres || snaps.edge.length !== points.x.length) {
    snaps = snapToSegments(shared.segments, points, maxSnapMetres, run);
    shared.points.set(points.x, snaps);
  }
  return snaps;
}

/**
 * Nearest usable segment to each point (within the maximum snap distance, on the ellipsoid).
 * `shared`: the points are snapped to every road once and kept for the other modes (for point
 * sets that stay: population cells, places, the travel grid — not facilities under edit).
 */
export function snapToNetwork(graph: ModeGraph, points: Points, maxSnapMetres: number, run: RunOptions = {}, shared = false): SnappedPoints {
  if (!shared) return snapToSegments(graph, points, maxSnapMetres, run);
  const roads = snapToRoads(graph.road, points, maxSnapMetres, run);
  const { timeForward, timeBackward } = graph;
  const usable = (e: number) => e >= 0 && (timeForward[e] < Infinity || timeBackward[e] < Infinity);
  let others: number[] | null = null;
  for (let i = 0; i < roads.edge.length; i++) if (roads.edge[i] >= 0 && !usable(roads.edge[i])) (others ??= []).push(i);
  // the same arrays for every mode that may use all the roads the points snapped to (read only)
  if (!others) return { edge: roads.edge, fraction: roads.fraction, offMetres: roads.offMetres };
  const snapped = { edge: roads.edge.slice(), fraction: roads.fraction.slice(), offMetres: roads.offMetres.slice() };
  const own = snapToSegments(graph, { x: Float64Array.from(others, (i) => points.x[i]), y: Float64Array.from(others, (i) => points.y[i]), scale: Float64Array.from(others, (i) => points.scale[i]) }, maxSnapMetres, {});
  others.forEach((i, k) => {
    snapped.edge[i] = own.edge[k];
    snapped.fraction[i] = own.fraction[k];
    snapped.offMetres[i] = own.offMetres[k];
  });
  return snapped;
}
