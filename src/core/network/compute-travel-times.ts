// Travel time from every population cell, target place and grid cell to the nearest of the given
// facilities, and which facility that is: one multi-source search per request.
import { throwIfAborted, type RunOptions } from '../types.ts';
import type { TravelModeNetwork } from './prepare-travel-network.ts';
import { searchNetwork, timesAtPoints, type PointTimes } from './search-network.ts';

export interface TravelTimeResult {
  /** Indices (into Dataset.facilities) of the selected facilities. */
  facilityIndices: Uint32Array;
  /** Per population cell / target place / active grid cell: seconds to the nearest facility (Infinity: unreachable) and its dataset index (−1). */
  cells: PointTimes;
  places: PointTimes;
  grid: PointTimes;
}

/** Times from the given facilities (dataset indices). */
export function travelTimesFrom(network: TravelModeNetwork, selected: Uint32Array, run: RunOptions = {}): TravelTimeResult {
  run.onProgress?.(0, 'search network');
  const nodes = searchNetwork(network.graph, network.facilities, { sources: selected });
  throwIfAborted(run.signal);
  const options = { sources: selected };
  run.onProgress?.(0.5, 'travel times');
  const cells = timesAtPoints(network.graph, nodes, network.facilities, network.cells, options);
  const places = timesAtPoints(network.graph, nodes, network.facilities, network.places, options);
  throwIfAborted(run.signal);
  const grid = timesAtPoints(network.graph, nodes, network.facilities, network.grid, options);
  run.onProgress?.(1, 'travel times');
  return { facilityIndices: selected, cells, places, grid };
}
