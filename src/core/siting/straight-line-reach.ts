// Straight-line reach of candidate sites: the cells whose centroid lies within R metres on the
// ellipsoid, found in the prepared k-d tree as the plane disc of radius R·k (k the point scale
// factor at the candidate; see ARCHITECTURE.md "Measuring on the ellipsoid"). Costs for p-median are
// the plane distance divided by the mean of the two points' scale factors.

import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { CandidateReach, CandidateSet } from './siting-types.ts';

export function straightLineReach(prepared: PreparedDataset, candidates: CandidateSet, metres: number): CandidateReach {
  const { cells, cellIndex, places, placeIndex } = prepared;
  const found = new Uint32Array(Math.max(cells.x.length, places.x.length));
  const cellsOf = (j: number) => {
    const hits = cellIndex.withinInto(candidates.x[j], candidates.y[j], metres * candidates.scale[j], found);
    return found.slice(0, hits);
  };
  return {
    label: { zh: `直线 ${metres} 米`, en: `straight line ${metres} m` },
    cellsOf,
    placesOf(j) {
      if (places.x.length === 0) return new Uint32Array(0);
      const hits = placeIndex.withinInto(candidates.x[j], candidates.y[j], metres * candidates.scale[j], found);
      return found.slice(0, hits);
    },
    costsOf(j) {
      const reached = cellsOf(j);
      return Float64Array.from(reached, (c) => {
        const k = (candidates.scale[j] + cells.scale[c]) / 2;
        return Math.hypot(cells.x[c] - candidates.x[j], cells.y[c] - candidates.y[j]) / k;
      });
    },
  };
}
