// Distance from every population cell to its nearest selected facility, and its
// population-weighted median and 90th percentile per township, county and region.
// Distances are ellipsoidal: the projected distance divided by the scale factor at the cell
// (relative error below 1e-6 at the 10-km scale where it matters).
import Flatbush from 'flatbush';
import type { RunOptions } from '../types.ts';
import { throwIfAborted } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { FacilityFilter, NearestDistanceResult } from './coverage-types.ts';
import { selectFacilities } from './select-facilities.ts';

/**
 * Population-weighted quantiles per zone. `order` lists cells by increasing value; the q-quantile
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
    const index = new Flatbush(selected.length);
    for (const f of selected) index.add(prepared.facilities.x[f], prepared.facilities.y[f]);
    index.finish();
    for (let i = 0; i < n; i++) {
      if ((i & 16383) === 0) {
        throwIfAborted(run.signal);
        run.onProgress?.((0.9 * i) / n, 'nearest');
      }
      if (population[i] <= 0) continue;
      const [k] = index.neighbors(x[i], y[i], 1);
      const f = selected[k];
      cellDistance[i] = Math.hypot(prepared.facilities.x[f] - x[i], prepared.facilities.y[f] - y[i]) / scale[i];
    }
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => cellDistance[a] - cellDistance[b]);
  const quantiles = (cellZone: Int32Array, count: number) => {
    const [median, p90] = weightedQuantilesByZone(cellDistance, population, cellZone, count, [0.5, 0.9], order);
    return { median, p90 };
  };
  const inRegion = Int32Array.from(prepared.cellTownship, (z) => (z >= 0 ? 0 : -1));
  run.onProgress?.(1, 'nearest');
  return {
    cellDistance,
    townships: quantiles(prepared.cellTownship, prepared.townships.count),
    counties: quantiles(prepared.cellCounty, prepared.counties.count),
    region: quantiles(inRegion, 1),
  };
}
