// Two-step floating catchment area with travel-time catchments (Luo & Wang 2003), optionally with
// a Gaussian distance decay (Dai 2010): step 1 spreads each facility's capacity over the demand
// that reaches it within the limit, R_j = S_j / Σ_k W(t_kj)·P_k; step 2 sums, per cell, the ratios
// of the facilities it reaches, A_i = Σ_j W(t_ij)·R_j. Each facility's catchment comes from its own
// bounded search (the nearest-facility search cannot give it: catchments overlap).
import { populationWeightedMean } from '../coverage/compute-two-step-fca.ts';
import { selectFacilities } from '../coverage/select-facilities.ts';
import type { FacilityFilter } from '../coverage/coverage-types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import { throwIfAborted, type RunOptions } from '../types.ts';
import type { TravelModeNetwork } from './prepare-travel-network.ts';
import { createNodeTimes, pointsReachedFrom, resetNodeTimes, searchNetwork, type PointTimes } from './search-network.ts';

export type DistanceDecay = 'none' | 'gaussian';

export interface TravelTimeFcaRequest {
  filter: FacilityFilter;
  minutes: number;
  /** Cohort whose head count is the demand; default: total population. */
  cohort?: string;
  decay?: DistanceDecay;
}

export interface TravelTimeFcaResult {
  minutes: number;
  decay: DistanceDecay;
  /** Accessible capacity per 1,000 people, per population cell. */
  cellIndex: Float64Array;
  /** Demand-weighted mean of the cell index per township / county / region. */
  townships: Float64Array;
  counties: Float64Array;
  region: Float64Array;
}

/** Weight of a trip of t seconds within a limit of T: 1, or Dai's Gaussian (1 at 0, 0 at T). */
export function decayWeight(t: number, limit: number, decay: DistanceDecay): number {
  if (t > limit) return 0;
  if (decay === 'none') return 1;
  const edge = Math.exp(-0.5);
  return (Math.exp(-0.5 * (t / limit) ** 2) - edge) / (1 - edge);
}

export function computeTravelTimeFca(prepared: PreparedDataset, network: TravelModeNetwork, request: TravelTimeFcaRequest, run: RunOptions = {}): TravelTimeFcaResult {
  const selected = selectFacilities(prepared.dataset, request.filter);
  const { population, cohorts } = prepared.dataset.population;
  const demand = request.cohort ? cohorts[request.cohort] : population;
  if (!demand) throw new Error(`unknown cohort '${request.cohort}'`);
  const decay = request.decay ?? 'none';
  const limit = request.minutes * 60;
  const graph = network.graph;
  const scratch = createNodeTimes(graph.road.nodeCount);
  const pointTimes: PointTimes = { seconds: new Float64Array(demand.length).fill(Infinity), source: new Int32Array(demand.length).fill(-1) };
  const edgeStamp = new Int32Array(graph.road.edgeCount).fill(-1);
  // catchments as (cell, weight) lists per facility, kept for step 2
  const catchmentStart = new Uint32Array(selected.length + 1);
  const catchmentCells: number[] = [];
  const catchmentWeights: number[] = [];
  const ratios = new Float64Array(selected.length);
  selected.forEach((f, k) => {
    if ((k & 255) === 0) {
      throwIfAborted(run.signal);
      run.onProgress?.(k / selected.length, '2SFCA');
    }
    const touched: number[] = [];
    searchNetwork(graph, network.facilities, { sources: [f], cutoffSeconds: limit, scratch }, touched);
    const reached = pointsReachedFrom(graph, scratch, network.facilities, f, network.cells, limit, pointTimes, edgeStamp);
    let catchmentDemand = 0;
    for (const i of reached) {
      const weight = decayWeight(pointTimes.seconds[i], limit, decay);
      catchmentCells.push(i);
      catchmentWeights.push(weight);
      catchmentDemand += weight * demand[i];
      pointTimes.seconds[i] = Infinity;
      pointTimes.source[i] = -1;
    }
    catchmentStart[k + 1] = catchmentCells.length;
    ratios[k] = catchmentDemand > 0 ? ((prepared.dataset.facilities[f].capacity ?? 0) / catchmentDemand) * 1000 : 0;
    resetNodeTimes(scratch, touched);
    // edge stamps are keyed by the facility index: no reset needed
  });
  const cellIndex = new Float64Array(demand.length);
  for (let k = 0; k < selected.length; k++) {
    for (let m = catchmentStart[k]; m < catchmentStart[k + 1]; m++) cellIndex[catchmentCells[m]] += catchmentWeights[m] * ratios[k];
  }
  const inRegion = Int32Array.from(prepared.cellTownship, (z) => (z >= 0 ? 0 : -1));
  run.onProgress?.(1, '2SFCA');
  return {
    minutes: request.minutes,
    decay,
    cellIndex,
    townships: populationWeightedMean(cellIndex, demand, prepared.cellTownship, prepared.townships.count),
    counties: populationWeightedMean(cellIndex, demand, prepared.cellCounty, prepared.counties.count),
    region: populationWeightedMean(cellIndex, demand, inRegion, 1),
  };
}
