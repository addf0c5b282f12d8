// Travel-time reach of candidate sites over the road network (src/core/network): the population
// cells and target places from which a candidate is reached within the limit, with their times
// (minutes, for p-median). Measured exactly as the travel-time coverage of existing facilities:
// the candidates are snapped to the mode's graph like facilities, a home walks to its snap point
// and on along the roads (or straight to a candidate within the direct-walk distance), and each
// candidate's set is what one search bounded by the limit settles from that candidate alone (over
// the reversed arcs, so the times are from the homes to the site; search-from-site.ts).
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
import { TRAVEL_MODE_NAMES } from '../network/travel-modes.ts';
import type { CandidateReach, CandidateSet } from './siting-types.ts';
import { searchFromSites } from './search-from-site.ts';

/**
 * The candidates' travel-time reach. Throws the network's UnsupportedReachError when the dataset
 * has no road layer (the reach engine turns it into a message).
 */
export function travelTimeReach(prepared: PreparedDataset, candidates: CandidateSet, reach: Extract<Reach, { kind: 'travel-time' }>, run: RunOptions = {}): CandidateReach {
  const mode = travelModeOfReach(reach);
  const network = travelModeNetworkOf(prepared, mode, run);
  const search = searchFromSites(network, ['cells', 'places'], candidates);
  const limit = reach.minutes * 60;
  const count = candidates.x.length;
  // Per candidate, the cells it reaches and their times (minutes): CSR over candidates.
  const start = new Uint32Array(count + 1);
  const cells: number[] = [];
  const minutes: number[] = [];
  const places: Uint32Array[] = [];
  for (let j = 0; j < count; j++) {
    if ((j & 63) === 0) {
      throwIfAborted(run.signal);
      run.onProgress?.(j / count, 'travel-time reach');
    }
    const reached = search(j, limit);
    reached.cells.points.forEach((i, m) => {
      cells.push(i);
      minutes.push(reached.cells.seconds[m] / 60);
    });
    start[j + 1] = cells.length;
    places[j] = Uint32Array.from(reached.places.points);
  }
  run.onProgress?.(1, 'travel-time reach');
  const cellList = Uint32Array.from(cells);
  const minuteList = Float64Array.from(minutes);
  const modeName = TRAVEL_MODE_NAMES[mode];
  return {
    label: { zh: `${modeName.zh} ${reach.minutes} 分钟`, en: `${reach.minutes} min ${modeName.en}` },
    cellsOf: (j) => cellList.subarray(start[j], start[j + 1]),
    costsOf: (j) => minuteList.subarray(start[j], start[j + 1]),
    placesOf: (j) => places[j],
  };
}
