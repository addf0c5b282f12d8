// Snaps points (homes as population cells, facilities, target places, grid cells) onto the nearest
// edge a mode can use: the off-network leg is the straight line to the nearest point of that edge,
// walked. Points farther than the maximum snap distance are not snapped (edge −1): they are
// "unreachable" unless a facility is within walking distance directly.
import { throwIfAborted, type RunOptions } from '../types.ts';
import type { ModeGraph } from './build-mode-graph.ts';

export interface SnappedPoints {
  /** Edge snapped to, −1 when none is within the maximum snap distance. */
  edge: Int32Array;
  /** Position along the edge, 0 at its from-node, 1 at its to-node. */
  fraction: Float64Array;
  /** Length of the off-network leg (ellipsoidal metres); Infinity when not snapped. */
  offMetres: Float64Array;
}

/**
 * Nearest usable segment to each point. Flatbush orders candidates by box distance, which never
 * exceeds the true distance to the segment: once the k-th box is farther than the best segment
 * found, no other segment can be nearer.
 */
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
  if (graph.segmentEdge.length === 0) return { edge, fraction, offMetres };
  const { segmentIndex, segmentEdge, segmentFirstVertex, segmentOffset, edgeProjectedLength } = graph;
  const { geometryX: gx, geometryY: gy } = graph.road;
  for (let i = 0; i < n; i++) {
    if ((i & 16383) === 0) {
      throwIfAborted(run.signal);
      run.onProgress?.(i / n, 'snap');
    }
    const px = points.x[i], py = points.y[i];
    const reach = maxSnapMetres * points.scale[i];
    let best = -1, bestDistance = Infinity, bestT = 0;
    for (let k = 4; ; k *= 4) {
      const candidates = segmentIndex.neighbors(px, py, k, reach);
      for (const s of candidates) {
        const g = segmentFirstVertex[s];
        const dx = gx[g + 1] - gx[g], dy = gy[g + 1] - gy[g];
        const length2 = dx * dx + dy * dy;
        const t = length2 > 0 ? Math.max(0, Math.min(1, ((px - gx[g]) * dx + (py - gy[g]) * dy) / length2)) : 0;
        const distance = Math.hypot(gx[g] + t * dx - px, gy[g] + t * dy - py);
        if (distance < bestDistance || (distance === bestDistance && s < best)) {
          best = s;
          bestDistance = distance;
          bestT = t;
        }
      }
      if (candidates.length < k) break;
      // the k-th box is the farthest returned: stop when it cannot hold a nearer segment
      const last = candidates[candidates.length - 1];
      const g = segmentFirstVertex[last];
      const boxDx = Math.max(Math.min(gx[g], gx[g + 1]) - px, px - Math.max(gx[g], gx[g + 1]), 0);
      const boxDy = Math.max(Math.min(gy[g], gy[g + 1]) - py, py - Math.max(gy[g], gy[g + 1]), 0);
      if (Math.hypot(boxDx, boxDy) > bestDistance) break;
    }
    if (best < 0 || bestDistance > reach) continue;
    const e = segmentEdge[best];
    const g = segmentFirstVertex[best];
    const along = segmentOffset[best] + bestT * Math.hypot(gx[g + 1] - gx[g], gy[g + 1] - gy[g]);
    edge[i] = e;
    fraction[i] = edgeProjectedLength[e] > 0 ? Math.min(1, along / edgeProjectedLength[e]) : 0;
    offMetres[i] = bestDistance / points.scale[i];
  }
  return { edge, fraction, offMetres };
}
