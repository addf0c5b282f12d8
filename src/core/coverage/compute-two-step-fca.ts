// Two-step floating catchment area (Luo & Wang 2003): spreads each facility's capacity over the
// people within its catchment, then sums, for every cell, the supply ratios of the facilities
// that reach it. Step 1: R_j = S_j / Σ_{k: d(k,j) ≤ d0} P_k. Step 2: A_i = Σ_{j: d(i,j) ≤ d0} R_j.
// Reported per 1,000 people. Conservation: Σ_i P_i·A_i = Σ_j S_j over facilities with demand.
import type { RunOptions } from '../types.ts';
import { throwIfAborted } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { FacilityFilter, TwoStepFcaResult } from './coverage-types.ts';
import { selectFacilities } from './select-facilities.ts';

export interface TwoStepFcaRequest {
  filter: FacilityFilter;
  catchmentMetres: number;
  /** Cohort whose head count is the demand (e.g. age0_3); default: total population. */
  cohort?: string;
}

export function populationWeightedMean(index: Float64Array, demand: Float64Array, cellZone: Int32Array, zoneCount: number): Float64Array {
  const weighted = new Float64Array(zoneCount);
  const total = new Float64Array(zoneCount);
  for (let i = 0; i < cellZone.length; i++) {
    const z = cellZone[i];
    if (z < 0 || demand[i] <= 0) continue;
    weighted[z] += demand[i] * index[i];
    total[z] += demand[i];
  }
  return weighted.map((w, z) => (total[z] > 0 ? w / total[z] : 0));
}

export function computeTwoStepFca(prepared: PreparedDataset, request: TwoStepFcaRequest, run: RunOptions = {}): TwoStepFcaResult {
  const selected = selectFacilities(prepared.dataset, request.filter);
  const { population, cohorts } = prepared.dataset.population;
  const demand = request.cohort ? cohorts[request.cohort] : population;
  if (!demand) throw new Error(`unknown cohort '${request.cohort}'`);
  const cellCount = prepared.cells.x.length;
  const cellIndex = new Float64Array(cellCount);
  // Every catchment's cells in one growing buffer (start offsets per facility) rather than a JS
  // array of numbers per facility, which the collector had to trace and free on a province.
  const found = new Uint32Array(Math.max(1, cellCount));
  let reached = new Uint32Array(1 << 16);
  const starts = new Uint32Array(selected.length + 1);
  const ratios = new Float64Array(selected.length);
  selected.forEach((f, k) => {
    if ((k & 1023) === 0) {
      throwIfAborted(run.signal);
      run.onProgress?.((0.5 * k) / selected.length, '2SFCA');
    }
    const r = request.catchmentMetres * prepared.facilities.scale[f];
    const hits = prepared.cellIndex.withinInto(prepared.facilities.x[f], prepared.facilities.y[f], r, found);
    if (starts[k] + hits > reached.length) {
      const grown = new Uint32Array(Math.max(2 * reached.length, starts[k] + hits));
      grown.set(reached.subarray(0, starts[k]));
      reached = grown;
    }
    let catchmentDemand = 0;
    for (let h = 0; h < hits; h++) {
      const i = found[h];
      reached[starts[k] + h] = i;
      catchmentDemand += demand[i];
    }
    starts[k + 1] = starts[k] + hits;
    ratios[k] = catchmentDemand > 0 ? ((prepared.dataset.facilities[f].capacity ?? 0) / catchmentDemand) * 1000 : 0;
  });
  for (let k = 0; k < selected.length; k++) {
    for (let h = starts[k]; h < starts[k + 1]; h++) cellIndex[reached[h]] += ratios[k];
  }
  const inRegion = new Int32Array(prepared.cellTownship.length);
  for (let i = 0; i < inRegion.length; i++) inRegion[i] = prepared.cellTownship[i] >= 0 ? 0 : -1;
  run.onProgress?.(1, '2SFCA');
  return {
    catchmentMetres: request.catchmentMetres,
    cellIndex,
    townships: populationWeightedMean(cellIndex, demand, prepared.cellTownship, prepared.townships.count),
    counties: populationWeightedMean(cellIndex, demand, prepared.cellCounty, prepared.counties.count),
    region: populationWeightedMean(cellIndex, demand, inRegion, 1),
  };
}
