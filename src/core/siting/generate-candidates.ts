// Generated candidates: populated cells inside the gaps (not reached by the existing service, and
// inside a township), at most one per square of `gridMetres` (the most populated cell of the square,
// so candidates are spread evenly and the problem stays small), then the usual filters (exclusion
// zones, near a road, spacing). Candidate ids are 'G' + the cell index.

import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { CandidateSet } from './siting-types.ts';
import { projectCandidates } from './project-candidates.ts';
import { filterCandidates, type CandidateFilter } from './filter-candidates.ts';

export interface GenerateCandidatesOptions extends CandidateFilter {
  /** Per cell: 1 when already reached by the existing service (those cells are not candidates). */
  cellCovered: Uint8Array;
  /** Demand weight per cell (people or a cohort); cells with none are not candidates. */
  cellWeight: Float64Array;
  /** One candidate per grid square of this size (metres); 0 = every cell. */
  gridMetres?: number;
}

export function generateCandidates(prepared: PreparedDataset, options: GenerateCandidatesOptions) {
  const { cells, cellTownship, dataset } = prepared;
  const grid = options.gridMetres ?? 0;
  const bestInSquare = new Map<string, number>();
  const chosen: number[] = [];
  for (let i = 0; i < cells.x.length; i++) {
    if (options.cellCovered[i] === 1 || !(options.cellWeight[i] > 0) || cellTownship[i] < 0) continue;
    if (grid <= 0) {
      chosen.push(i);
      continue;
    }
    const key = `${Math.floor(cells.x[i] / grid)},${Math.floor(cells.y[i] / grid)}`;
    const previous = bestInSquare.get(key);
    if (previous === undefined || options.cellWeight[i] > options.cellWeight[previous]) bestInSquare.set(key, i);
  }
  if (grid > 0) chosen.push(...[...bestInSquare.values()].sort((a, b) => a - b));
  const { lon, lat } = dataset.population;
  const all: CandidateSet = projectCandidates(
    prepared,
    chosen.map((i) => ({ id: `G${i}`, lon: lon[i], lat: lat[i] })),
    'generated',
  );
  // Spacing keeps the most populated cells first.
  const order = chosen.map((_, n) => n).sort((a, b) => options.cellWeight[chosen[b]] - options.cellWeight[chosen[a]] || a - b);
  return filterCandidates(prepared, all, { ...options, order: options.order ?? order });
}
