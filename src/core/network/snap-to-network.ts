// Snaps points (homes as population cells, facilities, target places, grid cells) onto the nearest
// edge a mode can use: the off-network leg is the straight line to the nearest point of that edge,
// walked. Points farther than the maximum snap distance are not snapped (edge −1): they are
// "unreachable" unless a facility is within walking distance directly.
import { throwIfAborted, type RunOptions } from '../types.ts';
import type { ModeGraph } from './build-mode-graph.ts';
import { nearestSegment, type NearestSegment } from './bucket-segments.ts';

export interface SnappedPoints {
  /** Edge snapped to, −1 when none is within the maximum snap distance. */
  edge: Int32Array;
  /** Position along the edge, 0 at its from-node, 1 at its to-node. */
  fraction: Float64Array;
  /** Length of the off-network leg (ellipsoidal metres); Infinity when not snapped. */
  offMetres: Float64Array;
}

/** Nearest usable segment to each point (within the maximum snap distance, on the ellipsoid). */
export function snapToNetwork(
  graph: ModeGraph,
  points: { x: ArrayLike<number>; y: ArrayLike<number>; scale: ArrayLike<number> },
  maxSnapMetres: number,
  run: RunOptions = {},
): SnappedPoints {
  const n = points.x.length;
  const edge = new Int32Array(n).fill(-1);
  const fraction = new Float64Array(n);
  const offMetres = new Float64Array(n).fill(Infinity);
  const { segmentBuckets, segmentEnds, segmentEdge, segmentOffset, edgeProjectedLength } = graph;
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
    edge[i] = e;
    fraction[i] = edgeProjectedLength[e] > 0 ? Math.min(1, along / edgeProjectedLength[e]) : 0;
    offMetres[i] = nearest.distance / points.scale[i];
  }
  return { edge, fraction, offMetres };
}
