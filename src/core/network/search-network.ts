// Shortest travel times from a set of facilities to every node of a mode's graph (Dijkstra over
// the reversed arcs, all facilities at once: each node learns its time to the nearest facility and
// which facility that is), then to points snapped onto the edges. A typed-array CSR graph and
// flatqueue's binary heap: general graph libraries are 20–100× slower at one-to-all searches.
import FlatQueue from 'flatqueue';
import type { ModeGraph } from './build-mode-graph.ts';
import type { SnappedPoints } from './snap-to-network.ts';

/** The points within r of (x, y), written to `out`, their count returned (KDBush's withinInto; the travel grid answers it from its rows and columns). */
export interface PointsWithin {
  withinInto(x: number, y: number, r: number, out: Uint32Array): number;
}

/** Points in the projected plane, snapped for one mode, with their spatial index and their edges' point lists. */
export interface TravelPoints {
  x: Float64Array;
  y: Float64Array;
  scale: Float64Array;
  snapped: SnappedPoints;
  index: PointsWithin;
  /** Points snapped to edge e: pointsOnEdge[pointsOnEdgeStart[e] .. pointsOnEdgeStart[e + 1]). */
  pointsOnEdgeStart: Uint32Array;
  pointsOnEdge: Uint32Array;
  /**
   * Direct walks: the points within the maximum walk of facility k (dataset index) are
   * walkPoint[walkStart[k] .. walkStart[k + 1]), walkMetres away (ellipsoidal). Found once per
   * mode: a k-d tree query per facility and request cost more than the whole network search.
   */
  walkStart: Uint32Array;
  walkPoint: Uint32Array;
  walkMetres: Float32Array;
}

/** Facilities as sources: projected position and snap (indices are positions in this set). */
export interface SourceSet {
  x: Float64Array;
  y: Float64Array;
  scale: Float64Array;
  snapped: SnappedPoints;
}

export interface NodeTimes {
  /** Seconds from the node to its nearest source (Infinity: none reachable). */
  seconds: Float64Array;
  /** That source (−1: none). */
  source: Int32Array;
  /** Nodes settled, in order (for bounded searches: the only ones whose entries were written). */
  settled: Uint32Array;
  settledCount: number;
}

export interface PointTimes {
  seconds: Float64Array;
  source: Int32Array;
}

export interface SearchOptions {
  /** Stop at this many seconds (nodes beyond keep Infinity). */
  cutoffSeconds?: number;
  /** Search from these sources only (default: all). */
  sources?: ArrayLike<number>;
  /** Reuse arrays between searches (bounded per-facility searches): they must hold Infinity / −1 on entry. */
  scratch?: NodeTimes;
}

export function createNodeTimes(nodeCount: number): NodeTimes {
  return { seconds: new Float64Array(nodeCount).fill(Infinity), source: new Int32Array(nodeCount).fill(-1), settled: new Uint32Array(nodeCount), settledCount: 0 };
}

/** Puts a scratch NodeTimes back to Infinity / −1 where the last search wrote. */
export function resetNodeTimes(times: NodeTimes, touched: number[]): void {
  for (const v of touched) {
    times.seconds[v] = Infinity;
    times.source[v] = -1;
  }
  times.settledCount = 0;
}

const queue = new FlatQueue<number>();

/**
 * Multi-source Dijkstra. A source on edge e = (a → b) at fraction t, with an off-network leg of
 * `off` seconds, is reached from a in off + t·forward(e) and from b in off + (1 − t)·backward(e).
 * Returns the nodes whose entries changed in `touched` when a scratch is passed.
 */
export function searchNetwork(graph: ModeGraph, sources: SourceSet, options: SearchOptions = {}, touched?: number[]): NodeTimes {
  const road = graph.road;
  const times = options.scratch ?? createNodeTimes(road.nodeCount);
  const { seconds, source, settled } = times;
  const cutoff = options.cutoffSeconds ?? Infinity;
  queue.clear();
  const seed = (node: number, value: number, k: number) => {
    if (value < seconds[node] && value <= cutoff) {
      if (seconds[node] === Infinity) touched?.push(node);
      seconds[node] = value;
      source[node] = k;
      queue.push(node, value);
    }
  };
  const count = options.sources ? options.sources.length : sources.snapped.edge.length;
  for (let m = 0; m < count; m++) {
    const k = options.sources ? options.sources[m] : m;
    const e = sources.snapped.edge[k];
    if (e < 0) continue;
    const off = sources.snapped.offMetres[k] / graph.offRoadMetresPerSecond;
    const t = sources.snapped.fraction[k];
    seed(road.edgeFrom[e], off + t * graph.timeForward[e], k);
    seed(road.edgeTo[e], off + (1 - t) * graph.timeBackward[e], k);
  }
  const { reverseStart, reverseSource, reverseTime } = graph;
  let settledCount = 0;
  while (queue.length > 0) {
    const value = queue.peekValue()!;
    const u = queue.pop()!;
    if (value > seconds[u]) continue; // stale entry
    settled[settledCount++] = u;
    const k = source[u];
    for (let a = reverseStart[u]; a < reverseStart[u + 1]; a++) {
      const w = reverseSource[a];
      const next = value + reverseTime[a];
      if (next < seconds[w] && next <= cutoff) {
        if (seconds[w] === Infinity) touched?.push(w);
        seconds[w] = next;
        source[w] = k;
        queue.push(w, next);
      }
    }
  }
  times.settledCount = settledCount;
  return times;
}

/**
 * Time from point i (a home, a grid cell) to its nearest source: walk to its snap point, then along
 * its edge to either end and on through the network, or along the edge straight to a source on the
 * same edge. Writes into out[i] when better than what is there.
 */
export function relaxPoint(graph: ModeGraph, nodes: NodeTimes, sources: SourceSet, onEdges: SourcesOnEdges, points: TravelPoints, i: number, out: PointTimes): void {
  const e = points.snapped.edge[i];
  if (e < 0) return;
  const road = graph.road;
  const off = points.snapped.offMetres[i] / graph.offRoadMetresPerSecond;
  const s = points.snapped.fraction[i];
  const a = road.edgeFrom[e], b = road.edgeTo[e];
  let best = out.seconds[i];
  let bestSource = out.source[i];
  const viaA = off + s * graph.timeBackward[e] + nodes.seconds[a];
  if (viaA < best) {
    best = viaA;
    bestSource = nodes.source[a];
  }
  const viaB = off + (1 - s) * graph.timeForward[e] + nodes.seconds[b];
  if (viaB < best) {
    best = viaB;
    bestSource = nodes.source[b];
  }
  for (let k = onEdges.first[e]; k >= 0; k = onEdges.next[k]) {
    {
      const t = sources.snapped.fraction[k];
      const along = t >= s ? (t - s) * graph.timeForward[e] : (s - t) * graph.timeBackward[e];
      const value = off + along + sources.snapped.offMetres[k] / graph.offRoadMetresPerSecond;
      if (value < best) {
        best = value;
        bestSource = k;
      }
    }
  }
  out.seconds[i] = best;
  out.source[i] = bestSource;
}

/** Sources (of `only`, or all) by the edge they are snapped to, as linked lists: first[e], then next[k] until −1. */
export interface SourcesOnEdges {
  first: Int32Array;
  next: Int32Array;
}

export function groupSourcesByEdge(graph: ModeGraph, sources: SourceSet, only?: ArrayLike<number>): SourcesOnEdges {
  const first = new Int32Array(graph.road.edgeCount).fill(-1);
  const next = new Int32Array(sources.snapped.edge.length).fill(-1);
  const count = only ? only.length : sources.snapped.edge.length;
  for (let m = 0; m < count; m++) {
    const k = only ? only[m] : m;
    const e = sources.snapped.edge[k];
    if (e < 0) continue;
    next[k] = first[e];
    first[e] = k;
  }
  return { first, next };
}

/** Walking straight from the point to a source within the maximum walk (ellipsoidal metres). */
export function relaxDirectWalks(graph: ModeGraph, points: TravelPoints, sourceCount: number, out: PointTimes, only?: ArrayLike<number>, cutoffSeconds = Infinity, reached?: number[]): void {
  const count = only ? only.length : sourceCount;
  for (let m = 0; m < count; m++) {
    const k = only ? only[m] : m;
    for (let w = points.walkStart[k]; w < points.walkStart[k + 1]; w++) {
      const i = points.walkPoint[w];
      const value = points.walkMetres[w] / graph.offRoadMetresPerSecond;
      if (value < out.seconds[i] && value <= cutoffSeconds) {
        if (reached && out.seconds[i] === Infinity) reached.push(i);
        out.seconds[i] = value;
        out.source[i] = k;
      }
    }
  }
}

/** The direct walks of every source to the points (see TravelPoints.walkStart). */
export function findDirectWalks(sources: { x: Float64Array; y: Float64Array; scale: Float64Array }, points: Pick<TravelPoints, 'x' | 'y' | 'scale' | 'index'>, maxWalkMetres: number): Pick<TravelPoints, 'walkStart' | 'walkPoint' | 'walkMetres'> {
  const walkStart = new Uint32Array(sources.x.length + 1);
  let walkPoint = new Uint32Array(1024);
  let walkMetres = new Float32Array(1024);
  const found = new Uint32Array(points.x.length);
  let count = 0;
  for (let k = 0; k < sources.x.length; k++) {
    const hits = maxWalkMetres > 0 ? points.index.withinInto(sources.x[k], sources.y[k], maxWalkMetres * sources.scale[k], found) : 0;
    if (count + hits > walkPoint.length) {
      const size = Math.max(2 * walkPoint.length, count + hits);
      const grownPoints = new Uint32Array(size);
      grownPoints.set(walkPoint);
      walkPoint = grownPoints;
      const grownMetres = new Float32Array(size);
      grownMetres.set(walkMetres);
      walkMetres = grownMetres;
    }
    for (let h = 0; h < hits; h++) {
      const i = found[h];
      const metres = Math.hypot(points.x[i] - sources.x[k], points.y[i] - sources.y[k]) / points.scale[i];
      if (metres > maxWalkMetres) continue;
      walkPoint[count] = i;
      walkMetres[count++] = metres;
    }
    walkStart[k + 1] = count;
  }
  return { walkStart, walkPoint: walkPoint.slice(0, count), walkMetres: walkMetres.slice(0, count) };
}

export interface PointTimeOptions {
  /** Sources searched (default all): must match the search's. */
  sources?: ArrayLike<number>;
}

/** Time from every point to its nearest source, after searchNetwork over the same sources. */
export function timesAtPoints(graph: ModeGraph, nodes: NodeTimes, sources: SourceSet, points: TravelPoints, options: PointTimeOptions = {}): PointTimes {
  const n = points.x.length;
  const out: PointTimes = { seconds: new Float64Array(n).fill(Infinity), source: new Int32Array(n).fill(-1) };
  const byEdge = groupSourcesByEdge(graph, sources, options.sources);
  for (let i = 0; i < n; i++) relaxPoint(graph, nodes, sources, byEdge, points, i, out);
  relaxDirectWalks(graph, points, sources.x.length, out, options.sources);
  return out;
}

/**
 * Points one source reaches within a cutoff, after a bounded searchNetwork from that source alone:
 * only the edges at settled nodes and the points near the source are looked at. `out` must hold
 * Infinity / −1 on entry; the indices written are returned (reset them before the next source).
 */
export function pointsReachedFrom(graph: ModeGraph, nodes: NodeTimes, sources: SourceSet, k: number, points: TravelPoints, cutoffSeconds: number, out: PointTimes, edgeStamp: Int32Array): number[] {
  const reached: number[] = [];
  const byEdge = groupSourcesByEdge(graph, sources, [k]);
  const visitEdge = (e: number) => {
    if (edgeStamp[e] === k) return;
    edgeStamp[e] = k;
    for (let m = points.pointsOnEdgeStart[e]; m < points.pointsOnEdgeStart[e + 1]; m++) {
      const i = points.pointsOnEdge[m];
      const before = out.seconds[i];
      relaxPoint(graph, nodes, sources, byEdge, points, i, out);
      if (out.seconds[i] > cutoffSeconds) {
        out.seconds[i] = before;
        out.source[i] = before === Infinity ? -1 : out.source[i];
      } else if (before === Infinity) reached.push(i);
    }
  };
  const ownEdge = sources.snapped.edge[k];
  if (ownEdge >= 0) visitEdge(ownEdge);
  for (let m = 0; m < nodes.settledCount; m++) {
    const u = nodes.settled[m];
    for (let j = graph.incidentStart[u]; j < graph.incidentStart[u + 1]; j++) visitEdge(graph.incidentEdge[j]);
  }
  relaxDirectWalks(graph, points, sources.x.length, out, [k], cutoffSeconds, reached);
  return reached;
}
