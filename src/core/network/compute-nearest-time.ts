// Population-weighted travel time to the nearest facility: median and 90th percentile per
// township, county and region, and the population that cannot reach any facility (a cell too far
// from every road, or on a part of the network no facility is on). An unreachable person sorts
// after every reachable one, so a quantile that falls among them is Infinity ("unreachable" in
// reports, never a number).
import { selectWeightedQuantiles } from '../coverage/select-weighted-quantiles.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { TravelTimeResult } from './compute-travel-times.ts';

export interface ZoneTimeQuantiles {
  /** Minutes; Infinity when the quantile falls among unreachable people; NaN for a zone without people. */
  median: Float64Array;
  p90: Float64Array;
  unreachablePopulation: Float64Array;
}

export interface NearestTimeResult {
  /** Minutes per population cell (Infinity: unreachable). */
  cellMinutes: Float64Array;
  /** Nearest facility per cell (dataset index, −1: unreachable). */
  cellFacility: Int32Array;
  townships: ZoneTimeQuantiles;
  counties: ZoneTimeQuantiles;
  region: ZoneTimeQuantiles;
}

export function computeNearestTime(prepared: PreparedDataset, times: TravelTimeResult): NearestTimeResult {
  const cellMinutes = Float64Array.from(times.cells.seconds, (s) => s / 60);
  const population = prepared.dataset.population.population;
  const n = cellMinutes.length;
  // Selected per zone in linear time (no sort of every cell by time): the same values as the walk
  // over cells sorted by time (test/network/travel-time-metrics.test.ts).
  const quantiles = (cellZone: Int32Array, count: number): ZoneTimeQuantiles => {
    const [median, p90] = selectWeightedQuantiles(cellMinutes, population, cellZone, count, [0.5, 0.9]);
    const unreachablePopulation = new Float64Array(count);
    for (let i = 0; i < n; i++) if (cellZone[i] >= 0 && cellMinutes[i] === Infinity) unreachablePopulation[cellZone[i]] += population[i];
    return { median, p90, unreachablePopulation };
  };
  const inRegion = Int32Array.from(prepared.cellTownship, (z) => (z >= 0 ? 0 : -1));
  return {
    cellMinutes,
    cellFacility: times.cells.source,
    townships: quantiles(prepared.cellTownship, prepared.townships.count),
    counties: quantiles(prepared.cellCounty, prepared.counties.count),
    region: quantiles(inRegion, 1),
  };
}
