// Travel times to the nearest facility after one what-if edit, from the search before it, without
// searching from every facility again. The multi-source search's node times (kept with the result,
// made on the first edit) say for every road node its time to the nearest selected facility and
// which facility that is:
//   - a removed facility: only the nodes it was nearest to are searched again (a Dijkstra over
//     them alone, started from their kept neighbours' times along their own arcs and from the
//     facilities snapped onto them: the other nodes' shortest paths do not pass through them), and only the points
//     (population cells, places, grid cells) it was nearest to are read again from their edges;
//   - an added facility: one search from it alone, pruned wherever it is not nearer than the kept
//     time, so it settles exactly the nodes it becomes nearest to; the points on their edges and
//     its direct walks are read again.
// A move is a removal and an addition. The times are the full search's (the same path sums, added in
// the same order; test/what-if/update-travel-times.test.ts), and the facility each point is
// nearest to is the full search's up to ties between facilities at equal times. Dataset indices
// after a removal shift: the kept sources are renumbered.
import FlatQueue from 'flatqueue';
import type { Facility } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { TravelModeNetwork } from '../network/prepare-travel-network.ts';
import type { TravelTimeResult } from '../network/compute-travel-times.ts';
import { groupSourcesByEdge, relaxDirectWalks, relaxPoint, searchNetwork, type NodeTimes, type PointTimes, type TravelPoints } from '../network/search-network.ts';

/** The multi-source search's node times behind a result (for the next edit). */
const nodeTimesOf = new WeakMap<TravelTimeResult, { seconds: Float64Array; source: Int32Array }>();

/** A source index standing for the removed facility while the times are renumbered. */
const REMOVED = -2;

const POINT_SETS = ['cells', 'places', 'grid'] as const;
type PointSet = (typeof POINT_SETS)[number];

/** What an edit changed: the points (per set) whose time changed, for the figures that follow them. */
interface TravelTimeChange {
  changed: Record<PointSet, number[]>;
}

/** The change that made a carried result (the coverage read off it follows the same points). */
const changes = new WeakMap<TravelTimeResult, TravelTimeChange>();

/** What the edit that made `times` changed (undefined: `times` was not made by an edit). */
export function travelTimeChangeOf(times: TravelTimeResult): TravelTimeChange | undefined {
  return changes.get(times);
}

const queue = new FlatQueue<number>();

/**
 * `source` renumbered from `before`'s facility indices to `after`'s (by object); the entries of the
 * removed facility become REMOVED and are listed in `removed`.
 */
function renumbered(source: Int32Array, renumber: Int32Array, removed?: number[]): Int32Array {
  const out = new Int32Array(source.length);
  for (let i = 0; i < source.length; i++) {
    const k = source[i] < 0 ? source[i] : renumber[source[i]];
    out[i] = k;
    if (k === REMOVED) removed?.push(i);
  }
  return out;
}

/**
 * Searches again the nodes the removed facility was nearest to (`removedNodes`), and reads again
 * the points it was nearest to (`removedPoints`, per set).
 */
function removeSource(
  network: TravelModeNetwork,
  nodes: { seconds: Float64Array; source: Int32Array },
  points: Record<PointSet, PointTimes>,
  selected: ArrayLike<number>,
  removedNodes: readonly number[],
  removedPoints: Record<PointSet, number[]>,
  changed: Record<PointSet, number[]>,
): void {
  const { graph } = network;
  const { reverseStart, reverseSource, reverseTime, incidentStart, incidentEdge, timeForward, timeBackward } = graph;
  const road = graph.road;
  const { seconds, source } = nodes;
  const inRemoved = new Uint8Array(road.nodeCount);
  for (const v of removedNodes) {
    inRemoved[v] = 1;
    seconds[v] = Infinity;
    source[v] = -1;
  }
  queue.clear();
  const relax = (w: number, value: number, k: number) => {
    if (inRemoved[w] && value < seconds[w]) {
      seconds[w] = value;
      source[w] = k;
      queue.push(w, value);
    }
  };
  if (removedNodes.length > 0) {
    // From the kept nodes next to them (their times are final), along each arc w → u out of a
    // node w searched again: the time searchNetwork adds when it relaxes w from u.
    for (const w of removedNodes) {
      for (let j = incidentStart[w]; j < incidentStart[w + 1]; j++) {
        const e = incidentEdge[j];
        if (road.edgeFrom[e] === w && timeForward[e] < Infinity) {
          const u = road.edgeTo[e];
          if (!inRemoved[u] && seconds[u] < Infinity) relax(w, seconds[u] + timeForward[e], source[u]);
        }
        if (road.edgeTo[e] === w && timeBackward[e] < Infinity) {
          const u = road.edgeFrom[e];
          if (!inRemoved[u] && seconds[u] < Infinity) relax(w, seconds[u] + timeBackward[e], source[u]);
        }
      }
    }
    // From the facilities snapped onto their edges (as searchNetwork seeds them).
    const facilities = network.facilities;
    for (let m = 0; m < selected.length; m++) {
      const k = selected[m];
      const e = facilities.snapped.edge[k];
      if (e < 0) continue;
      const off = facilities.snapped.offMetres[k] / graph.offRoadMetresPerSecond;
      const t = facilities.snapped.fraction[k];
      relax(road.edgeFrom[e], off + t * timeForward[e], k);
      relax(road.edgeTo[e], off + (1 - t) * timeBackward[e], k);
    }
    while (queue.length > 0) {
      const value = queue.peekValue()!;
      const u = queue.pop()!;
      if (value > seconds[u]) continue;
      for (let a = reverseStart[u]; a < reverseStart[u + 1]; a++) relax(reverseSource[a], value + reverseTime[a], source[u]);
    }
  }
  const times: NodeTimes = { seconds, source, settled: new Uint32Array(0), settledCount: 0 };
  const onEdges = groupSourcesByEdge(graph, network.facilities, selected);
  for (const set of POINT_SETS) {
    const out = points[set];
    const again = removedPoints[set];
    if (again.length === 0) continue;
    for (const i of again) {
      out.seconds[i] = Infinity;
      out.source[i] = -1;
    }
    for (const i of again) relaxPoint(graph, times, network.facilities, onEdges, network[set], i, out);
    // Direct walks of the other facilities: a point whose time was kept has them already.
    relaxDirectWalks(graph, network[set], network.facilities.x.length, out, selected);
    changed[set].push(...again);
  }
}

/** Searches from the added facility `f` alone where it is nearer than the kept times, and reads again the points on the edges it reached. */
function addSource(network: TravelModeNetwork, nodes: { seconds: Float64Array; source: Int32Array }, points: Record<PointSet, PointTimes>, f: number, changed: Record<PointSet, number[]>): void {
  const { graph } = network;
  const { reverseStart, reverseSource, reverseTime } = graph;
  const road = graph.road;
  const { seconds, source } = nodes;
  const reached: number[] = [];
  queue.clear();
  const relax = (w: number, value: number) => {
    if (value < seconds[w]) {
      if (source[w] !== f) reached.push(w);
      seconds[w] = value;
      source[w] = f;
      queue.push(w, value);
    }
  };
  const facilities = network.facilities;
  const e = facilities.snapped.edge[f];
  if (e >= 0) {
    const off = facilities.snapped.offMetres[f] / graph.offRoadMetresPerSecond;
    const t = facilities.snapped.fraction[f];
    relax(road.edgeFrom[e], off + t * graph.timeForward[e]);
    relax(road.edgeTo[e], off + (1 - t) * graph.timeBackward[e]);
  }
  while (queue.length > 0) {
    const value = queue.peekValue()!;
    const u = queue.pop()!;
    if (value > seconds[u]) continue;
    for (let a = reverseStart[u]; a < reverseStart[u + 1]; a++) relax(reverseSource[a], value + reverseTime[a]);
  }
  const times: NodeTimes = { seconds, source, settled: new Uint32Array(0), settledCount: 0 };
  const onEdges = groupSourcesByEdge(graph, facilities, [f]);
  const edges = new Set<number>();
  if (e >= 0) edges.add(e);
  for (const u of reached) for (let j = graph.incidentStart[u]; j < graph.incidentStart[u + 1]; j++) edges.add(graph.incidentEdge[j]);
  for (const set of POINT_SETS) {
    const out = points[set];
    const at: TravelPoints = network[set];
    const before = new Map<number, number>();
    for (const edge of edges) {
      for (let m = at.pointsOnEdgeStart[edge]; m < at.pointsOnEdgeStart[edge + 1]; m++) {
        const i = at.pointsOnEdge[m];
        if (!before.has(i)) before.set(i, out.seconds[i]);
        relaxPoint(graph, times, facilities, onEdges, at, i, out);
      }
    }
    for (let w = at.walkStart[f]; w < at.walkStart[f + 1]; w++) if (!before.has(at.walkPoint[w])) before.set(at.walkPoint[w], out.seconds[at.walkPoint[w]]);
    relaxDirectWalks(graph, at, facilities.x.length, out, [f]);
    for (const [i, seconds] of before) if (out.seconds[i] !== seconds) changed[set].push(i);
  }
}

/**
 * `previous` (the travel times of `selectedBefore` on `before`, over `beforeNetwork`) after one
 * facility edit: `after` is `before` with `removed` (a facility of `before`, if it was selected)
 * gone and `added` (an index of `after`, if selected now) added; `selectedAfter` the selection on
 * `after`, `network` the mode's network for `after`.
 */
export function updateTravelTimes(
  before: PreparedDataset,
  after: PreparedDataset,
  beforeNetwork: TravelModeNetwork,
  network: TravelModeNetwork,
  previous: TravelTimeResult,
  selectedAfter: Uint32Array,
  change: { removed?: number; added?: number },
): { times: TravelTimeResult; change: TravelTimeChange } {
  const removes = change.removed !== undefined && previous.facilityIndices.includes(change.removed);
  const adds = change.added !== undefined && selectedAfter.includes(change.added);
  const changed: Record<PointSet, number[]> = { cells: [], places: [], grid: [] };
  if (!removes && !adds && before.dataset.facilities.length <= after.dataset.facilities.length) {
    // Nothing selected moved and no index shifted (an added or moved facility of another service).
    const times = { ...previous, facilityIndices: selectedAfter };
    const kept = nodeTimesOf.get(previous);
    if (kept) nodeTimesOf.set(times, kept);
    changes.set(times, { changed });
    return { times, change: { changed } };
  }
  const indexAfter = new Map<Facility, number>(after.dataset.facilities.map((facility, i) => [facility, i]));
  const renumber = Int32Array.from(before.dataset.facilities, (facility, i) => (i === change.removed ? REMOVED : (indexAfter.get(facility) ?? -1)));
  const removedPoints: Record<PointSet, number[]> = { cells: [], places: [], grid: [] };
  const points = Object.fromEntries(POINT_SETS.map((set) => [set, { seconds: previous[set].seconds.slice(), source: renumbered(previous[set].source, renumber, removedPoints[set]) }])) as Record<PointSet, PointTimes>;
  let kept = nodeTimesOf.get(previous);
  // Only renumbered (a facility of another service removed): the node times follow if kept, and are searched on the next edit that needs them otherwise.
  if (!removes && !adds) {
    const times: TravelTimeResult = { facilityIndices: selectedAfter, ...points };
    if (kept) nodeTimesOf.set(times, { seconds: kept.seconds, source: renumbered(kept.source, renumber) });
    changes.set(times, { changed });
    return { times, change: { changed } };
  }
  kept ??= searchNetwork(beforeNetwork.graph, beforeNetwork.facilities, { sources: previous.facilityIndices });
  const removedNodes: number[] = [];
  const nodes = { seconds: kept.seconds.slice(), source: renumbered(kept.source, renumber, removedNodes) };
  // The added facility (a moved one's new position too) is searched from on its own afterwards: a
  // seed of it here would leave its search nothing strictly nearer to go on from.
  if (removes) removeSource(network, nodes, points, adds ? selectedAfter.filter((f) => f !== change.added) : selectedAfter, removedNodes, removedPoints, changed);
  if (adds) addSource(network, nodes, points, change.added!, changed);
  const times: TravelTimeResult = { facilityIndices: selectedAfter, ...points };
  nodeTimesOf.set(times, nodes);
  changes.set(times, { changed });
  return { times, change: { changed } };
}
