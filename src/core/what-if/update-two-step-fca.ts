// 2SFCA after one what-if edit, from the result before it. Step 1's ratio of a facility,
// R_j = S_j / Σ_{k within d0 of j} P_k, depends only on that facility and the people around it, so
// moving, adding or removing facility f leaves every other facility's ratio as it was; step 2's
// A_i = Σ_{j within d0 of i} R_j then changes only in the cells within d0 of f's old position
// (its old R_f taken away) and of its new one (the new R_f added). No full pass over the
// facilities is kept: the update measures two catchments, and the per-zone means are summed again
// only for the zones holding a cell of those catchments, over their own cells (in cell order, as
// populationWeightedMean sums them); every other zone keeps its mean.
// Equal to computeTwoStepFca on the edited data up to the rounding of differently ordered sums
// (test/siting/what-if-incremental.test.ts).
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { TwoStepFcaResult } from '../coverage/coverage-types.ts';
import type { TwoStepFcaRequest } from '../coverage/compute-two-step-fca.ts';
import { matchesFilter } from '../coverage/select-facilities.ts';
import type { FacilityChange } from './update-coverage.ts';
import { cellsByZone, regionZones, zonesOf } from './cells-by-zone.ts';

/** Catchment cells and ratio (per 1,000) of facility f, measured as computeTwoStepFca measures them. */
function catchment(prepared: PreparedDataset, f: number, request: TwoStepFcaRequest, demand: Float64Array): { cells: number[]; ratio: number } {
  const r = request.catchmentMetres * prepared.facilities.scale[f];
  const cells = prepared.cellIndex.within(prepared.facilities.x[f], prepared.facilities.y[f], r);
  let catchmentDemand = 0;
  for (const i of cells) catchmentDemand += demand[i];
  return { cells, ratio: catchmentDemand > 0 ? ((prepared.dataset.facilities[f].capacity ?? 0) / catchmentDemand) * 1000 : 0 };
}

/** `means` (population-weighted per zone) again for the zones holding a `touched` cell, summed as populationWeightedMean sums them. */
function updateMeans(means: Float64Array, index: Float64Array, demand: Float64Array, cellZone: Int32Array, touched: number[]): Float64Array {
  const out = means.slice();
  const { start, cells } = cellsByZone(cellZone, means.length);
  for (const z of zonesOf(cellZone, touched)) {
    let weighted = 0, total = 0;
    for (let k = start[z]; k < start[z + 1]; k++) {
      const i = cells[k];
      if (demand[i] <= 0) continue;
      weighted += demand[i] * index[i];
      total += demand[i];
    }
    out[z] = total > 0 ? weighted / total : 0;
  }
  return out;
}

/** Every level's means again where the `touched` cells lie (the other zones keep theirs). */
export function updateAllMeans(result: TwoStepFcaResult, cellIndex: Float64Array, demand: Float64Array, after: PreparedDataset, touched: number[]): Pick<TwoStepFcaResult, 'townships' | 'counties' | 'region'> {
  return {
    townships: updateMeans(result.townships, cellIndex, demand, after.cellTownship, touched),
    counties: updateMeans(result.counties, cellIndex, demand, after.cellCounty, touched),
    region: updateMeans(result.region, cellIndex, demand, regionZones(after.cellTownship), touched),
  };
}

/**
 * `result` (2SFCA of `request` on `before`) after one facility edit (`after` is `before` edited as
 * `change` says). Null when the population lacks the cohort (the caller drops the entry).
 */
export function updateTwoStepFca(before: PreparedDataset, after: PreparedDataset, request: TwoStepFcaRequest, result: TwoStepFcaResult, change: FacilityChange): TwoStepFcaResult | null {
  const { population, cohorts } = after.dataset.population;
  const demand = request.cohort ? cohorts[request.cohort] : population;
  if (!demand) return null;
  const cellIndex = result.cellIndex.slice();
  const touched: number[] = [];
  const shift = (prepared: PreparedDataset, f: number | undefined, sign: number) => {
    if (f === undefined) return;
    const facility = prepared.dataset.facilities[f];
    if (!matchesFilter(facility.type, facility.properties, request.filter)) return;
    const { cells, ratio } = catchment(prepared, f, request, demand);
    for (const i of cells) cellIndex[i] += sign * ratio;
    touched.push(...cells);
  };
  shift(before, change.removed, -1);
  shift(after, change.added, 1);
  return { catchmentMetres: result.catchmentMetres, cellIndex, ...updateAllMeans(result, cellIndex, demand, after, touched) };
}
