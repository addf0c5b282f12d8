// Travel-time reach of candidate sites over the road network (src/core/network): the population
// cells and target places from which a candidate is reached within the limit, with their times
// (minutes, for p-median). Measured exactly as the travel-time coverage of existing facilities:
// the candidates are snapped to the mode's graph like facilities, a home walks to its snap point
// and on along the roads (or straight to a candidate within the direct-walk distance), and each
// candidate's set is what one search bounded by the limit settles (searchNetwork from that
// candidate alone, over the reversed arcs, so the times are from the homes to the site), read
// off with pointsReachedFrom.
//
// Why a bounded search from each candidate and not a reverse search from the demand: a candidate's
// covering set is exactly one search from it, read off once, in the shape the solvers ask for
// (sets by candidate). From the demand side every populated cell needs its own search, bounded by
// the same limit, and the candidates each one reaches must be read off and inverted — the same
// cell–candidate pairs, through more searches. Measured on the demo (npm run
// bench:siting-travel-time, 15 min walk, load average 30): 21,810 candidate searches took 223 ms,
// the 69,846 cell searches an estimated 222 ms, searches only; the read-off of the reached points
// (390,946 pairs) is most of the 4.8 s either way, so the candidate side, with no inversion and no
// point index for the candidates to build, is the one kept.
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { Reach } from '../coverage/coverage-types.ts';
import { throwIfAborted, type RunOptions } from '../types.ts';
import { travelModeNetworkOf, travelModeOfReach } from '../network/travel-time-coverage-of-dataset.ts';
import { createNodeTimes, findDirectWalks, pointsReachedFrom, resetNodeTimes, searchNetwork, type PointTimes, type SourceSet } from '../network/search-network.ts';
import { snapToNetwork } from '../network/snap-to-network.ts';
import type { CandidateReach, CandidateSet } from './siting-types.ts';
import { TRAVEL_MODE_NAMES } from '../network/travel-modes.ts';

/** Per candidate, the points it reaches and their times: CSR over candidates. */
interface ReachedPoints {
  start: Uint32Array;
  point: Uint32Array;
  minutes: Float64Array;
}

function collect(count: number, reachOf: (j: number, push: (point: number, seconds: number) => void) => void): ReachedPoints {
  const start = new Uint32Array(count + 1);
  const point: number[] = [];
  const minutes: number[] = [];
  for (let j = 0; j < count; j++) {
    reachOf(j, (i, seconds) => {
      point.push(i);
      minutes.push(seconds / 60);
    });
    start[j + 1] = point.length;
  }
  return { start, point: Uint32Array.from(point), minutes: Float64Array.from(minutes) };
}

/**
 * The candidates' travel-time reach. Throws the network's UnsupportedReachError when the dataset
 * has no road layer (the reach engine turns it into a message).
 */
export function travelTimeReach(prepared: PreparedDataset, candidates: CandidateSet, reach: Extract<Reach, { kind: 'travel-time' }>, run: RunOptions = {}): CandidateReach {
  const mode = travelModeOfReach(reach);
  const network = travelModeNetworkOf(prepared, mode, run);
  const { graph } = network;
  const snapped = snapToNetwork(graph, candidates, network.maxSnapMetres);
  // The direct walks of the network's point sets belong to the facilities: the candidates get their own.
  const cellWalks = findDirectWalks(candidates, network.cells, network.directWalkMetres);
  const placeWalks = findDirectWalks(candidates, network.places, network.directWalkMetres);
  const limit = reach.minutes * 60;
  const scratch = createNodeTimes(graph.road.nodeCount);
  const times = (n: number): PointTimes => ({ seconds: new Float64Array(n).fill(Infinity), source: new Int32Array(n).fill(-1) });
  const cellTimes = times(network.cells.x.length);
  const placeTimes = times(network.places.x.length);
  // Edge stamps say "read off for source 0" (every search is of a one-source set): cleared after each
  // candidate where it wrote them (its own edge, the edges at the nodes it settled).
  const cellStamp = new Int32Array(graph.road.edgeCount).fill(-1);
  const placeStamp = new Int32Array(graph.road.edgeCount).fill(-1);
  const clearStamps = (own: number) => {
    if (own >= 0) cellStamp[own] = placeStamp[own] = -1;
    for (let m = 0; m < scratch.settledCount; m++) {
      const u = scratch.settled[m];
      for (let a = graph.incidentStart[u]; a < graph.incidentStart[u + 1]; a++) cellStamp[graph.incidentEdge[a]] = placeStamp[graph.incidentEdge[a]] = -1;
    }
  };
  const one = (values: ArrayLike<number>, j: number) => Float64Array.of(values[j]);
  /** Candidate j's direct walks as the walks of source 0 of a one-source set. */
  const walksOf = (walks: typeof cellWalks, j: number) => ({
    walkStart: Uint32Array.of(0, walks.walkStart[j + 1] - walks.walkStart[j]),
    walkPoint: walks.walkPoint.subarray(walks.walkStart[j], walks.walkStart[j + 1]),
    walkMetres: walks.walkMetres.subarray(walks.walkStart[j], walks.walkStart[j + 1]),
  });
  const places: Uint32Array[] = [];
  const count = candidates.x.length;
  const reachedCells = collect(count, (j, push) => {
    if ((j & 63) === 0) {
      throwIfAborted(run.signal);
      run.onProgress?.(j / count, 'travel-time reach');
    }
    // Each candidate searched as a set of one: the network's read-off allocates per source in the set.
    const source: SourceSet = {
      x: one(candidates.x, j),
      y: one(candidates.y, j),
      scale: one(candidates.scale, j),
      snapped: { ...snapped, edge: Int32Array.of(snapped.edge[j]), fraction: Float64Array.of(snapped.fraction[j]), offMetres: Float64Array.of(snapped.offMetres[j]) },
    };
    const touched: number[] = [];
    searchNetwork(graph, source, { cutoffSeconds: limit, scratch }, touched);
    for (const i of pointsReachedFrom(graph, scratch, source, 0, { ...network.cells, ...walksOf(cellWalks, j) }, limit, cellTimes, cellStamp)) {
      push(i, cellTimes.seconds[i]);
      cellTimes.seconds[i] = Infinity;
      cellTimes.source[i] = -1;
    }
    const reachedPlaces = pointsReachedFrom(graph, scratch, source, 0, { ...network.places, ...walksOf(placeWalks, j) }, limit, placeTimes, placeStamp);
    for (const i of reachedPlaces) {
      placeTimes.seconds[i] = Infinity;
      placeTimes.source[i] = -1;
    }
    places[j] = Uint32Array.from(reachedPlaces);
    clearStamps(snapped.edge[j]);
    resetNodeTimes(scratch, touched);
  });
  run.onProgress?.(1, 'travel-time reach');
  const modeName = TRAVEL_MODE_NAMES[mode];
  return {
    label: { zh: `${modeName.zh} ${reach.minutes} 分钟`, en: `${reach.minutes} min ${modeName.en}` },
    cellsOf: (j) => reachedCells.point.subarray(reachedCells.start[j], reachedCells.start[j + 1]),
    costsOf: (j) => reachedCells.minutes.subarray(reachedCells.start[j], reachedCells.start[j + 1]),
    placesOf: (j) => places[j],
  };
}
