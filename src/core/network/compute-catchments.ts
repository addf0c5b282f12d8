// Catchments: every person and every grid cell goes to the facility they reach first; each
// facility's served population (and cohorts) and allocated area (ellipsoidal km²), optionally
// only within a time limit.
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { TravelModeNetwork } from './prepare-travel-network.ts';
import type { TravelTimeResult } from './compute-travel-times.ts';

export interface CatchmentResult {
  /** Dataset indices of the selected facilities; the arrays below follow this order. */
  facilityIndices: Uint32Array;
  servedPopulation: Float64Array;
  servedCohorts: Record<string, Float64Array>;
  allocatedAreaKm2: Float64Array;
  /** People who reach no facility within the limit. */
  unservedPopulation: number;
}

export function computeCatchments(prepared: PreparedDataset, network: TravelModeNetwork, times: TravelTimeResult, limitMinutes = Infinity): CatchmentResult {
  const limit = limitMinutes * 60;
  const slot = new Map<number, number>();
  times.facilityIndices.forEach((f, k) => slot.set(f, k));
  const count = times.facilityIndices.length;
  const servedPopulation = new Float64Array(count);
  const servedCohorts = Object.fromEntries(prepared.cohortNames.map((name) => [name, new Float64Array(count)]));
  const { population, cohorts } = prepared.dataset.population;
  let unservedPopulation = 0;
  for (let i = 0; i < population.length; i++) {
    const f = times.cells.source[i];
    if (f < 0 || !(times.cells.seconds[i] <= limit)) {
      unservedPopulation += population[i];
      continue;
    }
    const k = slot.get(f)!;
    servedPopulation[k] += population[i];
    for (const name of prepared.cohortNames) servedCohorts[name][k] += cohorts[name][i];
  }
  const allocatedAreaKm2 = new Float64Array(count);
  const cellSquareMetres = network.network.grid.cellMetres ** 2;
  for (let g = 0; g < times.grid.source.length; g++) {
    const f = times.grid.source[g];
    if (f < 0 || !(times.grid.seconds[g] <= limit)) continue;
    const k = network.grid.scale[g];
    allocatedAreaKm2[slot.get(f)!] += cellSquareMetres / (k * k) / 1e6;
  }
  return { facilityIndices: times.facilityIndices, servedPopulation, servedCohorts, allocatedAreaKm2, unservedPopulation };
}
