// Travel time from every population cell, target place and grid cell to the nearest of the given
// facilities, and which facility that is: one multi-source search per request.
import { throwIfAborted, type RunOptions } from '../types.ts';
import type { TravelModeNetwork } from './prepare-travel-network.ts';
import { searchNetwork, timesAtPoints, type NodeTimes, type PointTimes } from './search-network.ts';

export interface TravelTimeResult {
  /** Indices (into Dataset.facilities) of the selected facilities. */
  facilityIndices: Uint32Array;
  /** Per population cell / target place / active grid cell: seconds to the nearest facility (Infinity: unreachable) and its dataset index (−1). */
  cells: PointTimes;
  places: PointTimes;
  grid: PointTimes;
}

/**
 * Times from the given facilities (dataset indices). The grid cells' times are worked out when
 * first read (they need the travel grid, built on first use: prepare-travel-network.ts); until
 * then the search's node times are kept for them.
 */
export function travelTimesFrom(network: TravelModeNetwork, selected: Uint32Array, run: RunOptions = {}): TravelTimeResult {
  run.onProgress?.(0, 'search network');
  let nodes: NodeTimes | null = searchNetwork(network.graph, network.facilities, { sources: selected });
  throwIfAborted(run.signal);
  const options = { sources: selected };
  run.onProgress?.(0.5, 'travel times');
  const cells = timesAtPoints(network.graph, nodes, network.facilities, network.cells, options);
  const places = timesAtPoints(network.graph, nodes, network.facilities, network.places, options);
  run.onProgress?.(1, 'travel times');
  let grid: PointTimes | undefined;
  return {
    facilityIndices: selected,
    cells,
    places,
    get grid() {
      if (!grid) {
        grid = timesAtPoints(network.graph, nodes!, network.facilities, network.grid, options);
        nodes = null;
      }
      return grid;
    },
  };
}
