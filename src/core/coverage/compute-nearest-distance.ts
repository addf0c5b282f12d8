// Distance from every population cell to its nearest selected facility, and its
// population-weighted median and 90th percentile per township, county and region.
// Distances are ellipsoidal: the projected distance divided by the scale factor at the cell
// (relative error below 1e-6 at the 10-km scale where it matters).
import type { RunOptions } from '../types.ts';
import { throwIfAborted } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { FacilityFilter, NearestDistanceResult } from './coverage-types.ts';
import { selectFacilities } from './select-facilities.ts';
import { gatherValues } from './gather-values.ts';
import { findNearestSquared } from './find-nearest-squared.ts';
import { selectWeightedQuantiles } from './select-weighted-quantiles.ts';

/**
 * Population-weighted quantiles per zone, for a caller that already has the cells in order by
 * value (travel times sort them anyway); without that order, selectWeightedQuantiles gives the same
 * answers in linear time. `order` lists cells by increasing value; the q-quantile
 * of a zone is the value of the first cell at which the zone's cumulative population reaches q
 * of its total (lower weighted quantile).
 */
export function weightedQuantilesByZone(
  values: Float64Array,
  weights: Float64Array,
  cellZone: Int32Array,
  zoneCount: number,
  quantiles: number[],
  order: Uint32Array,
): Float64Array[] {
  const totals = new Float64Array(zoneCount);
  for (let i = 0; i < cellZone.length; i++) if (cellZone[i] >= 0) totals[cellZone[i]] += weights[i];
  const out = quantiles.map(() => new Float64Array(zoneCount).fill(NaN));
  const cumulative = new Float64Array(zoneCount);
  const next = new Uint32Array(zoneCount); // which quantile each zone is waiting for
  for (const i of order) {
    const z = cellZone[i];
    if (z < 0 || weights[i] <= 0) continue;
    cumulative[z] += weights[i];
    while (next[z] < quantiles.length && cumulative[z] >= quantiles[next[z]] * totals[z] * (1 - 1e-12)) {
      out[next[z]][z] = values[i];
      next[z]++;
    }
  }
  return out;
}

export function computeNearestDistance(prepared: PreparedDataset, filter: FacilityFilter, run: RunOptions = {}): NearestDistanceResult {
  const selected = selectFacilities(prepared.dataset, filter);
  const { x, y, scale } = prepared.cells;
  const population = prepared.dataset.population.population;
  const n = x.length;
  const cellDistance = new Float64Array(n).fill(Infinity);
  if (selected.length > 0) {
    const fx = gatherValues(prepared.facilities.x, selected);
    const fy = gatherValues(prepared.facilities.y, selected);
    const squared = findNearestSquared(fx, fy, x, y, population, (i) => {
      throwIfAborted(run.signal);
      run.onProgress?.((0.9 * i) / n, 'nearest');
    });
    for (let i = 0; i < n; i++) if (squared[i] !== Infinity) cellDistance[i] = Math.sqrt(squared[i]) / scale[i];
  }
  run.onProgress?.(1, 'nearest');
  return nearestResult(prepared, cellDistance);
}

/** Per-cell distances with their population-weighted median and p90 per township, county and region. */
function nearestResult(prepared: PreparedDataset, cellDistance: Float64Array): NearestDistanceResult {
  const population = prepared.dataset.population.population;
  const quantiles = (cellZone: Int32Array, count: number) => {
    const [median, p90] = selectWeightedQuantiles(cellDistance, population, cellZone, count, [0.5, 0.9]);
    return { median, p90 };
  };
  const inRegion = new Int32Array(prepared.cellTownship.length);
  for (let i = 0; i < inRegion.length; i++) inRegion[i] = prepared.cellTownship[i] >= 0 ? 0 : -1;
  return {
    cellDistance,
    townships: quantiles(prepared.cellTownship, prepared.townships.count),
    counties: quantiles(prepared.cellCounty, prepared.counties.count),
    region: quantiles(inRegion, 1),
  };
}
